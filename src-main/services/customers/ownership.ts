import { and, eq, inArray, isNotNull, isNull, lt, not, sql } from 'drizzle-orm';
import { FIRST_CONTACT_DAYS } from '../../../src-shared/customers/enums';
import type { BulkResult, OverdueFirstContact, OwnerChangeVia, UserRef } from '../../../src-shared/customers/types';
import { AppError } from '../../../src-shared/errors';
import type { Db, ReadDb, WriteDb } from '../../db/connection';
import { activities, customers, users } from '../../db/schema';
import { canAssignCustomers, canClaimCustomer, canReleaseCustomer, type Viewer } from '../policy/policy';
import { addEvent, userNames } from './events';
import { findCustomerRow, forEachLive, liveCondition, touch, type CustomerRow } from './repository';

const DAY = 24 * 60 * 60 * 1000;

const ownerRef = (db: ReadDb, id: string | null): UserRef | null => {
  if (!id) return null;
  return { id, displayName: userNames(db, [id]).get(id) ?? '' };
};

const assignableUser = (db: ReadDb, id: string): UserRef => {
  const u = db.orm.select().from(users).where(eq(users.id, id)).get();
  if (!u || !u.active) throw new AppError('INVALID_OWNER');
  return { id: u.id, displayName: u.displayName };
};

/**
 * The one place an owner changes: sets owner and assignment time (the
 * 7-day first-contact clock restarts) and records who, from, to, when, why.
 */
const changeOwner = (tx: WriteDb, actorId: string, row: CustomerRow, to: string | null, via: OwnerChangeVia, reason: string): void => {
  tx.orm
    .update(customers)
    .set({ ownerId: to, assignedAt: to ? tx.clock.now() : null, ...touch(tx, actorId) })
    .where(eq(customers.id, row.id))
    .run();
  addEvent(tx, actorId, row.id, 'owner_changed', { from: ownerRef(tx, row.ownerId), to: ownerRef(tx, to), via, reason });
};


/** A salesperson (or manager) takes customers from the pool. */
export const claimCustomers = (db: Db, viewer: Viewer, ids: string[]): BulkResult =>
  db.write(viewer.id, (tx) =>
    forEachLive(tx, ids, (row) => {
      if (!canClaimCustomer(row)) return 'NOT_IN_POOL';
      changeOwner(tx, viewer.id, row, viewer.id, 'claim', '');
      return null;
    }),
  );

/** The owner (or a manager) returns customers to the pool. */
export const releaseCustomers = (db: Db, viewer: Viewer, ids: string[], reason: string): BulkResult =>
  db.write(viewer.id, (tx) =>
    forEachLive(tx, ids, (row) => {
      if (row.ownerId === null) return 'NOT_OWNED';
      if (!canReleaseCustomer(viewer, row)) return 'FORBIDDEN';
      changeOwner(tx, viewer.id, row, null, 'release', reason);
      return null;
    }),
  );

/** A manager assigns (or reassigns, or returns to the pool with null). */
export const assignCustomers = (db: Db, viewer: Viewer, ids: string[], ownerId: string | null, reason: string): BulkResult => {
  if (!canAssignCustomers(viewer)) throw new AppError('FORBIDDEN');
  return db.write(viewer.id, (tx) => {
    if (ownerId) assignableUser(tx, ownerId);
    return forEachLive(tx, ids, (row) => {
      if (row.ownerId === ownerId) return 'UNCHANGED';
      changeOwner(tx, viewer.id, row, ownerId, ownerId ? 'assign' : 'release', reason);
      return null;
    });
  });
};

/** Current load: live customers each user owns. */
const loads = (db: ReadDb, userIds: string[]): Map<string, number> => {
  const rows = db.orm
    .select({ ownerId: customers.ownerId, n: sql<number>`count(*)` })
    .from(customers)
    .where(and(liveCondition, inArray(customers.ownerId, userIds)))
    .groupBy(customers.ownerId)
    .all();
  const m = new Map(userIds.map((id) => [id, 0]));
  for (const r of rows) if (r.ownerId) m.set(r.ownerId, r.n);
  return m;
};

/**
 * Spreads customers over the chosen salespeople so their loads end up as
 * even as possible: each customer goes to whoever has fewest now (ties: the
 * order the manager listed them in).
 */
