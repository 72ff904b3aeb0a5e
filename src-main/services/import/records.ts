import type { RawValue } from '../../../src-shared/import/clean';
import { buildRecord, type ImportMapping, type ImportRecord } from '../../../src-shared/import/record';
import { readRows, type Cell, type ReadCache } from './read';

/** A cell as the cleaning rules take it: numbers stay numbers, dates become Dates, everything else text. */
export const cellValue = (cell: Cell | undefined): RawValue => {
  if (!cell) return null;
  switch (cell.type) {
    case 'empty':
    case 'error':
      return null;
    case 'text':
      return cell.text;
    case 'number':
      // A float-looking literal of a long code (9.1310115897362E+17) is passed as written, so it can be recognised as mangled.
      return /[eE]/.test(cell.raw) ? cell.raw : cell.value;
    case 'date':
      return new Date(`${cell.date}T00:00:00Z`);
    case 'time':
      return cell.time;
    case 'boolean':
      return cell.value;
  }
};

/** Where an import's records are in its file: the sheet, the cells each mapped column is read from, and the header's last row. */
export type RecordLayout = {
  sheetIndex: number;
  /** Per mapping column: the index of its cell in a row. */
  cells: number[];
  /** Rows up to this one (the header) are not records. */
  lastHeaderRow: number;
  mapping: ImportMapping;
};

/**
 * Streams the records of a sheet, one per non-blank row below the header, in
 * file order. The same file and layout always give the same records: the
 * analysis reads them once and the commit reads them again rather than
 * holding 100,000 of them in memory in between. An async handler paces the read.
 */
export const readRecords = (
  path: string,
  layout: RecordLayout,
  onRecord: (record: ImportRecord) => void | Promise<void>,
  options: { cache?: ReadCache; signal?: AbortSignal } = {},
): Promise<unknown> =>
  readRows(
    path,
    layout.sheetIndex,
    (row) => {
      if (row.index <= layout.lastHeaderRow) return;
      return onRecord(buildRecord({ rowNumber: row.index, hidden: row.hidden, values: layout.cells.map((i) => cellValue(row.cells[i])) }, layout.mapping));
    },
    options,
  );
