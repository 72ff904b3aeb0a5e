import { Button, Stack, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { updateUserInputSchema } from '@shared/schemas';
import type { UserInfo } from '@shared/types';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useZodForm } from '../ui/useZodForm';
import { RoleSelect } from './RoleSelect';
import { useUpdateUser } from './hooks';

/** Taking a role away re-keys the workspace: `onPending` lets the users panel follow its progress. */
export const EditUserForm = ({ user, onDone, onPending }: { user: UserInfo; onDone: () => void; onPending?: (pending: boolean) => void }) => {
  const { t } = useTranslation();
  const update = useUpdateUser();
  useEffect(() => {
    onPending?.(update.isPending);
    return () => onPending?.(false);
  }, [update.isPending, onPending]);
  const form = useZodForm(updateUserInputSchema, {
    mode: 'controlled',
    initialValues: { id: user.id, displayName: user.displayName, role: user.role },
  });
  return (
    <form onSubmit={form.onSubmit((values) => update.mutate(values, { onSuccess: onDone }))}>
      <Stack>
        <TextInput label={t('users.username')} value={user.username} disabled />
        <TextInput label={t('users.displayName')} withAsterisk {...form.getInputProps('displayName')} />
        <RoleSelect label={t('users.role')} withAsterisk {...form.getInputProps('role')} />
        <ErrorAlert error={update.error} />
        <Button type="submit" loading={update.isPending}>
          {t('common.save')}
        </Button>
      </Stack>
    </form>
  );
};
