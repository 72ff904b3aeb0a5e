import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';

/** /approvals (managers): visit plans to approve and minutes to review, oldest first; a row opens its record. */
export const ApprovalQueuePage = (_props: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const visits = useChannelQuery('visits.approvalQueue', {});
  const minutes = useChannelQuery('minutes.reviewQueue', {});
  const f = (key: string): string => t(`visits.fields.${key}`);
  const mf = (key: string): string => t(`visits.minutesFields.${key}`);
  return (
    <Stack gap="md" maw={1100}>
      <Title order={3}>{t('visits.approvals.title')}</Title>
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">
          {t('visits.approvals.visits')}
        </Text>
        <ErrorAlert error={visits.error} />
        {visits.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('visits.approvals.emptyVisits')}
          </Text>
        )}
        {!!visits.data?.length && (
          <Table highlightOnHover striped data-testid="visit-queue">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{f('formNo')}</Table.Th>
                <Table.Th>{f('customer')}</Table.Th>
                <Table.Th>{f('salesperson')}</Table.Th>
                <Table.Th>{f('plannedAt')}</Table.Th>
                <Table.Th>{f('purpose')}</Table.Th>
                <Table.Th>{t('visits.approvals.submittedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visits.data.map((v) => (
                <Table.Tr key={v.id} style={{ cursor: 'pointer' }} onClick={() => void navigate(`/visits/${v.id}`)}>
                  <Table.Td>{v.formNo}</Table.Td>
                  <Table.Td>{v.customerName}</Table.Td>
                  <Table.Td>{v.salesperson.displayName}</Table.Td>
                  <Table.Td>{formatDateTime(v.plannedAt)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1}>
                      {v.purpose}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDateTime(v.submittedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">
          {t('visits.approvals.minutes')}
        </Text>
        <ErrorAlert error={minutes.error} />
        {minutes.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('visits.approvals.emptyMinutes')}
          </Text>
        )}
        {!!minutes.data?.length && (
          <Table highlightOnHover striped data-testid="minutes-queue">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{mf('formNo')}</Table.Th>
                <Table.Th>{mf('customer')}</Table.Th>
                <Table.Th>{mf('author')}</Table.Th>
                <Table.Th>{mf('meetingDate')}</Table.Th>
                <Table.Th>{mf('title')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {minutes.data.map((m) => (
                <Table.Tr key={m.id} style={{ cursor: 'pointer' }} onClick={() => void navigate(`/minutes/${m.id}`)}>
                  <Table.Td>{m.formNo}</Table.Td>
                  <Table.Td>{m.customerName}</Table.Td>
                  <Table.Td>{m.author.displayName}</Table.Td>
                  <Table.Td>{m.meetingDate}</Table.Td>
                  <Table.Td>{m.title ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
};
