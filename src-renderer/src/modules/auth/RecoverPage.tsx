import { PasswordField } from '../ui/PasswordField';
import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { recoverInputSchema } from '@shared/schemas';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useZodForm } from '../ui/useZodForm';
import { AuthFrame } from './AuthFrame';
import { useSessionStart } from './useSessionStart';
import { useRecover } from './hooks';

const recoverFormSchema = recoverInputSchema
  .extend({ newPasswordConfirm: z.string() })
  .refine((v) => v.newPassword === v.newPasswordConfirm, { path: ['newPasswordConfirm'], message: 'validation.passwordMismatch' });

export const RecoverPage = () => {
  const { t } = useTranslation();
  const recover = useRecover();
  const start = useSessionStart();
  const form = useZodForm(recoverFormSchema, {
    mode: 'controlled',
    initialValues: { recoveryKey: '', username: '', newPassword: '', newPasswordConfirm: '' },
  });
  return (
    <AuthFrame title={t('recover.title')} width={480}>
      <Text size="sm">{t('recover.text')}</Text>
      <form
        onSubmit={form.onSubmit(({ recoveryKey, username, newPassword }) =>
          recover.mutate({ recoveryKey, username, newPassword }, { onSuccess: start }),
        )}
      >
        <Stack>
          <TextInput
            label={t('recover.key')}
            placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
            styles={{ input: { fontFamily: 'monospace' } }}
            {...form.getInputProps('recoveryKey')}
          />
          <TextInput label={t('recover.username')} {...form.getInputProps('username')} />
          <PasswordField label={t('recover.newPassword')} {...form.getInputProps('newPassword')} />
          <PasswordField label={t('settings.newPasswordConfirm')} {...form.getInputProps('newPasswordConfirm')} />
          <ErrorAlert error={recover.error} />
          <Button type="submit" loading={recover.isPending}>
            {t('recover.submit')}
          </Button>
          <Anchor component={Link} to="/" size="sm" ta="center">
            {t('recover.backToLogin')}
          </Anchor>
        </Stack>
      </form>
    </AuthFrame>
  );
};
