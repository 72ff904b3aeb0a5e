import { and, count, desc, eq, gte, inArray, isNotNull, isNull, lte, max, min, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { complaintTransitions, type ActivityType, type ComplaintSeverity, type ComplaintStatus } from '../../../src-shared/activities/enums';
import {
  activityInputSchema,
  activityListSchema,
  activityUpdateSchema,
  complaintTransitionSchema,
  type ActivityInput,
} from '../../../src-shared/activities/schemas';
import type { Activity } from '../../../src-shared/activities/types';
import { AppError } from '../../../src-shared/errors';
import type { Db, ReadDb, WriteDb } from '../../db/connection';
import { activities, contacts, customers, followUpTasks, users } from '../../db/schema';
import { activityCan, canActForOthers, canWriteFor, type Viewer } from '../policy/policy';
import { readableCustomer, writableCustomer } from '../policy/guards';
import { readableCondition } from '../policy/sql';
import { addEvent, userNames } from '../customers/events';
import { liveCondition, touch } from '../customers/repository';
import { newId } from '../ids';
import { addTask, refreshNextFollowUp } from './tasks';
import { assertNotFuture, parseInput } from './validate';

type ActivityRow = typeof activities.$inferSelect;

const toActivities = (db: ReadDb, viewer: Viewer, rows: ActivityRow[]): Activity[] => {
  const names = userNames(db, rows.map((r) => r.userId));
  const customerIds = [...new Set(rows.map((r) => r.customerId))];
  const contactIds = [...new Set(rows.map((r) => r.contactId).filter((x): x is string => !!x))];
  const custs = customerIds.length
    ? db.orm.select({ id: customers.id, name: customers.name, ownerId: customers.ownerId }).from(customers).where(inArray(customers.id, customerIds)).all()
    : [];
  const cons = contactIds.length ? db.orm.select({ id: contacts.id, name: contacts.name }).from(contacts).where(inArray(contacts.id, contactIds)).all() : [];
  const custById = new Map(custs.map((c) => [c.id, c]));
  const contactName = new Map(cons.map((c) => [c.id, c.name]));
  return rows.map((r) => {
    const c = custById.get(r.customerId);
    return {
      id: r.id,
      customerId: r.customerId,
      customerName: c?.name ?? '',
      contactId: r.contactId,
      contactName: r.contactId ? (contactName.get(r.contactId) ?? null) : null,
      user: { id: r.userId, displayName: names.get(r.userId) ?? '' },
      type: r.type as ActivityType,
      occurredAt: r.occurredAt,
      summary: r.summary,
      outcome: r.outcome,
      nextStep: r.nextStep,
      nextFollowUpAt: r.nextFollowUpAt,
      complaint: r.complaint,
      severity: r.severity as ComplaintSeverity | null,
      complaintStatus: r.complaintStatus as ComplaintStatus | null,
      resolution: r.resolution,
      resolvedAt: r.resolvedAt,
      sourceType: r.sourceType,
      sourceId: r.sourceId,
      createdAt: r.createdAt,
      createdBy: r.createdBy,
      canEdit: !!c && canWriteFor(viewer, c),
      can: c
        ? activityCan(viewer, { sourceType: r.sourceType, complaint: r.complaint, complaintStatus: r.complaintStatus as ComplaintStatus | null }, c)
        : { edit: false, delete: false, moveComplaint: false },
    };
  });
};

const checkContact = (db: ReadDb, customerId: string, contactId: string | null): void => {
  if (!contactId) return;
  const c = db.orm.select({ customerId: contacts.customerId, deletedAt: contacts.deletedAt }).from(contacts).where(eq(contacts.id, contactId)).get();
  if (!c || c.customerId !== customerId || c.deletedAt !== null) throw new AppError('VALIDATION', { fields: 'contactId' });
};

/** Whose contact it was: the viewer, or (managers only) an active user they name. */
const contactUser = (db: ReadDb, viewer: Viewer, userId: string | null): string => {
  if (!userId || userId === viewer.id) return viewer.id;
  if (!canActForOthers(viewer)) throw new AppError('FORBIDDEN');
  const u = db.orm.select({ active: users.active }).from(users).where(eq(users.id, userId)).get();
  if (!u || !u.active) throw new AppError('INVALID_OWNER');
  return userId;
};

/**
 * Logs a contact with a customer (联系记录), or a complaint when
 * `complaint` is set (status starts at 'open'). In the same transaction:
 * the customer's last contact (the latest contact time), first contact (the
 * earliest), a timeline event 'activity_logged', and — when a next
 * follow-up date is given — a follow-up task due then, assigned to the
 * customer's owner, which also sets the customer's next follow-up.
 *
 * Other modules call addActivity inside their own writes to turn their records into contact
 * entries (a carried-out visit: type 'visit', sourceType 'visit', sourceId the visit).
 */
export const createActivity = (db: Db, viewer: Viewer, input: ActivityInput): Activity => db.write(viewer.id, (tx) => addActivity(tx, viewer, input));

/** createActivity inside the caller's write. */
export const addActivity = (tx: WriteDb, viewer: Viewer, input: ActivityInput): Activity => {
  const v = parseInput(activityInputSchema, input);
  assertNotFuture(tx.clock.now(), v.occurredAt);
  const customer = writableCustomer(tx, viewer, v.customerId);
  checkContact(tx, v.customerId, v.contactId);
  const userId = contactUser(tx, viewer, v.userId);
  const now = tx.clock.now();
  const row: ActivityRow = {
    id: newId(),
    createdAt: now,
    createdBy: viewer.id,
    updatedAt: now,
    updatedBy: viewer.id,
    customerId: v.customerId,
    contactId: v.contactId,
    userId,
    type: v.type,
    occurredAt: v.occurredAt,
    summary: v.summary,
    outcome: v.outcome,
    nextStep: v.nextStep,
    nextFollowUpAt: v.nextFollowUpAt,
    complaint: v.complaint,
    severity: v.complaint ? v.severity : null,
    complaintStatus: v.complaint ? 'open' : null,
    resolution: null,
    resolvedAt: null,
    sourceType: v.sourceType,
    sourceId: v.sourceId,
    deletedAt: null,
  };
  tx.orm.insert(activities).values(row).run();
  tx.orm
    .update(customers)
    .set({
      lastContactAt: Math.max(customer.lastContactAt ?? 0, v.occurredAt),
      firstContactAt: customer.firstContactAt === null ? v.occurredAt : Math.min(customer.firstContactAt, v.occurredAt),
      ...touch(tx, viewer.id),
    })
    .where(eq(customers.id, v.customerId))
    .run();
  addEvent(tx, viewer.id, v.customerId, 'activity_logged', { activityId: row.id, type: v.type, summary: v.summary, complaint: v.complaint });
  if (v.nextFollowUpAt !== null) {
    // The follow-up belongs to whoever owns the customer (a manager logging a call leaves the follow-up with the salesperson).
    const assigneeId = customer.ownerId ?? userId;
    const task = { customerId: v.customerId, title: (v.nextStep ?? v.summary).slice(0, 200), dueAt: v.nextFollowUpAt, sourceType: 'activity' as const, sourceId: row.id };
    addTask(tx, viewer, { ...task, assigneeId: canActForOthers(viewer) ? assigneeId : viewer.id });
  }
  return toActivities(tx, viewer, [row])[0]!;
};

/**
 * Moves a complaint one step: open → handling → resolved (a resolution is
 * required to resolve). Anything else is INVALID_TRANSITION.
 */
export const transitionComplaint = (db: Db, viewer: Viewer, input: z.input<typeof complaintTransitionSchema>): Activity => {
  const v = parseInput(complaintTransitionSchema, input);
  return db.write(viewer.id, (tx) => {
    const row = tx.orm.select().from(activities).where(eq(activities.id, v.id)).get();
    if (!row || row.deletedAt !== null) throw new AppError('NOT_FOUND');
    writableCustomer(tx, viewer, row.customerId);
    if (!row.complaint || !row.complaintStatus) throw new AppError('INVALID_TRANSITION');
    const from = row.complaintStatus as ComplaintStatus;
    if (!complaintTransitions[from].includes(v.to)) throw new AppError('INVALID_TRANSITION', { from, to: v.to });
    if (v.to === 'resolved' && !v.resolution) throw new AppError('VALIDATION', { fields: 'resolution' });
    const now = tx.clock.now();
    const patch = {
      complaintStatus: v.to,
      ...(v.to === 'resolved' ? { resolution: v.resolution, resolvedAt: now } : v.resolution ? { resolution: v.resolution } : {}),
      ...touch(tx, viewer.id),
    };
    tx.orm.update(activities).set(patch).where(eq(activities.id, v.id)).run();
    addEvent(tx, viewer.id, row.customerId, 'complaint_status', { activityId: row.id, from, to: v.to });
    return toActivities(tx, viewer, [{ ...row, ...patch }])[0]!;
  });
};

export const getActivity = (db: ReadDb, viewer: Viewer, id: string): Activity => {
  const row = db.orm.select().from(activities).where(eq(activities.id, id)).get();
  if (!row || row.deletedAt !== null) throw new AppError('NOT_FOUND');
  readableCustomer(db, viewer, row.customerId);
  return toActivities(db, viewer, [row])[0]!;
};

/** A customer's contact log, or everything the viewer may read (newest first). */
export const listActivities = (db: ReadDb, viewer: Viewer, input: z.input<typeof activityListSchema> = {}): { rows: Activity[]; total: number } => {
  const v = parseInput(activityListSchema, input);
  const where: SQL[] = [isNull(activities.deletedAt)];
  if (v.customerId) {
    readableCustomer(db, viewer, v.customerId);
    where.push(eq(activities.customerId, v.customerId));
  } else {
    where.push(liveCondition!);
  }
  if (v.type) where.push(eq(activities.type, v.type));
  if (v.userId) where.push(eq(activities.userId, v.userId));
  if (v.complaintsOnly) where.push(eq(activities.complaint, true));
  if (v.complaintStatus) where.push(eq(activities.complaintStatus, v.complaintStatus), isNotNull(activities.complaintStatus));
  if (v.from !== undefined) where.push(gte(activities.occurredAt, v.from));
  if (v.to !== undefined) where.push(lte(activities.occurredAt, v.to));
  const readable = readableCondition(viewer);
  if (readable) where.push(readable);
  const total = db.orm
    .select({ n: count() })
    .from(activities)
    .innerJoin(customers, eq(customers.id, activities.customerId))
    .where(and(...where))
    .get()!.n;
  const rows = db.orm
    .select({ a: activities })
    .from(activities)
    .innerJoin(customers, eq(customers.id, activities.customerId))
    .where(and(...where))
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(v.limit)
    .offset(v.offset)
    .all();
  return { rows: toActivities(db, viewer, rows.map((r) => r.a)), total };
};

/**
 * Keeps the customer's first and last contact equal to the earliest and
 * latest live entries of the contact log (null when none is left).
 */
const refreshContactStamps = (tx: WriteDb, actorId: string, customerId: string): void => {
  const r = tx.orm
    .select({ first: min(activities.occurredAt), last: max(activities.occurredAt) })
    .from(activities)
    .where(and(eq(activities.customerId, customerId), isNull(activities.deletedAt)))
    .get();
  tx.orm
    .update(customers)
    .set({ firstContactAt: r?.first ?? null, lastContactAt: r?.last ?? null, ...touch(tx, actorId) })
    .where(eq(customers.id, customerId))
    .run();
};

const liveActivity = (db: ReadDb, id: string): ActivityRow => {
  const row = db.orm.select().from(activities).where(eq(activities.id, id)).get();
  if (!row || row.deletedAt !== null) throw new AppError('NOT_FOUND');
  return row;
};

/**
 * Corrects an entry (kind, time, contact person, summary, outcome, next step); the customer's contact stamps follow its time.
 * An entry another record made (a carried-out visit: its kind and time are the visit's count and date) is corrected
 * there, not here: INVALID_TRANSITION, as for removing it.
 */
export const updateActivity = (db: Db, viewer: Viewer, input: z.input<typeof activityUpdateSchema>): Activity => {
  const v = parseInput(activityUpdateSchema, input);
  if (v.occurredAt !== undefined) assertNotFuture(db.clock.now(), v.occurredAt);
  return db.write(viewer.id, (tx) => {
    const row = liveActivity(tx, v.id);
    writableCustomer(tx, viewer, row.customerId);
    if (row.sourceType) throw new AppError('INVALID_TRANSITION');
    if (v.contactId !== undefined) checkContact(tx, row.customerId, v.contactId);
    const patch = {
      ...(v.contactId !== undefined ? { contactId: v.contactId } : {}),
      ...(v.type !== undefined ? { type: v.type } : {}),
      ...(v.occurredAt !== undefined ? { occurredAt: v.occurredAt } : {}),
      ...(v.summary !== undefined ? { summary: v.summary } : {}),
      ...(v.outcome !== undefined ? { outcome: v.outcome } : {}),
      ...(v.nextStep !== undefined ? { nextStep: v.nextStep } : {}),
      ...touch(tx, viewer.id),
    };
    tx.orm.update(activities).set(patch).where(eq(activities.id, v.id)).run();
    if (v.occurredAt !== undefined && v.occurredAt !== row.occurredAt) refreshContactStamps(tx, viewer.id, row.customerId);
    return toActivities(tx, viewer, [{ ...row, ...patch }])[0]!;
  });
};

/**
 * Removes an entry logged by mistake (kept in the change log), with the
 * open follow-up task it created; the customer's contact stamps are
 * recomputed. An entry another record made (a carried-out visit) belongs to
 * that record and cannot be removed here: INVALID_TRANSITION.
 */
export const deleteActivity = (db: Db, viewer: Viewer, id: string): void =>
  db.write(viewer.id, (tx) => {
    const row = liveActivity(tx, id);
    writableCustomer(tx, viewer, row.customerId);
    if (row.sourceType) throw new AppError('INVALID_TRANSITION');
    const now = tx.clock.now();
    tx.orm.update(activities).set({ deletedAt: now, ...touch(tx, viewer.id) }).where(eq(activities.id, id)).run();
    tx.orm
      .update(followUpTasks)
      .set({ deletedAt: now, ...touch(tx, viewer.id) })
      .where(and(eq(followUpTasks.sourceType, 'activity'), eq(followUpTasks.sourceId, id), eq(followUpTasks.status, 'open'), isNull(followUpTasks.deletedAt)))
      .run();
    refreshContactStamps(tx, viewer.id, row.customerId);
    refreshNextFollowUp(tx, viewer.id, row.customerId);
  });
