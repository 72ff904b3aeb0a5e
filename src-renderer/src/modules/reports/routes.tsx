import { IconChartBar } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { Route } from 'react-router';
import type { SessionInfo } from '@shared/types';
import type { DashboardWidget, SettingsTab, NavItem, RendererModule } from '../shell/extensions';
import { ReportsPage } from './ReportsPage';

/** This capability's pages: `<Route key=… path=… element=… />` elements placed inside the app's <Routes>. */
export const reportRoutes = (session: SessionInfo): ReactElement[] => [
  <Route key="reports" path="/reports/:kind?" element={<ReportsPage session={session} />} />,
];

/** This capability's entries in the left navigation. */
export const reportNav: NavItem[] = [{ key: 'reports', path: '/reports', label: 'reports.nav', icon: IconChartBar, order: 60 }];

/** This capability's cards on the dashboard (首页). */
export const reportDashboard: DashboardWidget[] = [];

/** This capability's tabs in 设置. */
export const reportSettingsTabs: SettingsTab[] = [];

export const reportModule: RendererModule = { name: 'reports', routes: reportRoutes, nav: reportNav, dashboard: reportDashboard, settingsTabs: reportSettingsTabs };
