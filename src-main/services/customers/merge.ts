import { and, desc, eq, getTableName, inArray, or } from 'drizzle-orm';
import type { CustomerFields } from '../../../src-shared/customers/schemas';
import type { MergeRecord } from '../../../src-shared/customers/types';
import { AppError } from '../../../src-shared/errors';
import type { Db, ReadDb, WriteDb } from '../../db/connection';
import { customerLinkedTables, customerMerges, customers, customerTags } from '../../db/schema';
import { newId } from '../ids';
import { canMergeCustomers, type Viewer } from '../policy/policy';
import { addEvent, userNames } from './events';
import { editableFields, findCustomerRow, getLiveRow, touch, type CustomerRow } from './repository';
import { normalizeCompanyName } from '../../../src-shared/rules/companyName';

/** The customer-linked tables as the merge moves them (declared in src-main/db/schema.ts and the table modules). */
const linkedTables = () =>
  customerLinkedTables().map((table) => ({ name: getTableName(table), table, id: table.id, customerId: table.customerId }));

type Moved = { rows: Record<string, string[]>; tags: string[]; fields: Partial<Record<keyof CustomerFields, unknown>> };

const toRecord = (db: ReadDb, m: typeof customerMerges.$inferSelect): MergeRecord => {
  const names = userNames(db, [m.actorId]);
  return {
    id: m.id,
    at: m.at,
    actor: m.actorId ? { id: m.actorId, displayName: names.get(m.actorId) ?? '' } : null,
    survivorId: m.survivorId,
    mergedId: m.mergedId,
    mergedName: findCustomerRow(db, m.mergedId)?.name ?? '',
    undoneAt: m.undoneAt,
  };
};

/**
 * Merges a duplicate into the survivor (manager). For each form field the
 * manager picks whose value stays; a field not picked keeps the survivor's
 * value, or takes the merged one's where the survivor's is empty. Related
 * records and tags move over; the merged customer is kept, hidden, so the
 * merge can be undone.
 */
export const mergeCustomers = (
  db: Db,
  viewer: Viewer,
  survivorId: string,
  mergedId: string,
  choices: Record<string, 'survivor' | 'merged'>,
): MergeRecord =>
  db.write(viewer.id, (tx) => mergeCustomersIn(tx, viewer, survivorId, mergedId, choices));

/** mergeCustomers inside the caller's write (an exchange conflict settled as a merge). */
export const mergeCustomersIn = (
  tx: WriteDb,
  viewer: Viewer,
  survivorId: string,
  mergedId: string,
  choices: Record<string, 'survivor' | 'merged'>,
): MergeRecord => {
  if (!canMergeCustomers(viewer)) throw new AppError('FORBIDDEN');
  if (survivorId === mergedId) throw new AppError('MERGE_INVALID');
  const survivor = getLiveRow(tx, survivorId);
  const merged = getLiveRow(tx, mergedId);
  const fields: Moved['fields'] = {};
  for (const key of editableFields) {
    const mine = survivor[key];
    const theirs = merged[key];
    const take = choices[key] === 'merged' || (choices[key] !== 'survivor' && (mine === null || mine === '') && theirs !== null);
    if (take && theirs !== mine) fields[key] = theirs;
  }
  const rows: Record<string, string[]> = {};
  for (const t of linkedTables()) {
    const ids = tx.orm.select({ id: t.id }).from(t.table).where(eq(t.customerId, mergedId)).all().map((r) => r.id as string);
    rows[t.name] = ids;
    if (ids.length) tx.orm.update(t.table).set({ customerId: survivorId } as never).where(inArray(t.id, ids)).run();
  }
  const survivorTags = new Set(
    tx.orm.select({ t: customerTags.tagId }).from(customerTags).where(eq(customerTags.customerId, survivorId)).all().map((r) => r.t),
  );
  const addedTags = tx.orm
    .select({ t: customerTags.tagId })
    .from(customerTags)
    .where(eq(customerTags.customerId, mergedId))
    .all()
    .map((r) => r.t)
    .filter((t) => !survivorTags.has(t));
  for (const tagId of addedTags) tx.orm.insert(customerTags).values({ customerId: survivorId, tagId }).run();

  const patch: Partial<CustomerRow> = { ...(fields as Partial<CustomerRow>) };
  if (patch.name) patch.nameKey = normalizeCompanyName(patch.name);
  tx.orm.update(customers).set({ ...patch, ...touch(tx, viewer.id) }).where(eq(customers.id, survivorId)).run();
  tx.orm.update(customers).set({ mergedInto: survivorId, ...touch(tx, viewer.id) }).where(eq(customers.id, mergedId)).run();

  const record = {
    id: newId(),
    at: tx.clock.now(),
    actorId: viewer.id,
    survivorId,
    mergedId,
    survivorBefore: JSON.stringify(survivor),
    moved: JSON.stringify({ rows, tags: addedTags, fields } satisfies Moved),
    undoneAt: null,
    undoneBy: null,
  };
  tx.orm.insert(customerMerges).values(record).run();
  addEvent(tx, viewer.id, survivorId, 'merged', { mergeId: record.id, other: { id: mergedId, name: merged.name }, fields: Object.keys(fields) });
  addEvent(tx, viewer.id, mergedId, 'merged', { mergeId: record.id, into: { id: survivorId, name: survivor.name } });
  // Linked rows (orders, …) moved with the merge: what modules derive per customer follows in the same transaction.
  tx.hooks.customersChanged(tx, viewer.id, [survivorId, mergedId]);
  return toRecord(tx, record);
};

