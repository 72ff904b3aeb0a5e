import { Badge, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconHistory, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { ConflictsPanel } from './ConflictsPanel';
import { ExportPanel } from './ExportPanel';
import { HistoryPanel } from './HistoryPanel';
import { ImportPanel } from './ImportPanel';

/** 数据交换: export an exchange workbook, import one with a summary first, settle conflicts, see the history. */
export const ExchangePage = ({ session }: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('export');
  const status = useChannelQuery('exchange.status', {});
  const pending = status.data?.pendingConflicts ?? 0;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('exchange.title')}</Title>
        {status.data && (
          <Text size="sm" c="dimmed" data-testid="exchange-this-pc">
            {t('exchange.thisPc', { label: status.data.label, node: status.data.node })}
          </Text>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('exchange.intro')}
      </Text>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="export" leftSection={<IconDownload size={16} />}>
            {t('exchange.tabs.export')}
          </Tabs.Tab>
          <Tabs.Tab value="import" leftSection={<IconUpload size={16} />}>
            {t('exchange.tabs.import')}
          </Tabs.Tab>
          <Tabs.Tab
            value="conflicts"
            leftSection={<IconAlertTriangle size={16} />}
            rightSection={pending ? <Badge color="orange" size="sm" circle>{pending}</Badge> : null}
          >
            {t('exchange.tabs.conflicts', { count: pending })}
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
            {t('exchange.tabs.history')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="export" pt="md">
          <ExportPanel session={session} peers={status.data?.peers ?? []} />
        </Tabs.Panel>
        <Tabs.Panel value="import" pt="md">
          <ImportPanel onShowConflicts={() => setTab('conflicts')} />
        </Tabs.Panel>
        <Tabs.Panel value="conflicts" pt="md">
          <ConflictsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <HistoryPanel peers={status.data?.peers ?? []} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
};
