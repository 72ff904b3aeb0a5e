import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { CustomerFields } from '../../../src-shared/customers/schemas';
import type { ImportRecord } from '../../../src-shared/import/record';
import { normalizeCompanyName } from '../../../src-shared/rules/companyName';
import { AppError } from '../../../src-shared/errors';
import type { Db } from '../../db/connection';
import { contacts, customerEvents, customers, customerTags, importBatches, users } from '../../db/schema';
import { newId } from '../ids';
import { isManagerLike, type Viewer } from '../customers/access';
import { addEvent } from '../customers/events';
import { editableFields, liveCondition } from '../customers/repository';
import type { DuplicateDecision, ImportAnalysis } from './analyze';

export type ImportAssignment = { mode: 'pool' } | { mode: 'user'; userId: string } | { mode: 'balance'; userIds: string[] };

export type CommitOptions = {
  fileName: string;
  sheetName: string | null;
  source: string | null;
  tagIds: string[];
  assignment: ImportAssignment;
  /** Per duplicate group id; groups not listed are skipped. */
  decisions: Record<string, DuplicateDecision>;
  shouldCancel?: () => boolean;
  onProgress?: (done: number, total: number) => void;
};

export type ImportSummary = {
  batchId: string;
  created: number;
  filled: number;
  skipped: number;
  rejected: number;
  total: number;
};

/** Per existing customer: field → [value before, value the import put in]. */
type Filled = { customers: Record<string, Record<string, [unknown, unknown]>>; contacts: string[] };

const CANCELLED = 'import cancelled';

/**
 * Writes an analysed import in ONE transaction: all rows or none. Cancel
 * (checked every 500 rows) and any failure roll everything back. New
 * customers get the batch id, the lead source, the batch's tags and an owner
 * by the assignment; an existing customer's owner is never changed (the
 * first record wins) — "fill" only fills its empty fields.
 */
export const commitImport = (db: Db, viewer: Viewer, records: ImportRecord[], analysis: ImportAnalysis, options: CommitOptions): ImportSummary => {
  if (!isManagerLike(viewer)) throw new AppError('FORBIDDEN');
  const batchId = newId();
  const summary: ImportSummary = { batchId, created: 0, filled: 0, skipped: 0, rejected: analysis.rejected, total: analysis.total };
  const filled: Filled = { customers: {}, contacts: [] };
  try {
    db.write(viewer.id, () => {
      const now = db.clock.now();
      const owners = ownerPicker(db, options.assignment);
      const createdForRow = new Map<number, string>();
      const candidates = records.filter((r) => r.kind === 'record' && !r.rejected);
      let done = 0;
      for (const r of candidates) {
        if (done % 500 === 0) {
          if (options.shouldCancel?.()) throw new Error(CANCELLED);
          options.onProgress?.(done, candidates.length);
        }
        done += 1;
        const groupId = analysis.groupOf.get(r.rowNumber);
        const group = groupId ? analysis.groups.find((g) => g.id === groupId) : undefined;
        const decision: DuplicateDecision = groupId ? (options.decisions[groupId] ?? 'skip') : 'new';
        const isFirstInFile = group && !group.existing && group.rowNumbers[0] === r.rowNumber;
        if (!group || isFirstInFile || decision === 'new') {
          createdForRow.set(r.rowNumber, createCustomer(db, viewer.id, r, batchId, owners(), options, now));
          summary.created += 1;
        } else if (decision === 'fill') {
          const targetId = group.existing?.id ?? createdForRow.get(group.rowNumbers[0]!);
          if (targetId && fillCustomer(db, viewer.id, targetId, r, batchId, filled, !group.existing)) summary.filled += 1;
          else summary.skipped += 1;
        } else summary.skipped += 1;
      }
      options.onProgress?.(candidates.length, candidates.length);
      db.orm
        .insert(importBatches)
        .values({
          id: batchId,
          at: now,
          userId: viewer.id,
          fileName: options.fileName,
          sheetName: options.sheetName,
          source: options.source,
          counts: JSON.stringify(summary),
          filled: JSON.stringify(filled),
        })
        .run();
    });
  } catch (e) {
    if (e instanceof Error && e.message === CANCELLED) throw new AppError('IMPORT_CANCELLED');
    throw e;
  }
  return summary;
};

