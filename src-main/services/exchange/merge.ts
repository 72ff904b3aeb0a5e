import type BetterSqlite3 from 'better-sqlite3';
import type { ExchangeCounts, ExchangeNote, ExchangeSummary, ExchangeValue } from '../../../src-shared/exchange/types';
import type { ReadSqlite, WriteDb } from '../../db/connection';
import { isManagerLike, type Viewer } from '../customers/access';
import { newId } from '../ids';
import { decideRow, mergeVv, type Answers, type LocalStamp, type OpenConflict, type Question } from './decide';
import { KEY_SEPARATOR, quoteIdent, type ExchangeType } from './declarations';
import { mayChange } from './scope';
import { canonicalVv, type ExchangeRow, type ParsedWorkbook, type ReadRow, type Vv } from './workbook';

/**
 * The merge of one exchange workbook into this PC's database: what to do with
 * each row is decided by decide.ts (decideRow, which reads nothing); this file
 * looks up what it asks and writes what it decides. Everything runs in the
 * caller's transaction; each row in a savepoint, so a row the database
 * refuses (a missing parent, a unique name taken here) is reported and
 * skipped without undoing the others.
 */

// The version and value helpers are decide.ts's; importable from here as before.
export { coerce, compareVv, mergeVv, parseStoredVv, type LocalStamp } from './decide';

export const emptyCounts = (): ExchangeCounts => ({
  added: 0,
  updated: 0,
  deleted: 0,
  unchanged: 0,
  older: 0,
  conflicts: 0,
  alreadyPending: 0,
  duplicates: 0,
  skipped: 0,
});

const whereKey = (t: ExchangeType): string => t.key.map((k) => `${quoteIdent(k)} = ?`).join(' AND ');
const keyValues = (t: ExchangeType, id: string): string[] => (t.key.length === 1 ? [id] : id.split(KEY_SEPARATOR));

/** Reads one record of a type by its key (the exchange's id: the key columns joined). */
export const readerFor = (sqlite: ReadSqlite, t: ExchangeType) => {
  const select = sqlite.prepare(`SELECT ${t.columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(t.name)} WHERE ${whereKey(t)}`);
  return { get: (id: string): Record<string, unknown> | undefined => select.get(...keyValues(t, id)) as Record<string, unknown> | undefined };
};

