import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import type {
  ExchangeConflictView,
  ExchangeLogEntry,
  ExchangeStatus,
  ExchangeSummary,
  ExchangeValue,
} from '../../../src-shared/exchange/types';
import { localDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { columnLabel } from '../../../src-shared/exchange/labels';
import type { Db, ReadDb, WriteDb } from '../../db/connection';
import { actsFor, canExchange, canExportAllData, canWriteFor, seesEverything, type Viewer } from '../policy/policy';
import { mergeCustomersIn } from '../customers/merge';
import { getSetting, saveSetting } from '../settings/settings';
import { writeXlsx, type ExportColumn } from '../export/xlsxWriter';
import { dayText, labelOf as labelOfCode, wallClock, yuan } from '../export/columns';
import { describeEvent } from '../export/events';
import { regionName } from '../../../src-shared/regions';
import { localDateTime } from '../../../src-shared/dates';
import { newId } from '../ids';
import { BOOKKEEPING, exchangeTypes, keySql, partTypesOf, quoteIdent, quoteText, typeByName, type ExchangeType } from './declarations';
import { accessFor, applyRows, coerce, compareVv, labelOf, parseStoredVv, readerFor, stampStatements } from './merge';
import { refusalOf, type Refusal } from './authority';
import { nodeLabel } from '../../db/node';
import { mayChange, scopeSql } from './scope';
import {
  exchangeSecret,
  readExchangeWorkbook,
  writeExchangeWorkbook,
  type ExchangeEnv,
  type ExchangeRow,
  type ParsedWorkbook,
  type Vv,
} from './workbook';

/** This PC's node id as the triggers stamp it (the installation of the open database). */
export const selfNode = (db: ReadDb): string => (db.sqlite.prepare('SELECT tuoke_node() AS n').get() as { n: string }).n;

const OFFICE_KEY = 'exchange.officeKey';

/**
 * The secret that signs this office's exchange workbooks (the office key). It lives inside the encrypted
 * database, which every PC of the office holds a copy of, and not in the database key: a PC that
 * re-keys its file (someone left, the recovery key was replaced) keeps exchanging with the others.
 * A workspace from before keeps the secret it had, derived once from the database key it had then.
 */
export const officeSecret = (db: Db, dbKey: Buffer, workspaceId: string): Buffer => {
  const stored = getSetting(db, OFFICE_KEY);
  if (typeof stored === 'string' && /^[0-9a-f]{64}$/.test(stored)) return Buffer.from(stored, 'hex');
  const secret = exchangeSecret(dbKey, workspaceId);
  saveSetting(db, null, OFFICE_KEY, secret.toString('hex'));
  return secret;
};

export const exchangeEnv = (db: Db, dbKey: Buffer, workspaceId: string): ExchangeEnv => ({
  secret: officeSecret(db, dbKey, workspaceId),
  workspaceId,
  node: selfNode(db),
  label: nodeLabel(),
});

// ------------------------------------------------------------------ export

type StampedRow = Record<string, unknown> & { __vv: string | null; __hlc: number | null; __node: string | null };

/** Types whose deleted rows a salesperson's export can place: hard-deleted records of a customer or of a user, with an id. */
const tombstoneScoped = (t: ExchangeType): boolean => t.key.length === 1 && t.key[0] === 'id' && (!!t.user || (!!t.customer && t.customer !== 'self'));

/**
 * A row's last values before it was deleted: from the change log (audited tables), or, for a part that
 * never lived here (the other version's order line, deleted when a conflict kept this PC's order), as
 * it waited with its record's conflict. Undefined when unknown.
 */
const lastValues = (db: ReadDb, table: string, id: string): Record<string, unknown> | undefined => {
  const hit =
    (db.sqlite
      .prepare('SELECT coalesce(before, after) AS v FROM change_log WHERE table_name = ? AND record_id = ? ORDER BY id DESC LIMIT 1')
      .get(table, id) as { v: string | null } | undefined) ??
    (db.sqlite
      .prepare(`SELECT json_extract(remote, '$._parts."' || ?1 || '"."' || ?2 || '".values') AS v FROM exchange_conflicts WHERE v IS NOT NULL ORDER BY at DESC LIMIT 1`)
      .get({ 1: table, 2: id }) as { v: string | null } | undefined);
  return hit?.v ? (JSON.parse(hit.v) as Record<string, unknown>) : undefined;
};

/** Whether a deleted record was the salesperson's: its user column, or its customer (through its parent row, live or deleted) owned by them now. */
const tombstoneInScope = (db: ReadDb, t: ExchangeType, viewer: Viewer, id: string): boolean => {
  const row = lastValues(db, t.name, id);
  if (!row) return false;
  if (t.user) return actsFor(viewer, row[t.user]);
  const c = t.customer;
  let customerId: unknown;
  if (typeof c === 'string') customerId = row[c];
  else if (c && typeof c === 'object') {
    const parentId = row[c.via];
    if (typeof parentId !== 'string') return false;
    const parent =
      (db.sqlite.prepare(`SELECT customer_id FROM ${quoteIdent(c.parent)} WHERE id = ?`).get(parentId) as Record<string, unknown> | undefined) ??
      lastValues(db, c.parent, parentId);
    customerId = parent?.customer_id;
  }
  if (typeof customerId !== 'string') return false;
  const owner = db.sqlite.prepare('SELECT owner_id AS o FROM customers WHERE id = ?').get(customerId) as { o: string | null } | undefined;
  return !!owner && canWriteFor(viewer, { ownerId: owner.o });
};

/**
 * Collects the rows of an export in one read transaction (a consistent
 * snapshot while others write): all records, or those changed here since the
 * peer last reported what it holds of ours. A salesperson's export holds
 * their own customers and what hangs on them, plus the shared lists.
 */
const collect = (db: ReadDb, viewer: Viewer, env: ExchangeEnv, sincePeer: string | undefined) =>
  db.snapshot(() => {
    const base = sincePeer
      ? ((db.sqlite.prepare('SELECT acked_seq AS s FROM exchange_peers WHERE node_id = ?').get(sincePeer) as { s: number } | undefined)?.s ?? 0)
      : 0;
    const maxSeq = (db.sqlite.prepare('SELECT coalesce(max(seq), 0) AS s FROM exchange_stamps').get() as { s: number }).s;
    const knows = Object.fromEntries(
      (db.sqlite.prepare('SELECT node_id AS n, received_seq AS s FROM exchange_peers').all() as { n: string; s: number }[]).map((p) => [p.n, p.s]),
    );
    const sheets = exchangeTypes().map((t) => {
      const scope = scopeSql(t, viewer);
      const cols = t.columns.map((c) => `r.${quoteIdent(c)}`).join(', ');
      // A record's parts travel with it (all of them: the other PC settles the record's parts as one set).
      const since = !sincePeer
        ? ''
        : t.partOf
          ? `AND (s.seq > ? OR r.${quoteIdent(t.partOf.column)} IN (SELECT record_id FROM exchange_stamps WHERE table_name = ${quoteText(t.partOf.parent)} AND seq > ?))`
          : 'AND s.seq > ?';
      const rows = db.sqlite
        .prepare(
          `SELECT ${cols}, s.vv AS __vv, s.hlc AS __hlc, s.node AS __node FROM ${quoteIdent(t.name)} r
           ${sincePeer ? 'JOIN' : 'LEFT JOIN'} exchange_stamps s ON s.table_name = ? AND s.record_id = ${keySql(t, 'r')}
           WHERE ${scope.sql} ${since} ORDER BY ${t.key.map((k) => `r.${quoteIdent(k)}`).join(', ')}`,
        )
        .all(t.name, ...scope.params, ...(sincePeer ? (t.partOf ? [base, base] : [base]) : [])) as StampedRow[];
      const out: ExchangeRow[] = rows.map((row) => {
        const values: Record<string, ExchangeValue> = {};
        for (const c of t.columns) values[c] = coerce(row[c], t.kinds[c]);
        const id = t.key.map((k) => String(row[k])).join('|');
        return { id, vv: parseStoredVv(row.__vv), hlc: row.__hlc ?? 0, node: row.__node ?? env.node, deleted: false, values };
      });
      // Deletions travel as deletions (tombstones). A salesperson's export carries those of their own records (a deleted
      // order, an edited order's replaced lines), told by the deleted row's last values in the change log.
      const manager = seesEverything(viewer);
      if (manager || tombstoneScoped(t)) {
        const gone = db.sqlite
          .prepare(`SELECT record_id AS id, vv, hlc, node FROM exchange_stamps WHERE table_name = ? AND deleted = 1 AND seq > ? ORDER BY record_id`)
          .all(t.name, base) as { id: string; vv: string; hlc: number; node: string }[];
        for (const g of gone)
          if (manager || tombstoneInScope(db, t, viewer, g.id)) out.push({ id: g.id, vv: parseStoredVv(g.vv), hlc: g.hlc, node: g.node, deleted: true, values: {} });
      }
      return { type: t, rows: out };
    });
    return { sheets, maxSeq, knows, base };
  });

export type ExportResult = { rows: number; perSheet: Record<string, number>; fileName: string };

export const exportExchange = async (
  db: Db,
  viewer: Viewer,
  env: ExchangeEnv,
  input: { sincePeer?: string | undefined },
  file: string,
  t: TFunction,
): Promise<ExportResult> => {
  if (!canExchange(viewer)) throw new AppError('FORBIDDEN');
  if (input.sincePeer && !db.sqlite.prepare('SELECT 1 FROM exchange_peers WHERE node_id = ?').get(input.sincePeer)) throw new AppError('NOT_FOUND');
  const snap = collect(db, viewer, env, input.sincePeer);
  const now = db.clock.now();
  const info: [string, string][] = [
    [t('exchange.meta.from'), `${env.label} (${env.node})`],
    [t('exchange.meta.at'), new Date(now).toLocaleString('zh-CN')],
    [t('exchange.meta.mode'), input.sincePeer ? t('exchange.meta.modeSince', { peer: input.sincePeer }) : t('exchange.meta.modeAll')],
    [t('exchange.meta.scope'), seesEverything(viewer) ? t('exchange.meta.scopeAll') : t('exchange.meta.scopeOwner')],
    [t('exchange.meta.howTo'), t('exchange.meta.howToText')],
  ];
  await writeExchangeWorkbook(
    file,
    env,
    {
      createdAt: now,
      mode: input.sincePeer ? 'since' : 'all',
      sinceSeq: snap.base,
      maxSeq: snap.maxSeq,
      scope: seesEverything(viewer) ? 'all' : 'owner',
      knows: snap.knows,
    },
    snap.sheets,
    { metaKey: t('exchange.meta.key'), metaValue: t('exchange.meta.value'), info, column: (table, col) => columnLabel((k) => t(k), table, col) },
  );
  const perSheet = Object.fromEntries(snap.sheets.map((s) => [s.type.sheet, s.rows.length]));
  const rows = snap.sheets.reduce((n, s) => n + s.rows.length, 0);
  const fileName = `tuoke-exchange-${env.node}-${localDate(now)}.xlsx`;
  db.write(viewer.id, (tx) => {
    tx.sqlite
      .prepare('INSERT INTO exchange_log (id, at, user_id, kind, peer_node, peer_label, file_name, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(newId(), now, viewer.id, 'export', input.sincePeer ?? null, null, fileName, JSON.stringify({ rows, ...perSheet }));
    if (input.sincePeer) tx.sqlite.prepare('UPDATE exchange_peers SET last_export_at = ? WHERE node_id = ?').run(now, input.sincePeer);
  });
  return { rows, perSheet, fileName };
};

// ------------------------------------------------------------------ import

class Rollback extends Error {
  constructor(readonly summary: ExchangeSummary) {
    super('preview');
  }
}

const runImport = (db: Db, viewer: Viewer, env: ExchangeEnv, parsed: ParsedWorkbook, fileName: string, token: string, commit: boolean): ExchangeSummary => {
  const importId = newId();
  const work = (tx: WriteDb): ExchangeSummary => {
    const plan = applyRows(tx, viewer, parsed, exchangeTypes(), importId);
    const m = parsed.meta;
    if (m.node !== env.node) {
      const now = tx.clock.now();
      const peer = tx.sqlite.prepare('SELECT received_seq AS r, acked_seq AS a FROM exchange_peers WHERE node_id = ?').get(m.node) as
        | { r: number; a: number }
        | undefined;
      const received = peer?.r ?? 0;
      // The sender's changes up to maxSeq are all here only if nothing was left out and the workbook continues what we had.
      const advance = plan.complete && m.scope === 'all' && (m.mode === 'all' || m.sinceSeq <= received);
      tx.sqlite
        .prepare(
          `INSERT INTO exchange_peers (node_id, label, received_seq, acked_seq, last_import_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (node_id) DO UPDATE SET label = excluded.label, received_seq = max(received_seq, excluded.received_seq),
             acked_seq = max(acked_seq, excluded.acked_seq), last_import_at = excluded.last_import_at`,
        )
        .run(m.node, m.label, advance ? m.maxSeq : 0, m.knows[env.node] ?? 0, now);
    }
    const summary: ExchangeSummary = {
      token,
      fileName,
      from: { node: m.node, label: m.label, createdAt: m.createdAt, mode: m.mode, scope: m.scope },
      counts: plan.counts,
      perSheet: plan.perSheet,
      notes: [...parsed.notes, ...plan.notes].slice(0, 500),
      moreNotes: parsed.moreNotes + Math.max(0, parsed.notes.length + plan.notes.length - 500),
      conflicts: commit ? plan.conflicts : plan.conflicts.map(({ conflictId: _, ...c }) => c),
      committed: commit,
    };
    if (!commit) throw new Rollback(summary);
    tx.sqlite
      .prepare('INSERT INTO exchange_log (id, at, user_id, kind, peer_node, peer_label, file_name, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(importId, tx.clock.now(), viewer.id, 'import', m.node, m.label, fileName, JSON.stringify(plan.counts));
    return summary;
  };
  try {
    return db.write(viewer.id, work);
  } catch (e) {
    if (e instanceof Rollback) return e.summary;
    throw e;
  }
};

type Pending = { viewerId: string; parsed: ParsedWorkbook; fileName: string; at: number };

/**
 * Imports in two steps: analyze (read and check the workbook, then run the
 * whole merge in a transaction that is rolled back: the summary is exactly
 * what a commit would do now), then commit (the merge again, for real, in one
 * transaction) or cancel. Only the user who analyzed may commit.
 */
export class ExchangeImports {
  private pending = new Map<string, Pending>();

  async analyzeFile(db: Db, viewer: Viewer, env: ExchangeEnv, file: string, fileName: string): Promise<ExchangeSummary> {
    if (!canExchange(viewer)) throw new AppError('FORBIDDEN');
    const parsed = await readExchangeWorkbook(file, env, exchangeTypes());
    const token = crypto.randomUUID();
    // Keep a handful: an abandoned analysis should not hold a whole workbook for ever.
    if (this.pending.size >= 8) this.pending.delete(this.pending.keys().next().value!);
    this.pending.set(token, { viewerId: viewer.id, parsed, fileName, at: Date.now() });
    return runImport(db, viewer, env, parsed, fileName, token, false);
  }

  async analyzeBase64(db: Db, viewer: Viewer, env: ExchangeEnv, fileName: string, dataBase64: string): Promise<ExchangeSummary> {
    const dir = mkdtempSync(join(tmpdir(), 'tuoke-exchange-'));
    try {
      const file = join(dir, 'in.xlsx');
      writeFileSync(file, Buffer.from(dataBase64, 'base64'));
      return await this.analyzeFile(db, viewer, env, file, fileName);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  commit(db: Db, viewer: Viewer, env: ExchangeEnv, token: string): ExchangeSummary {
    const p = this.pending.get(token);
    if (!p || p.viewerId !== viewer.id) throw new AppError('NOT_FOUND');
    this.pending.delete(token);
    return runImport(db, viewer, env, p.parsed, p.fileName, token, true);
  }

  cancel(viewer: Viewer, token: string): null {
    const p = this.pending.get(token);
    if (p && p.viewerId === viewer.id) this.pending.delete(token);
    return null;
  }
}

/** Reads, checks and commits a workbook in one go (the CLI and tests). */
export const importExchangeFile = async (db: Db, viewer: Viewer, env: ExchangeEnv, file: string, fileName = file): Promise<ExchangeSummary> => {
  const imports = new ExchangeImports();
  const preview = await imports.analyzeFile(db, viewer, env, file, fileName);
  return imports.commit(db, viewer, env, preview.token);
};

// ------------------------------------------------------------------ conflicts

type ConflictRow = {
  id: string;
  at: number;
  tableName: string;
  recordId: string;
  reason: ExchangeConflictView['reason'];
  peerNode: string;
  remote: string;
  remoteVv: string;
  remoteHlc: number;
  remoteDeleted: number;
  otherId: string | null;
};

const conflictSelect = `SELECT id, at, table_name AS tableName, record_id AS recordId, reason, peer_node AS peerNode, remote, remote_vv AS remoteVv,
  remote_hlc AS remoteHlc, remote_deleted AS remoteDeleted, other_id AS otherId FROM exchange_conflicts`;

const mayTouch = (db: ReadDb, viewer: Viewer, t: ExchangeType, local: Record<string, unknown> | undefined, remote: Record<string, unknown>): boolean =>
  mayChange(db.sqlite, t, viewer, local, remote);

export const listConflicts = (db: ReadDb, viewer: Viewer): ExchangeConflictView[] => {
  const rows = db.sqlite.prepare(`${conflictSelect} WHERE resolved_at IS NULL ORDER BY at, id`).all() as ConflictRow[];
  const labels = new Map(
    (db.sqlite.prepare('SELECT node_id AS n, label FROM exchange_peers').all() as { n: string; label: string }[]).map((p) => [p.n, p.label]),
  );
  const out: ExchangeConflictView[] = [];
  for (const c of rows) {
    const t = typeByName(c.tableName);
    if (!t) continue;
    const access = readerFor(db.sqlite, t);
    const remote = JSON.parse(c.remote) as Record<string, ExchangeValue>;
    const local = c.reason === 'duplicate' && c.otherId ? access.get(c.otherId) : access.get(c.recordId);
    if (!mayTouch(db, viewer, t, local, remote)) continue;
    const fields = t.columns
      .filter((col) => col in remote && !BOOKKEEPING.has(col) && coerce(local?.[col], t.kinds[col]) !== coerce(remote[col], t.kinds[col]))
      .map((col) => ({ column: col, local: coerce(local?.[col], t.kinds[col]), remote: coerce(remote[col], t.kinds[col]) }));
    out.push({
      id: c.id,
      at: c.at,
      table: t.name,
      sheet: t.sheet,
      recordId: c.recordId,
      label: labelOf(Object.keys(remote).length ? remote : local, c.recordId),
      reason: c.reason,
      peer: { node: c.peerNode, label: labels.get(c.peerNode) ?? '' },
      localDeleted: c.reason !== 'duplicate' && !local,
      remoteDeleted: c.remoteDeleted === 1,
      fields,
      other: c.reason === 'duplicate' && c.otherId ? { id: c.otherId, label: labelOf(local, c.otherId) } : null,
    });
  }
  return out;
};

type HeldPart = { vv: Vv; hlc: number; node: string; deleted: boolean; values: Record<string, ExchangeValue> };

/**
 * The parts of a resolved record (an order's lines) that waited with it: the chosen version's parts
 * stay, the other version's go. Taking the workbook's version applies its parts and deletes this PC's
 * parts it does not have (the export that carried the record carried all its parts); keeping this PC's
 * version turns the workbook's parts that are not here into deletions that descend from them, so the
 * other PC drops them when the settled record travels back.
 */
const settleParts = (
  tx: WriteDb,
  parent: ExchangeType,
  recordId: string,
  held: Record<string, Record<string, HeldPart>> | undefined,
  takeRemote: boolean,
  node: string,
  touched: Map<ExchangeType, Set<string>>,
): void => {
  const stamps = stampStatements(tx.sqlite);
  for (const pt of partTypesOf(parent.name)) {
    const rows = held?.[pt.name] ?? {};
    const access = accessFor(tx.sqlite, pt);
    const changed = touched.get(pt) ?? new Set<string>();
    touched.set(pt, changed);
    const localIds = (
      tx.sqlite.prepare(`SELECT ${keySql(pt, 'r')} AS id FROM ${quoteIdent(pt.name)} r WHERE r.${quoteIdent(pt.partOf!.column)} = ?`).all(recordId) as { id: string }[]
    ).map((r) => r.id);
    if (takeRemote) {
      for (const id of localIds) {
        if (rows[id]) continue;
        access.remove(id);
        changed.add(id);
      }
      for (const [id, part] of Object.entries(rows)) {
        const local = access.get(id);
        const cmp = compareVv(part.vv, parseStoredVv(stamps.get(pt.name, id)?.vv));
        if (cmp === 'equal' || cmp === 'older') continue;
        if (part.deleted) {
          if (local) access.remove(id);
        } else {
          const values = Object.fromEntries(pt.columns.map((col) => [col, coerce(col in part.values ? part.values[col] : local?.[col], pt.kinds[col])]));
          if (local) access.update(id, Object.fromEntries(Object.entries(values).filter(([col]) => !pt.key.includes(col))));
          else access.insert(values);
        }
        if (cmp === 'newer') stamps.put(pt.name, id, part.vv, part.hlc, part.node, part.deleted);
        else stamps.supersede(pt.name, id, parseStoredVv(stamps.get(pt.name, id)?.vv), part.vv, node, part.deleted);
        changed.add(id);
      }
    } else {
      for (const [id, part] of Object.entries(rows)) {
        const localStamp = stamps.get(pt.name, id);
        const cmp = compareVv(part.vv, parseStoredVv(localStamp?.vv));
        if (cmp === 'equal' || cmp === 'older') continue;
        // This PC's state of the part (present, or absent: deleted) is made newer than the workbook's.
        stamps.supersede(pt.name, id, parseStoredVv(localStamp?.vv), part.vv, node, !access.get(id));
      }
    }
  }
};

export type Resolution = { conflictId: string; fields: Record<string, 'local' | 'remote'>; action?: 'merge' | 'keep_both' | undefined };

/**
 * Whether the person may settle this conflict so. A row edited by hand carries their own change: the
 * values they take from it must be ones they may set in the app. Between two versions the app made on
 * two PCs, deciding a column takes that column's authority (a flow's columns, and a deletion: a
 * manager), whichever side is chosen: keeping one side undoes the other's change.
 */
const resolutionRefusal = (
  t: ExchangeType,
  viewer: Viewer,
  c: ConflictRow,
  res: Resolution,
  local: Record<string, unknown> | undefined,
  remote: Record<string, ExchangeValue>,
): Refusal | null => {
  const auto = t.decl.merge ?? {};
  const differs = (col: string): boolean =>
    col in remote && !BOOKKEEPING.has(col) && !(col in auto) && !t.key.includes(col) && coerce(local?.[col], t.kinds[col]) !== coerce(remote[col], t.kinds[col]);
  const deletionDiffers = (c.remoteDeleted === 1) !== !local;
  if (c.reason === 'both_changed') return refusalOf(t, viewer, { before: local, after: remote, columns: t.columns.filter(differs), deleted: deletionDiffers }, true);
  const taken = t.columns.filter((col) => res.fields[col] === 'remote' && differs(col));
  return refusalOf(t, viewer, {
    before: local,
    after: { ...local, ...Object.fromEntries(taken.map((col) => [col, remote[col]])) },
    columns: taken,
    deleted: res.fields._deleted === 'remote' && deletionDiffers,
  });
};

/** Applies a person's choices, all in one transaction; each resolved record then descends from both versions, so it travels back as the newer one. */
export const resolveConflicts = (
  db: Db,
  viewer: Viewer,
  resolutions: Resolution[],
  label: (table: string, column: string) => string = (_table, column) => column,
): { resolved: number } => {
  const node = selfNode(db);
  return db.write(viewer.id, (tx) => {
    const stamps = stampStatements(tx.sqlite);
    const touched = new Map<ExchangeType, Set<string>>();
    for (const res of resolutions) {
      const c = tx.sqlite.prepare(`${conflictSelect} WHERE id = ? AND resolved_at IS NULL`).get(res.conflictId) as ConflictRow | undefined;
      if (!c) throw new AppError('NOT_FOUND');
      const t = typeByName(c.tableName);
      if (!t) throw new AppError('NOT_FOUND');
      const access = accessFor(tx.sqlite, t);
      const remote = JSON.parse(c.remote) as Record<string, ExchangeValue>;
      const remoteVv = JSON.parse(c.remoteVv) as Vv;
      const local = access.get(c.recordId);
      if (!mayTouch(tx, viewer, t, local, remote)) throw new AppError('FORBIDDEN');
      if (c.reason !== 'duplicate') {
        const refusal = resolutionRefusal(t, viewer, c, res, local, remote);
        if (refusal)
          throw new AppError('EXCHANGE_REFUSED', {
            record: labelOf(local ?? remote, c.recordId),
            column: refusal.column ? `“${label(t.name, refusal.column)}”` : '',
            reason: refusal.reason,
          });
      }
      const full = (pick: (col: string) => ExchangeValue): Record<string, ExchangeValue> =>
        Object.fromEntries(t.columns.map((col) => [col, coerce(pick(col), t.kinds[col])]));
      if (c.reason === 'duplicate') {
        if (!res.action) throw new AppError('VALIDATION', { fields: 'action' });
        if (!local) {
          access.insert(full((col) => remote[col] ?? null));
          stamps.put(t.name, c.recordId, remoteVv, c.remoteHlc, c.peerNode, false);
        }
        if (res.action === 'merge' && c.otherId) {
          // The first record wins: the earlier-created one survives, the later one is merged into it (a merge a manager can undo).
          const created = (id: string): number =>
            (tx.sqlite.prepare('SELECT created_at AS c FROM customers WHERE id = ?').get(id) as { c: number } | undefined)?.c ?? 0;
          const [survivor, merged] =
            created(c.otherId) < created(c.recordId) || (created(c.otherId) === created(c.recordId) && c.otherId < c.recordId)
              ? [c.otherId, c.recordId]
              : [c.recordId, c.otherId];
          mergeCustomersIn(tx, viewer, survivor, merged, {});
        }
      } else {
        const localStamp = stamps.get(t.name, c.recordId);
        const keepDeleted = res.fields._deleted === 'remote' ? c.remoteDeleted === 1 : !local;
        if (keepDeleted) {
          if (local) access.remove(c.recordId);
        } else {
          const merged = full((col) => (res.fields[col] === 'remote' && col in remote ? remote[col]! : local ? (local[col] as ExchangeValue) : (remote[col] ?? null)));
          // The settled record is a change made here, now, by the person who chose.
          if (t.columns.includes('updated_at')) merged.updated_at = tx.clock.now();
          if (t.columns.includes('updated_by')) merged.updated_by = viewer.id;
          if (local) {
            const patch = Object.fromEntries(
              Object.entries(merged).filter(([col, v]) => coerce(local[col], t.kinds[col]) !== v && !t.key.includes(col)),
            );
            access.update(c.recordId, patch);
          } else access.insert(merged);
        }
        const after = stamps.get(t.name, c.recordId);
        stamps.supersede(t.name, c.recordId, parseStoredVv(after?.vv ?? localStamp?.vv), remoteVv, node, keepDeleted);
        const held = (remote as { _parts?: Record<string, Record<string, HeldPart>> })._parts;
        settleParts(tx, t, c.recordId, held, Object.values(res.fields).includes('remote'), node, touched);
      }
      tx.sqlite
        .prepare('UPDATE exchange_conflicts SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ?')
        .run(tx.clock.now(), viewer.id, JSON.stringify(res.action ? { action: res.action } : res.fields), c.id);
      touched.set(t, (touched.get(t) ?? new Set()).add(c.recordId));
    }
    for (const [t, ids] of touched) tx.hooks.afterExchangeImport(tx, t.name, viewer.id, [...ids]);
    return { resolved: resolutions.length };
  });
};

// ------------------------------------------------------------------ status, history, plain export

export const exchangeStatus = (db: ReadDb, viewer: Viewer): ExchangeStatus => {
  const peers = db.sqlite
    .prepare(
      `SELECT node_id AS node, label, last_import_at AS lastImportAt, last_export_at AS lastExportAt, received_seq AS receivedSeq, acked_seq AS ackedSeq
       FROM exchange_peers ORDER BY coalesce(last_import_at, last_export_at, 0) DESC`,
    )
    .all() as ExchangeStatus['peers'];
  return { node: selfNode(db), label: nodeLabel(), peers, pendingConflicts: listConflicts(db, viewer).length };
};

/** The exchange history: managers see every export and import, a salesperson their own. */
export const exchangeHistory = (db: ReadDb, viewer: Viewer, limit: number): ExchangeLogEntry[] => {
  const rows = db.sqlite
    .prepare(
      `SELECT l.id, l.at, l.kind, l.user_id AS userId, u.display_name AS userName, l.peer_node AS peerNode, l.peer_label AS peerLabel,
       l.file_name AS fileName, l.counts FROM exchange_log l LEFT JOIN users u ON u.id = l.user_id
       WHERE ? OR l.user_id = ? ORDER BY l.at DESC, l.id DESC LIMIT ?`,
    )
    .all(seesEverything(viewer) ? 1 : 0, viewer.id, limit) as {
    id: string;
    at: number;
    kind: 'export' | 'import';
    userId: string | null;
    userName: string | null;
    peerNode: string | null;
    peerLabel: string | null;
    fileName: string;
    counts: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    kind: r.kind,
    user: r.userId ? { id: r.userId, displayName: r.userName ?? '' } : null,
    peer: r.peerNode ? { node: r.peerNode, label: r.peerLabel ?? '' } : null,
    fileName: r.fileName,
    counts: JSON.parse(r.counts) as Record<string, number>,
  }));
};

/** Columns a person has no use for in the plain export: record ids, matching keys, links to system records, stored figures. */
const PLAIN_SKIPPED = /^(id|name_key|username_key|product_key|activity_id|task_id|source_id|figures)$/;
/** Columns holding a user's id: written as the user's name. */
const PLAIN_USERS = /^(owner_id|created_by|updated_by|deleted_by|user_id|actor_id|assignee_id|salesperson_id|decided_by|reviewed_by|author_id|owner_user_id|done_by|commented_by)$/;
/** Calendar days stored as YYYY-MM-DD text: date cells. */
const PLAIN_DAYS = /^(founded_on|birthday|meeting_date|due_date|order_date|paid_on|period_start|period_end)$/;
/** Yes/no flags stored as 0/1. */
const PLAIN_FLAGS = /^(active|is_decision_maker|birthday_lunar|complaint|chk_[a-z_]+)$/;
/** Money kept in fen (分), per table: written in yuan with ¥. */
const PLAIN_FEN: Record<string, Set<string>> = {
  orders: new Set(['amount', 'received']),
  order_lines: new Set(['unit_price', 'amount']),
  payments: new Set(['amount']),
};
/** Coded values and the i18n key prefix of their labels, per table and column ('*' for any table). */
const PLAIN_ENUMS: Record<string, string> = {
  'users.role': 'roles',
  'customers.source': 'customer.source',
  'customers.status': 'customer.status',
  'customers.tier': 'customer.tier',
  'customers.staff_size': 'customer.staffSize',
  'activities.type': 'activities.types',
  'activities.severity': 'activities.severity',
  'activities.complaint_status': 'activities.complaintStatus',
  'activities.source_type': 'activities.sources',
  'follow_up_tasks.source_type': 'activities.sources',
  'follow_up_tasks.status': 'activities.tasks.status',
  'visits.status': 'visits.status',
  'visit_steps.from_status': 'visits.status',
  'visit_steps.to_status': 'visits.status',
  'minutes.status': 'visits.minutesStatus',
  'minutes_steps.from_status': 'visits.minutesStatus',
  'minutes_steps.to_status': 'visits.minutesStatus',
  'sales_reports.kind': 'reports.salesReport.kinds',
};

/**
 * All data in one workbook for people to read (not for importing): one sheet
 * per record type, headers in the user's language, people, customers,
 * contacts and forms by name (never ids), coded values as their labels,
 * regions by name, times and days as date cells, money in yuan with ¥, yes/no
 * in words, a customer's recorded events as sentences. Managers only (the
 * whole office's data).
 */
export const exportPlain = async (db: ReadDb, viewer: Viewer, file: string, t: TFunction): Promise<number> => {
  if (!canExportAllData(viewer)) throw new AppError('FORBIDDEN');
  const tr = (key: string, options?: Record<string, unknown>): string => t(key, options ?? {}) as string;
  const namesOf = (sql: string): Map<string, string> =>
    new Map((db.sqlite.prepare(sql).all() as { id: string; n: string | null }[]).map((r) => [r.id, r.n ?? '']));
  const sheets = db.snapshot(() => {
    const users = namesOf('SELECT id, display_name AS n FROM users');
    const refs: Record<string, Map<string, string>> = {
      customer_id: namesOf('SELECT id, name AS n FROM customers'),
      merged_into: namesOf('SELECT id, name AS n FROM customers'),
      contact_id: namesOf('SELECT id, name AS n FROM contacts'),
      tag_id: namesOf('SELECT id, name AS n FROM tags'),
      visit_id: namesOf('SELECT id, form_no AS n FROM visits'),
      minutes_id: namesOf('SELECT id, form_no AS n FROM minutes'),
      order_id: namesOf("SELECT id, CASE WHEN contract_no <> '' THEN contract_no ELSE order_date END AS n FROM orders"),
      import_batch_id: namesOf('SELECT id, file_name AS n FROM import_batches'),
    };
    const yes = tr('forms.plain.yes');
    const no = tr('forms.plain.no');
    const sep = tr('forms.plain.listSep');
    const jsonList = (v: unknown): string[] => {
      try {
        const parsed = typeof v === 'string' ? (JSON.parse(v) as unknown) : [];
        return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
      } catch {
        return [];
      }
    };
    const eventCtx = { t: tr, userName: (id: string) => users.get(id), dateTime: (ms: number) => localDateTime(ms) };
    const own = (key: string): string | null => {
      const label = tr(key);
      return label && label !== key ? label : null;
    };
    // A table's own header first; a column that now holds a name instead of an id gets the name's header
    // (客户, not 客户编号); else the column's usual label, and a header of the plain export where it has none.
    const headerOf = (table: string, col: string): string =>
      own(`forms.plain.columns.${table}.${col}`) ??
      (refs[col] || col === 'contact_ids' ? own(`forms.plain.columns.${col}`) : null) ??
      (columnLabel((k) => tr(k), table, col) !== col ? columnLabel((k) => tr(k), table, col) : null) ??
      own(`forms.plain.columns.${col}`) ??
      col;
    return exchangeTypes().map((type) => {
      const rows = db.sqlite.prepare(`SELECT * FROM ${quoteIdent(type.name)}`).all() as Record<string, unknown>[];
      const columns: ExportColumn<Record<string, unknown>>[] = type.columns
        .filter((col) => !PLAIN_SKIPPED.test(col))
        .map((col): ExportColumn<Record<string, unknown>> => {
          const header = headerOf(type.name, col);
          const text = (value: (r: Record<string, unknown>) => string | null | undefined, width?: number): ExportColumn<Record<string, unknown>> => ({
            header,
            type: 'text',
            value,
            ...(width ? { width } : {}),
          });
          const enumKey = PLAIN_ENUMS[`${type.name}.${col}`];
          if (PLAIN_USERS.test(col)) return text((r) => (typeof r[col] === 'string' ? (users.get(r[col]) ?? r[col]) : null));
          if (refs[col]) return text((r) => (typeof r[col] === 'string' ? (refs[col]!.get(r[col]) ?? r[col]) : null), col === 'customer_id' || col === 'merged_into' ? 30 : undefined);
          if (col === 'contact_ids') return text((r) => jsonList(r[col]).map((id) => refs.contact_id!.get(id) ?? id).join(sep) || null);
          if (col === 'materials') return text((r) => jsonList(r[col]).map((m) => labelOfCode(tr, 'visits.materials', m)).join(sep) || null);
          if (enumKey) return text((r) => labelOfCode(tr, enumKey, r[col]));
          if (/^(province|city|district)_code$/.test(col)) return text((r) => (typeof r[col] === 'string' ? (regionName(r[col]) ?? r[col]) : null));
          if (type.name === 'customer_events' && col === 'kind') return text((r) => labelOfCode(tr, 'forms.plain.eventKinds', r[col]));
          if (type.name === 'customer_events' && col === 'data') return text((r) => describeEvent(eventCtx, String(r.kind ?? ''), r[col]), 60);
          if (PLAIN_FLAGS.test(col)) return text((r) => (r[col] === null || r[col] === undefined ? null : r[col] ? yes : no));
          if (PLAIN_FEN[type.name]?.has(col)) return { header, type: 'money', width: 16, value: (r) => yuan(r[col]) };
          if (col === 'registered_capital') return { header, type: 'money', width: 18, value: (r) => (typeof r[col] === 'number' ? r[col] : null) };
          if (PLAIN_DAYS.test(col)) return { header, type: 'date', width: 12, value: (r) => dayText(r[col]) ?? (r[col] as string | null) };
          if ((/_at$/.test(col) || col === 'at') && type.kinds[col] === 'integer') return { header, type: 'datetime', width: 17, value: (r) => wallClock(r[col] as number | null) };
          if (type.kinds[col] === 'integer') return { header, type: 'integer', value: (r) => r[col] as number | null };
          if (type.kinds[col] === 'real') return { header, type: 'number', value: (r) => r[col] as number | null };
          return text((r) => (r[col] === null || r[col] === undefined ? null : String(r[col])));
        });
      return { name: type.sheet, columns, rows };
    });
  });
  return writeXlsx(file, sheets);
};
