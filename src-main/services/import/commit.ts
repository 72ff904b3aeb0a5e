import { and, eq, getTableColumns, inArray, is, isNull, SQL, sql } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { CustomerEventKind } from '../../../src-shared/customers/types';
import type { CustomerFields } from '../../../src-shared/customers/schemas';
import type { ImportRecord } from '../../../src-shared/import/record';
import { normalizeCompanyName } from '../../../src-shared/rules/companyName';
import { AppError } from '../../../src-shared/errors';
import type { Db, ReadDb, WriteDb } from '../../db/connection';
import { contacts, customerEvents, customers, customerTags, importBatches, users } from '../../db/schema';
import { newId } from '../ids';
import { canImportLeads, type Viewer } from '../policy/policy';
import { addEvent } from '../customers/events';
import { deferSearchIndexing } from '../../db/searchIndex';
import { unloggedInserts } from '../../db/audit';
import { editableFields, liveCondition } from '../customers/repository';
import type { DuplicateDecision, ImportAnalysis } from './analyze';

export type ImportAssignment = { mode: 'pool' } | { mode: 'user'; userId: string } | { mode: 'balance'; userIds: string[] };

export type CommitOptions = {
  fileName: string;
  sheetName: string | null;
  source: string | null;
  tagIds: string[];
  assignment: ImportAssignment;
  /** Per duplicate group id; groups not listed follow `defaultDecision` (skip when not given). */
  decisions: Record<string, DuplicateDecision>;
  defaultDecision?: DuplicateDecision;
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

/** One prepared statement for the whole import, where Drizzle would prepare (and leave to the GC) one per row. */
type Statement = ReturnType<WriteDb['sqlite']['prepare']>;

/**
 * An INSERT over every column of `table`, prepared once, binding values the
 * way Drizzle's insert does: a key that is undefined gets the column's
 * default (or NULL), values go through the column's mapToDriverValue
 * (booleans → 0/1). Per row, Drizzle would build the SQL and prepare a new
 * statement — with the change-log and search triggers compiled into each —
 * and the native statements would pile up until a GC (gigabytes at 100,000 rows).
 */
const preparedInsert = (tx: WriteDb, table: SQLiteTable, suffix = ''): ((row: Record<string, unknown>) => void) => {
  const { name } = getTableConfig(table);
  const columns = Object.entries(getTableColumns(table)).filter(([, c]) => !(c as { shouldDisableInsert?: () => boolean }).shouldDisableInsert?.());
  for (const [, c] of columns) {
    if (c.default !== undefined && c.default !== null && is(c.default, SQL)) throw new Error(`${name}.${c.name}: SQL default not supported here`);
  }
  const stmt = tx.sqlite.prepare(
    `INSERT INTO "${name}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})${suffix}`,
  );
  const toDriver = (c: (typeof columns)[number][1], v: unknown): unknown => (v === null ? null : c.mapToDriverValue(v));
  return (row) => {
    const values = new Array<unknown>(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const [key, c] = columns[i]!;
      const v = row[key];
      if (v !== undefined) values[i] = toDriver(c, v);
      else if (c.default !== undefined && c.default !== null) values[i] = toDriver(c, c.default);
      else if (c.defaultFn) values[i] = toDriver(c, c.defaultFn());
      else if (c.onUpdateFn) values[i] = toDriver(c, c.onUpdateFn());
      else values[i] = null;
    }
    stmt.run(values);
  };
};

/** The statements an import writes with, prepared once per commit (on the connection that commits: the worker's own). */
const importWriter = (tx: WriteDb) => {
  const insertCustomer = preparedInsert(tx, customers);
  const insertContact = preparedInsert(tx, contacts);
  const insertEvent = preparedInsert(tx, customerEvents);
  const insertTag = tx.sqlite.prepare('INSERT INTO customer_tags (customer_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const selectCustomer = tx.orm.select().from(customers).where(eq(customers.id, sql.placeholder('id'))).prepare();
  const selectContact = tx.orm
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.customerId, sql.placeholder('customerId')), eq(contacts.name, sql.placeholder('name')), isNull(contacts.deletedAt)))
    .prepare();
  // Fill updates set varying fields: one statement per set of fields, as Drizzle's update would write it.
  const columnsByKey = getTableColumns(customers) as Record<string, (typeof customers)['_']['columns'][keyof (typeof customers)['_']['columns']]>;
  const updates = new Map<string, { stmt: Statement; keys: string[] }>();
  const updateCustomer = (id: string, set: Record<string, unknown>): void => {
    const keys = Object.keys(set).filter((k) => set[k] !== undefined && columnsByKey[k]);
    const signature = keys.join(',');
    let u = updates.get(signature);
    if (!u) {
      u = { keys, stmt: tx.sqlite.prepare(`UPDATE customers SET ${keys.map((k) => `"${columnsByKey[k]!.name}" = ?`).join(', ')} WHERE id = ?`) };
      updates.set(signature, u);
    }
    u.stmt.run([...u.keys.map((k) => (set[k] === null ? null : columnsByKey[k]!.mapToDriverValue(set[k] as never))), id]);
  };
  /** What addEvent (customers/events.ts) writes, with a prepared statement. */
  const addEvent = (actorId: string | null, customerId: string, kind: CustomerEventKind, data: Record<string, unknown>): void =>
    insertEvent({ id: newId(), customerId, at: tx.clock.now(), actorId, kind, data: JSON.stringify(data) });
  return {
    insertCustomer,
    insertContact,
    addEvent,
    insertTag: (customerId: string, tagId: string) => void insertTag.run(customerId, tagId),
    findCustomer: (id: string) => selectCustomer.get({ id }),
    findContact: (customerId: string, name: string) => selectContact.get({ customerId, name }),
    updateCustomer,
  };
};
type ImportWriter = ReturnType<typeof importWriter>;

