import type { TFunction } from 'i18next';
import { tablesBuilders, cellKindOf, type CellKind, type ReportResultOf, type ReportTable, type RowUnit, type T } from '../../../src-shared/reports/tables';
import type { ReportKind } from '../../../src-shared/reports/schemas';
import type { Period } from '../../../src-shared/reports/period';
import type { Db } from '../../db/connection';
import { NUM_FMT, writeXlsx, type ExportColumn } from '../export/xlsxWriter';
import { dayText, safeFileName, wallClock, yuan } from '../export/columns';
import { logExport } from '../customers/export';
import type { Viewer } from '../customers/access';

type Cell = ReportTable['rows'][number][number];
/** A row of a sheet with its unit (money or count) where the table lists one measure per row. */
type Row = { cells: Cell[]; unit: RowUnit | undefined };

/** Signed formats for changes (同比/环比 增减): +¥1,200.00 / −¥300.00, +12 / −3. */
const CHANGE_FMT: Record<RowUnit, string> = { money: '+¥#,##0.00;-¥#,##0.00;¥0.00', int: '+#,##0;-#,##0;0' };
const UNIT_FMT: Record<RowUnit, string> = { money: NUM_FMT.money!, int: '#,##0' };

const num = (v: Cell | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const textWidth = (s: string): number => [...s].reduce((w, ch) => w + (/[\u2E80-\uFFFF]/u.test(ch) ? 2 : 1), 0);

/** One report column as a typed sheet column: money in yuan with ¥, percentages as numbers with %, dates as dates. */
const columnOf = (label: string, kind: CellKind, i: number): ExportColumn<Row> => {
  const header = label;
  switch (kind) {
    case 'money':
      return { header, type: 'money', width: 16, value: (r) => yuan(r.cells[i]) };
    case 'int':
      return { header, type: 'integer', value: (r) => num(r.cells[i]) };
    case 'decimal':
      return { header, type: 'number', value: (r) => num(r.cells[i]), numFmt: () => '0.00' };
    case 'percent':
      return { header, type: 'percent', value: (r) => num(r.cells[i]) };
    case 'amount':
    case 'change':
      // The row says what the number is: money (fen → yuan) or a count.
      return {
        header,
        type: 'number',
        width: 16,
        value: (r) => (cellKindOf(kind, r.unit) === 'money' ? yuan(r.cells[i]) : num(r.cells[i])),
        numFmt: (r) => (kind === 'change' ? CHANGE_FMT : UNIT_FMT)[r.unit ?? 'int'],
      };
    case 'date':
      return { header, type: 'date', width: 12, value: (r) => (typeof r.cells[i] === 'number' ? wallClock(r.cells[i] as number) : dayText(r.cells[i])) };
    case 'datetime':
      return { header, type: 'datetime', width: 17, value: (r) => (typeof r.cells[i] === 'number' ? wallClock(r.cells[i] as number) : null) };
    default:
      return { header, type: 'text', width: Math.min(40, Math.max(12, textWidth(header) + 4)), value: (r) => (r.cells[i] === null ? null : String(r.cells[i])) };
  }
};

const sheetOf = (table: ReportTable) => ({
  name: table.title,
  columns: table.columns.map((c, i) => columnOf(c.label, c.kind, i)),
  rows: table.rows.map((cells, i): Row => ({ cells, unit: table.units?.[i] })),
});

/** A report's name: 销售周报 for a weekly sales report (not 销售日报/周报/月报), else the report's kind. */
export const reportName = <K extends ReportKind>(tf: TFunction, kind: K, result: ReportResultOf[K]): string => {
  const t = tf as unknown as T;
  return kind === 'salesReport'
    ? t('reports.salesReport.title', { kind: t(`reports.salesReport.kinds.${(result as ReportResultOf['salesReport']).kind}`) })
    : t(`reports.kind.${kind}`);
};

/** The file name of a report's workbook: the report's name and period, with nothing a file system refuses (/ \ : * ? " < > |). */
export const reportFileName = <K extends ReportKind>(tf: TFunction, kind: K, result: ReportResultOf[K], period: Period): string =>
  `${safeFileName(`${reportName(tf, kind, result)}-${period.from}_${period.to}`)}.xlsx`;

/**
 * Writes a report to an .xlsx: a first sheet saying which report, period and
 * filter it is, then one sheet per table of the report (the same tables the
 * screen shows), every cell typed (numbers, ¥ amounts, % rates, dates). The
 * export is written to the change log like every export.
 */
export const exportReport = async <K extends ReportKind>(
  db: Db,
  viewer: Viewer,
  kind: K,
  result: ReportResultOf[K],
  period: Period,
  filterText: string,
  file: string,
  tf: TFunction,
): Promise<number> => {
  // Report keys are built at run time (reports.kind.<kind>): the plain string signature.
  const t = tf as unknown as T;
  const tables = tablesBuilders[kind](t, result);
  type Info = { item: string; value: string | Date | null; fmt?: string };
  const info: Info[] = [
    { item: t('reports.export.report'), value: reportName(tf, kind, result) },
    { item: t('reports.export.period'), value: `${period.from} – ${period.to}` },
    { item: t('reports.export.filter'), value: filterText || t('reports.export.noFilter') },
    { item: t('reports.export.generatedAt'), value: wallClock(db.clock.now()), fmt: NUM_FMT.datetime! },
  ];
  const infoSheet = {
    name: t('reports.export.infoSheet'),
    columns: [
      { header: t('reports.export.item'), type: 'text', width: 14, value: (r: Info) => r.item },
      // Text and one time: the cell keeps what it is given, the time with its date format.
      { header: t('reports.export.value'), type: 'number', width: 40, value: (r: Info) => r.value, numFmt: (r: Info) => r.fmt },
    ] satisfies ExportColumn<Info>[],
    rows: info,
  };
  const rows = await writeXlsx(file, [infoSheet as never, ...tables.map(sheetOf)]);
  logExport(db, viewer, `report:${kind}`, { period, filter: filterText, rows });
  return rows;
};
