import type BetterSqlite3 from 'better-sqlite3';
import type { ExchangeCounts, ExchangeNote, ExchangeSummary, ExchangeValue } from '../../../src-shared/exchange/types';
import type { Db } from '../../db/connection';
import { isManagerLike, type Viewer } from '../customers/access';
import { newId } from '../ids';
import { refusalOf } from './authority';
import { BOOKKEEPING, KEY_SEPARATOR, quoteIdent, type ExchangeType } from './declarations';
import { mayChange } from './scope';
import { canonicalVv, normalizeValue, type ExchangeRow, type ParsedWorkbook, type ReadRow, type Vv } from './workbook';

/**
 * The merge of one exchange workbook into this PC's database. Per row, the
 * version vectors decide (clocks never do):
 * - unknown here → added (a deletion of something never seen is only remembered);
 * - the workbook's version descends from ours → it is applied (values, or the deletion);
 * - ours descends from the workbook's, or they are equal → nothing;
 * - both changed since their common version → a conflict for a person, unless both
 *   made the same change (then the vectors are merged and nothing else happens).
 * Rows edited by hand in Excel never apply by themselves: when they differ from
 * this PC's values they become conflicts ("hand_edited") for a person to take
 * field by field. Everything runs in the caller's transaction; each row in a
 * savepoint, so a row the database refuses (a missing parent, a unique name
 * taken here) is reported and skipped without undoing the others.
 */

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

export const compareVv = (a: Vv, b: Vv): 'equal' | 'newer' | 'older' | 'concurrent' => {
  let aAhead = false;
  let bAhead = false;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[k] ?? 0;
    const y = b[k] ?? 0;
    if (x > y) aAhead = true;
    else if (y > x) bAhead = true;
  }
  return aAhead && bAhead ? 'concurrent' : aAhead ? 'newer' : bAhead ? 'older' : 'equal';
};

export const mergeVv = (a: Vv, b: Vv): Vv => {
  const out: Vv = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = Math.max(out[k] ?? 0, v);
  return out;
};

export const parseStoredVv = (text: string | null | undefined): Vv => (text ? (JSON.parse(text) as Vv) : {});

/** A value as the column's type holds it, so '139…' typed as a number in Excel compares equal. */
export const coerce = (v: unknown, kind: 'text' | 'integer' | 'real' | undefined): ExchangeValue => {
  const n = normalizeValue(v);
  if (n === null) return null;
  if (kind === 'text' && typeof n === 'number') return String(n);
  if ((kind === 'integer' || kind === 'real') && typeof n === 'string' && n.trim() !== '' && Number.isFinite(Number(n))) return Number(n);
  return n;
};

/** Of two versions that differ only in who/when, the later one (then the larger user id): the same answer on every PC. */
const laterBookkeeping = (remote: Record<string, unknown>, local: Record<string, unknown>): boolean => {
  const ra = Number(remote.updated_at ?? 0);
  const la = Number(local.updated_at ?? 0);
  return ra !== la ? ra > la : String(remote.updated_by ?? '') > String(local.updated_by ?? '');
};

export type LocalStamp = { vv: string; hlc: number; node: string; seq: number; deleted: number };

