import { Button, Checkbox, Group, Select, Stack, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionInfo } from '@shared/types';
import { minutesStatuses, type MinutesStatus } from '@shared/visits/enums';
import { useChannelQuery } from '../api/hooks';
import { QueryRows } from '../ui/QueryRows';
import { ExportListButton } from './ExportListButton';
import { MinutesTable } from './RecordTables';

/** /minutes — every minutes the viewer may see, filterable by status and overdue; overdue ones highlighted. */
export const MinutesListPage = (_props: { session: SessionInfo }) => {
  const { t } = useTranslation();
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
      <QueryRows error={list.error} rows={list.data} empty={t('visits.minutes.empty')} emptyProps={{}}>
        {(rows) => (
          <MinutesTable
            rows={rows}
            columns={['formNo', 'customer', 'title', 'meetingDate', 'dueDate', 'author', 'status']}
            withTableBorder
            markOverdue
            testId="minutes-table"
          />
        )}
      </QueryRows>
    </Stack>
  );
};
