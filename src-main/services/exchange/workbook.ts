import { open } from 'node:fs/promises';
import { createHmac, hkdfSync } from 'node:crypto';
import { z } from 'zod';
import { localTimestamp } from '../../../src-shared/dates';
import type { ExchangeNote, ExchangeValue } from '../../../src-shared/exchange/types';
import { AppError } from '../../../src-shared/errors';
import { writeXlsx, type ExportColumn } from '../export/xlsxWriter';
import type { Cell, ReadCache, RowHandler } from '../import/read';
import { openXlsx, readXlsxHead, readXlsxRows, type XlsxBook } from '../import/read/xlsx';
import { isOds } from '../import/read/sniff';
import type { ExchangeType } from './declarations';

/**
 * The exchange workbook (.xlsx), readable in Excel:
 * - sheet 交换信息: who made it and how, and one signed JSON cell (the meta);
 * - one sheet per record type: `_id`, `_stamp` (readable change time), `_pc`
 *   (the PC it was changed on), `_vv` (version vector), `_deleted`, the
 *   table's columns by SQL name, and `_check`: an HMAC of the row under a key
 *   derived from the workspace key, so a row edited by hand is recognised
 *   (and a workbook from another workspace cannot pass as ours).
 * Columns are found by header, so reordered columns read the same.
 */
export const META_SHEET = '交换信息';
export const FORMAT = 'tuoke-exchange';
const SYS = ['_id', '_stamp', '_pc', '_vv', '_deleted'] as const;

export type Vv = Record<string, number>;

export type ExchangeEnv = {
  /** HMAC key for row checks and the meta signature (derived from the workspace key). */
  secret: Buffer;
  workspaceId: string;
  node: string;
  label: string;
};

export const exchangeSecret = (dbKey: Buffer, workspaceId: string): Buffer =>
  Buffer.from(hkdfSync('sha256', dbKey, Buffer.from(workspaceId, 'utf8'), 'tuoke exchange workbook v1', 32));

/** An exchange node id (node.ts): one PC's installation. */
const NODE_ID = /^n[0-9a-f]{12}$/;

const metaSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  workspaceId: z.string(),
  node: z.string().regex(NODE_ID),
  label: z.string(),
  createdAt: z.number(),
  mode: z.enum(['all', 'since']),
  sinceSeq: z.number().int().nonnegative(),
  maxSeq: z.number().int().nonnegative(),
  scope: z.enum(['all', 'owner']),
  knows: z.record(z.string(), z.number()),
  sheets: z.array(z.object({ table: z.string(), sheet: z.string(), key: z.array(z.string()), columns: z.array(z.string()), rows: z.number().int() })),
});
export type ExchangeMeta = z.infer<typeof metaSchema>;

export type ExchangeRow = {
  id: string;
  vv: Vv;
  hlc: number;
  node: string;
  deleted: boolean;
  values: Record<string, ExchangeValue>;
};

export type ReadRow = ExchangeRow & {
  rowNumber: number;
  /** False when the row's check does not match (edited by hand) or a column it was made with is missing. */
  intact: boolean;
  /** Columns of the workbook present for this row (a missing column keeps the local value). */
  present: Set<string>;
};

export type ParsedWorkbook = {
  meta: ExchangeMeta;
  sheets: { table: string; sheet: string; rows: ReadRow[] }[];
  notes: ExchangeNote[];
  /** Notes beyond the first 500, counted only. */
  moreNotes: number;
};

const hmac = (secret: Buffer, text: string): string => createHmac('sha256', secret).update(text, 'utf8').digest('hex');