/** Owner for each new customer: the pool, one salesperson, or whoever of the chosen has the fewest customers now. */
const ownerPicker = (db: Db, a: ImportAssignment): (() => string | null) => {
  if (a.mode === 'pool') return () => null;
  const ids = a.mode === 'user' ? [a.userId] : [...new Set(a.userIds)];
  const valid = db.orm.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), eq(users.active, true))).all();
  if (valid.length !== ids.length || ids.length === 0) throw new AppError('INVALID_OWNER');
  const load = new Map(ids.map((id) => [id, 0]));
  for (const r of db.orm
    .select({ ownerId: customers.ownerId, n: sql<number>`count(*)` })
    .from(customers)
    .where(and(liveCondition, inArray(customers.ownerId, ids)))
    .groupBy(customers.ownerId)
    .all()) {
    if (r.ownerId) load.set(r.ownerId, r.n);
  }
  return () => {
    let best = ids[0]!;
    for (const id of ids) if ((load.get(id) ?? 0) < (load.get(best) ?? 0)) best = id;
    load.set(best, (load.get(best) ?? 0) + 1);
    return best;
  };
};

const createCustomer = (
  db: Db,
  actorId: string,
  r: ImportRecord,
  batchId: string,
  ownerId: string | null,
  options: CommitOptions,
  now: number,
): string => {
  const id = newId();
  db.orm
    .insert(customers)
    .values({
      ...r.fields,
      id,
      nameKey: normalizeCompanyName(r.fields.name),
      source: (options.source as CustomerFields['source']) ?? 'trade_directory',
      createdAt: now,
      createdBy: actorId,
      updatedAt: now,
      updatedBy: actorId,
      ownerId,
      assignedAt: ownerId ? now : null,
      status: 'potential',
      importBatchId: batchId,
    })
    .run();
  for (const tagId of options.tagIds) db.orm.insert(customerTags).values({ customerId: id, tagId }).onConflictDoNothing().run();
  if (r.contact) {
    db.orm
      .insert(contacts)
      .values({ ...r.contact, id: newId(), customerId: id, createdAt: now, createdBy: actorId, updatedAt: now, updatedBy: actorId })
      .run();
  }
  addEvent(db, actorId, id, 'created', { name: r.fields.name, importBatchId: batchId });
  if (ownerId) addEvent(db, actorId, id, 'owner_changed', { from: null, to: { id: ownerId, displayName: '' }, via: 'import', reason: '' });
  return id;
};

/** Fills only the empty fields of an existing customer, remembering what was empty for undo. */
const fillCustomer = (db: Db, actorId: string, id: string, r: ImportRecord, batchId: string, filled: Filled, sameBatch: boolean): boolean => {
  const row = db.orm.select().from(customers).where(eq(customers.id, id)).get();
  if (!row) return false;
  const patch: Record<string, unknown> = {};
  for (const key of editableFields) {
    const incoming = (r.fields as Record<string, unknown>)[key];
    const current = row[key];
    if (incoming !== undefined && incoming !== null && incoming !== '' && (current === null || current === '')) patch[key] = incoming;
  }
  let addedContact = false;
  if (r.contact) {
    const exists = db.orm
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.customerId, id), eq(contacts.name, r.contact.name), isNull(contacts.deletedAt)))
      .get();
    if (!exists) {
      const contactId = newId();
      const now = db.clock.now();
      db.orm.insert(contacts).values({ ...r.contact, id: contactId, customerId: id, createdAt: now, createdBy: actorId, updatedAt: now, updatedBy: actorId }).run();
      if (!sameBatch) filled.contacts.push(contactId);
      addedContact = true;
    }
  }
  if (Object.keys(patch).length === 0) return addedContact;
  if (!sameBatch) {
    const entry = filled.customers[id] ?? {};
    for (const [k, v] of Object.entries(patch)) entry[k] = [row[k as keyof typeof row], v];
    filled.customers[id] = entry;
  }
  db.orm.update(customers).set({ ...patch, updatedAt: sameBatch ? row.updatedAt : db.clock.now(), updatedBy: actorId }).where(eq(customers.id, id)).run();
  if (!sameBatch) addEvent(db, actorId, id, 'updated', { fields: Object.keys(patch), importBatchId: batchId });
  return true;
};