/**
 * Undoes a merge: the moved rows go back, the added tags come off, and each
 * field the merge filled returns to the survivor's old value unless someone
 * has changed it since (their edit wins and is kept).
 */
export const undoMerge = (db: Db, viewer: Viewer, mergeId: string): MergeRecord => {
  if (!canMergeCustomers(viewer)) throw new AppError('FORBIDDEN');
  return db.write(viewer.id, (tx) => {
    const m = tx.orm.select().from(customerMerges).where(eq(customerMerges.id, mergeId)).get();
    if (!m) throw new AppError('NOT_FOUND');
    if (m.undoneAt !== null) throw new AppError('ALREADY_UNDONE');
    const survivor = findCustomerRow(tx, m.survivorId);
    const merged = findCustomerRow(tx, m.mergedId);
    if (!survivor || !merged || merged.mergedInto !== m.survivorId) throw new AppError('MERGE_INVALID');
    const moved = JSON.parse(m.moved) as Moved;
    const before = JSON.parse(m.survivorBefore) as CustomerRow;
    for (const t of linkedTables()) {
      const ids = moved.rows[t.name] ?? [];
      if (ids.length) {
        tx.orm
          .update(t.table)
          .set({ customerId: m.mergedId } as never)
          .where(and(inArray(t.id, ids), eq(t.customerId, m.survivorId)))
          .run();
      }
    }
    if (moved.tags.length) {
      tx.orm.delete(customerTags).where(and(eq(customerTags.customerId, m.survivorId), inArray(customerTags.tagId, moved.tags))).run();
    }
    const revert: Partial<CustomerRow> = {};
    for (const [key, value] of Object.entries(moved.fields)) {
      const k = key as keyof CustomerFields;
      if (survivor[k] === value) (revert as Record<string, unknown>)[k] = before[k];
    }
    if (revert.name) revert.nameKey = normalizeCompanyName(revert.name);
    tx.orm.update(customers).set({ ...revert, ...touch(tx, viewer.id) }).where(eq(customers.id, m.survivorId)).run();
    tx.orm.update(customers).set({ mergedInto: null, ...touch(tx, viewer.id) }).where(eq(customers.id, m.mergedId)).run();
    tx.orm.update(customerMerges).set({ undoneAt: tx.clock.now(), undoneBy: viewer.id }).where(eq(customerMerges.id, m.id)).run();
    addEvent(tx, viewer.id, m.survivorId, 'merge_undone', { mergeId: m.id, other: { id: m.mergedId, name: merged.name } });
    addEvent(tx, viewer.id, m.mergedId, 'merge_undone', { mergeId: m.id, into: { id: m.survivorId, name: survivor.name } });
    tx.hooks.customersChanged(tx, viewer.id, [m.survivorId, m.mergedId]);
    return toRecord(tx, { ...m, undoneAt: tx.clock.now(), undoneBy: viewer.id });
  });
};

export const listMerges = (db: ReadDb, page: { limit: number; offset: number; customerId?: string | undefined }): MergeRecord[] =>
  db.orm
    .select()
    .from(customerMerges)
    .where(page.customerId ? or(eq(customerMerges.survivorId, page.customerId), eq(customerMerges.mergedId, page.customerId)) : undefined)
    .orderBy(desc(customerMerges.at))
    .limit(page.limit)
    .offset(page.offset)
    .all()
    .map((m) => toRecord(db, m));
