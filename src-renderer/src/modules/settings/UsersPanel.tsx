import { Badge, Button, Group, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { roleColor } from '../ui/roleColor';
import { DangerConfirm } from '../ui/DangerConfirm';
import { CreateUserForm } from './CreateUserForm';
import { EditUserForm } from './EditUserForm';
import { KeyStatusPanel } from './KeyStatusPanel';
import { SetPasswordForm } from './SetPasswordForm';
import { useDeactivateUser } from './hooks';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: UserInfo }
  | { kind: 'password'; user: UserInfo; activate: boolean }
  | { kind: 'deactivate'; user: UserInfo };

export const UsersPanel = ({ currentUserId }: { currentUserId: string }) => {
  const { t } = useTranslation();
  const users = useChannelQuery('users.list', {});
  // A deactivation re-keys the workspace (src-main/services/rekey): its progress and outcome show in KeyStatusPanel.
  const deactivate = useDeactivateUser();
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => {
    setDialog(null);
    deactivate.reset();
  };
  const done = (message: string) => {
    close();
    notifications.show({ color: 'green', message });
  };

  const title = dialog
    ? {
        create: t('users.add'),
        edit: t('users.edit'),
        password: dialog.kind === 'password' && dialog.activate ? t('users.activate') : t('users.resetPassword'),
        deactivate: t('users.deactivate'),
      }[dialog.kind]
    : '';

  return (
    <Paper withBorder p="md">
      <Stack>
        <Group justify="flex-end">
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setDialog({ kind: 'create' })}>
            {t('users.add')}
          </Button>
        </Group>
        <KeyStatusPanel busy={deactivate.isPending || editing} />
        <ErrorAlert error={users.error} />
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.username')}</Table.Th>
              <Table.Th>{t('users.displayName')}</Table.Th>
              <Table.Th>{t('users.role')}</Table.Th>
              <Table.Th>{t('users.status')}</Table.Th>
              <Table.Th>{t('users.createdAt')}</Table.Th>
              <Table.Th>{t('users.lastLogin')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data?.map((u) => (
              <Table.Tr key={u.id} data-testid={`user-row-${u.username}`}>
                <Table.Td>{u.username}</Table.Td>
                <Table.Td>{u.displayName}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={roleColor(u.role)}>
                    {t(`roles.${u.role}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={u.active ? 'green' : 'gray'}>
                    {u.active ? t('users.active') : t('users.inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDateTime(u.createdAt)}</Table.Td>
                <Table.Td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : <Text span c="dimmed">{t('common.never')}</Text>}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ kind: 'edit', user: u })}>
                      {t('users.edit')}
                    </Button>
                    {u.active ? (
                      <>
                        <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ kind: 'password', user: u, activate: false })}>
                          {t('users.resetPassword')}
                        </Button>
                        {u.id !== currentUserId && (
                          <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDialog({ kind: 'deactivate', user: u })}>
                            {t('users.deactivate')}
                          </Button>
                        )}
                      </>
                    ) : (
                      <Button size="compact-xs" variant="subtle" color="green" onClick={() => setDialog({ kind: 'password', user: u, activate: true })}>
                        {t('users.activate')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      <Modal opened={dialog !== null} onClose={close} title={title}>
        {dialog?.kind === 'create' && <CreateUserForm onDone={() => done(t('users.created'))} />}
        {dialog?.kind === 'edit' && <EditUserForm user={dialog.user} onPending={setEditing} onDone={() => done(t('users.updated'))} />}
        {dialog?.kind === 'password' && (
          <SetPasswordForm
            user={dialog.user}
            activate={dialog.activate}
            onDone={() => done(dialog.activate ? t('users.activated') : t('users.passwordReset'))}
          />
        )}
        {dialog?.kind === 'deactivate' && (
          <DangerConfirm
            text={t('users.confirmDeactivate', { name: dialog.user.displayName })}
            confirmLabel={t('users.deactivate')}
            error={deactivate.error}
            pending={deactivate.isPending}
            onCancel={close}
            onConfirm={() => deactivate.mutate({ id: dialog.user.id }, { onSuccess: () => done(t('users.deactivated')) })}
          />
        )}
      </Modal>
    </Paper>
  );
};
