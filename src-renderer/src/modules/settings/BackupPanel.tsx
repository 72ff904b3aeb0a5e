import { Alert, Badge, Button, Code, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabaseExport, IconInfoCircle, IconRestore } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus, BackupInfo, RestoreResult } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { BackupSettingsForm } from './BackupSettingsForm';
import { RestoreConfirmModal, RestoreDoneModal } from './RestoreModals';
import { useCreateBackup, useRestoreBackup } from './hooks';

const reasonColor: Record<BackupInfo['reason'], string> = {
  manual: 'blue',
  daily: 'teal',
  quit: 'grape',
  'before-restore': 'orange',
};

const megabytes = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(2);


/** 设置 → 备份与恢复 (admin only): backup settings, manual backup, the backups in the folder, restore. */
export const BackupPanel = () => {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useChannelQuery('backup.settings', {});
  const list = useChannelQuery('backup.list', {});
  const create = useCreateBackup();
  // No refresh after a restore: every session has ended, and the next call would only say so.
  const restore = useRestoreBackup();
  const [target, setTarget] = useState<BackupInfo | null>(null);
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState<RestoreResult | null>(null);

  const backupNow = () =>
    create.mutate(
      {},
      {
        onSuccess: (made) => {
          notifications.show({ color: 'green', message: t('backupUi.backupDone', { fileName: made.fileName }) });
          // A backup is a file, not a row: no change notice names it, so the list is refreshed here.
          void client.invalidateQueries({ queryKey: ['backup.list'] });
        },
      },
    );
  const askRestore = (backup: BackupInfo) => {
    restore.reset();
    setTyped('');
    setTarget(backup);
  };
  const doRestore = () => {
    if (!target) return;
    restore.mutate(
      { fileName: target.fileName },
      {
        onSuccess: (restored) => {
          setTarget(null);
          setResult(restored);
        },
      },
    );
  };
  /** As logging out does: forget everything cached and show the login screen. */
  const goLogin = () => {
    window.location.hash = '#/';
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'app.status' });
    client.setQueryData<AppStatus>(['app.status', {}], { initialized: true, session: null });
  };

  const backups = list.data ?? [];
  return (
    <Stack maw={1100}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={5}>{t('backupUi.settingsTitle')}</Title>
            {settings.data && <BackupSettingsForm initial={settings.data} />}
            <ErrorAlert error={settings.error} />
          </Stack>
        </Paper>
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} title={t('backupUi.explainTitle')}>
          <Stack gap="xs">
            <Text size="sm">{t('backupUi.explain')}</Text>
            <Text size="sm">{t('backupUi.explainOtherPc')}</Text>
            <Text size="sm">{t('keys.oldCopies')}</Text>
          </Stack>
        </Alert>
      </SimpleGrid>

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2}>
              <Title order={5}>{t('backupUi.listTitle')}</Title>
              {settings.data && (
                <Text size="sm" c="dimmed" data-testid="backup-dir">
                  {t('backupUi.currentDir')}
                  <Code>{settings.data.dir}</Code>
                </Text>
              )}
            </Stack>
            <Button leftSection={<IconDatabaseExport size={16} />} loading={create.isPending} disabled={restore.isPending} onClick={backupNow}>
              {t('backupUi.backupNow')}
            </Button>
          </Group>
          {create.isPending && (
            <Stack gap={4}>
              <Text size="sm" c="dimmed">
                {t('backupUi.backingUp')}
              </Text>
              <Progress value={100} animated striped />
            </Stack>
          )}
          <ErrorAlert error={list.error ?? create.error} />
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('backupUi.time')}</Table.Th>
                <Table.Th>{t('backupUi.kind')}</Table.Th>
                <Table.Th ta="right">{t('backupUi.size')}</Table.Th>
                <Table.Th ta="right">{t('backupUi.schemaVersion')}</Table.Th>
                <Table.Th>{t('backupUi.fileName')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {backups.map((b) => (
                <Table.Tr key={b.fileName} data-testid={`backup-row-${b.fileName}`}>
                  <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={reasonColor[b.reason]}>
                      {t(`backupUi.reasons.${b.reason}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{t('backupUi.sizeMb', { size: megabytes(b.size) })}</Table.Td>
                  <Table.Td ta="right">{b.schemaVersion}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {b.fileName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      leftSection={<IconRestore size={14} />}
                      disabled={create.isPending}
                      onClick={() => askRestore(b)}
                    >
                      {t('backupUi.restore')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" c="dimmed">
            {list.isSuccess && backups.length === 0 ? t('backupUi.empty') : t('backupUi.count', { count: backups.length })}
          </Text>
        </Stack>
      </Paper>

      <RestoreConfirmModal
        backup={target}
        typed={typed}
        onType={setTyped}
        pending={restore.isPending}
        error={restore.error}
        onConfirm={doRestore}
        onCancel={() => setTarget(null)}
      />
      <RestoreDoneModal result={result} onLogin={goLogin} />
    </Stack>
  );
};
