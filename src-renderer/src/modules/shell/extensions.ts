import type { ComponentType } from 'react';
import type { Role } from '@shared/roles';
import type { SessionInfo } from '@shared/types';

/** A card on the dashboard (首页). It fetches its own data and renders nothing when it has nothing to show. */
export type DashboardWidget = { key: string; order: number; roles?: Role[]; component: ComponentType<{ session: SessionInfo }> };

/** A tab in 设置: `label` is an i18n key. */
export type SettingsTab = { value: string; label: string; roles: Role[]; panel: ComponentType<{ session: SessionInfo }> };
