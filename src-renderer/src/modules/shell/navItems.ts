import { IconAddressBook, IconFileImport, IconHome, IconSettings, type Icon } from '@tabler/icons-react';
import type { Role } from '@shared/roles';
import { activityNav } from '../activities/routes';
import { visitNav } from '../visits/routes';
import { orderNav } from '../orders/routes';
import { reportNav } from '../reports/routes';
import { exchangeNav } from '../exchange/routes';

/** One entry of the left navigation. `label` is an i18n key; `order` places it among the others. */
export type NavItem = { key: string; path: string; label: string; icon: Icon; order: number; roles?: Role[] };

/** The left navigation: the core entries plus each capability's own (declared in its routes.tsx). */
const core: NavItem[] = [
  { key: 'home', path: '/', label: 'nav.home', icon: IconHome, order: 0 },
  { key: 'customers', path: '/customers', label: 'nav.customers', icon: IconAddressBook, order: 10 },
  { key: 'import', path: '/import', label: 'nav.import', icon: IconFileImport, order: 80, roles: ['manager', 'admin'] },
  { key: 'settings', path: '/settings', label: 'nav.settings', icon: IconSettings, order: 100 },
];

export const navItems: NavItem[] = [
  ...core,
  ...activityNav,
  ...visitNav,
  ...orderNav,
  ...reportNav,
  ...exchangeNav,
].sort((a, b) => a.order - b.order);
