/**
 * What the spreadsheet reading layer hands to the importer. The reader does
 * not interpret columns: it reports what each cell holds, typed as the file
 * stored it, and leaves mapping, cleaning and validation to later steps.
 */

/** What a file is by its content (never by its name). */
/** xlsx: streamed; xls, ods, html: read whole through SheetJS; csv: streamed text. */
export type FileKind = 'xlsx' | 'xls' | 'ods' | 'html' | 'csv';

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

/** 'other' covers dialog and macro sheets, which hold no importable cells either. */
export type SheetKind = 'worksheet' | 'chartsheet' | 'other';

export type SheetInfo = {
  name: string;
  /** 0-based position in the workbook's tab order (hidden and chart sheets included). */
  index: number;
  state: SheetState;
  kind: SheetKind;
};

/**
 * One cell. Numbers keep the literal the file stored in `raw`, so an 11-digit
 * phone or 2147483648 can be shown without `.0` or an exponent, and a credit
 * code that a spreadsheet turned into 9.1310115897362E+17 stays recognisable.
 * Dates and times are converted from serials (honouring date1904) into
 * calendar strings without a time zone: a date in a sheet has none.
 */
export type Cell =
  | { type: 'empty' }
  | { type: 'text'; text: string }
  | { type: 'number'; value: number; raw: string; format: string }
  | {
      type: 'date';
      /** YYYY-MM-DD */
      date: string;
      /** HH:MM:SS when the number format shows a time of day, else null. */
      time: string | null;
      /** The stored serial; NaN when the file stored an ISO date string (t="d"). */
      serial: number;
      format: string;
    }
  | {
      type: 'time';
      /** HH:MM:SS; hours may exceed 23 when `elapsed`. */
      time: string;
      seconds: number;
      /** A duration format such as [h]:mm:ss, not a time of day. */
      elapsed: boolean;
      serial: number;
      format: string;
    }
  | { type: 'boolean'; value: boolean }
  /** A cached formula error such as #DIV/0! or #N/A. */
  | { type: 'error'; code: string };

export type SheetRow = {
  /** 1-based row number as the spreadsheet program shows it (for CSV: the record number). */
  index: number;
  hidden: boolean;
  /** Dense by column: cells[0] is column A. Ends at the last non-empty cell. */
  cells: Cell[];
};

/** A merged range, 1-based rows and 0-based columns, both ends inclusive. The anchor is (top, left). */
export type MergeRange = { top: number; left: number; bottom: number; right: number };

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Workbook-level parts a caller may keep between reads of the same, unchanged
 * file (a preview, then the full read): xlsx shared strings and cell number
 * formats, parsed once. Pass the same empty object to each read; drop it to
 * free the memory.
 */
export type ReadCache = { xlsx?: { formats: string[]; strings: StringTable } };

/** The xlsx shared strings as cells look them up by index (SharedStrings, or only some of them). */
export type StringTable = { get(index: number): string | undefined };

export type ReadOptions = {
  signal?: AbortSignal;
  /** Reuse parsed workbook parts between reads of one file (see ReadCache). */
  cache?: ReadCache;
  /** Stop after this many rows were delivered (a preview). Merges are still collected. */
  maxRows?: number;
  /** xlsx only: false stops reading at maxRows, without looking for merges in the rest of the sheet. */
  scanMerges?: boolean;
  /** CSV only: override the detected encoding. */
  encoding?: CsvEncoding;
  /** CSV only: override the detected delimiter. */
  delimiter?: string;
};

export type ReadResult = {
  /** Rows delivered to onRow. Blank rows are never delivered. */
  rowCount: number;
  /** Number of the last row that held a value (0 for an empty sheet). */
  lastRow: number;
  /** Merged ranges of the sheet: complete even when maxRows stopped delivery early. */
  merges: MergeRange[];
  /** 0-based columns marked hidden. */
  hiddenColumns: number[];
  /** True when maxRows stopped the delivery before the end of the sheet. */
  stoppedEarly: boolean;
  /** CSV only: what was used to decode and split the file. */
  csv?: { encoding: CsvEncoding; delimiter: string };
};

export type RowHandler = (row: SheetRow) => void | Promise<void>;
