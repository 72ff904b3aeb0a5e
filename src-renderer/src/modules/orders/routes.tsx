import type { ReactElement } from 'react';
import type { SessionInfo } from '@shared/types';
import type { DashboardWidget, SettingsTab } from '../shell/extensions';
import type { NavItem } from '../shell/navItems';

/** This capability's pages: `<Route key=… path=… element=… />` elements placed inside the app's <Routes>. */
export const orderRoutes = (_session: SessionInfo): ReactElement[] => [];

/** This capability's entries in the left navigation. */
export const orderNav: NavItem[] = [];

/** This capability's cards on the dashboard (首页). */
export const orderDashboard: DashboardWidget[] = [];

/** This capability's tabs in 设置. */
export const orderSettingsTabs: SettingsTab[] = [];
