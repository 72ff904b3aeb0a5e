import { and, asc, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import { localDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { minutesEditable, minutesTransitions, type MinutesStatus } from '../../../src-shared/visits/enums';
import type { MinutesFields } from '../../../src-shared/visits/schemas';
import type { MinutesDetail, MinutesRow } from '../../../src-shared/visits/types';
import { minutesDueDate } from '../../../src-shared/visits/workdays';
import type { Db, ReadDb, WriteDb } from '../../db/connection';
import { customers, minutes, minutesActions, minutesSteps, visits } from '../../db/schema';
import { addTask } from '../activities/tasks';
import { addEvent } from '../customers/events';
import { canChangeWork, canReadWork, canReview, isOwnWork, minutesCan, seesEverything } from '../policy/policy';
import { writableCustomer } from '../policy/guards';
import { readableWorkCondition } from '../policy/sql';
import { newId } from '../ids';
import {
  activeUserIds,
  addMinutesStep,
  assertTransition,
  customerForRead,
  listSteps,
  ref,
  refOf,
  userNames,
  type Viewer,
} from './common';
import { nextFormNo } from './formNo';
import { notify } from './notifications';

export type MinutesRecord = typeof minutes.$inferSelect;

/** Minutes still to be written and submitted: the 2-working-day deadline applies to them. */
const OPEN: MinutesStatus[] = ['draft', 'returned'];

const findMinutes = (db: ReadDb, id: string): MinutesRecord => {
  const row = db.orm.select().from(minutes).where(eq(minutes.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
};

const today = (db: ReadDb): string => localDate(db.clock.now());

const toRows = (db: ReadDb, rows: MinutesRecord[]): MinutesRow[] => {
  const names = userNames(db, rows.map((r) => r.authorId));
  const ids = [...new Set(rows.map((r) => r.customerId))];
  const custs = new Map(
    ids.length === 0
      ? []
      : db.orm
          .select({ id: customers.id, name: customers.name })
          .from(customers)
          .where(inArray(customers.id, ids))
          .all()
          .map((c) => [c.id, c.name]),
  );
  const now = today(db);
  return rows.map((r) => {
    const open = OPEN.includes(r.status);
    return {
      id: r.id,
      formNo: r.formNo,
      customerId: r.customerId,
      customerName: custs.get(r.customerId) ?? '',
      visitId: r.visitId,
      author: refOf(names, r.authorId),
      status: r.status,
      title: r.title,
      meetingDate: r.meetingDate,
      dueDate: r.dueDate,
      overdue: open && now > r.dueDate,
      dueToday: open && now === r.dueDate,
      updatedAt: r.updatedAt,
    };
  });
};

/** One set of minutes with everything its detail page and the printed A4 form need. */
export const getMinutesDetail = (db: ReadDb, viewer: Viewer, id: string): MinutesDetail => {
  const row = findMinutes(db, id);
  const customer = customerForRead(db, row.customerId);
  if (!canReadWork(viewer, row.authorId, customer)) throw new AppError('FORBIDDEN');
  const actions = db.orm.select().from(minutesActions).where(eq(minutesActions.minutesId, id)).orderBy(asc(minutesActions.position)).all();
  const names = userNames(db, [row.authorId, row.reviewedBy, ...actions.map((a) => a.ownerUserId)]);
  const visit = row.visitId
    ? (db.orm
        .select({ id: visits.id, formNo: visits.formNo, plannedAt: visits.plannedAt, doneAt: visits.doneAt })
        .from(visits)
        .where(eq(visits.id, row.visitId))
        .get() ?? null)
    : null;
  return {
    ...toRows(db, [row])[0]!,
    customer: { id: customer.id, name: customer.name, address: customer.address, phone: customer.phone, ownerId: customer.ownerId },
    visit,
    meetingTime: row.meetingTime,
    place: row.place,
    ourAttendees: row.ourAttendees,
    customerAttendees: row.customerAttendees,
    noteTaker: row.noteTaker,
    customerSituation: row.customerSituation,
    needsProblems: row.needsProblems,
    discussion: row.discussion,
    agreements: row.agreements,
    actions: actions.map((a) => ({
      id: a.id,
      position: a.position,
      content: a.content,
      ownerName: a.ownerName,
      ownerUser: ref(names, a.ownerUserId),
      dueDate: a.dueDate,
      taskId: a.taskId,
    })),
    submittedAt: row.submittedAt,
    reviewedAt: row.reviewedAt,
    reviewedBy: ref(names, row.reviewedBy),
    reviewComment: row.reviewComment,
    sentAt: row.sentAt,
    confirmedAt: row.confirmedAt,
    steps: listSteps(db, minutesSteps, id),
    createdAt: row.createdAt,
    can: minutesCan(viewer, { personId: row.authorId, createdBy: row.createdBy, status: row.status }, customer),
  };
};

type EditableFields = Omit<MinutesFields, 'customerId' | 'visitId'>;

const fieldValues = (f: EditableFields) => ({
  title: f.title,
  meetingDate: f.meetingDate,
  meetingTime: f.meetingTime,
  place: f.place,
  ourAttendees: f.ourAttendees,
  customerAttendees: f.customerAttendees,
  noteTaker: f.noteTaker,
  customerSituation: f.customerSituation,
  needsProblems: f.needsProblems,
  discussion: f.discussion,
  agreements: f.agreements,
  dueDate: minutesDueDate(f.meetingDate),
});

/** Replaces the action items (only while the minutes are editable; tasks are made on approval). */
const writeActions = (tx: WriteDb, minutesId: string, actions: EditableFields['actions']): void => {
  const owners = [...new Set(actions.flatMap((a) => (a.ownerUserId ? [a.ownerUserId] : [])))];
  const active = activeUserIds(tx, owners);
  const unknown = owners.find((id) => !active.has(id));
  if (unknown) throw new AppError('INVALID_OWNER');
  tx.orm.delete(minutesActions).where(eq(minutesActions.minutesId, minutesId)).run();
  actions.forEach((a, position) => {
    tx.orm
      .insert(minutesActions)
      .values({ id: newId(), minutesId, position, content: a.content, ownerName: a.ownerName, ownerUserId: a.ownerUserId, dueDate: a.dueDate })
      .run();
  });
};

/** Moves minutes one step along the flow, recording who and when (a step, a timeline event). */
const move = (tx: WriteDb, viewer: Viewer, row: MinutesRecord, to: MinutesStatus, comment: string | null, extra: Partial<MinutesRecord> = {}): void => {
  assertTransition(minutesTransitions, row.status, to);
  const now = tx.clock.now();
  tx.orm
    .update(minutes)
    .set({ ...extra, status: to, updatedAt: now, updatedBy: viewer.id })
    .where(eq(minutes.id, row.id))
    .run();
  addMinutesStep(tx, viewer.id, row.id, row.status, to, comment);
  addEvent(tx, viewer.id, row.customerId, 'minutes_status', { minutesId: row.id, from: row.status, to, formNo: row.formNo });
};

const changeableRow = (db: ReadDb, viewer: Viewer, id: string): MinutesRecord => {
  const row = findMinutes(db, id);
  const customer = customerForRead(db, row.customerId);
  if (!canReadWork(viewer, row.authorId, customer) || !canChangeWork(viewer, row.authorId, customer)) throw new AppError('FORBIDDEN');
  return row;
};

/** Writes minutes of a meeting (or of a carried-out visit), due 2 working days after it. */
export const createMinutes = (db: Db, viewer: Viewer, fields: MinutesFields, submit: boolean): MinutesDetail =>
  db.write(viewer.id, (tx) => {
    writableCustomer(tx, viewer, fields.customerId);
    if (fields.visitId) {
      const visit = tx.orm.select().from(visits).where(eq(visits.id, fields.visitId)).get();
      if (!visit || visit.customerId !== fields.customerId) throw new AppError('NOT_FOUND');
      // Minutes record a meeting that took place: the visit must have been carried out.
      if (visit.status !== 'done') throw new AppError('INVALID_TRANSITION', { from: visit.status, to: 'minutes' });
    }
    const now = tx.clock.now();
    const id = newId();
    const formNo = nextFormNo(tx, minutes, minutes.formNo, 'JY', Number(fields.meetingDate.slice(0, 4)));
    tx.orm
      .insert(minutes)
      .values({
        id,
        createdAt: now,
        createdBy: viewer.id,
        updatedAt: now,
        updatedBy: viewer.id,
        formNo,
        customerId: fields.customerId,
        visitId: fields.visitId,
        authorId: viewer.id,
        status: 'draft',
        ...fieldValues(fields),
      })
      .run();
    writeActions(tx, id, fields.actions);
    addMinutesStep(tx, viewer.id, id, null, 'draft');
    addEvent(tx, viewer.id, fields.customerId, 'minutes_status', { minutesId: id, from: null, to: 'draft', formNo });
    if (submit) move(tx, viewer, findMinutes(tx, id), 'submitted', null, { submittedAt: now });
    return getMinutesDetail(tx, viewer, id);
  });

/** Edits draft or returned minutes (returned ones stay returned until resubmitted). */
export const updateMinutes = (db: Db, viewer: Viewer, id: string, fields: EditableFields, submit: boolean): MinutesDetail =>
  db.write(viewer.id, (tx) => {
    const row = changeableRow(tx, viewer, id);
    if (!minutesEditable.includes(row.status)) throw new AppError('INVALID_TRANSITION', { from: row.status, to: 'edit' });
    const now = tx.clock.now();
    tx.orm
      .update(minutes)
      .set({ ...fieldValues(fields), updatedAt: now, updatedBy: viewer.id })
      .where(eq(minutes.id, id))
      .run();
    writeActions(tx, id, fields.actions);
    if (submit) move(tx, viewer, findMinutes(tx, id), 'submitted', null, { submittedAt: now });
    return getMinutesDetail(tx, viewer, id);
  });

export const submitMinutes = (db: Db, viewer: Viewer, id: string): MinutesDetail =>
  db.write(viewer.id, (tx) => {
    move(tx, viewer, changeableRow(tx, viewer, id), 'submitted', null, { submittedAt: tx.clock.now() });
    return getMinutesDetail(tx, viewer, id);
  });

const reviewableRow = (db: ReadDb, viewer: Viewer, id: string): MinutesRecord => {
  if (!canReview(viewer)) throw new AppError('FORBIDDEN');
  const row = findMinutes(db, id);
  if (isOwnWork(viewer, { personId: row.authorId, createdBy: row.createdBy })) throw new AppError('SELF_APPROVAL');
  return row;
};

/** The start of a local calendar day, as epoch ms (tasks from a date-only due date are due then). */
const startOfDay = (date: string): number => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
};

/** A manager approves submitted minutes: each action item becomes a follow-up task for its owner (or the author). */
export const approveMinutes = (db: Db, viewer: Viewer, id: string, comment: string | null): MinutesDetail =>
  db.write(viewer.id, (tx) => {
    const row = reviewableRow(tx, viewer, id);
    const now = tx.clock.now();
    move(tx, viewer, row, 'approved', comment, { reviewedAt: now, reviewedBy: viewer.id, reviewComment: comment });
    const actions = tx.orm.select().from(minutesActions).where(eq(minutesActions.minutesId, id)).orderBy(asc(minutesActions.position)).all();
    for (const a of actions) {
      if (a.taskId) continue;
      const title = a.ownerName ? `${a.content}（${a.ownerName}）` : a.content;
      const task = addTask(tx, viewer, {
        customerId: row.customerId,
        title: title.length > 200 ? `${title.slice(0, 199)}…` : title,
        notes: `${row.formNo} ${a.content}`.slice(0, 2000),
        dueAt: startOfDay(a.dueDate),
        assigneeId: a.ownerUserId ?? row.authorId,
        sourceType: 'minutes',
        sourceId: row.id,
      });
      tx.orm.update(minutesActions).set({ taskId: task.id }).where(eq(minutesActions.id, a.id)).run();
    }
    notify(tx, viewer.id, row.authorId, 'minutes_approved', { minutesId: id, customerId: row.customerId, comment });
    return getMinutesDetail(tx, viewer, id);
  });

/** A manager returns submitted minutes with comments; the author edits and resubmits them. */
export const returnMinutes = (db: Db, viewer: Viewer, id: string, comment: string): MinutesDetail =>
  db.write(viewer.id, (tx) => {
    const row = reviewableRow(tx, viewer, id);
    move(tx, viewer, row, 'returned', comment, { reviewedAt: tx.clock.now(), reviewedBy: viewer.id, reviewComment: comment });
    notify(tx, viewer.id, row.authorId, 'minutes_returned', { minutesId: id, customerId: row.customerId, comment });
    return getMinutesDetail(tx, viewer, id);
  });

export const markMinutesSent = (db: Db, viewer: Viewer, id: string, comment: string | null): MinutesDetail =>
  db.write(viewer.id, (tx) => {
    move(tx, viewer, changeableRow(tx, viewer, id), 'sent', comment, { sentAt: tx.clock.now() });
    return getMinutesDetail(tx, viewer, id);
  });

export const confirmMinutesReceipt = (db: Db, viewer: Viewer, id: string, comment: string | null): MinutesDetail =>
  db.write(viewer.id, (tx) => {
    move(tx, viewer, changeableRow(tx, viewer, id), 'confirmed', comment, { confirmedAt: tx.clock.now() });
    return getMinutesDetail(tx, viewer, id);
  });

export type MinutesListQuery = {
  statuses?: MinutesStatus[];
  customerId?: string;
  authorId?: string;
  overdueOnly: boolean;
  limit: number;
  offset: number;
};

export const listMinutes = (db: ReadDb, viewer: Viewer, q: MinutesListQuery): MinutesRow[] => {
  // Sales see the minutes they wrote and those of their customers (canReadWork); managers everyone's.
  const conds: (SQL | undefined)[] = [readableWorkCondition(viewer, minutes.authorId, minutes.customerId)];
  if (q.statuses?.length) conds.push(inArray(minutes.status, q.statuses));
  if (q.customerId) conds.push(eq(minutes.customerId, q.customerId));
  if (q.authorId) conds.push(eq(minutes.authorId, q.authorId));
  if (q.overdueOnly) conds.push(inArray(minutes.status, OPEN), lt(minutes.dueDate, today(db)));
  const rows = db.orm
    .select()
    .from(minutes)
    .where(and(...conds))
    .orderBy(desc(minutes.meetingDate), desc(minutes.createdAt))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  return toRows(db, rows);
};

/** Minutes still to submit, earliest deadline first: the viewer's own; for managers the whole team's. */
export const dueMinutes = (db: ReadDb, viewer: Viewer): MinutesRow[] => {
  const rows = db.orm
    .select()
    .from(minutes)
    .where(and(inArray(minutes.status, OPEN), seesEverything(viewer) ? undefined : eq(minutes.authorId, viewer.id)))
    .orderBy(asc(minutes.dueDate), asc(minutes.createdAt))
    .limit(200)
    .all();
  return toRows(db, rows);
};

/** Submitted minutes waiting for a manager's review (not the manager's own). */
export const minutesReviewQueue = (db: ReadDb, viewer: Viewer): MinutesRow[] => {
  if (!canReview(viewer)) throw new AppError('FORBIDDEN');
  const rows = db.orm.select().from(minutes).where(eq(minutes.status, 'submitted')).orderBy(asc(minutes.submittedAt)).all();
  return toRows(db, rows.filter((r) => !isOwnWork(viewer, { personId: r.authorId, createdBy: r.createdBy })));
};
