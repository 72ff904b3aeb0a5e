import type { Icon } from '@tabler/icons-react';
import type { ComponentType, ReactElement } from 'react';
import type { SessionInfo, UserCan } from '@shared/types';

/**
 * `can`: the session's right (UserCan, from the main process's policy) a screen needs; without it,
 * everyone gets it. The renderer never decides from a role.
 */
export type ScreenRight = keyof UserCan;

/** Whether the session has the right (or none is needed). */
export const allowed = (session: SessionInfo, can: ScreenRight | undefined): boolean => !can || session.user.can[can];

/** A card on the dashboard (首页). It fetches its own data and renders nothing when it has nothing to show. */
export type DashboardWidget = { key: string; order: number; can?: ScreenRight; component: ComponentType<{ session: SessionInfo }> };

/** A tab in 设置: `label` is an i18n key. */
export type SettingsTab = { value: string; label: string; can?: ScreenRight; panel: ComponentType<{ session: SessionInfo }> };

/** One entry of the left navigation. `label` is an i18n key; `order` places it among the others. */
export type NavItem = { key: string; path: string; label: string; icon: Icon; order: number; can?: ScreenRight };

/**
 * One domain's screens (src-renderer/src/modules/<domain>/routes.tsx): its pages as routes, its
 * entries in the left navigation, its dashboard cards and its settings tabs. The app lists the
 * modules once (modules/index.ts); the shell, the dashboard and 设置 read them from there.
 */
export type RendererModule = {
  name: string;
  /** `<Route key=… path=… element=… />` elements placed inside the app's <Routes>. */
  routes?: (session: SessionInfo) => ReactElement[];
  nav?: NavItem[];
  dashboard?: DashboardWidget[];
  settingsTabs?: SettingsTab[];
};