export const canonicalVv = (vv: Vv): string =>
  JSON.stringify(Object.fromEntries(Object.entries(vv).filter(([, v]) => v > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));

export const normalizeValue = (v: unknown): ExchangeValue => {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' || typeof v === 'string') return v;
  return String(v);
};

export const rowCheck = (secret: Buffer, table: string, columns: string[], row: ExchangeRow): string =>
  hmac(secret, JSON.stringify([table, row.id, canonicalVv(row.vv), row.node, row.deleted ? 1 : 0, ...columns.map((c) => normalizeValue(row.values[c]))])).slice(0, 20);

const signMeta = (secret: Buffer, meta: ExchangeMeta): string => hmac(secret, JSON.stringify(meta));

/** A change stamp for people: local time of the change and the HLC's logical counter. */
export const stampText = (hlc: number): string => `${localTimestamp(Math.floor(hlc / 1000))} #${hlc % 1000}`;

export type SheetData = { type: ExchangeType; rows: ExchangeRow[] };

export const writeExchangeWorkbook = async (
  file: string,
  env: ExchangeEnv,
  head: Omit<ExchangeMeta, 'format' | 'version' | 'workspaceId' | 'node' | 'label' | 'sheets'>,
  data: SheetData[],
  labels: { metaKey: string; metaValue: string; info: [string, string][]; column: (table: string, column: string) => string },
): Promise<ExchangeMeta> => {
  // Headers for people with the column's key in brackets: "企业名称 [name]". The reader goes by the key.
  const header = (table: string, column: string): string => {
    const label = labels.column(table, column);
    return label && label !== column ? `${label} [${column}]` : column;
  };
  const meta: ExchangeMeta = {
    format: FORMAT,
    version: 1,
    workspaceId: env.workspaceId,
    node: env.node,
    label: env.label,
    ...head,
    sheets: data.map((d) => ({ table: d.type.name, sheet: d.type.sheet, key: d.type.key, columns: d.type.columns, rows: d.rows.length })),
  };
  const signature = signMeta(env.secret, meta);
  type MetaRow = [string, string];
  const metaRows: MetaRow[] = [...labels.info, ['meta', JSON.stringify(meta)], ['signature', signature]];
  const metaSheet = {
    name: META_SHEET,
    columns: [
      { header: labels.metaKey, width: 20, type: 'text', value: (r: MetaRow) => r[0] },
      { header: labels.metaValue, width: 80, type: 'text', value: (r: MetaRow) => r[1] },
    ] satisfies ExportColumn<MetaRow>[],
    rows: metaRows,
  };
  const sheets = data.map((d) => {
    const columns: ExportColumn<ExchangeRow>[] = [
      { header: header(d.type.name, '_id'), width: 40, type: 'text', value: (r) => r.id },
      { header: header(d.type.name, '_stamp'), width: 28, type: 'text', value: (r) => stampText(r.hlc) },
      { header: header(d.type.name, '_pc'), width: 20, type: 'text', value: (r) => r.node },
      { header: header(d.type.name, '_vv'), width: 30, type: 'text', value: (r) => canonicalVv(r.vv) },
      { header: header(d.type.name, '_deleted'), width: 14, type: 'integer', value: (r) => (r.deleted ? 1 : 0) },
      ...d.type.columns.map(
        (c): ExportColumn<ExchangeRow> => ({ header: header(d.type.name, c), type: d.type.kinds[c] === 'text' ? 'text' : 'number', value: (r) => r.values[c] }),
      ),
      { header: header(d.type.name, '_check'), width: 24, type: 'text', value: (r) => rowCheck(env.secret, d.type.name, d.type.columns, r) },
    ];
    return { name: d.type.sheet, columns, rows: d.rows };
  });
  await writeXlsx(file, [metaSheet as never, ...(sheets as never[])]);
  return meta;
};

const cellValue = (cell: Cell | undefined, kind: 'text' | 'integer' | 'real' | 'any'): ExchangeValue => {
  if (!cell) return null;
  switch (cell.type) {
    case 'empty':
      return null;
    case 'text': {
      if (cell.text === '') return null;
      if (kind === 'integer' || kind === 'real') {
        const n = Number(cell.text.trim());
        if (cell.text.trim() !== '' && Number.isFinite(n)) return n;
      }
      return cell.text;
    }
    case 'number':
      return kind === 'text' ? cell.raw : cell.value;
    case 'boolean':
      return cell.value ? 1 : 0;
    case 'date':
      return cell.time ? `${cell.date} ${cell.time}` : cell.date;
    case 'time':
      return cell.time;
    case 'error':
      return cell.code;
  }
};

/** A version vector as a cell holds it: node ids (nothing else, so no key can name a property every object has) to counters. */
const parseVv = (text: ExchangeValue): Vv | null => {
  if (typeof text !== 'string') return null;
  try {
    const v = JSON.parse(text) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
    const out: Vv = {};
    for (const [k, n] of Object.entries(v)) {
      if (!NODE_ID.test(k) || typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return null;
      out[k] = n;
    }
    return out;
  } catch {
    return null;
  }
};

const MAX_NOTES = 500;

/** Rows of the 交换信息 sheet read for the meta: it has about ten (the info lines, meta, signature). */
const META_ROWS = 100;

/** A file beyond the readers' limits is refused as such (FILE_TOO_LARGE); any other read failure means not an exchange workbook. */
const invalid = (e: unknown): AppError => (e instanceof AppError && e.code === 'FILE_TOO_LARGE' ? e : new AppError('EXCHANGE_INVALID'));

/** An exchange workbook re-saved as .ods or .xls (a spreadsheet program's "save as") is told to be .xlsx, not called damaged. */
const refuseOtherFormats = async (file: string): Promise<void> => {
  const fh = await open(file, 'r');
  const head = Buffer.alloc(128);
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  const ole = head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  if (ole || isOds(head)) throw new AppError('EXCHANGE_NOT_XLSX');
};

/**
 * Reads and checks an exchange workbook. Throws EXCHANGE_INVALID (not an
 * exchange workbook, damaged or truncated file), EXCHANGE_OTHER_WORKSPACE,
 * EXCHANGE_TAMPERED (the signed meta does not match), FILE_TOO_LARGE (beyond
 * the readers' limits); rows edited by hand come back with intact = false and
 * a note, never as an error.
 *
 * The signed meta is checked before anything else of the file is read: the
 * first rows of 交换信息 only, with just the shared strings they use (a file
 * saved by Excel keeps its text in one table for all sheets) and no styles.
 * A workbook of another workspace or with an altered meta is refused at that
 * cost, whatever the rest of it holds.
 */
export const readExchangeWorkbook = async (file: string, env: ExchangeEnv, types: ExchangeType[]): Promise<ParsedWorkbook> => {
  await refuseOtherFormats(file);
  // The zip's directory and the workbook parts are read once for all the sheets.
  let book: XlsxBook;
  try {
    book = await openXlsx(file);
  } catch (e) {
    throw invalid(e);
  }
  const cache: ReadCache = {};
  const readRows = (_file: string, index: number, onRow: RowHandler) => readXlsxRows(book, index, onRow, { cache });
  const sheets = book.sheets;
  const metaInfo = sheets.find((s) => s.name === META_SHEET);
  if (!metaInfo || metaInfo.kind !== 'worksheet') throw new AppError('EXCHANGE_INVALID');
  const metaCells = new Map<string, string>();
  try {
    for (const row of await readXlsxHead(book, metaInfo.index, META_ROWS)) {
      const k = cellValue(row.cells[0], 'text');
      const v = cellValue(row.cells[1], 'text');
      if (typeof k === 'string' && typeof v === 'string') metaCells.set(k, v);
    }
  } catch (e) {
    throw invalid(e);
  }
  let meta: ExchangeMeta;
  try {
    meta = metaSchema.parse(JSON.parse(metaCells.get('meta') ?? ''));
  } catch {
    if (metaCells.has('meta')) throw new AppError('EXCHANGE_TAMPERED', { detail: META_SHEET });
    throw new AppError('EXCHANGE_INVALID');
  }
  if (meta.workspaceId !== env.workspaceId) throw new AppError('EXCHANGE_OTHER_WORKSPACE');
  if (metaCells.get('signature') !== signMeta(env.secret, meta)) throw new AppError('EXCHANGE_TAMPERED', { detail: META_SHEET });

  const notes: ExchangeNote[] = [];
  let dropped = 0;
  const note = (n: ExchangeNote): void => {
    if (notes.length < MAX_NOTES) notes.push(n);
    else dropped += 1;
  };
  const out: ParsedWorkbook['sheets'] = [];
  const known = new Set([META_SHEET, ...meta.sheets.map((s) => s.sheet)]);
  for (const s of sheets) if (!known.has(s.name) && s.kind === 'worksheet') note({ kind: 'unknown_sheet', sheet: s.name });

  for (const declared of meta.sheets) {
    const type = types.find((t) => t.name === declared.table);
    if (!type) {
      note({ kind: 'unknown_sheet', sheet: declared.sheet, detail: declared.table });
      continue;
    }
    const info = sheets.find((s) => s.name === declared.sheet);
    if (!info) {
      note({ kind: 'missing_sheet', sheet: declared.sheet });
      continue;
    }
    const rows: ReadRow[] = [];
    let header: Map<string, number> | null = null;
    const missing: string[] = [];
    let present: Set<string> | null = null;
    const seen = new Set<string>();
    try {
      await readRows(file, info.index, (row) => {
        if (!header) {
          header = new Map();
          row.cells.forEach((c, i) => {
            const text = cellValue(c, 'text');
            if (typeof text !== 'string') return;
            // "企业名称 [name]" → name (a header a person retyped without the key is an unknown column).
            const key = /\[([^\]]+)\]\s*$/.exec(text.trim())?.[1] ?? text.trim();
            if (!header!.has(key)) header!.set(key, i);
          });
          for (const c of [...SYS, ...declared.columns, '_check']) if (!header.has(c)) missing.push(c);
          for (const c of missing) note({ kind: 'missing_column', sheet: declared.sheet, column: c });
          const expected = new Set<string>([...SYS, ...declared.columns, '_check']);
          for (const h of header.keys()) if (!expected.has(h)) note({ kind: 'extra_column', sheet: declared.sheet, column: h });
          return;
        }
        const h = header;
        const get = (c: string, kind: 'text' | 'integer' | 'real' | 'any'): ExchangeValue => {
          const i = h.get(c);
          return i === undefined ? null : cellValue(row.cells[i], kind);
        };
        const id = get('_id', 'text');
        const vv = parseVv(get('_vv', 'text'));
        const node = get('_pc', 'text');
        if (typeof id !== 'string' || !vv || typeof node !== 'string') {
          note({ kind: 'no_id', sheet: declared.sheet, row: row.index });
          return;
        }
        if (seen.has(id)) {
          note({ kind: 'duplicate_row', sheet: declared.sheet, row: row.index, detail: id });
          return;
        }
        seen.add(id);
        const values: Record<string, ExchangeValue> = {};
        // One set per sheet: every row of a sheet has the same columns.
        present ??= new Set(declared.columns.filter((c) => h.has(c)));
        for (const c of present) values[c] = get(c, type.kinds[c] ?? 'any');
        const deleted = get('_deleted', 'integer') === 1;
        // _pc is text from the file: `vv[node]` would find Object.prototype's members for "constructor" or "toString".
        const r: ExchangeRow = { id, vv, hlc: Object.hasOwn(vv, node) ? vv[node]! : 0, node, deleted, values };
        // The key columns must agree with _id (a key edited by hand is an edit like any other).
        const intact = missing.length === 0 && get('_check', 'text') === rowCheck(env.secret, declared.table, declared.columns, r);
        if (!intact) note({ kind: 'hand_edited', sheet: declared.sheet, row: row.index, detail: id });
        rows.push({ ...r, rowNumber: row.index, intact, present });
      });
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('EXCHANGE_INVALID');
    }
    out.push({ table: declared.table, sheet: declared.sheet, rows });
  }
  return { meta, sheets: out, notes, moreNotes: dropped };
};
