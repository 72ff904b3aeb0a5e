import { Alert, Button, FileButton, Group, PasswordInput, Progress, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconDatabaseImport, IconFileUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinResult } from '@shared/backup/join';
import { call } from '../api/api';
import { bytesToBase64 } from '../ui/base64';
import { ErrorAlert } from '../ui/ErrorAlert';

/** Bytes a chunk: base64 of it stays under the channel's 8 MiB bound. */
const CHUNK = 4 * 1024 * 1024;

type Phase = { kind: 'idle' } | { kind: 'uploading'; percent: number } | { kind: 'restoring' } | { kind: 'done'; result: JoinResult };

/**
 * A new PC joins the office from a backup, on the first-run screen: the file goes to the main
 * process in chunks, then the backup is opened with a user's password or the recovery key.
 */
export const JoinFromBackup = ({ onCancel }: { onCancel: () => void }) => {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [by, setBy] = useState<'password' | 'recoveryKey'>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<Error | null>(null);

  const start = async () => {
    if (!file) return;
    setError(null);
    try {
      let uploadId: string | undefined;
      for (let offset = 0; offset < file.size || offset === 0; offset += CHUNK) {
        setPhase({ kind: 'uploading', percent: Math.floor((offset / Math.max(file.size, 1)) * 100) });
        const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
        uploadId = (await call('setup.joinUpload', { ...(uploadId ? { uploadId } : {}), offset, chunkBase64: bytesToBase64(bytes) })).uploadId;
        if (file.size === 0) break;
      }
      setPhase({ kind: 'restoring' });
      const credentials = by === 'password' ? { username: username.trim(), password } : { recoveryKey: recoveryKey.trim() };
      const result = await call('setup.join', { uploadId: uploadId!, ...credentials });
      setPhase({ kind: 'done', result });
    } catch (e) {
      setError(e as Error);
      setPhase({ kind: 'idle' });
    }
  };

  if (phase.kind === 'done')
    return (
      <Stack mt="md">
        <Alert color="green" title={t('join.doneTitle')} data-testid="join-done">
          {t('join.doneText', { customers: phase.result.customers, users: phase.result.users })}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={() => void client.invalidateQueries({ queryKey: ['app.status'] })}>{t('join.goLogin')}</Button>
        </Group>
      </Stack>
    );

  const busy = phase.kind !== 'idle';
  const ready = !!file && (by === 'password' ? username.trim() !== '' && password !== '' : recoveryKey.trim() !== '');
  return (
    <Stack mt="md" gap="sm">
      <Text size="sm">{t('join.intro')}</Text>
      <Group gap="sm">
        <FileButton onChange={setFile} accept=".tkbak">
          {(props) => (
            <Button variant="default" leftSection={<IconFileUpload size={16} />} disabled={busy} data-testid="join-file" {...props}>
              {t('join.chooseFile')}
            </Button>
          )}
        </FileButton>
        <Text size="sm" c={file ? undefined : 'dimmed'}>
          {file ? t('join.fileChosen', { name: file.name, size: (file.size / 1024 / 1024).toFixed(1) }) : t('join.noFile')}
        </Text>
      </Group>
      <SegmentedControl
        value={by}
        onChange={(v) => setBy(v as 'password' | 'recoveryKey')}
        disabled={busy}
        aria-label={t('join.with')}
        data={[
          { value: 'password', label: t('join.withPassword') },
          { value: 'recoveryKey', label: t('join.withRecoveryKey') },
        ]}
      />
      {by === 'password' ? (
        <>
          <TextInput label={t('join.username')} value={username} onChange={(e) => setUsername(e.currentTarget.value)} disabled={busy} />
          <PasswordInput label={t('join.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} disabled={busy} />
        </>
      ) : (
        <TextInput label={t('join.recoveryKey')} value={recoveryKey} onChange={(e) => setRecoveryKey(e.currentTarget.value)} disabled={busy} />
      )}
      {phase.kind === 'uploading' && (
        <Stack gap={4}>
          <Text size="sm">{t('join.uploading', { percent: phase.percent })}</Text>
          <Progress value={phase.percent} />
        </Stack>
      )}
      {phase.kind === 'restoring' && <Text size="sm">{t('join.restoring')}</Text>}
      <ErrorAlert error={error} />
      <Group justify="space-between">
        <Button variant="default" onClick={onCancel} disabled={busy}>
          {t('join.backToCreate')}
        </Button>
        <Button leftSection={<IconDatabaseImport size={16} />} onClick={() => void start()} disabled={!ready} loading={busy}>
          {t('join.start')}
        </Button>
      </Group>
    </Stack>
  );
};
