import { rendererModules } from '../index';
import type { NavItem } from './extensions';

export type { NavItem } from './extensions';

/** The left navigation: every module's entries (declared in its routes.tsx), in their order. Read when the shell renders. */
export const navItems = (): NavItem[] => rendererModules.flatMap((m) => m.nav ?? []).sort((a, b) => a.order - b.order);
