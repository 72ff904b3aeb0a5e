/**
 * The spreadsheet reading layer of the lead importer: what a file is, which
 * sheets it has, its rows as typed cells (streamed), and where its header is.
 *
 * Formats: .xlsx (own zip + SAX streaming reader, see xlsx.ts); .xls, .ods and
 * HTML tables (SheetJS, whole file, bounded by size: BIFF has at most 65,536
 * rows; loaded on first use, it is large); CSV/TSV text (streamed).
 */
import { basename, extname } from 'node:path';
import { AppError } from '../../../../src-shared/errors';
import { readCsvRows } from './csv';
import { sniffFile } from './sniff';
import type { ReadOptions, ReadResult, RowHandler, SheetInfo, SheetRow, MergeRange } from './types';
import { openXlsx, readXlsxRows } from './xlsx';

export type * from './types';
export { sniffFile } from './sniff';
export { detectHeader, columnsForHeaderRow, normalizeHeaderText, rowRole } from './header';
export type { HeaderColumn, HeaderGuess, RowRole } from './header';
export { createMergeFiller, mergeAt } from './merges';
export { cellText, isBlankCell, numberText } from './cells';
export { columnLetter } from './refs';

/** All sheets in tab order, hidden and chart sheets included (see offeredSheets). */
export async function listSheets(path: string): Promise<SheetInfo[]> {
  const { kind } = await sniffFile(path);
  switch (kind) {
    case 'xlsx':
      return (await openXlsx(path)).sheets.map(({ name, index, state, kind: k }) => ({ name, index, state, kind: k }));
    case 'xls':
    case 'ods':
    case 'html':
      return (await import('./xls')).listXlsSheets(path);
    case 'csv':
      return [{ name: basename(path, extname(path)), index: 0, state: 'visible', kind: 'worksheet' }];
  }
}

/**
 * The sheets to offer by default: visible worksheets. Hidden sheets are
 * usually lookup lists feeding data validation (字典); the user can still ask
 * for them by index. Chart sheets have no cells and are never read.
 */
export const offeredSheets = (sheets: readonly SheetInfo[]): SheetInfo[] =>
  sheets.filter((s) => s.state === 'visible' && s.kind === 'worksheet');

/**
 * Streams the non-blank rows of one sheet to `onRow`, in file order, awaiting
 * it between chunks (so an async handler paces the read). Cancelling the
 * signal rejects with its AbortError.
 */
export async function readRows(
  path: string,
  sheetIndex: number,
  onRow: RowHandler,
  options: ReadOptions = {},
): Promise<ReadResult> {
  options.signal?.throwIfAborted();
  const { kind } = await sniffFile(path);
  switch (kind) {
    case 'xlsx':
      return readXlsxRows(await openXlsx(path), sheetIndex, onRow, options);
    case 'xls':
    case 'ods':
    case 'html':
      return (await import('./xls')).readXlsRows(path, sheetIndex, onRow, options);
    case 'csv':
      if (sheetIndex !== 0) throw new AppError('NOT_FOUND', undefined, `a text file has one sheet, not ${sheetIndex}`);
      return readCsvRows(path, onRow, options);
  }
}

export type Preview = { rows: SheetRow[]; merges: MergeRange[]; result: ReadResult };

/** The first rows of a sheet (for header detection and the preview table), with all its merges. */
export async function readPreview(
  path: string,
  sheetIndex: number,
  options: Omit<ReadOptions, 'maxRows'> & { maxRows?: number } = {},
): Promise<Preview> {
  const rows: SheetRow[] = [];
  const result = await readRows(path, sheetIndex, (row) => void rows.push(row), { ...options, maxRows: options.maxRows ?? 30 });
  return { rows, merges: result.merges, result };
}
