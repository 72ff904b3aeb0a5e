import { Alert, Button, Loader, Group, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RekeyOutcome, RekeyPhase } from '@shared/contract/keys';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useRekey } from './hooks';

const phaseStep: Record<RekeyPhase, number> = { backup: 1, sealing: 2, rekeying: 3, done: 3, failed: 3 };

const names = (users: { displayName: string; username: string }[]): string => users.map((u) => `${u.displayName}（${u.username}）`).join('、');

/** What the last re-key means for the administrator: done, who needs a password reset, whether a new recovery key is needed. */
const OutcomeAlert = ({ outcome }: { outcome: RekeyOutcome }) => {
  const { t } = useTranslation();
  return (
    <Alert color={outcome.needsReset.length || outcome.recoveryKeyMissing ? 'orange' : 'green'} variant="light" data-testid="rekey-outcome">
      <Stack gap={4}>
        <Text size="sm">{t('keys.done', { reason: t(`keys.reason.${outcome.reason}`), fileName: outcome.backupFileName })}</Text>
        {outcome.needsReset.length > 0 && <Text size="sm">{t('keys.needsReset', { names: names(outcome.needsReset) })}</Text>}
      </Stack>
    </Alert>
  );
};

/**
 * The database key's state in 设置 → 用户: a re-key's progress while one runs
 * (polled while `busy`, i.e. while a deactivation or role change that causes
 * one is in flight), its outcome, a pending one with a retry, a missing
 * recovery key, and what old backups still open.
 */
export const KeyStatusPanel = ({ busy }: { busy: boolean }) => {
  const { t } = useTranslation();
  const status = useChannelQuery('keys.status', {}, { refetchInterval: (q) => (busy || q.state.data?.running ? 400 : false) });
  const client = useQueryClient();
  const retry = useRekey();
  // A re-key changes the key slots (keyring.json), not a table: no change notice names them.
  const rekeyed = (): void => {
    notifications.show({ color: 'green', message: t('keys.retryDone') });
    void client.invalidateQueries({ queryKey: ['keys.status'] });
    void client.invalidateQueries({ queryKey: ['users.list'] });
  };
  const s = status.data;
  const running = s?.running;
  return (
    <Stack gap="xs" data-testid="key-status">
      {running && (
        <Alert color="blue" variant="light" icon={<Loader size={16} />} data-testid="rekey-progress">
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('keys.running', { reason: t(`keys.reason.${running.reason}`) })}
            </Text>
            <Text size="sm">{t(`keys.phase.${running.phase}`)}</Text>
            <Progress value={(phaseStep[running.phase] / 3) * 100} animated striped />
          </Stack>
        </Alert>
      )}
      {!running && s?.last && <OutcomeAlert outcome={s.last} />}
      {!running && s?.pending && (
        <Alert color="orange" variant="light" icon={<IconKey size={18} />} data-testid="rekey-pending">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm">
              {t('keys.pending', {
                reason: t(`keys.reason.${s.pending.reason}`),
                error: s.pending.error ? t(`errors.${s.pending.error}`, { defaultValue: s.pending.error }) : t('keys.pendingNoError'),
              })}
            </Text>
            <Button
              size="compact-sm"
              variant="light"
              color="orange"
              loading={retry.isPending}
              onClick={() => retry.mutate({}, { onSuccess: rekeyed })}
            >
              {t('keys.retry')}
            </Button>
          </Group>
        </Alert>
      )}
      <ErrorAlert error={retry.error ?? status.error} />
      {s?.recoveryKeyMissing && (
        <Alert color="red" variant="light" data-testid="recovery-missing">
          <Text size="sm">{t('keys.recoveryMissing')}</Text>
        </Alert>
      )}
      {s && s.legacySlots.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('keys.legacy', { names: names(s.legacySlots) })}
        </Text>
      )}
      <Text size="sm" c="dimmed" data-testid="old-copies-note">
        {t('keys.oldCopies')}
      </Text>
    </Stack>
  );
};
