import type { ExchangeConflictView, ExchangeRefusal, ExchangeValue } from '../../../src-shared/exchange/types';
import type { Viewer } from '../customers/access';
import { refusalOf } from './authority';
import { BOOKKEEPING, type ExchangeType } from './declarations';
import { canonicalVv, normalizeValue, type ReadRow, type Vv } from './workbook';

/**
 * What the merge does with one row of an exchange workbook, decided without
 * the database (merge.ts's applyRows writes what is decided here). Per row,
 * the version vectors decide (clocks never do):
 * - unknown here → added (a deletion of something never seen is only remembered);
 * - the workbook's version descends from ours → it is applied (values, or the deletion);
 * - ours descends from the workbook's, or they are equal → nothing;
 * - both changed since their common version → a conflict for a person, unless both
 *   made the same change (then the vectors are merged and nothing else happens).
 * Rows edited by hand in Excel never apply by themselves: when they differ from
 * this PC's values they become conflicts ("hand_edited") for a person to take
 * field by field.
 */

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

/** A row's version stamp here (exchange_stamps). */
export type LocalStamp = { vv: string; hlc: number; node: string; seq: number; deleted: number };

/** The row as this PC has it: its values (none when it is not here, or deleted) and its stamp (none when never seen). */
export type LocalRow = { values: Record<string, unknown> | undefined; stamp: LocalStamp | undefined };

/** A conflict of the row's record still waiting here for a person. */
export type OpenConflict = { id: string; remoteVv: string; reason: string };

export type ConflictReason = ExchangeConflictView['reason'];

/**
 * What decideRow needs to know beyond the two versions of the row. Each is a
 * look-up in the database, so decideRow asks for one only on the way that
 * needs it (an `ask` decision); the writer answers and decides again.
 */
export type Question =
  /** The open conflict of the record this row is a part of (ExchangeDecl.partOf), if any. */
  | { ask: 'partHeld'; parent: string; parentId: string }
  /** Whether the viewer may change this record here (scope.ts mayChange; managers always). */
  | { ask: 'allowed' }
  /** The conflict of this record still waiting here, if any. */
  | { ask: 'openConflict' }
  /** Whether the customer a new row belongs to is here. */
  | { ask: 'customerExists'; customerId: string }
  /** Whether a new record is held for a person (ExchangeDecl.holdNew: a live duplicate customer). */
  | { ask: 'hold'; values: Record<string, ExchangeValue> };

/** The answers so far; a question not answered yet is undefined. */
export type Answers = {
  partHeld?: string | null;
  allowed?: boolean;
  openConflict?: OpenConflict | null;
  customerExists?: boolean;
  hold?: { reason: string; otherId: string } | null;
};

/**
 * What to do with the row. `supersedes`: an open conflict of the record that
 * the workbook's version settles (it descends from both sides of it: it was
 * resolved on another PC), marked superseded before the row is written.
 */
export type Decision = (
  | { kind: 'ask'; question: Question }
  /** Its record waits for a person in this conflict: the part waits with it (stored in the conflict). */
  | { kind: 'hold'; conflictId: string }
  /** Nothing to write: the same version, or an older one. */
  | { kind: 'keep'; count: 'unchanged' | 'older' }
  /** Not taken, with why: a note for the person, and the sender's changes are not all here. */
  | { kind: 'refuse'; note: 'hand_edited_new' | 'forbidden' | 'parent_missing' }
  | { kind: 'refuse'; note: 'refused'; reason: ExchangeRefusal; column: string | undefined }
  /** A new conflict for a person (or the waiting one, `replaces`, with this version instead). */
  | { kind: 'conflict'; reason: ConflictReason; columns: string[]; otherId: string | null; replaces: string | null }
  /** The same conflict already waits here: nothing new. */
  | { kind: 'pending'; reason: ConflictReason; columns: string[]; conflictId: string }
  /** Added with every column's value; then its records follow a customer merged away here. */
  | { kind: 'insert'; values: Record<string, ExchangeValue> }
  /**
   * These columns take the workbook's values. `followMerge`: its customer changed, so it follows a
   * customer merged away here; `count`: into the recycle bin counts as a deletion.
   */
  | { kind: 'update'; patch: Record<string, ExchangeValue>; followMerge: boolean; count: 'updated' | 'deleted' | 'unchanged' }
  /** Deleted there: removed here when it is here (`remove`), and the deletion remembered. */
  | { kind: 'delete'; remove: boolean }
  /**
   * Both sides made the same change (or differ only in self-settling columns): settled the same way
   * on both PCs without a new version — `patch` (the self-settling columns, the later bookkeeping),
   * and the stamp of the merged vector.
   */
  | { kind: 'settle'; patch: Record<string, ExchangeValue>; vv: Vv; hlc: number; node: string; deleted: boolean }
) & { supersedes?: string };

