import { and, asc, eq, inArray, isNull, lt, min, or, type SQL } from 'drizzle-orm';
import type { FollowUpTask } from '../../../src-shared/activities/types';
import type { TaskSource, TaskStatus } from '../../../src-shared/activities/enums';
import { taskInputSchema, taskListSchema, taskSnoozeSchema, type TaskInput } from '../../../src-shared/activities/schemas';
import { AppError } from '../../../src-shared/errors';
import type { z } from 'zod';
import type { Db, ReadDb, WriteDb } from '../../db/connection';
import { customers, followUpTasks, users } from '../../db/schema';
import { canActForOthers, canChangeTask, taskCan, type Viewer } from '../policy/policy';
import { readableCustomer, writableCustomer } from '../policy/guards';
import { readableCondition } from '../policy/sql';
import { userNames } from '../customers/events';
import { findCustomerRow, liveCondition, touch } from '../customers/repository';
import { newId } from '../ids';
import { parseInput } from './validate';

type TaskRow = typeof followUpTasks.$inferSelect;

const toTasks = (db: ReadDb, viewer: Viewer, rows: TaskRow[]): FollowUpTask[] => {
  const names = userNames(db, rows.map((r) => r.assigneeId));
  const customerIds = [...new Set(rows.map((r) => r.customerId))];
  const custs = customerIds.length
    ? db.orm.select({ id: customers.id, name: customers.name, ownerId: customers.ownerId }).from(customers).where(inArray(customers.id, customerIds)).all()
    : [];
  const byId = new Map(custs.map((c) => [c.id, c]));
  return rows.map((r) => {
    const c = byId.get(r.customerId);
    return {
      id: r.id,
      customerId: r.customerId,
      customerName: c?.name ?? '',
      assignee: { id: r.assigneeId, displayName: names.get(r.assigneeId) ?? '' },
      title: r.title,
      notes: r.notes,
      dueAt: r.dueAt,
      sourceType: r.sourceType as TaskSource,
      sourceId: r.sourceId,
      status: r.status as TaskStatus,
      doneAt: r.doneAt,
      snoozeCount: r.snoozeCount,
      createdAt: r.createdAt,
      canEdit: canChangeTask(viewer, r, c),
      can: taskCan(viewer, r, c),
    };
  });
};

/**
 * Keeps customers.next_follow_up_at equal to the earliest open task's due
 * time (null when none is open), so the card and the list show what is next.
 */
export const refreshNextFollowUp = (tx: WriteDb, actorId: string, customerId: string): void => {
  const next = tx.orm
    .select({ at: min(followUpTasks.dueAt) })
    .from(followUpTasks)
    .where(and(eq(followUpTasks.customerId, customerId), eq(followUpTasks.status, 'open'), isNull(followUpTasks.deletedAt)))
    .get();
  const at = next?.at ?? null;
  const row = findCustomerRow(tx, customerId);
  if (row && row.nextFollowUpAt !== at) {
    tx.orm.update(customers).set({ nextFollowUpAt: at, ...touch(tx, actorId) }).where(eq(customers.id, customerId)).run();
  }
};

const activeUser = (db: ReadDb, id: string): void => {
  const u = db.orm.select({ active: users.active }).from(users).where(eq(users.id, id)).get();
  if (!u || !u.active) throw new AppError('INVALID_OWNER');
};

/** Creates a follow-up task in a write of its own (see addTask). */
export const createTask = (db: Db, viewer: Viewer, input: TaskInput): FollowUpTask => db.write(viewer.id, (tx) => addTask(tx, viewer, input));

/**
 * Creates a follow-up task (回访计划) inside the caller's write. Other modules call this for
 * their own tasks (the minutes' action items: sourceType 'minutes', sourceId the minutes' id).
 * The viewer must be allowed to write for the customer; a salesperson assigns only to
 * themselves, a manager to any active user.
 */
