import { IconCash, IconReceipt } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { Route } from 'react-router';
import type { SessionInfo } from '@shared/types';
import type { DashboardWidget, SettingsTab, NavItem, RendererModule } from '../shell/extensions';
import { OrderRulesPanel } from './OrderRulesPanel';
import { OrdersPage } from './OrdersPage';
import { ReceivablesCard } from './ReceivablesCard';
import { ReceivablesPage } from './ReceivablesPage';

/** This capability's pages: `<Route key=… path=… element=… />` elements placed inside the app's <Routes>. */
export const orderRoutes = (session: SessionInfo): ReactElement[] => [
  <Route key="orders" path="/orders" element={<OrdersPage session={session} />} />,
  <Route key="receivables" path="/receivables" element={<ReceivablesPage session={session} />} />,
];

/** This capability's entries in the left navigation. */
export const orderNav: NavItem[] = [
  { key: 'orders', path: '/orders', label: 'orders.nav.orders', icon: IconReceipt, order: 40 },
  { key: 'receivables', path: '/receivables', label: 'orders.nav.receivables', icon: IconCash, order: 42 },
];

/** This capability's cards on the dashboard (首页). */
export const orderDashboard: DashboardWidget[] = [{ key: 'orders-receivables', order: 30, component: ReceivablesCard }];

/** This capability's tabs in 设置. */
export const orderSettingsTabs: SettingsTab[] = [{ value: 'orders', label: 'orders.settings.tab', can: 'setOfficeRules', panel: OrderRulesPanel }];

export const orderModule: RendererModule = { name: 'orders', routes: orderRoutes, nav: orderNav, dashboard: orderDashboard, settingsTabs: orderSettingsTabs };
