import type { OverdueFirstContact, UserRef } from '../customers/types';
import type { ActivityType, ComplaintSeverity, ComplaintStatus, GreetingHoliday, TaskSource, TaskStatus } from './enums';

export type Activity = {
  id: string;
  customerId: string;
  customerName: string;
  contactId: string | null;
  contactName: string | null;
  user: UserRef;
  type: ActivityType;
  occurredAt: number;
  summary: string;
  outcome: string | null;
  nextStep: string | null;
  nextFollowUpAt: number | null;
  complaint: boolean;
  severity: ComplaintSeverity | null;
  complaintStatus: ComplaintStatus | null;
  resolution: string | null;
  resolvedAt: number | null;
  sourceType: string | null;
  sourceId: string | null;
  createdAt: number;
  createdBy: string | null;
  /** Whether the viewer may write for its customer (its owner, or a manager). */
  canEdit: boolean;
  /** What the viewer may do with this entry now (src-main/services/policy). */
  can: ActivityCan;
};

/** An entry made by another record (a carried-out visit) is corrected there, not here; a complaint moves one step at a time. */
export type ActivityCan = { edit: boolean; delete: boolean; moveComplaint: boolean };

export type FollowUpTask = {
  id: string;
  customerId: string;
  customerName: string;
  assignee: UserRef;
  title: string;
  notes: string | null;
  dueAt: number;
  sourceType: TaskSource;
  sourceId: string | null;
  status: TaskStatus;
  doneAt: number | null;
  snoozeCount: number;
  createdAt: number;
  /** Whether the viewer may change it: its assignee, or whoever may write for its customer. */
  canEdit: boolean;
  /** What the viewer may do with this task now (src-main/services/policy). */
  can: TaskCan;
};

export type TaskCan = { complete: boolean; snooze: boolean };

export type Survey = {
  id: string;
  customerId: string;
  contactId: string | null;
  contactName: string | null;
  surveyedAt: number;
  quality: number;
  delivery: number;
  service: number;
  brand: number;
  /** Mean of the four scores, one decimal. */
  average: number;
  comments: string | null;
  createdBy: UserRef | null;
  createdAt: number;
};

export type GreetingKind = 'birthday' | 'holiday';

/** One line of the greeting list: a contact's birthday, or a holiday (once per list, not per contact). */
export type Greeting = {
  kind: GreetingKind;
  /** The solar date it falls on this time, 'YYYY-MM-DD'. */
  date: string;
  /** Whole days from today (0 = today). */
  daysAway: number;
  holiday: GreetingHoliday | null;
  /** Birthdays: the contact and their customer. */
  contactId: string | null;
  contactName: string | null;
  contactTitle: string | null;
  customerId: string | null;
  customerName: string | null;
  /** The contact's mobile (or phone). */
  phone: string | null;
  /** The contact's home address, else the customer's address. */
  address: string | null;
  /** For a birthday: the stored birthday and whether it is lunar; the lunar label ('腊月廿九') for lunar ones. */
  birthday: string | null;
  lunar: boolean;
  lunarLabel: string | null;
  /** Set when a lunar birthday's day does not exist this year and moved to the month's last day. */
  shifted: boolean;
};

export type GreetingList = { today: string; days: number; items: Greeting[] };

export type ActivitiesDashboard = {
  /** Open tasks assigned to the viewer due before the end of today (overdue first). */
  tasks: FollowUpTask[];
  overdueTaskCount: number;
  /** Managers see every customer; sales their own. */
  overdueFirstContacts: OverdueFirstContact[];
  greetings: GreetingList;
};
