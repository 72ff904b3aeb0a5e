/**
 * Legacy .xls (BIFF8, and BIFF5 with Chinese code pages) through SheetJS
 * (@e965/xlsx, the maintained build). BIFF is not streamable in practice (the
 * shared-string table and cell records are spread through one OLE stream), and
 * .xls files are capped at 65,536 rows, so reading the whole file is bounded.
 *
 * SheetJS is asked for raw values and number formats only; dates, times and
 * numbers are typed by the same rules as for .xlsx (cells.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import { utcDate } from '../../../../src-shared/dates';
import { AppError } from '../../../../src-shared/errors';
import { builtinFormat, EMPTY, numericCell } from './cells';
import { isHtml } from './html';
import { LIMITS } from './limits';
import { RowSink } from './sink';
import type { Cell, MergeRange, ReadOptions, ReadResult, RowHandler, SheetInfo } from './types';

// Excel 95 files store text in the system code page (936 on Chinese Windows).
XLSX.set_cptable(cptable);

// SheetJS's format table lacks the CJK built-ins (27–36, 50–58): cells using them would come
// back as General numbers instead of dates. Chinese Excel writes 31 (yyyy"年"m"月"d"日") a lot.
const SSF = XLSX.SSF as { get_table(): Record<number, string | undefined>; load(format: string, id: number): void };
for (const id of [27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]) {
  if (SSF.get_table()[id] === undefined) SSF.load(builtinFormat(id), id);
}

type CfbFile = { FileIndex: { name: string }[] };
const CFB = XLSX.CFB as { read(data: Buffer, options: { type: 'buffer' }): CfbFile };

/** What an OLE compound file holds, by its stream names. */
export function oleContent(data: Buffer): 'encrypted' | 'workbook' | 'other' {
  let cfb: CfbFile;
  try {
    cfb = CFB.read(data, { type: 'buffer' });
  } catch (e) {
    throw new AppError('FILE_DAMAGED', undefined, `OLE: ${e instanceof Error ? e.message : String(e)}`);
  }
  const names = new Set(cfb.FileIndex.map((f) => f.name));
  // An encrypted .xlsx is an OLE file holding the real zip as EncryptedPackage (MS-OFFCRYPTO).
  if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) return 'encrypted';
  if (names.has('Workbook') || names.has('Book') || names.has('WORKBOOK') || names.has('BOOK')) return 'workbook';
  return 'other';
}

/** An HTML file's text: the charset its meta tag declares, else UTF-8 when it is valid UTF-8, else GB18030 (Chinese Windows). */
function htmlText(data: Buffer): string {
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(data.subarray(0, 4096).toString('latin1'))?.[1]?.toLowerCase();
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  if (!declared || declared === 'utf-8' || declared === 'utf8') {
    try {
      return utf8.decode(data).replace(/^\ufeff/, '');
    } catch {
      if (declared) throw new AppError('FILE_DAMAGED', undefined, 'html declared UTF-8 but is not');
    }
  }
  const label = declared && iconv.encodingExists(declared) ? declared : 'gb18030';
  return iconv.decode(data, label);
}

/** The last workbook read, so listSheets followed by readRows parses the file once. */
let cache: { key: string; book: XLSX.WorkBook } | undefined;

async function loadXls(path: string): Promise<XLSX.WorkBook> {
  const info = await stat(path);
  const key = `${path}\0${info.size}\0${info.mtimeMs}`;
  if (cache?.key === key) return cache.book;
  if (info.size > LIMITS.xlsBytes) throw new AppError('FILE_TOO_LARGE', undefined, `xls of ${info.size} bytes`);
  const data = await readFile(path);
  let book: XLSX.WorkBook;
  try {
    const options: XLSX.ParsingOptions = { dense: true, cellNF: true, cellStyles: true, cellDates: false };
    // HTML is text: decoded here (its declared charset, else UTF-8, else GB18030), as SheetJS would read it as Latin-1.
    book = isHtml(data) ? XLSX.read(htmlText(data), { ...options, type: 'string' }) : XLSX.read(data, { ...options, type: 'buffer' });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // BIFF8 files with a FILEPASS record (RC4 or XOR obfuscation).
    if (/password/i.test(message)) throw new AppError('FILE_PASSWORD_PROTECTED', undefined, message);
    throw new AppError('FILE_DAMAGED', undefined, `xls: ${message}`);
  }
  cache = { key, book };
  return book;
}