export const balanceCustomers = (db: Db, viewer: Viewer, ids: string[], userIds: string[], reason: string): BulkResult => {
  if (!canAssignCustomers(viewer)) throw new AppError('FORBIDDEN');
  return db.write(viewer.id, (tx) => {
    const targets = [...new Set(userIds)];
    for (const id of targets) assignableUser(tx, id);
    const load = loads(tx, targets);
    // A customer already with one of the targets counts as theirs and is not moved.
    const toMove: CustomerRow[] = [];
    const result: BulkResult = { changed: 0, skipped: [] };
    for (const id of ids) {
      const row = findCustomerRow(tx, id);
      if (!row || row.deletedAt !== null || row.mergedInto !== null) result.skipped.push({ id, reason: 'NOT_FOUND' });
      else if (row.ownerId && targets.includes(row.ownerId)) result.skipped.push({ id, reason: 'UNCHANGED' });
      else toMove.push(row);
    }
    for (const row of toMove) {
      let best = targets[0]!;
      for (const t of targets) if ((load.get(t) ?? 0) < (load.get(best) ?? 0)) best = t;
      changeOwner(tx, viewer.id, row, best, 'balance', reason);
      load.set(best, (load.get(best) ?? 0) + 1);
      result.changed += 1;
    }
    return result;
  });
};

/** 离职交接: every customer of a departing salesperson to another, in one step, each change recorded. */
export const handoverCustomers = (db: Db, viewer: Viewer, fromUserId: string, toUserId: string, reason: string): BulkResult => {
  if (!canAssignCustomers(viewer)) throw new AppError('FORBIDDEN');
  if (fromUserId === toUserId) throw new AppError('INVALID_OWNER');
  return db.write(viewer.id, (tx) => {
    assignableUser(tx, toUserId);
    // Customers in the recycle bin travel too, so a restore lands with the new owner.
    const rows = tx.orm.select().from(customers).where(and(eq(customers.ownerId, fromUserId), isNull(customers.mergedInto))).all();
    for (const row of rows) changeOwner(tx, viewer.id, row, toUserId, 'handover', reason);
    return { changed: rows.length, skipped: [] };
  });
};

/**
 * A contact that counts as the first contact of the current assignment: a
 * live contact-log entry (activities, including visits logged there) that
 * happened or was recorded at or after the assignment. Recorded-after counts
 * so that a call made just before the customer was entered (and logged
 * right after) still counts; contacts from an earlier owner's time do not,
 * so a reassigned customer starts a fresh 7-day clock.
 * customers.last_contact_at is the latest contact time the contact log wrote
 * (createActivity keeps it): at or after the assignment settles the row
 * without looking into the log; otherwise the log decides (entries moved in
 * by a merge, or logged late with an earlier time).
 */
const contactedSinceAssignment = sql`(coalesce(${customers.lastContactAt} >= ${customers.assignedAt}, 0) OR EXISTS (SELECT 1 FROM ${activities} a WHERE a.customer_id = ${customers.id} AND a.deleted_at IS NULL AND max(a.occurred_at, a.created_at) >= ${customers.assignedAt}))`;

/**
 * Days left for the first contact of a customer's current assignment
 * (negative when overdue); null when it has no owner or was contacted.
 */
export const firstContactDue = (db: ReadDb, row: { id: string; ownerId: string | null; assignedAt: number | null }): number | null => {
  if (!row.ownerId || row.assignedAt === null) return null;
  const contacted = db.orm
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.id, row.id), contactedSinceAssignment))
    .get();
  if (contacted) return null;
  return FIRST_CONTACT_DAYS - Math.floor((db.clock.now() - row.assignedAt) / DAY);
};

/**
 * Customers assigned more than 7 days ago with no contact logged since the
 * assignment (see contactedSinceAssignment). `ownerId` narrows it to one
 * salesperson's customers (their dashboard); managers see everyone's.
 */
export const overdueFirstContacts = (db: ReadDb, ownerId?: string): OverdueFirstContact[] => {
  const now = db.clock.now();
  const rows = db.orm
    .select()
    .from(customers)
    .where(
      and(
        liveCondition,
        ownerId ? eq(customers.ownerId, ownerId) : isNotNull(customers.ownerId),
        lt(customers.assignedAt, now - FIRST_CONTACT_DAYS * DAY),
        not(contactedSinceAssignment),
      ),
    )
    .orderBy(customers.assignedAt)
    .limit(1000)
    .all();
  const names = userNames(db, rows.map((r) => r.ownerId));
  return rows.map((r) => ({
    customerId: r.id,
    name: r.name,
    owner: r.ownerId ? { id: r.ownerId, displayName: names.get(r.ownerId) ?? '' } : null,
    assignedAt: r.assignedAt!,
    daysOverdue: Math.floor((now - r.assignedAt!) / DAY) - FIRST_CONTACT_DAYS,
  }));
};
