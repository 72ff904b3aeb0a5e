import type { DashboardWidget, SettingsTab } from './extensions';
import { activityDashboard, activitySettingsTabs } from '../activities/routes';
import { visitDashboard, visitSettingsTabs } from '../visits/routes';
import { orderDashboard, orderSettingsTabs } from '../orders/routes';
import { reportDashboard, reportSettingsTabs } from '../reports/routes';
import { exchangeDashboard, exchangeSettingsTabs } from '../exchange/routes';

export const dashboardWidgets: DashboardWidget[] = [...activityDashboard, ...visitDashboard, ...orderDashboard, ...reportDashboard, ...exchangeDashboard].sort((a, b) => a.order - b.order);

export const settingsTabs: SettingsTab[] = [...activitySettingsTabs, ...visitSettingsTabs, ...orderSettingsTabs, ...reportSettingsTabs, ...exchangeSettingsTabs];
