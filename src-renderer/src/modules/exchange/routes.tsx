import type { ReactElement } from 'react';
import { Route } from 'react-router';
import { IconArrowsExchange } from '@tabler/icons-react';
import type { SessionInfo } from '@shared/types';
import type { DashboardWidget, SettingsTab, NavItem, RendererModule } from '../shell/extensions';
import { ConflictsCard } from './ConflictsCard';
import { ExchangePage } from './ExchangePage';

/** 数据交换: managers exchange everything, a salesperson their own customers (the main process checks every row). */
export const exchangeRoutes = (session: SessionInfo): ReactElement[] => [
  <Route key="exchange" path="/exchange" element={<ExchangePage session={session} />} />,
];

export const exchangeNav: NavItem[] = [{ key: 'exchange', path: '/exchange', label: 'exchange.nav', icon: IconArrowsExchange, order: 85 }];

export const exchangeDashboard: DashboardWidget[] = [{ key: 'exchange-conflicts', order: 85, component: ConflictsCard }];

export const exchangeSettingsTabs: SettingsTab[] = [];

export const exchangeModule: RendererModule = { name: 'exchange', routes: exchangeRoutes, nav: exchangeNav, dashboard: exchangeDashboard, settingsTabs: exchangeSettingsTabs };
