import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { TableModule } from '../columns';
import { recordColumns } from '../columns';
import { customers } from './customers';
import { users } from './users';

// Tables of this capability. Import shared columns from '../columns' and other tables from their domain's file (./customers, ./users, …)
// only inside `.references(() => …)` callbacks (schema.ts re-exports this module).

/**
 * A customer visit (客户走访单): planned, submitted for approval, approved or
 * rejected by a manager, and once approved carried out (its result recorded).
 * Status: draft → submitted → approved | rejected (→ edited → submitted) → done; draft/rejected → cancelled.
 */
export const visits = sqliteTable(
  'visits',
  {
    ...recordColumns,
    /** Printed form number, e.g. ZF-2026-0007 (per calendar year of the planned time). */
    formNo: text('form_no').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The salesperson who plans and carries out the visit. */
    salespersonId: text('salesperson_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ['draft', 'submitted', 'approved', 'rejected', 'done', 'cancelled'] }).notNull(),
    /** Planned start (epoch ms) and length in minutes. */
    plannedAt: integer('planned_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(60),
    place: text('place'),
    /** Ids of the customer's contacts to meet (JSON array). */
    contactIds: text('contact_ids').notNull().default('[]'),
    purpose: text('purpose').notNull(),
    objectives: text('objectives'),
    /** Standard materials to bring (JSON array of keys: brochure, productCatalog, …) and free text. */
    materials: text('materials').notNull().default('[]'),
    materialsOther: text('materials_other'),
    // Pre-visit checklist (PRODUCT.md §5)
    chkAppointment: integer('chk_appointment', { mode: 'boolean' }).notNull().default(false),
    chkAttire: integer('chk_attire', { mode: 'boolean' }).notNull().default(false),
    chkMaterials: integer('chk_materials', { mode: 'boolean' }).notNull().default(false),
    chkObjections: integer('chk_objections', { mode: 'boolean' }).notNull().default(false),
    chkDecisionMaker: integer('chk_decision_maker', { mode: 'boolean' }).notNull().default(false),
    // Approval (the latest decision; every step is in visit_steps)
    submittedAt: integer('submitted_at'),
    decidedAt: integer('decided_at'),
    decidedBy: text('decided_by'),
    decisionComment: text('decision_comment'),
    // Result
    doneAt: integer('done_at'),
    /** The customer's N-th carried-out visit. */
    visitNo: integer('visit_no'),
    resultSummary: text('result_summary'),
    resultOutcome: text('result_outcome'),
    nextStep: text('next_step'),
    nextFollowUpAt: integer('next_follow_up_at'),
    /** The contact-log entry (activity of type visit) made from the result. */
    activityId: text('activity_id'),
  },
  (t) => [
    index('visits_customer').on(t.customerId, t.plannedAt),
    index('visits_salesperson').on(t.salespersonId, t.plannedAt),
    index('visits_status').on(t.status, t.plannedAt),
    index('visits_planned').on(t.plannedAt),
  ],
);

/** Every step of a visit's flow: who moved it from which status to which, when, with what comment. */
export const visitSteps = sqliteTable(
  'visit_steps',
  {
    id: text('id').primaryKey(),
    visitId: text('visit_id')
      .notNull()
      .references(() => visits.id),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    comment: text('comment'),
  },
  (t) => [index('visit_steps_visit').on(t.visitId, t.at)],
);

/**
 * Meeting minutes (会谈纪要), written after a visit or a meeting, due 2 working days after it.
 * Status: draft → submitted → approved | returned (→ edited → submitted) → sent → confirmed.
 */
export const minutes = sqliteTable(
  'minutes',
  {
    ...recordColumns,
    /** Printed form number, e.g. JY-2026-0003 (per calendar year of the meeting). */
    formNo: text('form_no').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The visit the meeting was (null for another meeting). */
    visitId: text('visit_id').references(() => visits.id),
    /** The salesperson responsible for the minutes (the author). */
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ['draft', 'submitted', 'approved', 'returned', 'sent', 'confirmed'] }).notNull(),
    title: text('title'),
    /** Local calendar date of the meeting, YYYY-MM-DD, and optional start time HH:mm. */
    meetingDate: text('meeting_date').notNull(),
    meetingTime: text('meeting_time'),
    place: text('place'),
    /** Free text: names and titles, one per line. */
    ourAttendees: text('our_attendees'),
    customerAttendees: text('customer_attendees'),
    noteTaker: text('note_taker'),
    customerSituation: text('customer_situation'),
    needsProblems: text('needs_problems'),
    discussion: text('discussion'),
    agreements: text('agreements'),
    /** YYYY-MM-DD: 2 working days after the meeting (Chinese holidays and make-up days counted). */
    dueDate: text('due_date').notNull(),
    submittedAt: integer('submitted_at'),
    reviewedAt: integer('reviewed_at'),
    reviewedBy: text('reviewed_by'),
    reviewComment: text('review_comment'),
    sentAt: integer('sent_at'),
    confirmedAt: integer('confirmed_at'),
  },
  (t) => [
    index('minutes_customer').on(t.customerId, t.meetingDate),
    index('minutes_author').on(t.authorId, t.status),
    index('minutes_status').on(t.status, t.dueDate),
    index('minutes_visit').on(t.visitId),
  ],
);

