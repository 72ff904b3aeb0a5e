import { regionName } from '../regions';
import type { ReportKind, StatDimension } from './schemas';
import {
  ageingBuckets,
  type AbcResult,
  type ChurnResult,
  type ComparisonResult,
  type FunnelResult,
  type ReceivablesResult,
  type SalesReport,
  type ServiceResult,
  type StatisticsResult,
  type TopResult,
} from './types';

/**
 * Every report as tables for people to read, built once here and used both by
 * the screen (and its printout) and by the Excel export, so the two always
 * agree. Values are already in words where they were codes (through `t`);
 * money stays fen and percentages fractions, formatted where shown.
 */
/**
 * amount: a number whose unit is the row's (`units`: money in fen or a count), for tables that
 * list different measures one per row (同比环比); change: the same, signed (+/−).
 * decimal: a number with two decimals (an average score).
 */
export type CellKind = 'text' | 'int' | 'money' | 'percent' | 'date' | 'datetime' | 'amount' | 'change' | 'decimal';
export type Cell = string | number | null;
export type ReportColumn = { key: string; label: string; kind: CellKind };
export type RowUnit = 'money' | 'int';
export type ReportTable = { key: string; title: string; columns: ReportColumn[]; rows: Cell[][]; units?: RowUnit[] };

/** The kind a cell of `kind` has in a row of `unit` (amount and change columns take the row's unit). */
export const cellKindOf = (kind: CellKind, unit: RowUnit | undefined): CellKind =>
  kind === 'amount' || kind === 'change' ? (unit ?? 'int') : kind;

/** A cell as text, where a report is shown or printed (the export writes typed cells instead). */
export const formatCell = (kind: CellKind, v: Cell, unit?: RowUnit): string => {
  if (v === null || v === undefined) return kind === 'percent' || kind === 'decimal' ? '—' : '';
  if (typeof v !== 'number') return String(v);
  switch (kind) {
    case 'money':
      return formatFen(v);
    case 'percent':
      return formatPercent(v);
    case 'int':
      return v.toLocaleString('zh-CN');
    case 'decimal':
      return v.toFixed(2);
    case 'amount':
      return unit === 'money' ? formatFen(v) : v.toLocaleString('zh-CN');
    case 'change': {
      const text = unit === 'money' ? formatFen(v) : v.toLocaleString('zh-CN');
      return v > 0 ? `+${text}` : text;
    }
    default:
      return String(v);
  }
};

export type T = (key: string, options?: Record<string, unknown>) => string;

const col = (t: T, key: string, kind: CellKind, label = `reports.col.${key}`): ReportColumn => ({ key, label: t(label), kind });

/** A dimension value in words: names for owners, region names for codes, labels for enums; "未填写" for none. */
export const dimensionText = (t: T, dim: StatDimension, value: string | null, names: Record<string, string>): string => {
  if (value === null || value === '') return dim === 'owner' ? t('reports.pool') : dim === 'grade' ? t('reports.noGrade') : t('reports.unset');
  switch (dim) {
    case 'owner':
      return names[value] ?? value;
    case 'province':
    case 'city':
      return regionName(value) ?? value;
    case 'source':
      return t(`customer.source.${value}`);
    case 'staffSize':
      return t(`customer.staffSize.${value}`);
    case 'status':
      return t(`customer.status.${value}`);
    case 'staleDays':
      return t(`reports.stale.${value}`);
    default:
      return value;
  }
};

const gradeText = (t: T, g: string | null): string => g ?? t('reports.noGrade');

export const abcTables = (t: T, r: AbcResult): ReportTable[] => [
  {
    key: 'grades',
    title: t('reports.abc.gradesTitle'),
    columns: [col(t, 'grade', 'text'), col(t, 'customers', 'int'), col(t, 'sales', 'money'), col(t, 'share', 'percent')],
    rows: r.grades.map((g) => [g.grade, g.count, g.amount, g.share]),
  },
  {
    key: 'customers',
    title: t('reports.abc.customersTitle'),
    columns: [
      col(t, 'rank', 'int'),
      col(t, 'customer', 'text'),
      col(t, 'owner', 'text'),
      col(t, 'sales', 'money'),
      col(t, 'share', 'percent'),
      col(t, 'cumulativeShare', 'percent'),
      col(t, 'grade', 'text'),
    ],
    rows: r.customers.map((c) => [c.rank, c.name, c.ownerName ?? t('reports.pool'), c.amount, c.share, c.cumulativeShare, c.grade]),
  },
  {
    key: 'effort',
    title: t('reports.abc.effortTitle'),
    columns: [
      col(t, 'customer', 'text'),
      col(t, 'owner', 'text'),
      col(t, 'contacts', 'int'),
      col(t, 'visits', 'int'),
      col(t, 'sales', 'money'),
      col(t, 'grade', 'text'),
    ],
    rows: r.effortLowSales.map((c) => [c.name, c.ownerName ?? t('reports.pool'), c.activities, c.visits, c.amount, gradeText(t, c.grade)]),
  },
];

