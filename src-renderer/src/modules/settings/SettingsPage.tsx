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
import { allowed, type ScreenRight } from '../shell/extensions';
import { settingsTabs } from '../shell/moduleExtensions';

/** The core tabs after the modules' own, with the right each needs (UserCan). */
const coreTabs: [string, ScreenRight][] = [
  ['users', 'manageUsers'],
  ['loginHistory', 'manageUsers'],
  ['company', 'manageSystem'],
  ['system', 'manageSystem'],
  ['backup', 'manageSystem'],
];

export const SettingsPage = ({ session }: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab } = useParams();
  const can = session.user.can;
  const extra = settingsTabs().filter((x) => allowed(session, x.can));
  const tabs = [
    'myAccount',
    ...(can.manageTags ? ['tags'] : []),
    ...extra.map((x) => x.value),
    ...coreTabs.filter(([, right]) => can[right]).map(([value]) => value),
  ];
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
        {can.manageTags && (
          <Tabs.Panel value="tags" pt="md">
            <TagsPanel session={session} />
          </Tabs.Panel>
        )}
        {extra.map((x) => (
          <Tabs.Panel key={x.value} value={x.value} pt="md">
            <x.panel session={session} />
          </Tabs.Panel>
        ))}
        {can.manageUsers && (
          <>
            <Tabs.Panel value="users" pt="md">
              <UsersPanel currentUserId={session.user.id} />
            </Tabs.Panel>
            <Tabs.Panel value="loginHistory" pt="md">
              <LoginHistoryPanel />
            </Tabs.Panel>
          </>
        )}
        {can.manageSystem && (
          <>
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
