import ExcelJS from 'exceljs';
import { sheetNamer } from './columns';

/** percent: a fraction (0.125) shown as 12.5 %; money: yuan shown with ¥. */
export type ColumnType = 'text' | 'number' | 'money' | 'date' | 'datetime' | 'integer' | 'percent';

export type ExportColumn<Row> = {
  header: string;
  /** Width in characters; CJK characters count double when estimating. */
  width?: number;
  type: ColumnType;
  value: (row: Row) => string | number | Date | null | undefined;
  /** A number format of this row's cell instead of the type's (a table with one measure per row). */
  numFmt?: (row: Row) => string | undefined;
};

/** The number format each column type's cells get. */
export const NUM_FMT: Partial<Record<ColumnType, string>> = {
  money: '¥#,##0.00',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  integer: '0',
  percent: '0.0%',
};

/** A Node stream's buffer, as the stream keeps it. */
type StreamState = { _writableState?: { length: number }; _readableState?: { flowing: boolean | null } };

/** How far the rows may run ahead of the zip's deflate, in bytes of sheet XML. */
const ZIP_LAG = 1024 * 1024;

/**
 * Lets the zip catch up with the rows written. ExcelJS hands each sheet's
 * XML to the zip without heeding backpressure, so a source faster than
 * deflate (a database query) piled up ~100 MB of XML in a 100,000-customer
 * export; waiting here keeps it to ZIP_LAG at no measurable cost in time. The
 * buffer is ExcelJS's internal pipe into the zip: when it is not there, or
 * not being read yet, or stops draining, this only yields once.
 */
const zipCaughtUp = async (ws: unknown): Promise<void> => {
  await new Promise((resolve) => setImmediate(resolve));
  const pipe = (ws as { stream?: { pipes?: StreamState[] } }).stream?.pipes?.[0];
  const buffered = pipe?._writableState;
  // flowing is null until the zip starts reading this sheet (false while it waits for its own deflate).
  if (!buffered || pipe._readableState?.flowing === null || pipe._readableState?.flowing === undefined) return;
  for (let last = buffered.length, stalled = 0; buffered.length > ZIP_LAG && stalled < 100; last = buffered.length) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    stalled = buffered.length < last ? 0 : stalled + 1;
  }
};

/** Display width of a header: CJK characters take two columns. */
const textWidth = (s: string): number => [...s].reduce((w, ch) => w + (/[\u2E80-\uFFFF]/u.test(ch) ? 2 : 1), 0);

/**
 * Writes one sheet for people to read: bold header, frozen header row,
 * widths that fit, dates as real dates, phones, codes and other digit
 * strings as text cells (so Excel does not turn them into numbers). Streams
 * rows (ExcelJS WorkbookWriter), so 100,000 rows stay in bounded memory.
 */
export const writeXlsx = async <Row>(
  file: string,
  sheets: { name: string; columns: ExportColumn<Row>[]; rows: Iterable<Row> | AsyncIterable<Row> }[],
  onProgress?: (rows: number) => void,
): Promise<number> => {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = 'Tuoke';
  let total = 0;
  // Excel forbids []:*?/\ in sheet names, allows 31 characters and no two sheets of one name.
  const sheetName = sheetNamer();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheetName(sheet.name), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    ws.columns = sheet.columns.map((c, i) => ({
      key: String(i),
      width: c.width ?? Math.min(60, Math.max(10, textWidth(c.header) + 4)),
    }));
    // Number formats go on data cells, not on the columns: a header cell under a date format reads back as a broken date.
    const formats = sheet.columns.map((c) => NUM_FMT[c.type]);
    const header = ws.addRow(sheet.columns.map((c) => c.header));
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7F0FA' } };
    header.commit();
    // ExcelJS gives every new cell its own style object, and its style registry recognises a
    // style it has seen by object identity only: one object per cell means rendering and looking
    // up the style XML for every cell (a third of the time of a 100,000-row export). Cells of a
    // column share one style object per kind of value instead (the registry also keys a style
    // without numFmt on the value kind), which gives the same styles.
    const shared = formats.map((columnFmt) => {
      const byKind = new Map<string, { numFmt?: string }>();
      return (kind: string, rowFmt: string | undefined) => {
        const fmt = rowFmt ?? columnFmt;
        const key = `${kind}\u0000${fmt ?? ''}`;
        let style = byKind.get(key);
        if (!style) byKind.set(key, (style = fmt ? { numFmt: fmt } : {}));
        return style;
      };
    });
    const width = sheet.columns.length;
    for await (const row of sheet.rows) {
      // Empty values stay undefined: ExcelJS then creates no cell at all (a null cell is styled and
      // prepared, only to be left out of the XML).
      const values = new Array<string | number | Date | undefined>(width);
      for (let i = 0; i < width; i++) {
        const c = sheet.columns[i]!;
        const v = c.value(row);
        if (v === null || v === undefined || v === '') values[i] = undefined;
        else if (c.type === 'date' || c.type === 'datetime') {
          if (v instanceof Date) values[i] = v;
          else if (typeof v === 'number') values[i] = new Date(v);
          // 'YYYY-MM-DD' → a date at UTC midnight, which Excel shows as that day.
          else values[i] = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : v;
        } else if (c.type === 'text') values[i] = String(v);
        else values[i] = v;
      }
      const added = ws.addRow(values);
      for (let i = 0; i < width; i++) {
        const v = values[i];
        if (v === undefined) continue;
        const kind = v instanceof Date ? 'date' : typeof v;
        const rowFmt = sheet.columns[i]!.numFmt?.(row);
        (added.getCell(i + 1) as { style: Partial<ExcelJS.Style> }).style = shared[i]!(kind, rowFmt);
      }
      added.commit();
      total += 1;
      if (onProgress && total % 5000 === 0) onProgress(total);
      // Committed rows go to the zip stream, whose deflate and file writes need the event loop: a
      // loop over a synchronous row source never gives it one, so the whole sheet would pile up in
      // memory and be compressed only at the end. Yielding now and then overlaps the two.
      if (total % 500 === 0) await zipCaughtUp(ws);
    }
    ws.commit();
  }
  await wb.commit();
  return total;
};
