import { Alert, Button, Card, Group, Radio, Select, Stack, Text } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangePeer } from '@shared/exchange/types';
import type { SessionInfo } from '@shared/types';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { saveFile } from '../ui/saveFile';
import { useExportExchange, useExportPlain } from './hooks';

export const ExportPanel = ({ session, peers }: { session: SessionInfo; peers: ExchangePeer[] }) => {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'all' | 'since'>('all');
  const [peer, setPeer] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const exportBook = useExportExchange();
  const exportPlain = useExportPlain();
  // A salesperson's workbook holds their own customers' records (UserCan.seeTeam: everyone's); the plain export is UserCan.exportAllData.
  const can = session.user.can;
  const run = () => {
    setDone(null);
    exportBook.mutate(mode === 'since' && peer ? { sincePeer: peer } : {}, {
      onSuccess: (file) => {
        saveFile(file);
        setDone(file.rows);
      },
    });
  };
  return (
    <Stack gap="md" maw={720}>
      <Card withBorder>
        <Stack gap="sm">
          <Text fw={600}>{t('exchange.export.title')}</Text>
          {!can.seeTeam && (
            <Alert color="blue" variant="light">
              {t('exchange.export.ownerNote')}
            </Alert>
          )}
          <Radio.Group label={t('exchange.export.mode')} value={mode} onChange={(v) => setMode(v as 'all' | 'since')}>
            <Stack gap={6} mt={6}>
              <Radio value="all" label={t('exchange.export.all')} />
              <Radio value="since" label={t('exchange.export.since')} disabled={peers.length === 0} />
            </Stack>
          </Radio.Group>
          {peers.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('exchange.export.noPeers')}
            </Text>
          )}
          {mode === 'since' && (
            <Select
              label={t('exchange.export.peer')}
              data={peers.map((p) => ({
                value: p.node,
                label: `${p.label || p.node} (${p.node})${p.lastImportAt ? ` · ${t('exchange.peers.lastImport')} ${formatDateTime(p.lastImportAt)}` : ''}`,
              }))}
              value={peer}
              onChange={setPeer}
              allowDeselect={false}
            />
          )}
          <Group>
            <Button leftSection={<IconDownload size={16} />} onClick={run} loading={exportBook.isPending} disabled={mode === 'since' && !peer}>
              {t('exchange.export.run')}
            </Button>
            {done !== null && (
              <Text size="sm" c="green.8" data-testid="exchange-export-done">
                {t('exchange.export.done', { rows: done })}
              </Text>
            )}
          </Group>
          <ErrorAlert error={exportBook.error} />
        </Stack>
      </Card>
      {can.exportAllData && (
        <Card withBorder>
          <Stack gap="sm">
            <Text fw={600}>{t('exchange.export.plain')}</Text>
            <Text size="sm" c="dimmed">
              {t('exchange.export.plainHint')}
            </Text>
            <Group>
              <Button
                variant="light"
                leftSection={<IconFileSpreadsheet size={16} />}
                loading={exportPlain.isPending}
                onClick={() => exportPlain.mutate({}, { onSuccess: saveFile })}
              >
                {t('exchange.export.plain')}
              </Button>
            </Group>
            <ErrorAlert error={exportPlain.error} />
          </Stack>
        </Card>
      )}
    </Stack>
  );
};