/** An import being written, inside a write transaction the caller owns: rows go in by batches. */
export type ImportBatchWriter = {
  /** Writes these rows (records not to be written — blank, totals, rejected — are passed over). Throws IMPORT_CANCELLED on Cancel. */
  add(records: Iterable<ImportRecord>): void;
  /** Indexes the batch for search and records it; the caller then commits. */
  finish(): ImportSummary;
  /** Ends a batch whose transaction is being rolled back. */
  abort(): void;
};

/**
 * What the commit does with each analysed row, small enough to send to the
 * worker whatever the file: rows not listed are created. A file of 100,000
 * companies already in the database is 100,000 duplicate groups; the plan
 * of skipping them all is a list of row numbers.
 */
export type ImportPlan = {
  total: number;
  rejected: number;
  /** Rows that follow a duplicate group's decision "skip". */
  skip: number[];
  /** Rows that fill a customer: an existing one (its id), or the one this import creates from an earlier row (its row number). */
  fill: [row: number, target: string | number][];
};

export const planImport = (analysis: ImportAnalysis, decisions: Record<string, DuplicateDecision>, defaultDecision: DuplicateDecision = 'skip'): ImportPlan => {
  const plan: ImportPlan = { total: analysis.total, rejected: analysis.rejected, skip: [], fill: [] };
  for (const { row, groupId, target } of analysis.duplicates.followers()) {
    const decision = decisions[groupId] ?? defaultDecision;
    if (decision === 'fill') plan.fill.push([row, target]);
    else if (decision === 'skip') plan.skip.push(row);
  }
  return plan;
};

/**
 * Starts writing an analysed import. New customers get the batch id, the
 * lead source, the batch's tags and an owner by the assignment; an existing
 * customer's owner is never changed (the first record wins) — "fill" only
 * fills its empty fields. Cancel is checked every 500 rows. Must run inside
 * the caller's write transaction, which makes the import all or nothing.
 */
