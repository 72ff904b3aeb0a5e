import ExcelJS from 'exceljs';

export type ColumnType = 'text' | 'number' | 'money' | 'date' | 'datetime' | 'integer';

export type ExportColumn<Row> = {
  header: string;
  /** Width in characters; CJK characters count double when estimating. */
  width?: number;
  type: ColumnType;
  value: (row: Row) => string | number | Date | null | undefined;
};

const numFmt: Partial<Record<ColumnType, string>> = {
  money: '¥#,##0.00',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  integer: '0',
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
  for (const sheet of sheets) {
    // Excel forbids []:*?/\ in sheet names and allows 31 characters.
    const ws = wb.addWorksheet(sheet.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    ws.columns = sheet.columns.map((c, i) => ({
      key: String(i),
      width: c.width ?? Math.min(60, Math.max(10, textWidth(c.header) + 4)),
    }));
    // Number formats go on data cells, not on the columns: a header cell under a date format reads back as a broken date.
    const formats = sheet.columns.map((c) => numFmt[c.type]);
    const header = ws.addRow(sheet.columns.map((c) => c.header));
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7F0FA' } };
    header.commit();
    for await (const row of sheet.rows) {
      const values = sheet.columns.map((c) => {
        const v = c.value(row);
        if (v === null || v === undefined || v === '') return null;
        if (c.type === 'date' || c.type === 'datetime') {
          if (v instanceof Date) return v;
          if (typeof v === 'number') return new Date(v);
          // 'YYYY-MM-DD' → a date at UTC midnight, which Excel shows as that day.
          return /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : v;
        }
        if (c.type === 'text') return String(v);
        return v;
      });
      const added = ws.addRow(values);
      formats.forEach((fmt, i) => {
        if (fmt && values[i] !== null) added.getCell(i + 1).numFmt = fmt;
      });
      added.commit();
      total += 1;
      if (onProgress && total % 5000 === 0) onProgress(total);
    }
    ws.commit();
  }
  await wb.commit();
  return total;
};