/** The columns the workbook carries for this row whose value differs from this PC's. */
const diffColumns = (t: ExchangeType, local: Record<string, unknown> | undefined, r: ReadRow): string[] =>
  t.columns.filter((col) => r.present.has(col) && coerce(local?.[col], t.kinds[col]) !== coerce(r.values[col], t.kinds[col]));

/** Every column's value for a new row: the workbook's, else this PC's. */
const fullValues = (t: ExchangeType, r: ReadRow, local: Record<string, unknown> | undefined): Record<string, ExchangeValue> => {
  const out: Record<string, ExchangeValue> = {};
  for (const col of t.columns) out[col] = r.present.has(col) ? coerce(r.values[col], t.kinds[col]) : coerce(local?.[col], t.kinds[col]);
  return out;
};

/**
 * Decides what the merge does with the workbook's row `r` of type `t`, given
 * this PC's version of it, the importing person, and the answers to the
 * questions asked so far (see Question). Reads nothing, writes nothing.
 */
export const decideRow = (local: LocalRow, r: ReadRow, t: ExchangeType, viewer: Viewer, known: Answers = {}): Decision => {
  const { values: here, stamp } = local;
  const localVv = parseStoredVv(stamp?.vv);
  const localDeleted = !here;
  const ask = (question: Question): Decision => ({ kind: 'ask', question });
  /** Not permitted, or not known yet: the decision to return instead of going on; null when permitted. */
  const unless = (): Decision | null =>
    known.allowed === undefined ? ask({ ask: 'allowed' }) : known.allowed ? null : { kind: 'refuse', note: 'forbidden' };
  /** The customer of a new row is not here: the decision to return instead of going on; null when there is none to check or it is here. */
  const parentMissing = (): Decision | null => {
    const customerId = typeof t.customer === 'string' && t.customer !== 'self' ? r.values[t.customer] : undefined;
    if (typeof customerId !== 'string') return null;
    if (known.customerExists === undefined) return ask({ ask: 'customerExists', customerId });
    return known.customerExists ? null : { kind: 'refuse', note: 'parent_missing' };
  };
  const conflict = (reason: ConflictReason, columns: string[], otherId: string | null = null): Decision => {
    if (known.openConflict === undefined) return ask({ ask: 'openConflict' });
    const open = known.openConflict;
    if (open && open.remoteVv === canonicalVv(r.vv) && open.reason === reason) return { kind: 'pending', reason, columns, conflictId: open.id };
    return { kind: 'conflict', reason, columns, otherId, replaces: open?.id ?? null };
  };

  if (t.partOf && r.intact) {
    const parentId = r.values[t.partOf.column] ?? here?.[t.partOf.column];
    if (typeof parentId === 'string') {
      if (known.partHeld === undefined) return ask({ ask: 'partHeld', parent: t.partOf.parent, parentId });
      // Its record waits for a person: this part waits with it (resolving the record settles its parts).
      if (known.partHeld) return { kind: 'hold', conflictId: known.partHeld };
    }
  }

  if (!r.intact) {
    const cols = diffColumns(t, here, r);
    if (!here && !stamp) return { kind: 'refuse', note: 'hand_edited_new' };
    if (cols.every((col) => BOOKKEEPING.has(col)) && r.deleted === localDeleted) return { kind: 'keep', count: 'unchanged' };
    const forbidden = unless();
    if (forbidden) return forbidden;
    // An edit by hand is the importing person's own change: it must be one they may make in the app.
    const edited = cols.filter((col) => !BOOKKEEPING.has(col));
    const refusal = refusalOf(t, viewer, {
      before: here,
      after: { ...here, ...Object.fromEntries(edited.map((col) => [col, r.values[col]])) },
      columns: edited,
      deleted: r.deleted !== localDeleted,
    });
    if (refusal) return { kind: 'refuse', note: 'refused', reason: refusal.reason, column: refusal.column };
    return conflict('hand_edited', edited);
  }

  const cmp = compareVv(r.vv, localVv);
  if (!here && !stamp) {
    // Deleted over there before we ever saw it: remember the deletion, nothing to remove.
    if (r.deleted) return { kind: 'delete', remove: false };
    const stop = unless() ?? parentMissing();
    if (stop) return stop;
    const values = fullValues(t, r, undefined);
    if (t.decl.holdNew) {
      if (known.hold === undefined) return ask({ ask: 'hold', values });
      if (known.hold) return conflict('duplicate', [known.hold.reason], known.hold.otherId);
    }
    return { kind: 'insert', values };
  }
  if (cmp === 'equal') return { kind: 'keep', count: 'unchanged' };
  if (cmp === 'older') return { kind: 'keep', count: 'older' };
  const cols = diffColumns(t, here, r);
  if (cmp === 'concurrent') {
    const auto = t.decl.merge ?? {};
    const meaningful = cols.filter((col) => !BOOKKEEPING.has(col) && !(col in auto));
    const same = r.deleted ? localDeleted : !localDeleted && meaningful.length === 0;
    if (same && stamp) {
      // Both PCs settle it the same way without a new version (which would only bounce back and forth):
      // the merged vector, max/min of the self-settling columns, the later bookkeeping.
      const patch: Record<string, ExchangeValue> = {};
      if (here && cols.length) {
        for (const col of cols) {
          const mine = coerce(here[col], t.kinds[col]);
          const theirs = coerce(r.values[col], t.kinds[col]);
          const rule = auto[col];
          if (rule) {
            const pick = mine === null ? theirs : theirs === null ? mine : (rule === 'max') === theirs > mine ? theirs : mine;
            if (pick !== mine) patch[col] = pick;
          }
        }
        if (laterBookkeeping(r.values, here)) for (const col of cols) if (BOOKKEEPING.has(col)) patch[col] = coerce(r.values[col], t.kinds[col]);
      }
      const remoteStamp = r.hlc > stamp.hlc || (r.hlc === stamp.hlc && r.node > stamp.node);
      return {
        kind: 'settle',
        patch,
        vv: mergeVv(localVv, r.vv),
        hlc: remoteStamp ? r.hlc : stamp.hlc,
        node: remoteStamp ? r.node : stamp.node,
        deleted: localDeleted,
      };
    }
    return unless() ?? conflict('both_changed', r.deleted !== localDeleted ? [...meaningful, '_deleted'] : meaningful);
  }

  // The workbook's version descends from ours: take it.
  const forbidden = unless();
  if (forbidden) return forbidden;
  if (known.openConflict === undefined) return ask({ ask: 'openConflict' });
  const open = known.openConflict;
  const settles = open && compareVv(r.vv, parseStoredVv(open.remoteVv)) !== 'older' && compareVv(r.vv, parseStoredVv(open.remoteVv)) !== 'concurrent';
  const decided = ((): Decision => {
    if (r.deleted) return { kind: 'delete', remove: !!here };
    if (!here) return parentMissing() ?? { kind: 'insert', values: fullValues(t, r, undefined) };
    const patch = Object.fromEntries(cols.map((col) => [col, coerce(r.values[col], t.kinds[col])]));
    return {
      kind: 'update',
      patch,
      followMerge: typeof t.customer === 'string' && cols.includes(t.customer),
      // Into the recycle bin (soft-deleted types): counted as a deletion.
      count: cols.includes('deleted_at') && here.deleted_at == null && patch.deleted_at != null ? 'deleted' : cols.length ? 'updated' : 'unchanged',
    };
  })();
  return settles && decided.kind !== 'ask' ? { ...decided, supersedes: open.id } : decided;
};
