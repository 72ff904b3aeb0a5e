import type BetterSqlite3 from 'better-sqlite3';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { auditedTables } from './schema';

/**
 * The change log is written by SQLite triggers so that no code path can
 * change an audited row without leaving a trace. The triggers are derived
 * from the Drizzle schema and re-created on every open (a few ms), so a new
 * column is captured without anyone remembering to edit trigger SQL.
 *
 * The acting user and the time come from two application functions,
 * `tuoke_actor()` and `tuoke_now()`, registered on the connection
 * (see connection.ts): better-sqlite3 is synchronous, so the actor set around
 * a write is the actor of every trigger that write fires.
 */
const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const quoteText = (value: string): string => `'${value.replace(/'/g, "''")}'`;

const rowJson = (table: SQLiteTable, alias: 'NEW' | 'OLD'): string => {
  const { columns } = getTableConfig(table);
  const pairs = columns.map((c) => `${quoteText(c.name)}, ${alias}.${quoteIdent(c.name)}`);
  return `json_object(${pairs.join(', ')})`;
};

const primaryKeyColumn = (table: SQLiteTable): string => {
  const { columns, name } = getTableConfig(table);
  const pk = columns.find((c) => c.primary);
  if (!pk) throw new Error(`audited table ${name} has no single-column primary key`);
  return pk.name;
};

/**
 * Bulk writes whose rows the change log leaves out one by one, per
 * connection: while one is open, inserts into the tables it names are not
 * logged (updates and deletes still are). An import opens one for its new
 * customers and contacts and is itself logged instead, as the insert of its
 * import_batches row: the rows carry the batch id, and a record's history
 * shows the batch as its creation (customers/history.ts). One JSON copy of
 * every imported row was 40 % of the database and 15 % of the import's time.
 */
const unlogged = new WeakMap<BetterSqlite3.Database, Set<string>>();

/** Registers tuoke_logged(table), which the insert triggers ask. Before migrations, like the other functions. */
export const registerAuditFunctions = (db: BetterSqlite3.Database): void => {
  db.function('tuoke_logged', { deterministic: false }, (table: unknown) => (unlogged.get(db)?.has(String(table)) ? 0 : 1));
};

/** Stops logging inserts into `tables` on this connection until `end()`, which the caller must reach (finally). */
export const unloggedInserts = (db: BetterSqlite3.Database, tables: SQLiteTable[]): { end(): void } => {
  if (unlogged.has(db)) throw new Error('unlogged inserts are already open on this connection');
  unlogged.set(db, new Set(tables.map((t) => getTableConfig(t).name)));
  return { end: () => void unlogged.delete(db) };
};

export const auditTriggerSql = (table: SQLiteTable): string[] => {
  const { name, columns } = getTableConfig(table);
  const t = quoteIdent(name);
  const pk = quoteIdent(primaryKeyColumn(table));
  const insertLog = (op: string, idExpr: string, before: string, after: string): string =>
    `INSERT INTO change_log (at, actor_id, table_name, record_id, op, before, after) ` +
    `VALUES (tuoke_now(), tuoke_actor(), ${quoteText(name)}, ${idExpr}, '${op}', ${before}, ${after});`;
  const changed = columns.map((c) => `OLD.${quoteIdent(c.name)} IS NOT NEW.${quoteIdent(c.name)}`).join(' OR ');
  return [
    `DROP TRIGGER IF EXISTS ${quoteIdent(`audit_${name}_insert`)}`,
    `DROP TRIGGER IF EXISTS ${quoteIdent(`audit_${name}_update`)}`,
    `DROP TRIGGER IF EXISTS ${quoteIdent(`audit_${name}_delete`)}`,
    `CREATE TRIGGER ${quoteIdent(`audit_${name}_insert`)} AFTER INSERT ON ${t} WHEN tuoke_logged(${quoteText(name)}) BEGIN ` +
      insertLog('insert', `NEW.${pk}`, 'NULL', rowJson(table, 'NEW')) +
      ' END',
    `CREATE TRIGGER ${quoteIdent(`audit_${name}_update`)} AFTER UPDATE ON ${t} WHEN ${changed} BEGIN ` +
      insertLog('update', `NEW.${pk}`, rowJson(table, 'OLD'), rowJson(table, 'NEW')) +
      ' END',
    `CREATE TRIGGER ${quoteIdent(`audit_${name}_delete`)} AFTER DELETE ON ${t} BEGIN ` +
      insertLog('delete', `OLD.${pk}`, rowJson(table, 'OLD'), 'NULL') +
      ' END',
  ];
};

export const installAuditTriggers = (db: BetterSqlite3.Database, tables: SQLiteTable[] = auditedTables()): void => {
  db.transaction(() => {
    for (const table of tables) for (const stmt of auditTriggerSql(table)) db.exec(stmt);
  })();
};
