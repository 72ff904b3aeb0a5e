import { PasswordField } from '../ui/PasswordField';
import { Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { loginInputSchema } from '@shared/schemas';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useZodForm } from '../ui/useZodForm';
import { AuthFrame } from './AuthFrame';
import { useSessionStart } from './useSessionStart';
import { useLogin } from './hooks';

export const LoginPage = () => {
  const { t } = useTranslation();
  const login = useLogin();
  const start = useSessionStart();
  const form = useZodForm(loginInputSchema, { mode: 'controlled', initialValues: { username: '', password: '' } });
  return (
    <AuthFrame title={t('login.title')}>
      <form onSubmit={form.onSubmit((values) => login.mutate(values, { onSuccess: start }))}>
        <Stack>
          <TextInput label={t('login.username')} autoComplete="username" data-autofocus {...form.getInputProps('username')} />
          <PasswordField label={t('login.password')} autoComplete="current-password" {...form.getInputProps('password')} />
          <ErrorAlert error={login.error} />
          <Button type="submit" loading={login.isPending} fullWidth>
            {t('login.submit')}
          </Button>
          <Anchor component={Link} to="/recover" size="sm" ta="center">
            {t('login.forgot')}
          </Anchor>
        </Stack>
      </form>
    </AuthFrame>
  );
};