/** Prepared statements for one record type: readerFor's, and its writes (inside a write: tx.sqlite). */
export const accessFor = (sqlite: BetterSqlite3.Database, t: ExchangeType) => {
  const where = whereKey(t);
  const { get } = readerFor(sqlite, t);
  const del = sqlite.prepare(`DELETE FROM ${quoteIdent(t.name)} WHERE ${where}`);
  // Statements by column list: a workbook's rows mostly share one shape.
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sql: string): BetterSqlite3.Statement => {
    let st = statements.get(sql);
    if (!st) statements.set(sql, (st = sqlite.prepare(sql)));
    return st;
  };
  // An empty cell is '' in a NOT NULL text column (the workbook does not tell '' from empty).
  const stored = (c: string, v: ExchangeValue | undefined): ExchangeValue | undefined => (v === null && t.blankText.has(c) ? '' : v);
  return {
    get,
    insert: (values: Record<string, ExchangeValue>): void => {
      const names = t.columns.filter((c) => c in values);
      prepared(`INSERT INTO ${quoteIdent(t.name)} (${names.map(quoteIdent).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
        ...names.map((c) => stored(c, values[c])),
      );
    },
    update: (id: string, patch: Record<string, ExchangeValue>): void => {
      const names = Object.keys(patch);
      if (!names.length) return;
      prepared(`UPDATE ${quoteIdent(t.name)} SET ${names.map((c) => `${quoteIdent(c)} = ?`).join(', ')} WHERE ${where}`).run(
        ...names.map((c) => stored(c, patch[c])),
        ...keyValues(t, id),
      );
    },
    remove: (id: string): void => void del.run(...keyValues(t, id)),
  };
};

export const stampStatements = (sqlite: BetterSqlite3.Database) => {
  const get = sqlite.prepare('SELECT vv, hlc, node, seq, deleted FROM exchange_stamps WHERE table_name = ? AND record_id = ?');
  const put = sqlite.prepare(
    `INSERT INTO exchange_stamps (table_name, record_id, vv, hlc, node, seq, deleted)
     VALUES (?, ?, ?, ?, ?, coalesce((SELECT max(seq) FROM exchange_stamps), 0) + 1, ?)
     ON CONFLICT (table_name, record_id) DO UPDATE SET vv = excluded.vv, hlc = excluded.hlc, node = excluded.node, seq = excluded.seq, deleted = excluded.deleted`,
  );
  const nextHlc = sqlite.prepare('SELECT max(tuoke_now() * 1000, coalesce((SELECT max(hlc) FROM exchange_stamps), 0) + 1) AS v');
  return {
    get: (table: string, id: string): LocalStamp | undefined => get.get(table, id) as LocalStamp | undefined,
    /** Records a version (from a workbook, or a merge of two) as this row's stamp, with a new local seq. */
    put: (table: string, id: string, vv: Vv, hlc: number, node: string, deleted: boolean): void =>
      void put.run(table, id, canonicalVv(vv), hlc, node, deleted ? 1 : 0),
    /** A local change that supersedes both `a` and `b` (a resolved conflict): this PC's entry raised above both. */
    supersede: (table: string, id: string, a: Vv, b: Vv, node: string, deleted: boolean): void => {
      const hlc = Math.max((nextHlc.get() as { v: number }).v, (a[node] ?? 0) + 1, (b[node] ?? 0) + 1);
      const vv = { ...mergeVv(a, b), [node]: hlc };
      void put.run(table, id, canonicalVv(vv), hlc, node, deleted ? 1 : 0);
    },
  };
};

export const labelOf = (values: Record<string, unknown> | undefined, id: string): string => {
  if (!values) return id;
  for (const c of ['name', 'display_name', 'title', 'subject', 'username', 'kind']) {
    const v = values[c];
    if (typeof v === 'string' && v) return v;
  }
  return id;
};

type Plan = {
  counts: ExchangeCounts;
  perSheet: ExchangeSummary['perSheet'];
  notes: ExchangeNote[];
  conflicts: ExchangeSummary['conflicts'];
  /** False when some rows were not taken (refused, not permitted, waiting for a parent): the sender's changes are not all here yet. */
  complete: boolean;
};

const isConstraint = (e: unknown): boolean => typeof (e as { code?: unknown }).code === 'string' && String((e as { code: string }).code).startsWith('SQLITE_CONSTRAINT');

/**
 * Applies the workbook's rows to the database, in the caller's transaction
 * (db.write). Returns what happened; conflicts are stored in exchange_conflicts.
 */
export const applyRows = (tx: WriteDb, viewer: Viewer, parsed: ParsedWorkbook, types: ExchangeType[], importId: string): Plan => {
  const sqlite = tx.sqlite;
  const stamps = stampStatements(sqlite);
  const counts = emptyCounts();
  const notes: ExchangeNote[] = [];
  const perSheet: Plan['perSheet'] = [];
  const conflicts: Plan['conflicts'] = [];
  let complete = true;
  const now = tx.clock.now();
  const pending = sqlite.prepare(
    'SELECT id, remote_vv AS remoteVv, reason FROM exchange_conflicts WHERE table_name = ? AND record_id = ? AND resolved_at IS NULL',
  );
  const insertConflict = sqlite.prepare(
    `INSERT INTO exchange_conflicts (id, at, table_name, record_id, reason, peer_node, remote, remote_vv, remote_hlc, remote_deleted, other_id, import_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateConflict = sqlite.prepare(
    'UPDATE exchange_conflicts SET at = ?, reason = ?, peer_node = ?, remote = ?, remote_vv = ?, remote_hlc = ?, remote_deleted = ?, import_id = ? WHERE id = ?',
  );
  const supersede = sqlite.prepare('UPDATE exchange_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?');
  const customerExists = sqlite.prepare('SELECT 1 FROM customers WHERE id = ?');
  // Parts of a record waiting in a conflict wait with it, in the conflict's remote (under _parts, by table and id).
  const parentConflict = sqlite.prepare(
    `SELECT id FROM exchange_conflicts WHERE table_name = ? AND record_id = ? AND resolved_at IS NULL AND reason != 'duplicate'`,
  );
  const holdPart = sqlite.prepare(`UPDATE exchange_conflicts SET remote = json_set(remote, '$._parts."' || ? || '"."' || ? || '"', json(?)) WHERE id = ?`);
  const mergedInto = sqlite.prepare('SELECT merged_into AS m FROM customers WHERE id = ?');
  const manager = isManagerLike(viewer);

  // Parents first: the declaration order, whatever order the workbook's sheets are in.
  const ordered = types.flatMap((t) => parsed.sheets.filter((s) => s.table === t.name).map((s) => ({ t, s })));
  const sheetCounts = new Map(ordered.map(({ s }) => [s.table, emptyCounts()]));
  const touched = new Map<string, Set<string>>();
  // Records first, parents before children; then deletions, children before parents (a purged customer's contacts go first).
  const passes = [
    ...ordered.map(({ t, s }) => ({ t, s, rows: s.rows.filter((r) => !r.deleted) })),
    ...[...ordered].reverse().map(({ t, s }) => ({ t, s, rows: s.rows.filter((r) => r.deleted) })),
  ];
  for (const { t, s, rows: passRows } of passes) {
    if (!passRows.length) continue;
    const access = accessFor(sqlite, t);
    const c = sheetCounts.get(s.table)!;
    const table = t.name;
    const changedIds = touched.get(table) ?? new Set<string>();
    touched.set(table, changedIds);
    const bump = (k: keyof ExchangeCounts, id?: string): void => {
      c[k] += 1;
      counts[k] += 1;
      if (id && (k === 'added' || k === 'updated' || k === 'deleted')) changedIds.add(id);
    };
    const skip = (n: ExchangeNote): void => {
      notes.push(n);
      bump('skipped');
      complete = false;
    };
    /** One row's write in a savepoint: a refused row is reported and leaves nothing behind. */
    const attempt = (r: ReadRow, write: () => void): boolean => {
      try {
        sqlite.transaction(write)();
        return true;
      } catch (e) {
        if (!isConstraint(e)) throw e;
        skip({ kind: 'failed', sheet: s.sheet, row: r.rowNumber, detail: `${r.id}: ${(e as Error).message}` });
        return false;
      }
    };
    /** What decideRow asks, looked up here. */
    const answer = (q: Question, local: Record<string, unknown> | undefined, r: ReadRow): Answers => {
      switch (q.ask) {
        case 'partHeld':
          return { partHeld: (parentConflict.get(q.parent, q.parentId) as { id: string } | undefined)?.id ?? null };
        case 'allowed':
          return { allowed: manager || mayChange(sqlite, t, viewer, local, r.values, r.deleted) };
        case 'openConflict':
          return { openConflict: (pending.get(table, r.id) as OpenConflict | undefined) ?? null };
        case 'customerExists':
          return { customerExists: !!customerExists.get(q.customerId) };
        case 'hold':
          return { hold: t.decl.holdNew?.(sqlite, q.values) ?? null };
      }
    };

    // Rows this PC already knows go first: a merge or rename that arrives with a new record must land before the new one is checked for duplicates.
    const known = (r: ReadRow): boolean => !!stamps.get(table, r.id) || !!access.get(r.id);
    const rows = [...passRows.filter(known), ...passRows.filter((r) => !known(r))];
    // Records of a customer merged away here follow it to the survivor (a change made here, so it travels back as the newer version).
    const followMerge = (r: ReadRow): void => {
      if (typeof t.customer !== 'string' || t.customer === 'self' || t.key.includes(t.customer)) return;
      const start = r.values[t.customer];
      let target = typeof start === 'string' ? start : null;
      for (let hops = 0; target && hops < 10; hops += 1) {
        const next = (mergedInto.get(target) as { m: string | null } | undefined)?.m ?? null;
        if (!next) break;
        target = next;
      }
      if (target && target !== start) access.update(r.id, { [t.customer]: target });
    };
    for (const r of rows) {
      const local = access.get(r.id);
      const stamp = stamps.get(table, r.id);
      let answers: Answers = {};
      let d = decideRow({ values: local, stamp }, r, t, viewer, answers);
      while (d.kind === 'ask') {
        answers = { ...answers, ...answer(d.question, local, r) };
        d = decideRow({ values: local, stamp }, r, t, viewer, answers);
      }
      if (d.supersedes) supersede.run(now, '{"superseded":true}', d.supersedes);
      switch (d.kind) {
        case 'hold':
          holdPart.run(table, r.id, JSON.stringify({ vv: r.vv, hlc: r.hlc, node: r.node, deleted: r.deleted, values: r.values }), d.conflictId);
          bump('alreadyPending');
          complete = false;
          break;
        case 'keep':
          bump(d.count);
          break;
        case 'refuse':
          if (d.note === 'refused') skip({ kind: 'refused', sheet: s.sheet, row: r.rowNumber, table, column: d.column, reason: d.reason, detail: r.id });
          else skip({ kind: d.note, sheet: s.sheet, row: r.rowNumber, detail: r.id });
          break;
        case 'pending':
          bump('alreadyPending');
          conflicts.push({ table, recordId: r.id, reason: d.reason, columns: d.columns, conflictId: d.conflictId });
          break;
        case 'conflict': {
          const remote = JSON.stringify(Object.fromEntries([...r.present].map((col) => [col, r.values[col] ?? null])));
          const id = d.replaces ?? newId();
          if (d.replaces) updateConflict.run(now, d.reason, parsed.meta.node, remote, canonicalVv(r.vv), r.hlc, r.deleted ? 1 : 0, importId, d.replaces);
          else insertConflict.run(id, now, table, r.id, d.reason, parsed.meta.node, remote, canonicalVv(r.vv), r.hlc, r.deleted ? 1 : 0, d.otherId, importId);
          bump(d.reason === 'duplicate' ? 'duplicates' : 'conflicts');
          conflicts.push({ table, recordId: r.id, reason: d.reason, columns: d.columns, conflictId: id });
          // A new record held for a person: the sender's changes are not all here yet.
          if (d.reason === 'duplicate') complete = false;
          break;
        }
        case 'insert': {
          const values = d.values;
          if (!attempt(r, () => access.insert(values))) break;
          stamps.put(table, r.id, r.vv, r.hlc, r.node, false);
          followMerge(r);
          bump('added', r.id);
          break;
        }
        case 'update': {
          const patch = d.patch;
          if (!attempt(r, () => access.update(r.id, patch))) break;
          stamps.put(table, r.id, r.vv, r.hlc, r.node, false);
          if (d.followMerge) followMerge(r);
          bump(d.count, r.id);
          break;
        }
        case 'delete':
          if (d.remove && !attempt(r, () => access.remove(r.id))) break;
          stamps.put(table, r.id, r.vv, r.hlc, r.node, true);
          bump(d.remove ? 'deleted' : 'unchanged', r.id);
          break;
        case 'settle': {
          const patch = d.patch;
          if (Object.keys(patch).length) {
            if (!attempt(r, () => access.update(r.id, patch))) break;
            changedIds.add(r.id);
          }
          stamps.put(table, r.id, d.vv, d.hlc, d.node, d.deleted);
          bump('unchanged');
          break;
        }
      }
    }
  }
  for (const { s } of ordered) perSheet.push({ sheet: s.sheet, table: s.table, rows: s.rows.length, counts: sheetCounts.get(s.table)! });
  // Derived data of each type is recomputed once, for what changed (by the module that owns the type).
  for (const t of types) {
    const ids = touched.get(t.name);
    if (ids?.size) tx.hooks.afterExchangeImport(tx, t.name, viewer.id, [...ids]);
  }
  return { counts, perSheet, notes, conflicts, complete };
};

export type { ExchangeRow };
