import { Alert, Button, Code, Group, List, Modal, Progress, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo, RestoreResult } from '@shared/types';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';

/**
 * The strong confirmation before a restore: what happens to everyone's
 * session and to the current data, and the word 恢复 typed by hand.
 */
export const RestoreConfirmModal = ({
  backup,
  typed,
  onType,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  backup: BackupInfo | null;
  typed: string;
  onType: (value: string) => void;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  const word = t('backupUi.confirmWord');
  const confirmed = typed.trim() === word;
  return (
    <Modal
      opened={backup !== null}
      onClose={() => !pending && onCancel()}
      closeOnClickOutside={!pending}
      closeOnEscape={!pending}
      withCloseButton={!pending}
      title={<Text fw={700}>{t('backupUi.confirmTitle')}</Text>}
      size="lg"
    >
      {backup && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (confirmed && !pending) onConfirm();
          }}
        >
          <Stack>
            <Stack gap={4}>
              <Text>{t('backupUi.confirmWhich', { time: formatDateTime(backup.createdAt) })}</Text>
              <Code w="fit-content">{backup.fileName}</Code>
            </Stack>
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
              <List size="sm" spacing={4}>
                <List.Item>
                  <Text span fw={700} size="sm">
                    {t('backupUi.confirmLogout')}
                  </Text>
                </List.Item>
                <List.Item>{t('backupUi.confirmLostChanges')}</List.Item>
                <List.Item>{t('backupUi.confirmSafety')}</List.Item>
              </List>
            </Alert>
            <TextInput
              label={t('backupUi.confirmType', { word })}
              value={typed}
              onChange={(e) => onType(e.currentTarget.value)}
              disabled={pending}
              autoComplete="off"
              data-autofocus
              w={260}
            />
            {pending && (
              <Stack gap={4}>
                <Text size="sm" c="dimmed">
                  {t('backupUi.restoring')}
                </Text>
                <Progress value={100} animated striped color="red" />
              </Stack>
            )}
            <ErrorAlert error={error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onCancel} disabled={pending}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" disabled={!confirmed} loading={pending}>
                {t('backupUi.confirmButton')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
};

/** What was restored; the only way on is back to the login screen, since every session has ended. */
export const RestoreDoneModal = ({ result, onLogin }: { result: RestoreResult | null; onLogin: () => void }) => {
  const { t } = useTranslation();
  const rows: [string, string | number][] = result
    ? [
        [t('backupUi.doneBackupTime'), formatDateTime(result.createdAt)],
        [t('backupUi.doneCustomers'), result.customers],
        [t('backupUi.doneUsers'), result.users],
        [t('backupUi.doneSafety'), result.safetyBackup],
      ]
    : [];
  return (
    <Modal
      opened={result !== null}
      onClose={onLogin}
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
      title={<Text fw={700}>{t('backupUi.doneTitle')}</Text>}
      size="lg"
    >
      <Stack>
        <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />}>
          {t('backupUi.doneText')}
        </Alert>
        <Table withTableBorder withColumnBorders data-testid="restore-result">
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={160} bg="gray.0">
                  {label}
                </Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="flex-end">
          <Button onClick={onLogin} data-autofocus>
            {t('backupUi.goLogin')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
};