export const addTask = (tx: WriteDb, viewer: Viewer, input: TaskInput): FollowUpTask => {
  const v = parseInput(taskInputSchema, input);
  writableCustomer(tx, viewer, v.customerId);
  const assigneeId = v.assigneeId ?? viewer.id;
  if (assigneeId !== viewer.id) {
    if (!canActForOthers(viewer)) throw new AppError('FORBIDDEN');
    activeUser(tx, assigneeId);
  }
  const now = tx.clock.now();
  const row: TaskRow = {
    id: newId(),
    createdAt: now,
    createdBy: viewer.id,
    updatedAt: now,
    updatedBy: viewer.id,
    customerId: v.customerId,
    assigneeId,
    title: v.title,
    notes: v.notes,
    dueAt: v.dueAt,
    sourceType: v.sourceType,
    sourceId: v.sourceId,
    status: 'open',
    doneAt: null,
    doneBy: null,
    snoozeCount: 0,
    deletedAt: null,
  };
  tx.orm.insert(followUpTasks).values(row).run();
  refreshNextFollowUp(tx, viewer.id, v.customerId);
  return toTasks(tx, viewer, [row])[0]!;
};

/** A task the viewer may change: its assignee, or whoever may write for its customer. */
const editableTask = (db: ReadDb, viewer: Viewer, id: string): TaskRow => {
  const row = db.orm.select().from(followUpTasks).where(eq(followUpTasks.id, id)).get();
  if (!row || row.deletedAt !== null) throw new AppError('NOT_FOUND');
  const customer = findCustomerRow(db, row.customerId);
  if (!canChangeTask(viewer, row, customer)) throw new AppError('FORBIDDEN');
  return row;
};

export const completeTask = (db: Db, viewer: Viewer, id: string): FollowUpTask =>
  db.write(viewer.id, (tx) => {
    const row = editableTask(tx, viewer, id);
    if (row.status !== 'open') throw new AppError('INVALID_TRANSITION');
    const now = tx.clock.now();
    tx.orm.update(followUpTasks).set({ status: 'done', doneAt: now, doneBy: viewer.id, ...touch(tx, viewer.id) }).where(eq(followUpTasks.id, id)).run();
    refreshNextFollowUp(tx, viewer.id, row.customerId);
    return toTasks(tx, viewer, [{ ...row, status: 'done', doneAt: now, doneBy: viewer.id }])[0]!;
  });

/** Moves an open task to a new due time (later or earlier); counts the moves. */
export const snoozeTask = (db: Db, viewer: Viewer, input: z.input<typeof taskSnoozeSchema>): FollowUpTask => {
  const v = parseInput(taskSnoozeSchema, input);
  return db.write(viewer.id, (tx) => {
    const row = editableTask(tx, viewer, v.id);
    if (row.status !== 'open') throw new AppError('INVALID_TRANSITION');
    const snoozeCount = row.snoozeCount + 1;
    tx.orm.update(followUpTasks).set({ dueAt: v.dueAt, snoozeCount, ...touch(tx, viewer.id) }).where(eq(followUpTasks.id, v.id)).run();
    refreshNextFollowUp(tx, viewer.id, row.customerId);
    return toTasks(tx, viewer, [{ ...row, dueAt: v.dueAt, snoozeCount }])[0]!;
  });
};

/** Tasks of one customer, or the viewer's own ("mine"), or all the viewer may read. */
export const listTasks = (db: ReadDb, viewer: Viewer, input: z.input<typeof taskListSchema> = {}): FollowUpTask[] => {
  const v = parseInput(taskListSchema, input);
  const where: SQL[] = [isNull(followUpTasks.deletedAt)];
  if (v.customerId) {
    readableCustomer(db, viewer, v.customerId);
    where.push(eq(followUpTasks.customerId, v.customerId));
  }
  if (v.scope === 'mine') where.push(eq(followUpTasks.assigneeId, viewer.id));
  if (v.status !== 'any') where.push(eq(followUpTasks.status, v.status));
  if (v.dueBefore !== undefined) where.push(lt(followUpTasks.dueAt, v.dueBefore));
  // Own tasks always; otherwise the same reading rule as the customer.
  const readable = readableCondition(viewer);
  if (readable) where.push(or(eq(followUpTasks.assigneeId, viewer.id), readable)!);
  const rows = db.orm
    .select({ task: followUpTasks })
    .from(followUpTasks)
    .innerJoin(customers, eq(customers.id, followUpTasks.customerId))
    .where(and(...where, liveCondition))
    .orderBy(asc(followUpTasks.dueAt))
    .limit(v.limit)
    .all()
    .map((r) => r.task);
  return toTasks(db, viewer, rows);
};

/** Open tasks of the viewer due before `before` (today and overdue), overdue first. */
export const myDueTasks = (db: ReadDb, viewer: Viewer, before: number): FollowUpTask[] =>
  listTasks(db, viewer, { scope: 'mine', status: 'open', dueBefore: before, limit: 200 });