export const topTables = (t: T, r: TopResult): ReportTable[] => {
  const customers = (key: string, valueKey: string, kind: CellKind, rows: TopResult['customersBySales']): ReportTable => ({
    key,
    title: t(`reports.top.${key}`, { n: r.n }),
    columns: [col(t, 'rank', 'int'), col(t, 'customer', 'text'), col(t, 'owner', 'text'), col(t, valueKey, kind)],
    rows: rows.map((c, i) => [i + 1, c.name, c.ownerName ?? t('reports.pool'), c.value]),
  });
  const people = (key: string, valueKey: string, kind: CellKind, rows: TopResult['salesBySales']): ReportTable => ({
    key,
    title: t(`reports.top.${key}`, { n: r.n }),
    columns: [col(t, 'rank', 'int'), col(t, 'salesperson', 'text'), col(t, valueKey, kind)],
    rows: rows.map((p, i) => [i + 1, p.name, p.value]),
  });
  return [
    customers('customersBySales', 'sales', 'money', r.customersBySales),
    customers('customersByReceivables', 'receivable', 'money', r.customersByReceivables),
    customers('customersByContacts', 'contacts', 'int', r.customersByContacts),
    people('salesBySales', 'sales', 'money', r.salesBySales),
    people('salesByNewCustomers', 'newCustomers', 'int', r.salesByNewCustomers),
    people('salesByVisits', 'visits', 'int', r.salesByVisits),
  ];
};

export const comparisonTables = (t: T, r: ComparisonResult): ReportTable[] => [
  {
    key: 'comparison',
    title: t('reports.comparison.tableTitle'),
    columns: [
      col(t, 'metric', 'text'),
      col(t, 'current', 'amount'),
      col(t, 'previous', 'amount'),
      col(t, 'momChange', 'change'),
      col(t, 'momRate', 'percent'),
      col(t, 'lastYear', 'amount'),
      col(t, 'yoyChange', 'change'),
      col(t, 'yoyRate', 'percent'),
    ],
    // Different measures one per row (money, counts): numbers, each row with its unit.
    rows: r.rows.map((m) => [t(`reports.metric.${m.metric}`), m.current, m.previous, m.momChange, m.momRate, m.lastYear, m.yoyChange, m.yoyRate]),
    units: r.rows.map((m) => (m.metric === 'sales' ? 'money' : 'int')),
  },
];

export const statisticsTables = (t: T, r: StatisticsResult): ReportTable[] => [
  {
    key: 'statistics',
    title: t('reports.statistics.tableTitle'),
    columns: [
      { key: 'v1', label: t(`reports.dim.${r.dim1}`), kind: 'text' },
      ...(r.dim2 ? [{ key: 'v2', label: t(`reports.dim.${r.dim2}`), kind: 'text' as const }] : []),
      col(t, 'customers', 'int'),
      col(t, 'countShare', 'percent'),
      col(t, 'sales', 'money'),
    ],
    rows: r.rows.map((row) => [
      dimensionText(t, r.dim1, row.v1, r.names),
      ...(r.dim2 ? [dimensionText(t, r.dim2, row.v2, r.names)] : []),
      row.count,
      r.totalCount ? row.count / r.totalCount : null,
      row.amount,
    ]),
  },
];

