import { IconSettings } from '@tabler/icons-react';
import { Route } from 'react-router';
import type { RendererModule } from '../shell/extensions';
import { SettingsPage } from './SettingsPage';

/** 设置: the core tabs (users, company, backups, …) plus every module's own. */
export const settingsModule: RendererModule = {
  name: 'settings',
  routes: (session) => [<Route key="settings" path="/settings/:tab?" element={<SettingsPage session={session} />} />],
  nav: [{ key: 'settings', path: '/settings', label: 'nav.settings', icon: IconSettings, order: 100 }],
};
