import { rendererModules } from '../index';
import type { DashboardWidget, SettingsTab } from './extensions';

/** Every module's dashboard cards, in their order (read when the dashboard renders). */
export const dashboardWidgets = (): DashboardWidget[] => rendererModules.flatMap((m) => m.dashboard ?? []).sort((a, b) => a.order - b.order);

/** Every module's tabs in 设置. */
export const settingsTabs = (): SettingsTab[] => rendererModules.flatMap((m) => m.settingsTabs ?? []);
