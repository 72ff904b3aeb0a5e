import type { CustomerGrade, CustomerStatus } from '../../../src-shared/customers/enums';
import { daysBetween as orderDaysBetween, isChurnRisk } from '../../../src-shared/orders/logic';
import { localDate } from '../../../src-shared/reports/period';
import type { ReportFilter } from '../../../src-shared/reports/schemas';
import type { ChurnResult } from '../../../src-shared/reports/types';
import type { ReadDb } from '../../db/connection';
import type { Viewer } from '../customers/access';
import { getOrderRules } from '../orders/rules';
import { all } from './figures';
import { buildScope, userNameMap } from './scope';

/**
 * 流失分析: customers lost in the period by reason, grade and month; and the
 * customers at risk now (the orders rule: no order or contact for longer than
 * churnFactor × their usual purchase interval). The period does not apply to
 * "at risk now".
 */
export const churnReport = (db: ReadDb, viewer: Viewer, filter: ReportFilter): ChurnResult => {
  const s = buildScope(db, viewer, filter);
  // The lost customers of the period, read once (through the status index) and grouped here.
  const lost = all<{ reason: string | null; grade: CustomerGrade | null; lost_at: number }>(
    db,
    `SELECT c.lost_reason AS reason, c.grade AS grade, c.lost_at FROM customers c
      WHERE c.status IN ('lost', 'permanently_lost') AND c.lost_at >= ? AND c.lost_at < ? AND ${s.where}`,
    [s.start, s.end, ...s.params],
  );
  const countBy = <K>(key: (r: (typeof lost)[number]) => K): Map<K, number> => {
    const m = new Map<K, number>();
    for (const r of lost) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return m;
  };
  const byReason = [...countBy((r) => r.reason)]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || String(a.reason ?? '').localeCompare(String(b.reason ?? ''), 'zh-CN'));
  const byGrade = [...countBy((r) => r.grade)]
    .map(([grade, count]) => ({ grade, count }))
    .sort((a, b) => (a.grade === null ? 1 : b.grade === null ? -1 : a.grade < b.grade ? -1 : 1));
  const byMonth = [...countBy((r) => localDate(r.lost_at).slice(0, 7))].map(([month, count]) => ({ month, count })).sort((a, b) => (a.month < b.month ? -1 : 1));
  const factor = getOrderRules(db).churnFactor;
  // At risk (the orders rule, isChurnRisk): silent since the later of the last order and the last contact for
  // longer than factor × the usual interval. The order silence alone is a necessary condition, tested on the
  // compact customer_sales rows before any customer row is read.
  const names = userNameMap(db);
  const candidates = all<{
    id: string;
    name: string;
    owner_id: string | null;
    status: CustomerStatus;
    grade: CustomerGrade | null;
    last_order_on: string;
    interval_days: number;
    last_contact_at: number | null;
  }>(
    db,
    `SELECT c.id, c.name, c.owner_id, c.status, c.grade, cs.last_order_on, cs.interval_days, c.last_contact_at
       FROM customer_sales cs JOIN customers c ON c.id = cs.customer_id
      WHERE cs.interval_days IS NOT NULL AND cs.last_order_on IS NOT NULL
        AND julianday(?) - julianday(cs.last_order_on) > ? * cs.interval_days
        AND c.status NOT IN ('lost', 'permanently_lost') AND ${s.where}`,
    [s.today, factor, ...s.params],
  );
  const risky = candidates
    .map((r) => {
      const lastContactOn = r.last_contact_at === null ? null : localDate(r.last_contact_at);
      const last = lastContactOn && lastContactOn > r.last_order_on ? lastContactOn : r.last_order_on;
      return { r, lastContactOn, daysSilent: orderDaysBetween(last, s.today) };
    })
    .filter((x) => isChurnRisk(x.r.interval_days, x.r.last_order_on, x.lastContactOn, s.today, factor));
  const gradeRank = (g: CustomerGrade | null) => (g === null ? 9 : g.charCodeAt(0));
  risky.sort((a, b) => gradeRank(a.r.grade) - gradeRank(b.r.grade) || b.daysSilent / b.r.interval_days - a.daysSilent / a.r.interval_days);
  const atRiskTotal = risky.length;
  const atRisk = risky.slice(0, 200).map(({ r, lastContactOn, daysSilent }) => ({
    customerId: r.id,
    name: r.name,
    ownerName: r.owner_id ? (names.get(r.owner_id) ?? null) : null,
    status: r.status,
    grade: r.grade,
    lastOrderOn: r.last_order_on,
    lastContactOn,
    intervalDays: Math.round(r.interval_days),
    daysSilent,
  }));
  return { period: s.period, lostTotal: byReason.reduce((a, r) => a + r.count, 0), byReason, byGrade, byMonth, atRisk, atRiskTotal, churnFactor: factor };
};
