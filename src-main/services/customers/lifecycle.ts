import { and, eq, inArray } from 'drizzle-orm';
import { isLostStatus, type CustomerStatus, type CustomerTier } from '../../../src-shared/customers/enums';
import type { BulkResult } from '../../../src-shared/customers/types';
import { AppError } from '../../../src-shared/errors';
import type { Db, ReadDb } from '../../db/connection';
import { customers, customerTags, tags } from '../../db/schema';
import { canEditCustomer, canSetTier, type Viewer } from '../policy/policy';
import { addEvent } from './events';
import { forEachLive, touch, type CustomerRow } from './repository';

/** A bulk action over live customers the viewer may edit; others are skipped as FORBIDDEN. */
const forEachAccessible = (db: ReadDb, viewer: Viewer, ids: string[], fn: (row: CustomerRow) => string | null): BulkResult =>
  forEachLive(db, ids, (row) => (canEditCustomer(viewer, row) ? fn(row) : 'FORBIDDEN'));

/**
 * Lifecycle changes. Lost needs a reason and keeps the date; leaving a lost
 * state for an active one is a win-back (挽回) and is recorded as such.
 */
export const setStatus = (db: Db, viewer: Viewer, ids: string[], status: CustomerStatus, lostReason?: string): BulkResult => {
  if (isLostStatus(status) && !lostReason) throw new AppError('VALIDATION', { fields: 'lostReason' });
  return db.write(viewer.id, (tx) =>
    forEachAccessible(tx, viewer, ids, (row) => {
      const from = row.status as CustomerStatus;
      if (from === status && !isLostStatus(status)) return 'UNCHANGED';
      const lost = isLostStatus(status);
      tx.orm
        .update(customers)
        .set({
          status,
          lostReason: lost ? (lostReason ?? null) : null,
          lostAt: lost ? (isLostStatus(from) && row.lostAt ? row.lostAt : tx.clock.now()) : null,
          ...touch(tx, viewer.id),
        })
        .where(eq(customers.id, row.id))
        .run();
      addEvent(tx, viewer.id, row.id, 'status_changed', {
        from,
        to: status,
        ...(lost ? { reason: lostReason } : {}),
        winBack: isLostStatus(from) && !lost,
      });
      return null;
    }),
  );
};

/** Manual tier (重要/主要/普通/小客户) and VIP level: managers only. */
export const setTier = (db: Db, viewer: Viewer, ids: string[], tier: CustomerTier | null, vipLevel: number | null): BulkResult => {
  if (!canSetTier(viewer)) throw new AppError('FORBIDDEN');
  return db.write(viewer.id, (tx) =>
    forEachAccessible(tx, viewer, ids, (row) => {
      if (row.tier === tier && row.vipLevel === vipLevel) return 'UNCHANGED';
      tx.orm.update(customers).set({ tier, vipLevel, ...touch(tx, viewer.id) }).where(eq(customers.id, row.id)).run();
      addEvent(tx, viewer.id, row.id, 'tier_changed', { fromTier: row.tier, toTier: tier, fromVip: row.vipLevel, toVip: vipLevel });
      return null;
    }),
  );
};

export const bulkTag = (db: Db, viewer: Viewer, ids: string[], add: string[], remove: string[]): BulkResult =>
  db.write(viewer.id, (tx) => {
    const wanted = [...new Set([...add, ...remove])];
    const known = wanted.length ? tx.orm.select().from(tags).where(inArray(tags.id, wanted)).all() : [];
    if (known.length !== wanted.length) throw new AppError('NOT_FOUND');
    const nameOf = new Map(known.map((t) => [t.id, t.name]));
    return forEachAccessible(tx, viewer, ids, (row) => {
      const current = new Set(
        tx.orm.select({ tagId: customerTags.tagId }).from(customerTags).where(eq(customerTags.customerId, row.id)).all().map((r) => r.tagId),
      );
      const added = add.filter((t) => !current.has(t));
      const removed = remove.filter((t) => current.has(t) && !add.includes(t));
      if (added.length === 0 && removed.length === 0) return 'UNCHANGED';
      for (const tagId of added) tx.orm.insert(customerTags).values({ customerId: row.id, tagId }).run();
      if (removed.length) {
        tx.orm.delete(customerTags).where(and(eq(customerTags.customerId, row.id), inArray(customerTags.tagId, removed))).run();
      }
      tx.orm.update(customers).set(touch(tx, viewer.id)).where(eq(customers.id, row.id)).run();
      addEvent(tx, viewer.id, row.id, 'tags_changed', {
        added: added.map((t) => nameOf.get(t)),
        removed: removed.map((t) => nameOf.get(t)),
      });
      return null;
    });
  });
