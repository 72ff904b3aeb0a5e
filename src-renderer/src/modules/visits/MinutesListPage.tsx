import { Badge, Button, Checkbox, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { SessionInfo } from '@shared/types';
import { minutesStatuses, type MinutesStatus } from '@shared/visits/enums';
import type { MinutesRow } from '@shared/visits/types';
import { useChannelQuery } from '../api/hooks';
import { dueSoonColor, overdueColor } from '../ui/customerColors';
import { ErrorAlert } from '../ui/ErrorAlert';
import { ExportListButton } from './ExportListButton';
import { MinutesStatusBadge } from './VisitStatusBadge';

/** The due date in red when overdue, orange when due today (STYLE.md colours). */
export const DueDate = ({ row }: { row: Pick<MinutesRow, 'dueDate' | 'overdue' | 'dueToday'> }) => {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c={row.overdue ? overdueColor : row.dueToday ? dueSoonColor : undefined} fw={row.overdue ? 600 : undefined}>
        {row.dueDate}
      </Text>
      {row.overdue && (
        <Badge size="xs" color={overdueColor} tt="none" data-testid="minutes-overdue">
          {t('visits.minutes.overdue')}
        </Badge>
      )}
      {row.dueToday && (
        <Badge size="xs" color={dueSoonColor} tt="none">
          {t('visits.minutes.dueToday')}
        </Badge>
      )}
    </Group>
  );
};

/** /minutes — every minutes the viewer may see, filterable by status and overdue; overdue ones highlighted. */
export const MinutesListPage = (_props: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [status, setStatus] = useState<MinutesStatus | null>(null);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const filter = { ...(status ? { statuses: [status] } : {}), overdueOnly };
  const list = useChannelQuery('minutes.list', filter);
  const mf = (key: string): string => t(`visits.minutesFields.${key}`);
  return (
    <Stack gap="sm" maw={1200}>
      <Group justify="space-between">
        <Title order={3}>{t('visits.minutes.listTitle')}</Title>
        <Button leftSection={<IconPlus size={16} />} component={Link} to="/minutes/new">
          {t('visits.minutes.new')}
        </Button>
      </Group>
      <Group gap="md">
        <Select
          size="xs"
          w={160}
          placeholder={t('visits.minutes.allStatuses')}
          aria-label={mf('status')}
          clearable
          data={minutesStatuses.map((s) => ({ value: s, label: t(`visits.minutesStatus.${s}`) }))}
          value={status}
          onChange={(v) => setStatus(v as MinutesStatus | null)}
        />
        <Checkbox size="xs" label={t('visits.minutes.overdueOnly')} checked={overdueOnly} onChange={(e) => setOverdueOnly(e.currentTarget.checked)} />
        <ExportListButton channel="minutes.export" input={filter} />
      </Group>
      <ErrorAlert error={list.error} />
      {list.data?.length === 0 && <Text c="dimmed">{t('visits.minutes.empty')}</Text>}
      {!!list.data?.length && (
        <Table highlightOnHover striped withTableBorder data-testid="minutes-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{mf('formNo')}</Table.Th>
              <Table.Th>{mf('customer')}</Table.Th>
              <Table.Th>{mf('title')}</Table.Th>
              <Table.Th>{mf('meetingDate')}</Table.Th>
              <Table.Th>{mf('dueDate')}</Table.Th>
              <Table.Th>{mf('author')}</Table.Th>
              <Table.Th>{mf('status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((m) => (
              <Table.Tr
                key={m.id}
                style={{ cursor: 'pointer' }}
                bg={m.overdue ? 'var(--mantine-color-red-0)' : undefined}
                onClick={() => void navigate(`/minutes/${m.id}`)}
              >
                <Table.Td>{m.formNo}</Table.Td>
                <Table.Td>{m.customerName}</Table.Td>
                <Table.Td>{m.title ?? ''}</Table.Td>
                <Table.Td>{m.meetingDate}</Table.Td>
                <Table.Td>
                  <DueDate row={m} />
                </Table.Td>
                <Table.Td>{m.author.displayName}</Table.Td>
                <Table.Td>
                  <MinutesStatusBadge status={m.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
};
