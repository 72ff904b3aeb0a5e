import type { TFunction } from 'i18next';
import { tablesBuilders, formatPercent, type ReportResultOf, type ReportTable, type T } from '../../../src-shared/reports/tables';
import type { ReportKind } from '../../../src-shared/reports/schemas';
import type { Period } from '../../../src-shared/reports/period';
import type { Db } from '../../db/connection';
import { writeXlsx, type ExportColumn } from '../export/xlsxWriter';
import { logExport } from '../customers/export';
import type { Viewer } from '../customers/access';

type Row = ReportTable['rows'][number];

/** Epoch ms → the same wall-clock time as a Date Excel shows unchanged (Excel has no time zones). */
const wallClock = (ms: number): Date => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);

const columnsOf = (table: ReportTable): ExportColumn<Row>[] =>
  table.columns.map((c, i) => {
    const header = c.label;
    switch (c.kind) {
      case 'money':
        return { header, type: 'money', width: 16, value: (r) => (typeof r[i] === 'number' ? (r[i] as number) / 100 : null) };
      case 'int':
        return { header, type: 'integer', value: (r) => r[i] };
      case 'percent':
        return { header, type: 'text', value: (r) => formatPercent(r[i] as number | null) };
      case 'date':
        return { header, type: 'date', width: 12, value: (r) => r[i] };
      case 'datetime':
        return { header, type: 'datetime', width: 17, value: (r) => (typeof r[i] === 'number' ? wallClock(r[i] as number) : null) };
      default:
        return { header, type: 'text', width: Math.min(40, Math.max(12, header.length * 2 + 4)), value: (r) => (r[i] === null ? null : String(r[i])) };
    }
  });

/**
 * Writes a report to an .xlsx: a first sheet saying which report, period and
 * filter it is, then one sheet per table of the report (the same tables the
 * screen shows). The export is written to the change log like every export.
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
  const info: Row[] = [
    [t('reports.export.report'), t(`reports.kind.${kind}`)],
    [t('reports.export.period'), `${period.from} – ${period.to}`],
    [t('reports.export.filter'), filterText || t('reports.export.noFilter')],
    [t('reports.export.generatedAt'), db.clock.now()],
  ];
  const infoTable: ReportTable = {
    key: 'info',
    title: t('reports.export.infoSheet'),
    columns: [
      { key: 'item', label: t('reports.export.item'), kind: 'text' },
      { key: 'value', label: t('reports.export.value'), kind: 'text' },
    ],
    rows: info.map((r) => [r[0] ?? null, typeof r[1] === 'number' ? new Date(r[1]).toLocaleString('zh-CN', { hour12: false }) : (r[1] ?? null)]),
  };
  const used = new Set<string>();
  const sheetName = (title: string): string => {
    let name = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28);
    for (let i = 2; used.has(name); i++) name = `${title.slice(0, 26)}(${i})`;
    used.add(name);
    return name;
  };
  const rows = await writeXlsx(
    file,
    [infoTable, ...tables].map((table) => ({ name: sheetName(table.title), columns: columnsOf(table), rows: table.rows })),
  );
  logExport(db, viewer, `report:${kind}`, { period, filter: filterText, rows });
  return rows;
};
