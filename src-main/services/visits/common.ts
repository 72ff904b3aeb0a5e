import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { UserRef } from '../../../src-shared/customers/types';
import { AppError } from '../../../src-shared/errors';
import type { FlowStep } from '../../../src-shared/visits/types';
import type { ReadDb, WriteDb } from '../../db/connection';
import { activities, contacts, minutesSteps, users, visitSteps } from '../../db/schema';
import type { Viewer } from '../policy/policy';
import { userNames } from '../customers/events';
import { findCustomerRow, type CustomerRow } from '../customers/repository';
import { newId } from '../ids';

export type { Viewer };

/** A customer row for reading a record that belongs to it (it may be in the recycle bin since). */
export const customerForRead = (db: ReadDb, customerId: string): CustomerRow => {
  const row = findCustomerRow(db, customerId);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
};

export const ref = (names: Map<string, string>, id: string | null | undefined): UserRef | null =>
  id ? { id, displayName: names.get(id) ?? '' } : null;

export const refOf = (names: Map<string, string>, id: string): UserRef => ({ id, displayName: names.get(id) ?? '' });

export { userNames };

/** The contacts of a customer among `ids` (live ones, in the order given); unknown ids are a validation error. */
export const contactsOf = (db: ReadDb, customerId: string, ids: string[]) => {
  if (ids.length === 0) return [];
  const rows = db.orm
    .select()
    .from(contacts)
    .where(and(eq(contacts.customerId, customerId), inArray(contacts.id, ids), isNull(contacts.deletedAt)))
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [r] : [];
  });
};

export const assertContactsOfCustomer = (db: ReadDb, customerId: string, ids: string[]): void => {
  const unique = [...new Set(ids)];
  if (contactsOf(db, customerId, unique).length !== unique.length) {
    throw new AppError('VALIDATION', { fields: 'contactIds' });
  }
};

export const customerHasDecisionMaker = (db: ReadDb, customerId: string): boolean =>
  !!db.orm
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.customerId, customerId), eq(contacts.isDecisionMaker, true), isNull(contacts.deletedAt)))
    .get();

/** Visits in the contact log (planned ones carried out and visits logged directly): the customer's visit count. */
export const visitActivityCount = (db: ReadDb, customerId: string): number =>
  db.orm
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.customerId, customerId), eq(activities.type, 'visit'), isNull(activities.deletedAt)))
    .all().length;

/** When the customer was last visited (the latest visit in the contact log), or null. */
export const lastVisitAt = (db: ReadDb, customerId: string): number | null =>
  db.orm
    .select({ at: activities.occurredAt })
    .from(activities)
    .where(and(eq(activities.customerId, customerId), eq(activities.type, 'visit'), isNull(activities.deletedAt)))
    .orderBy(desc(activities.occurredAt))
    .limit(1)
    .get()?.at ?? null;

export const activeUserIds = (db: ReadDb, ids: string[]): Set<string> => {
  if (ids.length === 0) return new Set();
  return new Set(
    db.orm
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, ids), eq(users.active, true)))
      .all()
      .map((r) => r.id),
  );
};

type StepTable = typeof visitSteps | typeof minutesSteps;

export const addVisitStep = (tx: WriteDb, actorId: string, visitId: string, from: string | null, to: string, comment: string | null = null): void => {
  tx.orm.insert(visitSteps).values({ id: newId(), visitId, at: tx.clock.now(), actorId, fromStatus: from, toStatus: to, comment }).run();
};

export const addMinutesStep = (tx: WriteDb, actorId: string, minutesId: string, from: string | null, to: string, comment: string | null = null): void => {
  tx.orm.insert(minutesSteps).values({ id: newId(), minutesId, at: tx.clock.now(), actorId, fromStatus: from, toStatus: to, comment }).run();
};

const stepRows = (db: ReadDb, table: StepTable, id: string) =>
  table === visitSteps
    ? db.orm.select().from(visitSteps).where(eq(visitSteps.visitId, id)).orderBy(asc(visitSteps.at), asc(visitSteps.id)).all()
    : db.orm.select().from(minutesSteps).where(eq(minutesSteps.minutesId, id)).orderBy(asc(minutesSteps.at), asc(minutesSteps.id)).all();

export const listSteps = (db: ReadDb, table: StepTable, id: string): FlowStep[] => {
  const rows = stepRows(db, table, id);
  const names = userNames(db, rows.map((r) => r.actorId));
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: ref(names, r.actorId),
    fromStatus: r.fromStatus,
    toStatus: r.toStatus,
    comment: r.comment,
  }));
};

/** `to` must be one of the statuses `from` may move to; anything else is INVALID_TRANSITION. */
export const assertTransition = <S extends string>(table: Record<S, readonly S[]>, from: S, to: S): void => {
  if (!table[from].includes(to)) throw new AppError('INVALID_TRANSITION', { from, to });
};
