import { growthRate, previousPeriod, samePeriodLastYear } from '../../../src-shared/reports/period';
import type { ReportFilter } from '../../../src-shared/reports/schemas';
import type { ComparisonMetric, ComparisonResult } from '../../../src-shared/reports/types';
import type { ReadDb } from '../../db/connection';
import type { Viewer } from '../customers/access';
import { one, salesPerCustomer } from './figures';
import { buildScope, scopeMembership, withPeriod, type Scope } from './scope';

/**
 * Customers created in the period. For everyone: counted on the created_at
 * index alone, less the few in the recycle bin or merged away (one lookup of
 * a large customers row per new customer would cost more than the rest of the
 * comparison).
 */
const newCustomerCount = (db: ReadDb, s: Scope): number => {
  const range = [s.start, s.end];
  if (!s.everyone) {
    return one<{ v: number }>(db, `SELECT count(*) AS v FROM customers c WHERE c.created_at >= ? AND c.created_at < ? AND ${s.where}`, [...range, ...s.params]).v;
  }
  const created = one<{ v: number }>(db, 'SELECT count(*) AS v FROM customers INDEXED BY customers_created WHERE created_at >= ? AND created_at < ?', range).v;
  const gone = one<{ v: number }>(
    db,
    `SELECT count(*) AS v FROM customers c
      WHERE c.rowid IN (SELECT rowid FROM customers WHERE deleted_at IS NOT NULL
                        UNION SELECT c2.rowid FROM customers c2 JOIN customer_merges m ON m.merged_id = c2.id WHERE m.undone_at IS NULL)
        AND c.created_at >= ? AND c.created_at < ?`,
    range,
  ).v;
  return created - gone;
};

const metricsOf = (db: ReadDb, s: Scope, member: (id: string) => boolean): Record<ComparisonMetric, number> => ({
  sales: salesPerCustomer(db, s.period.from, s.period.to).reduce((sum, r) => (member(r.id) ? sum + r.amount : sum), 0),
  newCustomers: newCustomerCount(db, s),
  contacts: one<{ v: number }>(
    db,
    `SELECT count(*) AS v FROM activities a JOIN customers c ON c.id = a.customer_id
      WHERE a.deleted_at IS NULL AND a.occurred_at >= ? AND a.occurred_at < ? AND ${s.where}`,
    [s.start, s.end, ...s.params],
  ).v,
  lostCustomers: one<{ v: number }>(
    db,
    `SELECT count(*) AS v FROM customers c
      WHERE c.status IN ('lost', 'permanently_lost') AND c.lost_at >= ? AND c.lost_at < ? AND ${s.where}`,
    [s.start, s.end, ...s.params],
  ).v,
});

/** This period against the previous one (环比) and the same period last year (同比). */
export const comparisonReport = (db: ReadDb, viewer: Viewer, filter: ReportFilter): ComparisonResult => {
  const s = buildScope(db, viewer, filter);
  const previous = previousPeriod(s.period);
  const lastYear = samePeriodLastYear(s.period);
  const member = scopeMembership(db, s);
  const cur = metricsOf(db, s, member);
  const prev = metricsOf(db, withPeriod(s, previous), member);
  const ly = metricsOf(db, withPeriod(s, lastYear), member);
  const metrics: ComparisonMetric[] = ['sales', 'newCustomers', 'contacts', 'lostCustomers'];
  return {
    period: s.period,
    previous,
    lastYear,
    rows: metrics.map((m) => ({
      metric: m,
      current: cur[m],
      previous: prev[m],
      lastYear: ly[m],
      momChange: cur[m] - prev[m],
      momRate: growthRate(cur[m], prev[m]),
      yoyChange: cur[m] - ly[m],
      yoyRate: growthRate(cur[m], ly[m]),
    })),
  };
};