export const beginImport = (tx: WriteDb, viewer: Viewer, plan: ImportPlan, options: Omit<CommitOptions, 'decisions' | 'defaultDecision'>): ImportBatchWriter => {
  if (!canImportLeads(viewer)) throw new AppError('FORBIDDEN');
  const batchId = newId();
  const summary: ImportSummary = { batchId, created: 0, filled: 0, skipped: 0, rejected: plan.rejected, total: plan.total };
  const filled: Filled = { customers: {}, contacts: [] };
  const skip = new Set(plan.skip);
  const fill = new Map(plan.fill);
  const now = tx.clock.now();
  const owners = ownerPicker(tx, options.assignment);
  const w = importWriter(tx);
  /** Customers this import created that later rows fill, by the row that created them. */
  const fillTargets = new Set(plan.fill.map(([, target]) => target).filter((t) => typeof t === 'number'));
  const createdForRow = new Map<number, string>();
  /** The rows to write: every record the analysis did not reject. */
  const expected = plan.total - plan.rejected;
  let done = 0;
  // The search index takes the batch's rows all at once, before COMMIT (see deferSearchIndexing),
  // and the change log records the batch rather than each row it creates (see unloggedInserts).
  const index = deferSearchIndexing(tx.sqlite);
  const log = unloggedInserts(tx.sqlite, [customers, contacts]);
  const write = (r: ImportRecord): void => {
    if (done % 500 === 0) {
      if (options.shouldCancel?.()) throw new AppError('IMPORT_CANCELLED');
      options.onProgress?.(done, expected);
    }
    done += 1;
    const target = fill.get(r.rowNumber);
    if (skip.has(r.rowNumber)) summary.skipped += 1;
    else if (target === undefined) {
      const id = createCustomer(w, viewer.id, r, batchId, owners(), options, now);
      if (fillTargets.has(r.rowNumber)) createdForRow.set(r.rowNumber, id);
      summary.created += 1;
    } else {
      const sameBatch = typeof target === 'number';
      const targetId = sameBatch ? createdForRow.get(target) : target;
      if (targetId && fillCustomer(tx, w, viewer.id, targetId, r, batchId, filled, sameBatch)) summary.filled += 1;
      else summary.skipped += 1;
    }
  };
  return {
    add(records) {
      for (const r of records) if (r.kind === 'record' && !r.rejected) write(r);
    },
    finish() {
      // The rows written must be the rows analysed: a source that gave others (a file changed in between) writes nothing.
      if (done !== expected) throw new AppError('VALIDATION', { fields: 'analysis' }, `import wrote ${done} rows of ${expected} analysed`);
      options.onProgress?.(done, expected);
      log.end();
      index.flush();
      tx.orm
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
      return summary;
    },
    abort: () => {
      log.end();
      index.end();
    },
  };
};

/** Writes an analysed import in ONE transaction: all rows or none. Cancel and any failure roll everything back. */
export const commitImport = (db: Db, viewer: Viewer, records: Iterable<ImportRecord>, analysis: ImportAnalysis, options: CommitOptions): ImportSummary =>
  db.write(viewer.id, (tx) => {
    const batch = beginImport(tx, viewer, planImport(analysis, options.decisions, options.defaultDecision), options);
    try {
      batch.add(records);
      return batch.finish();
    } catch (e) {
      batch.abort();
      throw e;
    }
  });

/** Owner for each new customer: the pool, one salesperson, or whoever of the chosen has the fewest customers now. */
const ownerPicker = (db: ReadDb, a: ImportAssignment): (() => string | null) => {
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
  w: ImportWriter,
  actorId: string,
  r: ImportRecord,
  batchId: string,
  ownerId: string | null,
  options: Pick<CommitOptions, 'source' | 'tagIds'>,
  now: number,
): string => {
  const id = newId();
  w.insertCustomer({
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
  });
  for (const tagId of options.tagIds) w.insertTag(id, tagId);
  if (r.contact) {
    w.insertContact({ ...r.contact, id: newId(), customerId: id, createdAt: now, createdBy: actorId, updatedAt: now, updatedBy: actorId });
  }
  w.addEvent(actorId, id, 'created', { name: r.fields.name, importBatchId: batchId });
  if (ownerId) w.addEvent(actorId, id, 'owner_changed', { from: null, to: { id: ownerId, displayName: '' }, via: 'import', reason: '' });
  return id;
};

