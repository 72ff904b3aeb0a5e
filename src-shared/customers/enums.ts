/** 客户来源 (PRODUCT.md §2). */
export const customerSources = [
  'trade_directory',
  'trade_show',
  'trade_press',
  'internet',
  'association',
  'mall_brand',
  'partner_referral',
  'friend_referral',
  'walk_in',
  'media_ads',
  'company_event',
  'cold_call',
  'other',
] as const;
export type CustomerSource = (typeof customerSources)[number];

/** 客户状态: the lifecycle. */
export const customerStatuses = [
  'potential',
  'target',
  'first_purchase',
  'repeat',
  'loyal',
  'lost',
  'permanently_lost',
] as const;
export type CustomerStatus = (typeof customerStatuses)[number];
export const activeStatuses: readonly CustomerStatus[] = ['potential', 'target', 'first_purchase', 'repeat', 'loyal'];
export const isLostStatus = (s: CustomerStatus): boolean => s === 'lost' || s === 'permanently_lost';

export const customerGrades = ['A', 'B', 'C'] as const;
export type CustomerGrade = (typeof customerGrades)[number];

/** Manual tier set by managers: 重要/主要/普通/小客户. */
export const customerTiers = ['key', 'major', 'normal', 'small'] as const;
export type CustomerTier = (typeof customerTiers)[number];

export const staffSizes = ['1-19', '20-99', '100-299', '300-999', '1000+'] as const;
export type StaffSize = (typeof staffSizes)[number];

export const tagColors = ['blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange', 'red', 'pink', 'grape', 'violet', 'gray'] as const;

/** Fields only the owner, managers and admins may see. */
export const financialFields = ['bankName', 'bankAccount', 'taxId', 'creditStatus'] as const;

/** Days a newly assigned customer may wait for its first contact before a manager sees it overdue. */
export const FIRST_CONTACT_DAYS = 7;
