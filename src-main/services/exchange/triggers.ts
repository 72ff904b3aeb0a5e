import type BetterSqlite3 from 'better-sqlite3';
import { exchangeTypes, keySql, quoteIdent, quoteText, type ExchangeType } from './declarations';

/**
 * Change stamps for exchanged rows, kept by triggers re-created on every open
 * (like the change-log triggers), so no write path can forget them. Each
 * insert, update (of an exchanged column) or delete raises this PC's entry in
 * the row's version vector to a hybrid-logical-clock value:
 *
 *   hlc = max(now_ms × 1000, highest stamp this database has seen + 1)
 *
 * "Seen" includes stamps that came from other PCs, so a PC whose clock is
 * behind still stamps after what it received (the HLC receive rule), and the
 * per-row counter only ever grows. The local `seq` numbers changes in the
 * order they happened here (what an export "since the last exchange" selects).
 *
 * `tuoke_node()` (this installation's node id) and `tuoke_now()` are
 * functions registered on every connection (connection.ts).
 */
const stampSql = (t: ExchangeType, alias: 'NEW' | 'OLD', deleted: 0 | 1): string => {
  const path = `'$."' || excluded.node || '"'`;
  const bumped = `max(coalesce(json_extract(vv, ${path}), 0) + 1, excluded.hlc)`;
  return (
    `INSERT INTO exchange_stamps (table_name, record_id, vv, hlc, node, seq, deleted) ` +
    `SELECT ${quoteText(t.name)}, ${keySql(t, alias)}, json_object(tuoke_node(), h.v), h.v, tuoke_node(), ` +
    `coalesce((SELECT max(seq) FROM exchange_stamps), 0) + 1, ${deleted} ` +
    `FROM (SELECT max(tuoke_now() * 1000, coalesce((SELECT max(hlc) FROM exchange_stamps), 0) + 1) AS v) AS h WHERE true ` +
    `ON CONFLICT (table_name, record_id) DO UPDATE SET vv = json_set(vv, ${path}, ${bumped}), hlc = ${bumped}, ` +
    `node = excluded.node, seq = excluded.seq, deleted = excluded.deleted;`
  );
};

export const exchangeTriggerSql = (t: ExchangeType): string[] => {
  const name = (op: string): string => quoteIdent(`exchange_${t.name}_${op}`);
  const table = quoteIdent(t.name);
  const changed = t.columns.map((c) => `OLD.${quoteIdent(c)} IS NOT NEW.${quoteIdent(c)}`).join(' OR ');
  const keyChanged = t.key.map((k) => `OLD.${quoteIdent(k)} IS NOT NEW.${quoteIdent(k)}`).join(' OR ');
  return [
    `DROP TRIGGER IF EXISTS ${name('insert')}`,
    `DROP TRIGGER IF EXISTS ${name('update')}`,
    `DROP TRIGGER IF EXISTS ${name('delete')}`,
    `CREATE TRIGGER ${name('insert')} AFTER INSERT ON ${table} BEGIN ${stampSql(t, 'NEW', 0)} END`,
    // A key change (rare: a link row moved by a merge) is a delete of the old key and an insert of the new one.
    `CREATE TRIGGER ${name('update')} AFTER UPDATE ON ${table} WHEN ${changed} BEGIN ` +
      `${stampSql(t, 'NEW', 0)} ` +
      `INSERT INTO exchange_stamps (table_name, record_id, vv, hlc, node, seq, deleted) SELECT ${quoteText(t.name)}, ${keySql(t, 'OLD')}, '{}', 0, tuoke_node(), 0, 1 WHERE ${keyChanged} ` +
      `ON CONFLICT (table_name, record_id) DO NOTHING; ` +
      `UPDATE exchange_stamps SET deleted = 1, seq = (SELECT max(seq) FROM exchange_stamps) + 1, ` +
      `hlc = (SELECT max(hlc) FROM exchange_stamps) + 1, node = tuoke_node(), ` +
      `vv = json_set(vv, '$."' || tuoke_node() || '"', (SELECT max(hlc) FROM exchange_stamps) + 1) ` +
      `WHERE (${keyChanged}) AND table_name = ${quoteText(t.name)} AND record_id = ${keySql(t, 'OLD')}; END`,
    `CREATE TRIGGER ${name('delete')} AFTER DELETE ON ${table} BEGIN ${stampSql(t, 'OLD', 1)} END`,
  ];
};

export const installExchangeTriggers = (db: BetterSqlite3.Database, types: ExchangeType[] = exchangeTypes()): void => {
  db.transaction(() => {
    for (const t of types) for (const stmt of exchangeTriggerSql(t)) db.exec(stmt);
  })();
};
