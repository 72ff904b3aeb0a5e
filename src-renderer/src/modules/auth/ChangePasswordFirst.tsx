import { Alert, Button, Group, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@shared/types';
import { call } from '../api/api';
import { MyAccountPanel } from '../settings/MyAccountPanel';
import { AuthFrame } from './AuthFrame';

/**
 * The first login with a password an administrator set: the person replaces it before anything else
 * (the main process refuses every other call until then: PASSWORD_CHANGE_REQUIRED).
 */
export const ChangePasswordFirst = ({ session }: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: ['app.status'] });
  return (
    <AuthFrame title={t('firstLogin.title')} subtitle={t('firstLogin.subtitle', { name: session.user.displayName })} width={480}>
      <Stack>
        <Alert color="blue" variant="light" data-testid="first-login-explain">
          {t('firstLogin.explain')}
        </Alert>
        <MyAccountPanel onChanged={refresh} />
        <Group justify="flex-end">
          <Button variant="subtle" onClick={() => void call('auth.logout', {}).then(refresh)}>
            {t('nav.logout')}
          </Button>
        </Group>
      </Stack>
    </AuthFrame>
  );
};