/** Prepared statements for one record type. */
export const accessFor = (sqlite: BetterSqlite3.Database, t: ExchangeType) => {
  const where = t.key.map((k) => `${quoteIdent(k)} = ?`).join(' AND ');
  const cols = t.columns.map(quoteIdent).join(', ');
  const select = sqlite.prepare(`SELECT ${cols} FROM ${quoteIdent(t.name)} WHERE ${where}`);
  const del = sqlite.prepare(`DELETE FROM ${quoteIdent(t.name)} WHERE ${where}`);
  const keyValues = (id: string): string[] => (t.key.length === 1 ? [id] : id.split(KEY_SEPARATOR));
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
    get: (id: string): Record<string, unknown> | undefined => select.get(...keyValues(id)) as Record<string, unknown> | undefined,
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
        ...keyValues(id),
      );
    },
    remove: (id: string): void => void del.run(...keyValues(id)),
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
export const applyRows = (db: Db, viewer: Viewer, parsed: ParsedWorkbook, types: ExchangeType[], importId: string): Plan => {
  const sqlite = db.sqlite;
  const stamps = stampStatements(sqlite);
  const counts = emptyCounts();
  const notes: ExchangeNote[] = [];
  const perSheet: Plan['perSheet'] = [];
  const conflicts: Plan['conflicts'] = [];
  let complete = true;
  const now = db.clock.now();
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
    const allowed = (local: Record<string, unknown> | undefined, r: ReadRow): boolean => manager || mayChange(sqlite, t, viewer, local, r.values, r.deleted);
    const diffColumns = (local: Record<string, unknown> | undefined, r: ReadRow): string[] =>
      t.columns.filter((col) => r.present.has(col) && coerce(local?.[col], t.kinds[col]) !== coerce(r.values[col], t.kinds[col]));
    const conflict = (r: ReadRow, reason: 'both_changed' | 'hand_edited' | 'duplicate', columns: string[], otherId: string | null = null): void => {
      const open = pending.get(table, r.id) as { id: string; remoteVv: string; reason: string } | undefined;
      const remote = JSON.stringify(Object.fromEntries([...r.present].map((col) => [col, r.values[col] ?? null])));
      if (open && open.remoteVv === canonicalVv(r.vv) && open.reason === reason) {
        bump('alreadyPending');
        conflicts.push({ table, recordId: r.id, reason, columns, conflictId: open.id });
        return;
      }
      const id = open?.id ?? newId();
      if (open) updateConflict.run(now, reason, parsed.meta.node, remote, canonicalVv(r.vv), r.hlc, r.deleted ? 1 : 0, importId, open.id);
      else insertConflict.run(id, now, table, r.id, reason, parsed.meta.node, remote, canonicalVv(r.vv), r.hlc, r.deleted ? 1 : 0, otherId, importId);
      bump(reason === 'duplicate' ? 'duplicates' : 'conflicts');
      conflicts.push({ table, recordId: r.id, reason, columns, conflictId: id });
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
    const fullValues = (r: ReadRow, local: Record<string, unknown> | undefined): Record<string, ExchangeValue> => {
      const out: Record<string, ExchangeValue> = {};
      for (const col of t.columns) out[col] = r.present.has(col) ? coerce(r.values[col], t.kinds[col]) : coerce(local?.[col], t.kinds[col]);
      return out;
    };
    const parentMissing = (r: ReadRow): boolean =>
      typeof t.customer === 'string' && t.customer !== 'self' && typeof r.values[t.customer] === 'string' && !customerExists.get(r.values[t.customer]);

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
      const localVv = parseStoredVv(stamp?.vv);
      const localDeleted = !local;

      if (t.partOf && r.intact) {
        const parentId = r.values[t.partOf.column] ?? local?.[t.partOf.column];
        const open = typeof parentId === 'string' ? (parentConflict.get(t.partOf.parent, parentId) as { id: string } | undefined) : undefined;
        if (open) {
          // Its record waits for a person: this part waits with it (resolving the record settles its parts).
          holdPart.run(table, r.id, JSON.stringify({ vv: r.vv, hlc: r.hlc, node: r.node, deleted: r.deleted, values: r.values }), open.id);
          bump('alreadyPending');
          complete = false;
          continue;
        }
      }

      if (!r.intact) {
        const cols = diffColumns(local, r);
        if (!local && !stamp) {
          skip({ kind: 'hand_edited_new', sheet: s.sheet, row: r.rowNumber, detail: r.id });
          continue;
        }
        if (cols.every((col) => BOOKKEEPING.has(col)) && r.deleted === localDeleted) {
          bump('unchanged');
          continue;
        }
        if (!allowed(local, r)) {
          skip({ kind: 'forbidden', sheet: s.sheet, row: r.rowNumber, detail: r.id });
          continue;
        }
        // An edit by hand is the importing person's own change: it must be one they may make in the app.
        const edited = cols.filter((col) => !BOOKKEEPING.has(col));
        const refusal = refusalOf(t, viewer, {
          before: local,
          after: { ...local, ...Object.fromEntries(edited.map((col) => [col, r.values[col]])) },
          columns: edited,
          deleted: r.deleted !== localDeleted,
        });
        if (refusal) {
          skip({ kind: 'refused', sheet: s.sheet, row: r.rowNumber, table, column: refusal.column, reason: refusal.reason, detail: r.id });
          continue;
        }
        conflict(r, 'hand_edited', edited);
        continue;
      }

      const cmp = compareVv(r.vv, localVv);
      if (!local && !stamp) {
        if (r.deleted) {
          // Deleted over there before we ever saw it: remember the deletion, nothing to remove.
          stamps.put(table, r.id, r.vv, r.hlc, r.node, true);
          bump('unchanged');
          continue;
        }
        if (!allowed(undefined, r)) {
          skip({ kind: 'forbidden', sheet: s.sheet, row: r.rowNumber, detail: r.id });
          continue;
        }
        if (parentMissing(r)) {
          skip({ kind: 'parent_missing', sheet: s.sheet, row: r.rowNumber, detail: r.id });
          continue;
        }
        const values = fullValues(r, undefined);
        const hold = t.decl.holdNew?.(sqlite, values);
        if (hold) {
          conflict(r, 'duplicate', [hold.reason], hold.otherId);
          complete = false;
          continue;
        }
        if (attempt(r, () => access.insert(values))) {
          stamps.put(table, r.id, r.vv, r.hlc, r.node, false);
          followMerge(r);
          bump('added', r.id);
        }
        continue;
      }
      if (cmp === 'equal') {
        bump('unchanged');
        continue;
      }
      if (cmp === 'older') {
        bump('older');
        continue;
      }
      const cols = diffColumns(local, r);
      if (cmp === 'concurrent') {
        const auto = t.decl.merge ?? {};
        const meaningful = cols.filter((col) => !BOOKKEEPING.has(col) && !(col in auto));
        const same = r.deleted ? localDeleted : !localDeleted && meaningful.length === 0;
        if (same && stamp) {
          // Both sides made the same change (or differ only in self-settling columns). Both PCs settle it
          // the same way without a new version (which would only bounce back and forth): the merged
          // vector, max/min of the self-settling columns, the later bookkeeping.
          if (local && cols.length) {
            const patch: Record<string, ExchangeValue> = {};
            for (const col of cols) {
              const mine = coerce(local[col], t.kinds[col]);
              const theirs = coerce(r.values[col], t.kinds[col]);
              const rule = auto[col];
              if (rule) {
                const pick = mine === null ? theirs : theirs === null ? mine : (rule === 'max') === theirs > mine ? theirs : mine;
                if (pick !== mine) patch[col] = pick;
              }
            }
            if (laterBookkeeping(r.values, local)) for (const col of cols) if (BOOKKEEPING.has(col)) patch[col] = coerce(r.values[col], t.kinds[col]);
            if (Object.keys(patch).length) {
              if (!attempt(r, () => access.update(r.id, patch))) continue;
              changedIds.add(r.id);
            }
          }
          const remoteStamp = r.hlc > stamp.hlc || (r.hlc === stamp.hlc && r.node > stamp.node);
          stamps.put(table, r.id, mergeVv(localVv, r.vv), remoteStamp ? r.hlc : stamp.hlc, remoteStamp ? r.node : stamp.node, localDeleted);
          bump('unchanged');
          continue;
        }
        if (!allowed(local, r)) {
          skip({ kind: 'forbidden', sheet: s.sheet, row: r.rowNumber, detail: r.id });
          continue;
        }
        conflict(r, 'both_changed', r.deleted !== localDeleted ? [...meaningful, '_deleted'] : meaningful);
        continue;
      }
      // The workbook's version descends from ours: take it.
      if (!allowed(local, r)) {
        skip({ kind: 'forbidden', sheet: s.sheet, row: r.rowNumber, detail: r.id });
        continue;
      }
      // A conflict still waiting here is settled by a version that descends from both sides of it (resolved on another PC).
      const open = pending.get(table, r.id) as { id: string; remoteVv: string } | undefined;
      if (open && compareVv(r.vv, parseStoredVv(open.remoteVv)) !== 'older' && compareVv(r.vv, parseStoredVv(open.remoteVv)) !== 'concurrent') {
        supersede.run(now, '{"superseded":true}', open.id);
      }
      if (r.deleted) {
        if (local && !attempt(r, () => access.remove(r.id))) continue;
        stamps.put(table, r.id, r.vv, r.hlc, r.node, true);
        bump(local ? 'deleted' : 'unchanged', r.id);
        continue;
      }
      if (!local) {
        if (parentMissing(r)) {
          skip({ kind: 'parent_missing', sheet: s.sheet, row: r.rowNumber, detail: r.id });
          continue;
        }
        if (!attempt(r, () => access.insert(fullValues(r, undefined)))) continue;
        stamps.put(table, r.id, r.vv, r.hlc, r.node, false);
        followMerge(r);
        bump('added', r.id);
        continue;
      }
      const patch = Object.fromEntries(cols.map((col) => [col, coerce(r.values[col], t.kinds[col])]));
      if (!attempt(r, () => access.update(r.id, patch))) continue;
      stamps.put(table, r.id, r.vv, r.hlc, r.node, false);
      if (typeof t.customer === 'string' && cols.includes(t.customer)) followMerge(r);
      // Into the recycle bin (soft-deleted types): counted as a deletion.
      if (cols.includes('deleted_at') && local.deleted_at == null && patch.deleted_at != null) bump('deleted', r.id);
      else bump(cols.length ? 'updated' : 'unchanged', r.id);
    }
  }
  for (const { s } of ordered) perSheet.push({ sheet: s.sheet, table: s.table, rows: s.rows.length, counts: sheetCounts.get(s.table)! });
  // Derived data of each type is recomputed once, for what changed (by the module that owns the type).
  for (const t of types) {
    const ids = touched.get(t.name);
    if (ids?.size) db.hooks.afterExchangeImport(db, t.name, viewer.id, [...ids]);
  }
  return { counts, perSheet, notes, conflicts, complete };
};

export type { ExchangeRow };
