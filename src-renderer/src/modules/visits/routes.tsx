import { IconClipboardCheck, IconFileDescription, IconRoute } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { Route } from 'react-router';
import type { SessionInfo } from '@shared/types';
import type { DashboardWidget, SettingsTab, NavItem, RendererModule } from '../shell/extensions';
import { ApprovalQueuePage } from './ApprovalQueuePage';
import { ApprovalsCard, MinutesDueCard, NotificationsCard } from './DashboardCards';
import { MinutesDetailPage } from './MinutesDetailPage';
import { MinutesFormPage } from './MinutesFormPage';
import { MinutesListPage } from './MinutesListPage';
import { VisitDetailPage } from './VisitDetailPage';
import { VisitFormPage } from './VisitFormPage';
import { VisitSettingsPanel } from './VisitSettingsPanel';
import { VisitWeekPage } from './VisitWeekPage';

/** This capability's pages: `<Route key=… path=… element=… />` elements placed inside the app's <Routes>. */
export const visitRoutes = (session: SessionInfo): ReactElement[] => [
  <Route key="visits" path="/visits" element={<VisitWeekPage session={session} />} />,
  <Route key="visits-new" path="/visits/new" element={<VisitFormPage session={session} />} />,
  <Route key="visits-approvals" path="/approvals" element={<ApprovalQueuePage session={session} />} />,
  <Route key="visits-edit" path="/visits/:id/edit" element={<VisitFormPage session={session} />} />,
  <Route key="visits-detail" path="/visits/:id" element={<VisitDetailPage session={session} />} />,
  <Route key="minutes" path="/minutes" element={<MinutesListPage session={session} />} />,
  <Route key="minutes-new" path="/minutes/new" element={<MinutesFormPage session={session} />} />,
  <Route key="minutes-edit" path="/minutes/:id/edit" element={<MinutesFormPage session={session} />} />,
  <Route key="minutes-detail" path="/minutes/:id" element={<MinutesDetailPage session={session} />} />,
];

/** This capability's entries in the left navigation. */
export const visitNav: NavItem[] = [
  { key: 'visits', path: '/visits', label: 'visits.nav.visits', icon: IconRoute, order: 30 },
  { key: 'visit-approvals', path: '/approvals', label: 'visits.nav.approvals', icon: IconClipboardCheck, order: 32, can: 'reviewWork' },
  { key: 'minutes', path: '/minutes', label: 'visits.nav.minutes', icon: IconFileDescription, order: 35 },
];

/** This capability's cards on the dashboard (首页). */
export const visitDashboard: DashboardWidget[] = [
  { key: 'visits-notifications', order: 5, component: NotificationsCard },
  { key: 'visits-approvals', order: 20, can: 'reviewWork', component: ApprovalsCard },
  { key: 'visits-minutes-due', order: 25, component: MinutesDueCard },
];

/** This capability's tabs in 设置. */
export const visitSettingsTabs: SettingsTab[] = [
  { value: 'visits', label: 'visits.settings.tab', can: 'setOfficeRules', panel: VisitSettingsPanel },
];

export const visitModule: RendererModule = { name: 'visits', routes: visitRoutes, nav: visitNav, dashboard: visitDashboard, settingsTabs: visitSettingsTabs };
