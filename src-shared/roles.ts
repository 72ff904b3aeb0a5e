export const roles = ['admin', 'manager', 'sales'] as const;
export type Role = (typeof roles)[number];

/**
 * The people who sell — managers and salespeople, not administrators: who is offered as a customer's
 * owner, a lead's assignee or a person whose figures to show. A listing, not a right: what someone may
 * do is the main process's policy (src-main/services/policy), carried to the renderer as `can` flags.
 */
export const sells = (role: Role): boolean => role === 'manager' || role === 'sales';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';