export async function listXlsSheets(path: string): Promise<SheetInfo[]> {
  const book = await loadXls(path);
  return book.SheetNames.map((name, index) => {
    const hidden = book.Workbook?.Sheets?.[index]?.Hidden ?? 0;
    const type = book.Sheets[name]?.['!type'];
    return {
      name,
      index,
      state: hidden === 2 ? 'veryHidden' : hidden === 1 ? 'hidden' : 'visible',
      kind: type === 'chart' ? 'chartsheet' : type === undefined || type === 'sheet' ? 'worksheet' : 'other',
    };
  });
}

function toCell(c: XLSX.CellObject | undefined, date1904: boolean): Cell {
  if (!c) return EMPTY;
  switch (c.t) {
    case 's': {
      const text = String(c.v ?? '');
      return text ? { type: 'text', text } : EMPTY;
    }
    case 'n': {
      const v = typeof c.v === 'number' ? c.v : Number(c.v);
      if (!Number.isFinite(v)) return EMPTY;
      // BIFF and ODS store doubles only: the literal is the number's own shortest form (String: digits without
      // exponent below 1e21), as Excel writes it into .xlsx — 9.1310115267706E+17 is 913101152677060000, never
      // the binary double's exact 913101152677059968.
      const raw = String(v);
      const format = typeof c.z === 'string' ? c.z : 'General';
      return numericCell(v, raw, format, date1904);
    }
    case 'b':
      return { type: 'boolean', value: Boolean(c.v) };
    case 'e':
      return { type: 'error', code: c.w ?? '#ERROR' };
    case 'd':
      return c.v instanceof Date
        ? { type: 'date', date: utcDate(c.v), time: null, serial: NaN, format: String(c.z ?? '') }
        : EMPTY;
    default:
      return EMPTY;
  }
}

export async function readXlsRows(
  path: string,
  sheetIndex: number,
  onRow: RowHandler,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const book = await loadXls(path);
  const sheets = await listXlsSheets(path);
  const info = sheets[sheetIndex];
  if (!info) throw new AppError('NOT_FOUND', undefined, `no sheet ${sheetIndex}`);
  if (info.kind !== 'worksheet') throw new AppError('FILE_UNSUPPORTED', undefined, `sheet ${info.name} is a ${info.kind}`);
  const ws = book.Sheets[info.name];
  const date1904 = Boolean(book.Workbook?.WBProps?.date1904);
  const sink = new RowSink(onRow, options.maxRows ?? Infinity, options.signal);
  const data = (ws?.['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  const rowInfo = ws?.['!rows'] ?? [];
  for (let r = 0; r < data.length; r++) {
    const source = data[r];
    if (!source) continue;
    const cells: Cell[] = [];
    for (let c = 0; c < source.length; c++) {
      const cell = toCell(source[c], date1904);
      if (cell !== EMPTY) {
        while (cells.length < c) cells.push(EMPTY);
        cells[c] = cell;
      }
    }
    if (cells.length > 0) sink.push({ index: r + 1, hidden: Boolean(rowInfo[r]?.hidden), cells });
    // Deliver in slices so an async handler paces the loop as it does for streamed formats.
    if (r % 256 === 255 && !(await sink.flush())) break;
  }
  await sink.flush(!sink.stoppedEarly);
  const merges: MergeRange[] = (ws?.['!merges'] ?? []).map((m) => ({
    top: m.s.r + 1,
    left: m.s.c,
    bottom: m.e.r + 1,
    right: m.e.c,
  }));
  const hiddenColumns = (ws?.['!cols'] ?? []).flatMap((c, i) => (c?.hidden ? [i] : []));
  return {
    rowCount: sink.rowCount,
    lastRow: sink.lastRow,
    merges,
    hiddenColumns,
    stoppedEarly: sink.stoppedEarly,
  };
}
