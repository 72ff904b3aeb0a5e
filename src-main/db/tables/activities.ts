import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { recordColumns, type TableModule } from '../columns';
import { contacts, customers } from './customers';
import { users } from './users';

// Tables of this capability. Import shared columns from '../columns' and other tables from their domain's file (./customers, ./users, …)
// only inside `.references(() => …)` callbacks (schema.ts re-exports this module).

/**
 * 联系记录: one contact with a customer (a call, a visit, a walk-in, …). A
 * complaint (投诉) is an activity with `complaint` set, a severity, a status
 * (open → handling → resolved) and a resolution. Times are epoch ms.
 */
export const activities = sqliteTable(
  'activities',
  {
    ...recordColumns,
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** One of the customer's contacts (optional). */
    contactId: text('contact_id').references(() => contacts.id),
    /** The salesperson who made the contact (the creator unless a manager logs it for someone). */
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** ActivityType in src-shared/activities/enums.ts: call_in, call_out, visit, walk_in, email, fax, mail, sms, wechat, meeting, other. */
    type: text('type').notNull(),
    occurredAt: integer('occurred_at').notNull(),
    summary: text('summary').notNull(),
    outcome: text('outcome'),
    nextStep: text('next_step'),
    nextFollowUpAt: integer('next_follow_up_at'),
    complaint: integer('complaint', { mode: 'boolean' }).notNull().default(false),
    /** low | medium | high (complaints only). */
    severity: text('severity'),
    /** open | handling | resolved (complaints only). */
    complaintStatus: text('complaint_status'),
    resolution: text('resolution'),
    resolvedAt: integer('resolved_at'),
    /** Where the entry came from when another record produced it: 'visit' + the visit's id, … (null when logged by hand). */
    sourceType: text('source_type'),
    sourceId: text('source_id'),
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    index('activities_customer').on(t.customerId, t.occurredAt),
    index('activities_occurred').on(t.occurredAt),
    index('activities_user').on(t.userId, t.occurredAt),
    index('activities_source').on(t.sourceType, t.sourceId),
  ],
);

/** 回访计划: a follow-up task for one person about one customer. */
export const followUpTasks = sqliteTable(
  'follow_up_tasks',
  {
    ...recordColumns,
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    assigneeId: text('assignee_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    notes: text('notes'),
    /** When it is due (epoch ms; a date-only task is due at the start of that local day). */
    dueAt: integer('due_at').notNull(),
    /** activity | minutes | visit | manual */
    sourceType: text('source_type').notNull().default('manual'),
    sourceId: text('source_id'),
    /** open | done */
    status: text('status').notNull().default('open'),
    doneAt: integer('done_at'),
    doneBy: text('done_by'),
    /** How many times it was moved to a later date. */
    snoozeCount: integer('snooze_count').notNull().default(0),
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    index('follow_up_tasks_assignee').on(t.assigneeId, t.status, t.dueAt),
    index('follow_up_tasks_customer').on(t.customerId, t.dueAt),
    index('follow_up_tasks_source').on(t.sourceType, t.sourceId),
  ],
);

/** 满意度调查: scores 1–5 per customer. */
export const satisfactionSurveys = sqliteTable(
  'satisfaction_surveys',
  {
    ...recordColumns,
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    contactId: text('contact_id').references(() => contacts.id),
    surveyedAt: integer('surveyed_at').notNull(),
    quality: integer('quality').notNull(),
    delivery: integer('delivery').notNull(),
    service: integer('service').notNull(),
    brand: integer('brand').notNull(),
    comments: text('comments'),
    deletedAt: integer('deleted_at'),
  },
  (t) => [index('satisfaction_surveys_customer').on(t.customerId, t.surveyedAt), index('satisfaction_surveys_at').on(t.surveyedAt)],
);

export const activityTables: TableModule = {
  // The contact log, tasks and surveys travel in exchange workbooks (the customers' contact dates settle by max/min there).
  exchange: () => [
    {
      table: activities,
      sheet: '联系记录',
      customer: 'customer_id',
      // Who logged it and what made it (a carried-out visit) are the app's; a complaint's handling is the owner's.
      authority: { record: 'owner', columns: { user_id: 'system', source_type: 'system', source_id: 'system', complaint_status: 'owner' } },
    },
    {
      table: followUpTasks,
      sheet: '回访任务',
      customer: 'customer_id',
      authority: { record: 'owner', columns: { assignee_id: 'manager', source_type: 'system', source_id: 'system', status: 'owner', done_by: 'system', snooze_count: 'system' } },
    },
    { table: satisfactionSurveys, sheet: '满意度调查', customer: 'customer_id', authority: { record: 'owner' } },
  ],
  audited: () => [activities, followUpTasks, satisfactionSurveys],
  customerLinked: () => [activities, followUpTasks, satisfactionSurveys],
};