/** Action items of minutes: each becomes a follow-up task when the minutes are approved. */
export const minutesActions = sqliteTable(
  'minutes_actions',
  {
    id: text('id').primaryKey(),
    minutesId: text('minutes_id')
      .notNull()
      .references(() => minutes.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    content: text('content').notNull(),
    /** Who does it, as written (may be someone at the customer), and the user the task goes to. */
    ownerName: text('owner_name'),
    ownerUserId: text('owner_user_id').references(() => users.id),
    dueDate: text('due_date').notNull(),
    /** The follow-up task created from it (activities' createTask). */
    taskId: text('task_id'),
  },
  (t) => [index('minutes_actions_minutes').on(t.minutesId, t.position)],
);

export const minutesSteps = sqliteTable(
  'minutes_steps',
  {
    id: text('id').primaryKey(),
    minutesId: text('minutes_id')
      .notNull()
      .references(() => minutes.id),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    comment: text('comment'),
  },
  (t) => [index('minutes_steps_minutes').on(t.minutesId, t.at)],
);

/** In-app notifications to a user (visit approved/rejected, minutes approved/returned, …). */
export const visitNotifications = sqliteTable(
  'visit_notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
    kind: text('kind', {
      enum: ['visit_submitted', 'visit_approved', 'visit_rejected', 'minutes_submitted', 'minutes_approved', 'minutes_returned'],
    }).notNull(),
    visitId: text('visit_id'),
    minutesId: text('minutes_id'),
    customerId: text('customer_id'),
    comment: text('comment'),
    readAt: integer('read_at'),
  },
  (t) => [index('visit_notifications_user').on(t.userId, t.readAt, t.at)],
);

export const visitTables: TableModule = {
  // Travel in exchange workbooks, parents first; the notifications are a per-PC inbox and stay.
  exchange: () => [
    {
      table: visits,
      sheet: '客户走访单',
      customer: 'customer_id',
      // Submitting, approving, rejecting and recording the result are flows of their own (visits.*): never by hand.
      authority: {
        record: 'owner',
        columns: {
          form_no: 'system',
          salesperson_id: 'system',
          status: 'system',
          submitted_at: 'system',
          decided_at: 'system',
          decided_by: 'system',
          decision_comment: 'system',
          done_at: 'system',
          visit_no: 'system',
          activity_id: 'system',
          // The pre-visit checklist is the planner's.
          chk_decision_maker: 'owner',
        },
      },
    },
    { table: visitSteps, sheet: '走访单流程', customer: { via: 'visit_id', parent: 'visits' }, authority: { record: 'system' } },
    {
      table: minutes,
      sheet: '会谈纪要',
      customer: 'customer_id',
      // Submitting, the manager's review, sending and the customer's confirmation are flows of their own (minutes.*).
      authority: {
        record: 'owner',
        columns: {
          form_no: 'system',
          author_id: 'system',
          visit_id: 'system',
          status: 'system',
          due_date: 'system',
          submitted_at: 'system',
          reviewed_at: 'system',
          reviewed_by: 'system',
          review_comment: 'system',
          sent_at: 'system',
          confirmed_at: 'system',
        },
      },
    },
    // Saving minutes replaces their action items: they travel and settle with their minutes.
    {
      table: minutesActions,
      sheet: '纪要行动项',
      customer: { via: 'minutes_id', parent: 'minutes' },
      partOf: { column: 'minutes_id', parent: 'minutes' },
      authority: { record: 'owner', columns: { minutes_id: 'system', task_id: 'system', owner_name: 'owner', owner_user_id: 'owner' } },
    },
    { table: minutesSteps, sheet: '纪要流程', customer: { via: 'minutes_id', parent: 'minutes' }, authority: { record: 'system' } },
  ],
  audited: () => [visits, minutes, minutesActions],
  customerLinked: () => [visits, minutes],
};
