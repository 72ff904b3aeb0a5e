import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { SessionInfo } from '@shared/types';
import { BackupPanel } from './BackupPanel';
import { CompanyPanel } from './CompanyPanel';
import { LoginHistoryPanel } from './LoginHistoryPanel';
import { MyAccountPanel } from './MyAccountPanel';
import { SystemPanel } from './SystemPanel';
import { TagsPanel } from '../customer-list/TagsPanel';
import { UsersPanel } from './UsersPanel';
import { settingsTabs } from '../shell/moduleExtensions';

const adminTabs = ['users', 'loginHistory', 'company', 'system', 'backup'] as const;

export const SettingsPage = ({ session }: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab } = useParams();
  const isAdmin = session.user.role === 'admin';
  const isManager = isAdmin || session.user.role === 'manager';
  const extra = settingsTabs().filter((x) => x.roles.includes(session.user.role));
  const tabs = ['myAccount', ...(isManager ? ['tags'] : []), ...extra.map((x) => x.value), ...(isAdmin ? adminTabs : [])] as string[];
  const labels = new Map(extra.map((x) => [x.value, x.label]));
  const current = tab && tabs.includes(tab) ? tab : 'myAccount';
  return (
    <Stack gap="md">
      <Title order={3}>{t('settings.title')}</Title>
      <Tabs value={current} onChange={(v) => void navigate(`/settings/${v ?? 'myAccount'}`)} keepMounted={false}>
        <Tabs.List>
          {tabs.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(labels.get(k) ?? `settings.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="myAccount" pt="md">
          <MyAccountPanel />
        </Tabs.Panel>
        {isManager && (
          <Tabs.Panel value="tags" pt="md">
            <TagsPanel session={session} />
          </Tabs.Panel>
        )}
        {extra.map((x) => (
          <Tabs.Panel key={x.value} value={x.value} pt="md">
            <x.panel session={session} />
          </Tabs.Panel>
        ))}
        {isAdmin && (
          <>
            <Tabs.Panel value="users" pt="md">
              <UsersPanel currentUserId={session.user.id} />
            </Tabs.Panel>
            <Tabs.Panel value="loginHistory" pt="md">
              <LoginHistoryPanel />
            </Tabs.Panel>
            <Tabs.Panel value="company" pt="md">
              <CompanyPanel />
            </Tabs.Panel>
            <Tabs.Panel value="system" pt="md">
              <SystemPanel companyName={session.companyName} />
            </Tabs.Panel>
            <Tabs.Panel value="backup" pt="md">
              <BackupPanel />
            </Tabs.Panel>
          </>
        )}
      </Tabs>
    </Stack>
  );
};
