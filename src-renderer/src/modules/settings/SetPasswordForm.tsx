import { PasswordField } from '../ui/PasswordField';
import { Button, Checkbox, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserInfo } from '@shared/types';
import { useSetUserPassword } from './hooks';
import { newPasswordPairSchema } from '../auth/formSchemas';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useZodForm } from '../ui/useZodForm';

/** Admin sets a user's password: a reset, or the new password that re-activates the account. */
export const SetPasswordForm = ({ user, activate, onDone }: { user: UserInfo; activate: boolean; onDone: () => void }) => {
  const { t } = useTranslation();
  const mutation = useSetUserPassword(activate);
  const form = useZodForm(newPasswordPairSchema, { mode: 'controlled', initialValues: { newPassword: '', newPasswordConfirm: '' } });
  const [mustChange, setMustChange] = useState(true);
  return (
    <form onSubmit={form.onSubmit(({ newPassword }) => mutation.mutate({ id: user.id, newPassword, mustChangePassword: mustChange }, { onSuccess: onDone }))}>
      <Stack>
        <Text size="sm">
          {user.displayName} ({user.username})
        </Text>
        <PasswordField label={t('users.newPassword')} withAsterisk autoComplete="new-password" {...form.getInputProps('newPassword')} />
        <PasswordField label={t('settings.newPasswordConfirm')} withAsterisk autoComplete="new-password" {...form.getInputProps('newPasswordConfirm')} />
        <Checkbox
          label={t('firstLogin.mustChange')}
          description={t('firstLogin.mustChangeHint')}
          checked={mustChange}
          onChange={(e) => setMustChange(e.currentTarget.checked)}
        />
        <ErrorAlert error={mutation.error} />
        <Button type="submit" loading={mutation.isPending}>
          {t('common.save')}
        </Button>
      </Stack>
    </form>
  );
};