/** Fills only the empty fields of an existing customer, remembering what was empty for undo. */
const fillCustomer = (db: ReadDb, w: ImportWriter, actorId: string, id: string, r: ImportRecord, batchId: string, filled: Filled, sameBatch: boolean): boolean => {
  const row = w.findCustomer(id);
  if (!row) return false;
  const patch: Record<string, unknown> = {};
  for (const key of editableFields) {
    const incoming = (r.fields as Record<string, unknown>)[key];
    const current = row[key];
    if (incoming !== undefined && incoming !== null && incoming !== '' && (current === null || current === '')) patch[key] = incoming;
  }
  let addedContact = false;
  if (r.contact) {
    const exists = w.findContact(id, r.contact.name);
    if (!exists) {
      const contactId = newId();
      const now = db.clock.now();
      w.insertContact({ ...r.contact, id: contactId, customerId: id, createdAt: now, createdBy: actorId, updatedAt: now, updatedBy: actorId });
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
  w.updateCustomer(id, { ...patch, updatedAt: sameBatch ? row.updatedAt : db.clock.now(), updatedBy: actorId });
  if (!sameBatch) w.addEvent(actorId, id, 'updated', { fields: Object.keys(patch), importBatchId: batchId });
  return true;
};

export type UndoResult = { removed: number; reverted: number; touched: { id: string; name: string }[] };

/**
 * Undoes a batch: removes the customers it created that nobody has touched
 * since, and empties again the fields it filled that still hold the imported
 * value. Touched records are listed, not deleted.
 */
export const undoImport = (db: Db, viewer: Viewer, batchId: string): UndoResult => {
  if (!canImportLeads(viewer)) throw new AppError('FORBIDDEN');
  return db.write(viewer.id, (tx) => {
    const batch = tx.orm.select().from(importBatches).where(eq(importBatches.id, batchId)).get();
    if (!batch) throw new AppError('NOT_FOUND');
    if (batch.undoneAt !== null) throw new AppError('ALREADY_UNDONE');
    const result: UndoResult = { removed: 0, reverted: 0, touched: [] };
    const created = tx.orm.select().from(customers).where(eq(customers.importBatchId, batchId)).all();
    const laterEvent = tx.sqlite.prepare(
      `SELECT 1 FROM customer_events WHERE customer_id = ? AND at > ? AND (data NOT LIKE ? ) LIMIT 1`,
    );
    const laterContact = tx.sqlite.prepare(`SELECT 1 FROM contacts WHERE customer_id = ? AND (updated_at > ? OR created_at > ?) LIMIT 1`);
    for (const c of created) {
      const touched =
        c.updatedAt > batch.at || c.deletedAt !== null || c.mergedInto !== null || laterEvent.get(c.id, batch.at, `%${batchId}%`) || laterContact.get(c.id, batch.at, batch.at);
      if (touched) {
        result.touched.push({ id: c.id, name: c.name });
        continue;
      }
      tx.orm.delete(contacts).where(eq(contacts.customerId, c.id)).run();
      tx.orm.delete(customerTags).where(eq(customerTags.customerId, c.id)).run();
      tx.orm.delete(customerEvents).where(eq(customerEvents.customerId, c.id)).run();
      tx.orm.delete(customers).where(eq(customers.id, c.id)).run();
      result.removed += 1;
    }
    const filled = JSON.parse(batch.filled) as Partial<Filled>;
    for (const [id, previous] of Object.entries(filled.customers ?? {})) {
      const row = tx.orm.select().from(customers).where(eq(customers.id, id)).get();
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
      tx.orm.update(customers).set({ ...revert, updatedAt: tx.clock.now(), updatedBy: viewer.id }).where(eq(customers.id, id)).run();
      addEvent(tx, viewer.id, id, 'updated', { fields: Object.keys(revert), importUndone: batchId });
      result.reverted += 1;
    }
    for (const contactId of filled.contacts ?? []) {
      tx.orm.delete(contacts).where(and(eq(contacts.id, contactId), sql`${contacts.updatedAt} = ${contacts.createdAt}`)).run();
    }
    tx.orm.update(importBatches).set({ undoneAt: tx.clock.now(), undoneBy: viewer.id }).where(eq(importBatches.id, batchId)).run();
    return result;
  });
};
