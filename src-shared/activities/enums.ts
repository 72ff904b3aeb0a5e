/** 联系方式 (PRODUCT.md §4): 电话 (来电/去电), 拜访, 来访, 邮件, 传真, 邮寄资料, 短信, 微信, 会议, 其他. */
export const activityTypes = ['call_in', 'call_out', 'visit', 'walk_in', 'email', 'fax', 'mail', 'sms', 'wechat', 'meeting', 'other'] as const;
export type ActivityType = (typeof activityTypes)[number];

export const complaintSeverities = ['low', 'medium', 'high'] as const;
export type ComplaintSeverity = (typeof complaintSeverities)[number];

/** A complaint moves open → handling → resolved, one step at a time; anything else is INVALID_TRANSITION. */
export const complaintStatuses = ['open', 'handling', 'resolved'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

export const complaintTransitions: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  open: ['handling'],
  handling: ['resolved'],
  resolved: [],
};

/** Where a follow-up task came from. */
export const taskSources = ['activity', 'minutes', 'visit', 'manual'] as const;
export type TaskSource = (typeof taskSources)[number];

export const taskStatuses = ['open', 'done'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** 满意度调查 dimensions, each scored 1–5. */
export const surveyDimensions = ['quality', 'delivery', 'service', 'brand'] as const;
export type SurveyDimension = (typeof surveyDimensions)[number];

/** The holidays on the greeting list. */
export const greetingHolidays = ['new_year', 'spring_festival', 'lantern', 'dragon_boat', 'mid_autumn', 'national_day'] as const;
export type GreetingHoliday = (typeof greetingHolidays)[number];

/** Days ahead the greeting list looks by default (a setting). */
export const DEFAULT_GREETING_DAYS = 7;
export const MAX_GREETING_DAYS = 60;