export type UndoResult = { removed: number; reverted: number; touched: { id: string; name: string }[] };

/**
 * Undoes a batch: removes the customers it created that nobody has touched
 * since, and empties again the fields it filled that still hold the imported
 * value. Touched records are listed, not deleted.
 */
export const undoImport = (db: Db, viewer: Viewer, batchId: string): UndoResult => {
  if (!isManagerLike(viewer)) throw new AppError('FORBIDDEN');
  return db.write(viewer.id, () => {
    const batch = db.orm.select().from(importBatches).where(eq(importBatches.id, batchId)).get();
    if (!batch) throw new AppError('NOT_FOUND');
    if (batch.undoneAt !== null) throw new AppError('ALREADY_UNDONE');
    const result: UndoResult = { removed: 0, reverted: 0, touched: [] };
    const created = db.orm.select().from(customers).where(eq(customers.importBatchId, batchId)).all();
    const laterEvent = db.sqlite.prepare(
      `SELECT 1 FROM customer_events WHERE customer_id = ? AND at > ? AND (data NOT LIKE ? ) LIMIT 1`,
    );
    const laterContact = db.sqlite.prepare(`SELECT 1 FROM contacts WHERE customer_id = ? AND (updated_at > ? OR created_at > ?) LIMIT 1`);
    for (const c of created) {
      const touched =
        c.updatedAt > batch.at || c.deletedAt !== null || c.mergedInto !== null || laterEvent.get(c.id, batch.at, `%${batchId}%`) || laterContact.get(c.id, batch.at, batch.at);
      if (touched) {
        result.touched.push({ id: c.id, name: c.name });
        continue;
      }
      db.orm.delete(contacts).where(eq(contacts.customerId, c.id)).run();
      db.orm.delete(customerTags).where(eq(customerTags.customerId, c.id)).run();
      db.orm.delete(customerEvents).where(eq(customerEvents.customerId, c.id)).run();
      db.orm.delete(customers).where(eq(customers.id, c.id)).run();
      result.removed += 1;
    }
    const filled = JSON.parse(batch.filled) as Partial<Filled>;
    for (const [id, previous] of Object.entries(filled.customers ?? {})) {
      const row = db.orm.select().from(customers).where(eq(customers.id, id)).get();
      if (!row) continue;
      const revert: Record<string, unknown> = {};
      let touched = false;
      for (const [field, [before, imported]] of Object.entries(previous)) {
        // A field someone has changed since keeps their value.
        if (row[field as keyof typeof row] === imported) revert[field] = before;
        else touched = true;
      }
      if (touched) result.touched.push({ id, name: row.name });
      if (Object.keys(revert).length === 0) continue;
      db.orm.update(customers).set({ ...revert, updatedAt: db.clock.now(), updatedBy: viewer.id }).where(eq(customers.id, id)).run();
      addEvent(db, viewer.id, id, 'updated', { fields: Object.keys(revert), importUndone: batchId });
      result.reverted += 1;
    }
    for (const contactId of filled.contacts ?? []) {
      db.orm.delete(contacts).where(and(eq(contacts.id, contactId), sql`${contacts.updatedAt} = ${contacts.createdAt}`)).run();
    }
    db.orm.update(importBatches).set({ undoneAt: db.clock.now(), undoneBy: viewer.id }).where(eq(importBatches.id, batchId)).run();
    return result;
  });
};
