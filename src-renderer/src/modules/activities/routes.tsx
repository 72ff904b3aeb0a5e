import { IconChecklist } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { Route } from 'react-router';
import type { SessionInfo } from '@shared/types';
import type { DashboardWidget, SettingsTab, NavItem, RendererModule } from '../shell/extensions';
import { FirstContactsCard, GreetingsCard, TasksCard } from './DashboardCards';
import { FollowUpsPage } from './FollowUpsPage';
import { GreetingSettingsPanel } from './GreetingSettingsPanel';

/** This capability's pages: `<Route key=… path=… element=… />` elements placed inside the app's <Routes>. */
export const activityRoutes = (session: SessionInfo): ReactElement[] => [<Route key="follow-ups" path="/follow-ups" element={<FollowUpsPage session={session} />} />];

/** This capability's entries in the left navigation. */
export const activityNav: NavItem[] = [{ key: 'follow-ups', path: '/follow-ups', label: 'activities.nav.tasks', icon: IconChecklist, order: 15 }];

/** This capability's cards on the dashboard (首页). */
export const activityDashboard: DashboardWidget[] = [
  { key: 'activities-tasks', order: 10, component: TasksCard },
  { key: 'activities-first-contacts', order: 11, component: FirstContactsCard },
  { key: 'activities-greetings', order: 12, component: GreetingsCard },
];

/** This capability's tabs in 设置. */
export const activitySettingsTabs: SettingsTab[] = [
  { value: 'greetings', label: 'activities.greetings.settingsTab', can: 'setOfficeRules', panel: GreetingSettingsPanel },
];

export const activityModule: RendererModule = { name: 'activities', routes: activityRoutes, nav: activityNav, dashboard: activityDashboard, settingsTabs: activitySettingsTabs };
