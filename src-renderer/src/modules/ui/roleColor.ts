import type { Role } from '@shared/roles';

export const roleColor = (role: Role): string => ({ admin: 'grape', manager: 'teal', sales: 'blue' })[role];
