import { PasswordField } from '../ui/PasswordField';
import { Button, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { passwordSchema } from '@shared/schemas';
import { newPasswordPairSchema } from '../auth/formSchemas';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useZodForm } from '../ui/useZodForm';
import { useChangePassword } from '../auth/hooks';

const changePasswordFormSchema = z.intersection(z.object({ currentPassword: passwordSchema }), newPasswordPairSchema);

/** Changes the user's own password; `onChanged` runs after a change (the first-login page moves on). */
export const MyAccountPanel = ({ onChanged }: { onChanged?: () => void } = {}) => {
  const { t } = useTranslation();
  const change = useChangePassword();
  const form = useZodForm(changePasswordFormSchema, {
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', newPasswordConfirm: '' },
  });
  return (
    <Paper withBorder p="md" maw={420}>
      <Text fw={600} mb="sm">
        {t('settings.changePassword')}
      </Text>
      <form
        onSubmit={form.onSubmit(({ currentPassword, newPassword }) =>
          change.mutate(
            { currentPassword, newPassword },
            {
              onSuccess: () => {
                form.reset();
                notifications.show({ color: 'green', message: t('settings.passwordChanged') });
                onChanged?.();
              },
            },
          ),
        )}
      >
        <Stack>
          <PasswordField label={t('settings.currentPassword')} autoComplete="current-password" {...form.getInputProps('currentPassword')} />
          <PasswordField label={t('settings.newPassword')} autoComplete="new-password" {...form.getInputProps('newPassword')} />
          <PasswordField label={t('settings.newPasswordConfirm')} autoComplete="new-password" {...form.getInputProps('newPasswordConfirm')} />
          <ErrorAlert error={change.error} />
          <Button type="submit" loading={change.isPending} w="fit-content">
            {t('common.save')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
};
