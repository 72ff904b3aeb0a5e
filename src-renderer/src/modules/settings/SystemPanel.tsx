import { PasswordField } from '../ui/PasswordField';
import { Alert, Button, Modal, Paper, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecoveryKeyCard } from '../auth/RecoveryKeyCard';
import { ErrorAlert } from '../ui/ErrorAlert';
import { KeyStatusPanel } from './KeyStatusPanel';
import { useRotateRecoveryKey, useSystemCheck } from './hooks';

export const SystemPanel = ({ companyName }: { companyName: string }) => {
  const { t } = useTranslation();
  const check = useSystemCheck();
  const client = useQueryClient();
  const rotate = useRotateRecoveryKey();
  const [rotating, setRotating] = useState(false);
  const [password, setPassword] = useState('');
  const close = () => {
    setRotating(false);
    setPassword('');
    rotate.reset();
  };
  return (
    <Stack maw={640}>
      <Paper withBorder p="md">
        <Stack>
          <Button variant="default" w="fit-content" loading={check.isPending} onClick={() => check.mutate({})}>
            {t('settings.integrityCheck')}
          </Button>
          {check.data && (
            <Alert color={check.data.integrity === 'ok' ? 'green' : 'red'} variant="light" data-testid="integrity-result">
              {check.data.integrity === 'ok' && <Text fw={600}>{t('settings.integrityOk')}</Text>}
              <Text size="sm">{t('settings.integrityResult', { ...check.data })}</Text>
            </Alert>
          )}
          <ErrorAlert error={check.error} />
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack>
          {/* A new recovery key re-keys the workspace: its progress and whether a recovery key is missing show here. */}
          <KeyStatusPanel busy={rotate.isPending} />
          <Text size="sm">{t('settings.rotateKeyText')}</Text>
          <Button variant="default" color="orange" w="fit-content" onClick={() => setRotating(true)}>
            {t('settings.rotateKey')}
          </Button>
        </Stack>
      </Paper>
      <Modal opened={rotating} onClose={close} title={rotate.data ? t('settings.rotateKeyDone') : t('settings.rotateKey')} size="lg">
        {rotate.data ? (
          <RecoveryKeyCard recoveryKey={rotate.data.recoveryKey} companyName={companyName} doneLabel={t('common.close')} onDone={close} />
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              // A new recovery key is a key slot (keyring.json), not a row: no change notice names it.
              rotate.mutate({ password }, { onSuccess: () => void client.invalidateQueries({ queryKey: ['keys.status'] }) });
            }}
          >
            <Stack>
              <Text size="sm">{t('settings.rotateKeyText')}</Text>
              <PasswordField label={t('settings.currentPassword')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
              <ErrorAlert error={rotate.error} />
              <Button type="submit" loading={rotate.isPending} disabled={!password} w="fit-content">
                {t('common.confirm')}
              </Button>
            </Stack>
          </form>
        )}
      </Modal>
    </Stack>
  );
};
