import { and, asc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { AppError } from '../../../src-shared/errors';
import { visitEditable, visitTransitions, type VisitMaterial, type VisitStatus } from '../../../src-shared/visits/enums';
import type { VisitFields } from '../../../src-shared/visits/schemas';
import type { CustomerVisitSummary, VisitDetail, VisitRow } from '../../../src-shared/visits/types';
import type { Db, ReadDb, WriteDb } from '../../db/connection';
import { customers, minutes, visits, visitSteps } from '../../db/schema';
import { addActivity } from '../activities/activities';
import { canChangeWork, canReadWork, canReview, isOwnWork, visitCan } from '../policy/policy';
import { assertReadable, writableCustomer } from '../policy/guards';
import { readableWorkCondition } from '../policy/sql';
import { addEvent } from '../customers/events';
import { newId } from '../ids';
import {
  addVisitStep,
  assertContactsOfCustomer,
  assertTransition,
  contactsOf,
  customerForRead,
  customerHasDecisionMaker,
  lastVisitAt,
  listSteps,
  ref,
  refOf,
  userNames,
  visitActivityCount,
  type Viewer,
} from './common';
import { nextFormNo } from './formNo';
import { notify } from './notifications';
import { getVisitSettings } from './settings';

export type VisitRecord = typeof visits.$inferSelect;

const findVisit = (db: ReadDb, id: string): VisitRecord => {
  const row = db.orm.select().from(visits).where(eq(visits.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
};

const customerNames = (db: ReadDb, ids: string[]): Map<string, string> => {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = db.orm.select({ id: customers.id, name: customers.name }).from(customers).where(inArray(customers.id, wanted)).all();
  return new Map(rows.map((r) => [r.id, r.name]));
};

const toRows = (db: ReadDb, rows: VisitRecord[]): VisitRow[] => {
  const names = userNames(db, rows.map((r) => r.salespersonId));
  const custs = customerNames(db, rows.map((r) => r.customerId));
  return rows.map((r) => ({
    id: r.id,
    formNo: r.formNo,
    customerId: r.customerId,
    customerName: custs.get(r.customerId) ?? '',
    salesperson: refOf(names, r.salespersonId),
    status: r.status,
    plannedAt: r.plannedAt,
    durationMinutes: r.durationMinutes,
    place: r.place,
    purpose: r.purpose,
    submittedAt: r.submittedAt,
    visitNo: r.visitNo,
  }));
};

/** One visit with everything its detail page and the printed A4 visit sheet need. */
export const getVisitDetail = (db: ReadDb, viewer: Viewer, id: string): VisitDetail => {
  const row = findVisit(db, id);
  const customer = customerForRead(db, row.customerId);
  if (!canReadWork(viewer, row.salespersonId, customer)) throw new AppError('FORBIDDEN');
  const contactRows = contactsOf(db, row.customerId, JSON.parse(row.contactIds) as string[]);
  const names = userNames(db, [row.salespersonId, row.decidedBy]);
  const minutesIds = db.orm.select({ id: minutes.id }).from(minutes).where(eq(minutes.visitId, row.id)).all().map((m) => m.id);
  return {
    ...toRows(db, [row])[0]!,
    customer: {
      id: customer.id,
      name: customer.name,
      address: customer.address,
      phone: customer.phone,
      grade: customer.grade,
      status: customer.status,
      ownerId: customer.ownerId,
    },
    contacts: contactRows.map((c) => ({
      id: c.id,
      name: c.name,
      title: c.title,
      isDecisionMaker: c.isDecisionMaker,
      decisionRole: c.decisionRole,
      mobile: c.mobile,
      phone: c.phone,
    })),
    meetsDecisionMaker: contactRows.some((c) => c.isDecisionMaker),
    customerHasDecisionMaker: customerHasDecisionMaker(db, row.customerId),
    objectives: row.objectives,
    materials: JSON.parse(row.materials) as VisitMaterial[],
    materialsOther: row.materialsOther,
    chkAppointment: row.chkAppointment,
    chkAttire: row.chkAttire,
    chkMaterials: row.chkMaterials,
    chkObjections: row.chkObjections,
    chkDecisionMaker: row.chkDecisionMaker,
    decidedAt: row.decidedAt,
    decidedBy: ref(names, row.decidedBy),
    decisionComment: row.decisionComment,
    doneAt: row.doneAt,
    resultSummary: row.resultSummary,
    resultOutcome: row.resultOutcome,
    nextStep: row.nextStep,
    nextFollowUpAt: row.nextFollowUpAt,
    activityId: row.activityId,
    minutesIds,
    steps: listSteps(db, visitSteps, row.id),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    can: visitCan(viewer, { personId: row.salespersonId, createdBy: row.createdBy, status: row.status }, customer),
  };
};

const fieldValues = (fields: Omit<VisitFields, 'customerId'>) => ({
  plannedAt: fields.plannedAt,
  durationMinutes: fields.durationMinutes,
  place: fields.place,
  contactIds: JSON.stringify([...new Set(fields.contactIds)]),
  purpose: fields.purpose,
  objectives: fields.objectives,
  materials: JSON.stringify([...new Set(fields.materials)]),
  materialsOther: fields.materialsOther,
  chkAppointment: fields.chkAppointment,
  chkAttire: fields.chkAttire,
  chkMaterials: fields.chkMaterials,
  chkObjections: fields.chkObjections,
  chkDecisionMaker: fields.chkDecisionMaker,
});

/** The plan enters the approval queue (from draft, or again after a rejection). */
const submitRow = (tx: WriteDb, viewer: Viewer, row: VisitRecord): void => {
  assertTransition(visitTransitions, row.status, 'submitted');
  const now = tx.clock.now();
  tx.orm
    .update(visits)
    .set({ status: 'submitted', submittedAt: now, updatedAt: now, updatedBy: viewer.id })
    .where(eq(visits.id, row.id))
    .run();
  addVisitStep(tx, viewer.id, row.id, row.status, 'submitted');
};

/** Plans a visit (a draft, or submitted at once). The planner is the salesperson who will carry it out. */
export const createVisit = (db: Db, viewer: Viewer, fields: VisitFields, submit: boolean): VisitDetail =>
  db.write(viewer.id, (tx) => {
    writableCustomer(tx, viewer, fields.customerId);
    assertContactsOfCustomer(tx, fields.customerId, fields.contactIds);
    const now = tx.clock.now();
    const id = newId();
    const formNo = nextFormNo(tx, visits, visits.formNo, 'ZF', new Date(fields.plannedAt).getFullYear());
    tx.orm
      .insert(visits)
      .values({
        id,
        createdAt: now,
        createdBy: viewer.id,
        updatedAt: now,
        updatedBy: viewer.id,
        formNo,
        customerId: fields.customerId,
        salespersonId: viewer.id,
        status: 'draft',
        ...fieldValues(fields),
      })
      .run();
    addVisitStep(tx, viewer.id, id, null, 'draft');
    addEvent(tx, viewer.id, fields.customerId, 'visit_planned', { visitId: id, plannedAt: fields.plannedAt, formNo });
    if (submit) submitRow(tx, viewer, findVisit(tx, id));
    return getVisitDetail(tx, viewer, id);
  });

const changeableRow = (db: ReadDb, viewer: Viewer, id: string): VisitRecord => {
  const row = findVisit(db, id);
  const customer = customerForRead(db, row.customerId);
  if (!canReadWork(viewer, row.salespersonId, customer)) throw new AppError('FORBIDDEN');
  if (!canChangeWork(viewer, row.salespersonId, customer)) throw new AppError('FORBIDDEN');
  return row;
};

/** Edits a plan; only drafts and rejected plans can change (a rejected one stays rejected until resubmitted). */
export const updateVisit = (db: Db, viewer: Viewer, id: string, fields: Omit<VisitFields, 'customerId'>, submit: boolean): VisitDetail =>
  db.write(viewer.id, (tx) => {
    const row = changeableRow(tx, viewer, id);
    if (!visitEditable.includes(row.status)) throw new AppError('INVALID_TRANSITION', { from: row.status, to: 'edit' });
    assertContactsOfCustomer(tx, row.customerId, fields.contactIds);
    tx.orm
      .update(visits)
      .set({ ...fieldValues(fields), updatedAt: tx.clock.now(), updatedBy: viewer.id })
      .where(eq(visits.id, id))
      .run();
    if (submit) submitRow(tx, viewer, findVisit(tx, id));
    return getVisitDetail(tx, viewer, id);
  });

export const submitVisit = (db: Db, viewer: Viewer, id: string): VisitDetail =>
  db.write(viewer.id, (tx) => {
    submitRow(tx, viewer, changeableRow(tx, viewer, id));
    return getVisitDetail(tx, viewer, id);
  });

export const cancelVisit = (db: Db, viewer: Viewer, id: string): VisitDetail =>
  db.write(viewer.id, (tx) => {
    const row = changeableRow(tx, viewer, id);
    assertTransition(visitTransitions, row.status, 'cancelled');
    tx.orm.update(visits).set({ status: 'cancelled', updatedAt: tx.clock.now(), updatedBy: viewer.id }).where(eq(visits.id, id)).run();
    addVisitStep(tx, viewer.id, id, row.status, 'cancelled');
    return getVisitDetail(tx, viewer, id);
  });

/** A manager approves or rejects a submitted plan; nobody decides on a plan they made themselves. */
const decide = (db: Db, viewer: Viewer, id: string, to: 'approved' | 'rejected', comment: string | null): VisitDetail =>
  db.write(viewer.id, (tx) => {
    if (!canReview(viewer)) throw new AppError('FORBIDDEN');
    const row = findVisit(tx, id);
    if (isOwnWork(viewer, { personId: row.salespersonId, createdBy: row.createdBy })) throw new AppError('SELF_APPROVAL');
    assertTransition(visitTransitions, row.status, to);
    const now = tx.clock.now();
    tx.orm
      .update(visits)
      .set({ status: to, decidedAt: now, decidedBy: viewer.id, decisionComment: comment, updatedAt: now, updatedBy: viewer.id })
      .where(eq(visits.id, id))
      .run();
    addVisitStep(tx, viewer.id, id, row.status, to, comment);
    addEvent(tx, viewer.id, row.customerId, to === 'approved' ? 'visit_approved' : 'visit_rejected', { visitId: id, comment });
    notify(tx, viewer.id, row.salespersonId, to === 'approved' ? 'visit_approved' : 'visit_rejected', {
      visitId: id,
      customerId: row.customerId,
      comment,
    });
    return getVisitDetail(tx, viewer, id);
  });

export const approveVisit = (db: Db, viewer: Viewer, id: string, comment: string | null): VisitDetail =>
  decide(db, viewer, id, 'approved', comment);

export const rejectVisit = (db: Db, viewer: Viewer, id: string, comment: string): VisitDetail => decide(db, viewer, id, 'rejected', comment);

export type VisitResult = {
  doneAt: number;
  contactId: string | null;
  summary: string;
  outcome: string | null;
  nextStep: string | null;
  nextFollowUpAt: number | null;
};

/**
 * Records what came of an approved visit: it becomes a contact-log entry of
 * type visit (which counts toward the customer's visit number) and the
 * timeline gets `visit_done` with that number.
 */
export const recordVisitResult = (db: Db, viewer: Viewer, id: string, result: VisitResult): VisitDetail =>
  db.write(viewer.id, (tx) => {
    const row = changeableRow(tx, viewer, id);
    assertTransition(visitTransitions, row.status, 'done');
    const activity = addActivity(tx, viewer, {
      customerId: row.customerId,
      type: 'visit',
      occurredAt: result.doneAt,
      summary: result.summary,
      contactId: result.contactId,
      outcome: result.outcome,
      nextStep: result.nextStep,
      nextFollowUpAt: result.nextFollowUpAt,
      userId: row.salespersonId,
      sourceType: 'visit',
      sourceId: row.id,
    });
    const visitNo = visitActivityCount(tx, row.customerId);
    const now = tx.clock.now();
    tx.orm
      .update(visits)
      .set({
        status: 'done',
        doneAt: result.doneAt,
        visitNo,
        resultSummary: result.summary,
        resultOutcome: result.outcome,
        nextStep: result.nextStep,
        nextFollowUpAt: result.nextFollowUpAt,
        activityId: activity.id,
        updatedAt: now,
        updatedBy: viewer.id,
      })
      .where(eq(visits.id, id))
      .run();
    addVisitStep(tx, viewer.id, id, row.status, 'done');
    addEvent(tx, viewer.id, row.customerId, 'visit_done', { visitId: id, visitNo, formNo: row.formNo });
    return getVisitDetail(tx, viewer, id);
  });

export type VisitListQuery = { from: number; to: number; salespersonId?: string; customerId?: string; statuses?: VisitStatus[] };

/** Visits planned in [from, to): sales see theirs and their customers', managers everyone's (or one salesperson's). */
export const listVisits = (db: ReadDb, viewer: Viewer, q: VisitListQuery): VisitRow[] => {
  const conds: (SQL | undefined)[] = [gte(visits.plannedAt, q.from), lt(visits.plannedAt, q.to)];
  // Sales: the visits they make and those of the customers they own (canReadWork); managers: everyone's, or one salesperson's.
  const readable = readableWorkCondition(viewer, visits.salespersonId, visits.customerId);
  if (readable) conds.push(readable);
  else if (q.salespersonId) conds.push(eq(visits.salespersonId, q.salespersonId));
  if (q.customerId) conds.push(eq(visits.customerId, q.customerId));
  if (q.statuses?.length) conds.push(inArray(visits.status, q.statuses));
  const rows = db.orm
    .select()
    .from(visits)
    .where(and(...conds))
    .orderBy(asc(visits.plannedAt))
    .limit(2000)
    .all();
  return toRows(db, rows);
};

/** Plans waiting for a manager's decision, oldest first; a manager's own plans are not theirs to decide. */
export const approvalQueue = (db: ReadDb, viewer: Viewer): VisitRow[] => {
  if (!canReview(viewer)) throw new AppError('FORBIDDEN');
  const rows = db.orm.select().from(visits).where(eq(visits.status, 'submitted')).orderBy(asc(visits.submittedAt)).all();
  return toRows(
    db,
    rows.filter((r) => !isOwnWork(viewer, { personId: r.salespersonId, createdBy: r.createdBy })),
  );
};

/** The customer card's strip: 第 N 次拜访 against the configured target, and the next visit. */
export const customerVisitSummary = (db: ReadDb, viewer: Viewer, customerId: string): CustomerVisitSummary => {
  // Whoever may open the customer card (sales: own and pool customers) sees its visit count.
  assertReadable(viewer, customerForRead(db, customerId));
  const next = db.orm
    .select({ id: visits.id, plannedAt: visits.plannedAt, status: visits.status })
    .from(visits)
    .where(
      and(
        eq(visits.customerId, customerId),
        inArray(visits.status, ['draft', 'submitted', 'approved']),
        gte(visits.plannedAt, db.clock.now() - 24 * 60 * 60 * 1000),
      ),
    )
    .orderBy(asc(visits.plannedAt))
    .get();
  return {
    doneCount: visitActivityCount(db, customerId),
    target: getVisitSettings(db).newCustomerVisitTarget,
    lastDoneAt: lastVisitAt(db, customerId),
    next: next ?? null,
  };
};