export const churnTables = (t: T, r: ChurnResult): ReportTable[] => [
  {
    key: 'byReason',
    title: t('reports.churn.byReason'),
    columns: [col(t, 'reason', 'text'), col(t, 'customers', 'int')],
    rows: r.byReason.map((x) => [x.reason ?? t('reports.unset'), x.count]),
  },
  {
    key: 'byGrade',
    title: t('reports.churn.byGrade'),
    columns: [col(t, 'grade', 'text'), col(t, 'customers', 'int')],
    rows: r.byGrade.map((x) => [gradeText(t, x.grade), x.count]),
  },
  {
    key: 'byMonth',
    title: t('reports.churn.byMonth'),
    columns: [col(t, 'month', 'text'), col(t, 'customers', 'int')],
    rows: r.byMonth.map((x) => [x.month, x.count]),
  },
  {
    key: 'atRisk',
    title: t('reports.churn.atRisk', { count: r.atRiskTotal }),
    columns: [
      col(t, 'customer', 'text'),
      col(t, 'owner', 'text'),
      col(t, 'status', 'text'),
      col(t, 'grade', 'text'),
      col(t, 'lastOrderOn', 'date'),
      col(t, 'lastContactOn', 'date'),
      col(t, 'intervalDays', 'int'),
      col(t, 'daysSilent', 'int'),
    ],
    rows: r.atRisk.map((c) => [
      c.name,
      c.ownerName ?? t('reports.pool'),
      t(`customer.status.${c.status}`),
      gradeText(t, c.grade),
      c.lastOrderOn,
      c.lastContactOn,
      c.intervalDays,
      c.daysSilent,
    ]),
  },
];

export const funnelTables = (t: T, r: FunnelResult): ReportTable[] => [
  {
    key: 'funnel',
    title: t('reports.funnel.tableTitle', { cohort: r.cohort, lost: r.lost }),
    columns: [col(t, 'stage', 'text'), col(t, 'currentCount', 'int'), col(t, 'reached', 'int'), col(t, 'conversion', 'percent'), col(t, 'overall', 'percent')],
    rows: r.stages.map((s) => [t(`customer.status.${s.stage}`), s.current, s.reached, s.rate, s.overall]),
  },
];

export const receivablesTables = (t: T, r: ReceivablesResult): ReportTable[] => {
  const buckets = ageingBuckets.map((b) => col(t, b, 'money', `reports.bucket.${b}`));
  return [
    {
      key: 'byCustomer',
      title: t('reports.receivables.byCustomer', { date: r.asOf }),
      columns: [col(t, 'customer', 'text'), col(t, 'owner', 'text'), col(t, 'receivable', 'money'), ...buckets, col(t, 'maxOverdueDays', 'int')],
      rows: r.byCustomer.map((c) => [c.name, c.ownerName ?? t('reports.pool'), c.total, ...ageingBuckets.map((b) => c[b]), c.maxOverdueDays]),
    },
    {
      key: 'bySalesperson',
      title: t('reports.receivables.bySalesperson', { date: r.asOf }),
      columns: [col(t, 'salesperson', 'text'), col(t, 'orders', 'int'), col(t, 'receivable', 'money'), ...buckets],
      rows: r.bySalesperson.map((p) => [p.name ?? t('reports.unset'), p.orders, p.total, ...ageingBuckets.map((b) => p[b])]),
    },
  ];
};

export const serviceTables = (t: T, r: ServiceResult): ReportTable[] => [
  {
    key: 'satisfaction',
    title: t('reports.service.satisfactionTitle', { surveys: r.satisfaction.surveys }),
    columns: [col(t, 'dimension', 'text'), col(t, 'scores', 'int'), col(t, 'satisfied', 'int'), col(t, 'satisfactionRate', 'percent'), col(t, 'average', 'decimal')],
    rows: [
      ...r.satisfaction.byDimension.map((d) => [
        t(`reports.survey.${d.dimension}`),
        d.scores,
        d.satisfied,
        d.rate,
        d.average,
      ]),
      [t('reports.survey.all'), r.satisfaction.scores, r.satisfaction.satisfied, r.satisfaction.rate, null],
    ],
  },
  {
    key: 'complaintsByStatus',
    title: t('reports.service.byStatus', { total: r.complaints.total }),
    columns: [col(t, 'status', 'text'), col(t, 'complaints', 'int')],
    rows: r.complaints.byStatus.map((x) => [t(`reports.complaintStatus.${x.status}`), x.count]),
  },
  {
    key: 'complaintsBySeverity',
    title: t('reports.service.bySeverity'),
    columns: [col(t, 'severity', 'text'), col(t, 'complaints', 'int')],
    rows: r.complaints.bySeverity.map((x) => [t(`reports.severity.${x.severity}`), x.count]),
  },
  {
    key: 'complaintsByMonth',
    title: t('reports.service.byMonth'),
    columns: [col(t, 'month', 'text'), col(t, 'complaints', 'int')],
    rows: r.complaints.byMonth.map((x) => [x.month, x.count]),
  },
];

