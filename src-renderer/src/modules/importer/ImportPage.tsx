import { Stack, Tabs, Text, Title } from '@mantine/core';
import { IconFileExport, IconFileImport, IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@shared/types';
import { defaultColumnKeys } from '../customer-list/columns';
import { ExportButton } from '../customer-list/ExportButton';
import { BatchList } from './BatchList';
import { ImportWizard } from './ImportWizard';

/**
 * 导入导出 (managers and admins): the lead import wizard, the list of
 * earlier imports (each can be undone) and the customer export. The route only exists for
 * managers and admins; the main process checks the role on every call.
 */
export const ImportPage = (_props: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('wizard');
  // A new key starts the wizard afresh (its upload is discarded on unmount).
  const [run, setRun] = useState(0);
  return (
    <Stack gap="md">
      <Title order={3}>{t('importer.title')}</Title>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="wizard" leftSection={<IconFileImport size={16} />}>
            {t('importer.tabs.wizard')}
          </Tabs.Tab>
          <Tabs.Tab value="batches" leftSection={<IconHistory size={16} />}>
            {t('importer.tabs.batches')}
          </Tabs.Tab>
          <Tabs.Tab value="export" leftSection={<IconFileExport size={16} />}>
            {t('importer.tabs.export')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="wizard" pt="md">
          <ImportWizard key={run} onRestart={() => setRun((n) => n + 1)} />
        </Tabs.Panel>
        <Tabs.Panel value="batches" pt="md">
          <BatchList />
        </Tabs.Panel>
        <Tabs.Panel value="export" pt="md">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('importer.exportPanel.text')}</Text>
            <ExportButton filter={{}} sort={{ field: 'name', dir: 'asc' }} columns={[...defaultColumnKeys]} />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
};
