import type { ReactElement } from 'react';
import type { SessionInfo } from '@shared/types';
import type { DashboardWidget, SettingsTab } from '../shell/extensions';
import type { NavItem } from '../shell/navItems';

/** This capability's pages: `<Route key=… path=… element=… />` elements placed inside the app's <Routes>. */
export const activityRoutes = (_session: SessionInfo): ReactElement[] => [];

/** This capability's entries in the left navigation. */
export const activityNav: NavItem[] = [];

/** This capability's cards on the dashboard (首页). */
export const activityDashboard: DashboardWidget[] = [];

/** This capability's tabs in 设置. */
export const activitySettingsTabs: SettingsTab[] = [];
