import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { QueryRows } from '../ui/QueryRows';
import { MinutesTable, VisitTable } from './RecordTables';

/** /approvals (managers): visit plans to approve and minutes to review, oldest first; a row opens its record. */
export const ApprovalQueuePage = (_props: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const visits = useChannelQuery('visits.approvalQueue', {});
  const minutes = useChannelQuery('minutes.reviewQueue', {});
  return (
    <Stack gap="md" maw={1100}>
      <Title order={3}>{t('visits.approvals.title')}</Title>
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">
          {t('visits.approvals.visits')}
        </Text>
        <QueryRows error={visits.error} rows={visits.data} empty={t('visits.approvals.emptyVisits')}>
          {(rows) => <VisitTable rows={rows} columns={['formNo', 'customer', 'salesperson', 'plannedAt', 'purpose', 'submittedAt']} testId="visit-queue" />}
        </QueryRows>
      </Paper>
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">
          {t('visits.approvals.minutes')}
        </Text>
        <QueryRows error={minutes.error} rows={minutes.data} empty={t('visits.approvals.emptyMinutes')}>
          {(rows) => <MinutesTable rows={rows} columns={['formNo', 'customer', 'author', 'meetingDate', 'title']} testId="minutes-queue" />}
        </QueryRows>
      </Paper>
    </Stack>
  );
};
