import { localDate } from '../../../src-shared/reports/period';
import type { ReportFilter, StatDimension } from '../../../src-shared/reports/schemas';
import type { StatisticsResult } from '../../../src-shared/reports/types';
import type { ReadDb } from '../../db/connection';
import type { Viewer } from '../customers/access';
import { all } from './figures';
import { buildScope, userNameMap } from './scope';

/** 未更新天数 buckets: the upper bound of each (days), the last open-ended. */
export const staleBuckets = ['0-7', '8-30', '31-90', '91-180', '181-365', '365+'] as const;

const dimensionSql = (dim: StatDimension, now: number): string => {
  switch (dim) {
    case 'owner':
      return 'c.owner_id';
    case 'createdMonth':
      // The hour, turned into a local month in JS after grouping (localMonthOfHour): SQLite's 'localtime'
      // per row cost ~300 ms at 100,000 customers; time-zone offsets are whole hours where our users are.
      return '(c.created_at / 3600000)';
    case 'source':
      return 'c.source';
    case 'province':
      return 'c.province_code';
    case 'city':
      return 'c.city_code';
    case 'staffSize':
      return 'c.staff_size';
    case 'industry':
      return 'c.industry';
    case 'status':
      return 'c.status';
    case 'grade':
      return 'c.grade';
    case 'staleDays': {
      const days = `((${now} - c.updated_at) / 86400000)`;
      return `CASE WHEN ${days} <= 7 THEN '0-7' WHEN ${days} <= 30 THEN '8-30' WHEN ${days} <= 90 THEN '31-90'
        WHEN ${days} <= 180 THEN '91-180' WHEN ${days} <= 365 THEN '181-365' ELSE '365+' END`;
    }
  }
};

/**
 * Customer statistics (客户统计) by one or two dimensions: how many customers
 * in scope (all live customers matching the filter, whenever created) and
 * their sales in the period.
 */
export const statisticsReport = (db: ReadDb, viewer: Viewer, filter: ReportFilter, dim1: StatDimension, dim2: StatDimension | null): StatisticsResult => {
  const s = buildScope(db, viewer, filter);
  const now = Math.trunc(db.clock.now());
  const d1 = dimensionSql(dim1, now);
  const d2 = dim2 ? dimensionSql(dim2, now) : 'NULL';
  const grouped = all<{ v1: string | number | null; v2: string | number | null; count: number; amount: number | null }>(
    db,
    `SELECT ${d1} AS v1, ${d2} AS v2, count(*) AS count, SUM(s.amount) AS amount
       FROM customers c
       LEFT JOIN (SELECT customer_id, SUM(amount) AS amount FROM orders INDEXED BY orders_customer_date WHERE order_date >= ? AND order_date <= ? GROUP BY customer_id) s
         ON s.customer_id = c.id
      WHERE ${s.where}
      GROUP BY v1, v2`,
    [s.period.from, s.period.to, ...s.params],
  );
  // Hours → local months, then the groups that fall in the same month added up.
  const value = (dim: StatDimension | null, v: string | number | null): string | null =>
    v === null ? null : dim === 'createdMonth' ? localDate(Number(v) * 3_600_000).slice(0, 7) : String(v);
  const merged = new Map<string, { v1: string | null; v2: string | null; count: number; amount: number }>();
  for (const r of grouped) {
    const v1 = value(dim1, r.v1);
    const v2 = value(dim2, r.v2);
    const key = JSON.stringify([v1, v2]);
    const m = merged.get(key) ?? { v1, v2, count: 0, amount: 0 };
    m.count += r.count;
    m.amount += r.amount ?? 0;
    merged.set(key, m);
  }
  const text = (v: string | null): string => v ?? '';
  const rows = [...merged.values()].sort(
    (a, b) => b.count - a.count || (text(a.v1) < text(b.v1) ? -1 : text(a.v1) > text(b.v1) ? 1 : text(a.v2) < text(b.v2) ? -1 : text(a.v2) > text(b.v2) ? 1 : 0),
  );
  const names: Record<string, string> = {};
  if (dim1 === 'owner' || dim2 === 'owner') for (const [id, name] of userNameMap(db)) names[id] = name;
  return {
    period: s.period,
    dim1,
    dim2,
    rows,
    names,
    totalCount: rows.reduce((a, r) => a + r.count, 0),
    totalAmount: rows.reduce((a, r) => a + r.amount, 0),
  };
};
