import { Stack, Tabs, Title } from '@mantine/core';
import { IconFileImport, IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@shared/types';
import { BatchList } from './BatchList';
import { ImportWizard } from './ImportWizard';

/**
 * 导入导出 (managers and admins): the lead import wizard and the list of
 * earlier imports, each of which can be undone. The route only exists for
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
        </Tabs.List>
        <Tabs.Panel value="wizard" pt="md">
          <ImportWizard key={run} onRestart={() => setRun((n) => n + 1)} />
        </Tabs.Panel>
        <Tabs.Panel value="batches" pt="md">
          <BatchList />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
};
