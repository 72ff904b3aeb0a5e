import { and, asc, eq } from 'drizzle-orm';
import type { CustomerFields } from '../../../src-shared/customers/schemas';
import type { Customer, CustomerVersion } from '../../../src-shared/customers/types';
import { AppError } from '../../../src-shared/errors';
import type { Db, ReadDb } from '../../db/connection';
import { changeLog } from '../../db/schema';
import { canSeeFinancials, type Viewer } from '../policy/policy';
import { readableCustomer } from '../policy/guards';
import { updateCustomer } from './customers';
import { userNames } from './events';
import { columnToField, editableFields } from './repository';
import { financialFields } from '../../../src-shared/customers/enums';

/** Columns that change on every write and say nothing to a person reading the history. */
const noise = new Set(['updatedAt', 'updatedBy', 'nameKey']);

const toFields = (json: string | null): Record<string, unknown> => {
  if (!json) return {};
  const raw = JSON.parse(json) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [columnToField.get(k) ?? k, v]));
};

type LogEntry = typeof changeLog.$inferSelect;

const entriesOf = (db: ReadDb, id: string): LogEntry[] =>
  db.orm
    .select()
    .from(changeLog)
    .where(and(eq(changeLog.tableName, 'customers'), eq(changeLog.recordId, id)))
    .orderBy(asc(changeLog.id))
    .all();

/**
 * The creation of a customer that an import created. An import logs its
 * batch, not each row (db/audit.ts, unloggedInserts): the customer as
 * imported is the "before" of its first logged change, or the row as it is
 * when nothing changed it since. The version carries the batch's change-log
 * entry (its id, time and user), which is also what restoring it names.
 */
const importedCreation = (db: ReadDb, id: string, entries: LogEntry[]): LogEntry | undefined => {
  if (entries[0]?.op === 'insert') return undefined;
  const raw = db.sqlite.prepare('SELECT * FROM customers WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  const batchId = raw?.import_batch_id;
  if (typeof batchId !== 'string') return undefined;
  const batch = db.orm
    .select()
    .from(changeLog)
    .where(and(eq(changeLog.tableName, 'import_batches'), eq(changeLog.recordId, batchId), eq(changeLog.op, 'insert')))
    .get();
  if (!batch) return undefined;
  return { ...batch, tableName: 'customers', recordId: id, before: null, after: entries[0]?.before ?? JSON.stringify(raw) };
};

/**
 * The customer's versions from the change log (written by triggers), newest
 * first, each with the fields that changed from the one before.
 */
export const customerHistory = (db: ReadDb, viewer: Viewer, id: string): CustomerVersion[] => {
  const row = readableCustomer(db, viewer, id);
  const hideFinancials = !canSeeFinancials(viewer, row);
  const logged = entriesOf(db, id);
  const creation = importedCreation(db, id, logged);
  const entries = creation ? [creation, ...logged] : logged;
  const names = userNames(db, entries.map((e) => e.actorId));
  let previous: Record<string, unknown> = {};
  const versions: CustomerVersion[] = [];
  for (const e of entries) {
    const values = toFields(e.op === 'delete' ? e.before : e.after);
    const changed = Object.keys(values).filter((k) => !noise.has(k) && JSON.stringify(values[k]) !== JSON.stringify(previous[k]));
    if (hideFinancials) for (const f of financialFields) values[f] = null;
    previous = toFields(e.op === 'delete' ? e.before : e.after);
    if (e.op === 'update' && changed.length === 0) continue;
    versions.push({
      changeId: e.id,
      at: e.at,
      actor: e.actorId ? { id: e.actorId, displayName: names.get(e.actorId) ?? '' } : null,
      op: e.op,
      changed: e.op === 'insert' ? [] : changed,
      values,
    });
  }
  return versions.reverse();
};

/**
 * Brings the form fields back to how they were in an earlier version. Owner,
 * status and tags are not touched: they have their own recorded flows. The
 * restore is itself a new version, so it can be undone the same way.
 */
export const restoreCustomerVersion = (db: Db, viewer: Viewer, id: string, changeId: number): Customer => {
  const logged = db.orm.select().from(changeLog).where(eq(changeLog.id, changeId)).get();
  // The creation by an import is named by its batch's entry.
  const entry = logged?.tableName === 'import_batches' ? importedCreation(db, id, entriesOf(db, id)) : logged;
  if (!entry || entry.id !== changeId || entry.tableName !== 'customers' || entry.recordId !== id || !entry.after) throw new AppError('NOT_FOUND');
  const values = toFields(entry.after);
  const fields: Partial<CustomerFields> = {};
  for (const key of editableFields) (fields as Record<string, unknown>)[key] = values[key] ?? null;
  return updateCustomer(db, viewer, { id, fields }, 'version_restored');
};
