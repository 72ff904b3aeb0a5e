import { AppShell, Badge, Button, Group, NavLink, Text } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, useLocation } from 'react-router';
import type { SessionInfo } from '@shared/types';
import { call } from '../api/api';
import { roleColor } from '../ui/roleColor';
import { GlobalSearch } from '../search/GlobalSearch';
import { DueTaskNotifier } from '../activities/DueTaskNotifier';
import { forgetListStates } from '../customer-list/listState';
import { LanguageSwitch } from './LanguageSwitch';
import { allowed } from './extensions';
import { navItems } from './navItems';

/** The one shell: navigation on the left, company, user, language and logout on top. */
export const AppLayout = ({ session, children }: { session: SessionInfo; children: ReactNode }) => {
  const { t } = useTranslation();
  const client = useQueryClient();
  const location = useLocation();
  const logout = async () => {
    await call('auth.logout', {});
    forgetListStates();
    window.location.hash = '#/';
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'app.status' });
    client.setQueryData(['app.status', {}], { initialized: true, session: null });
  };
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Text fw={700} c="blue.8" size="lg">
              {t('app.name')}
            </Text>
            <Text size="sm" c="dimmed" truncate data-testid="company-name">
              {session.companyName}
            </Text>
          </Group>
          <GlobalSearch session={session} />
          {/* Mounted for the whole session: desktop reminders for tasks that fall due while the app is open. */}
          <DueTaskNotifier />
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" data-testid="current-user">
              {session.user.displayName}
            </Text>
            <Badge variant="light" color={roleColor(session.user.role)}>
              {t(`roles.${session.user.role}`)}
            </Badge>
            <LanguageSwitch />
            <Button variant="subtle" size="xs" leftSection={<IconLogout size={14} />} onClick={() => void logout()}>
              {t('nav.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {navItems()
          .filter((item) => allowed(session, item.can))
          .map((item) => {
            const Icon = item.icon;
            const active = item.path === '/' ? location.pathname === '/' : location.pathname.startsWith(item.path);
            return (
              <NavLink
                key={item.key}
                component={RouterLink}
                to={item.path}
                label={t(item.label)}
                leftSection={<Icon size={18} />}
                active={active}
              />
            );
          })}
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">{children}</AppShell.Main>
    </AppShell>
  );
};