export const salesReportTables = (t: T, r: SalesReport): ReportTable[] => {
  const f = r.figures;
  const figureCols = [
    col(t, 'contacts', 'int'),
    col(t, 'newCustomers', 'int'),
    col(t, 'visits', 'int'),
    col(t, 'minutes', 'int'),
    col(t, 'orders', 'int'),
    col(t, 'sales', 'money'),
  ];
  const tables: ReportTable[] = [
    {
      key: 'figures',
      title: t('reports.salesReport.figuresTitle'),
      columns: figureCols,
      rows: [[f.activities, f.newCustomers, f.visits, f.minutes, f.orders, f.orderAmount]],
    },
  ];
  if (r.userId === null) {
    tables.push({
      key: 'people',
      title: t('reports.salesReport.peopleTitle'),
      columns: [col(t, 'salesperson', 'text'), ...figureCols],
      rows: r.people.map((p) => [p.name, p.activities, p.newCustomers, p.visits, p.minutes, p.orders, p.orderAmount]),
    });
  }
  tables.push(
    {
      key: 'orders',
      title: t('reports.salesReport.ordersTitle'),
      columns: [col(t, 'orderDate', 'date'), col(t, 'customer', 'text'), col(t, 'contractNo', 'text'), col(t, 'sales', 'money'), col(t, 'salesperson', 'text')],
      rows: r.orders.map((o) => [o.orderDate, o.customerName, o.contractNo, o.amount, o.salesName]),
    },
    {
      key: 'newCustomers',
      title: t('reports.salesReport.newCustomersTitle'),
      columns: [col(t, 'createdAt', 'datetime'), col(t, 'customer', 'text'), col(t, 'owner', 'text')],
      rows: r.newCustomers.map((c) => [c.createdAt, c.name, c.ownerName ?? t('reports.pool')]),
    },
    {
      key: 'visits',
      title: t('reports.salesReport.visitsTitle'),
      columns: [col(t, 'doneAt', 'datetime'), col(t, 'customer', 'text'), col(t, 'purpose', 'text'), col(t, 'salesperson', 'text')],
      rows: r.visits.map((v) => [v.doneAt, v.customerName, v.purpose, v.salesName]),
    },
    {
      key: 'activities',
      title: t('reports.salesReport.activitiesTitle'),
      columns: [col(t, 'occurredAt', 'datetime'), col(t, 'customer', 'text'), col(t, 'activityType', 'text'), col(t, 'summary', 'text'), col(t, 'salesperson', 'text')],
      rows: r.activities.map((a) => [a.occurredAt, a.customerName, t(`reports.activityType.${a.type}`, { defaultValue: a.type }), a.summary, a.salesName]),
    },
  );
  return tables;
};

/** Fen as ¥12,345.00 (the comparison table mixes money and counts in one column). */
export const formatFen = (fen: number): string =>
  `${fen < 0 ? '-' : ''}¥${(Math.abs(fen) / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A fraction as a percentage with one decimal; null (no base) as "—". */
export const formatPercent = (v: number | null): string => (v === null || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`);

export type ReportResultOf = {
  abc: AbcResult;
  top: TopResult;
  comparison: ComparisonResult;
  statistics: StatisticsResult;
  churn: ChurnResult;
  funnel: FunnelResult;
  receivables: ReceivablesResult;
  service: ServiceResult;
  salesReport: SalesReport;
};

export const tablesBuilders: { [K in ReportKind]: (t: T, r: ReportResultOf[K]) => ReportTable[] } = {
  abc: abcTables,
  top: topTables,
  comparison: comparisonTables,
  statistics: statisticsTables,
  churn: churnTables,
  funnel: funnelTables,
  receivables: receivablesTables,
  service: serviceTables,
  salesReport: salesReportTables,
};
