import type { Role } from '@shared/roles';

/** The left navigation. Each later capability (customers, visits, minutes, reports, import/export) adds its entry here. */
export const navItems: { key: 'home' | 'customers' | 'import' | 'settings'; path: string; roles?: Role[] }[] = [
  { key: 'home', path: '/' },
  { key: 'customers', path: '/customers' },
  { key: 'import', path: '/import', roles: ['manager', 'admin'] },
  { key: 'settings', path: '/settings' },
];
