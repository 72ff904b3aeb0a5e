import { customerGrades, type CustomerGrade } from '../../../src-shared/customers/enums';
import { abcThresholds, gradeOf } from '../../../src-shared/orders/logic';
import type { ReportFilter } from '../../../src-shared/reports/schemas';
import type { AbcResult } from '../../../src-shared/reports/types';
import type { ReadDb } from '../../db/connection';
import type { Viewer } from '../customers/access';
import { getOrderRules } from '../orders/rules';
import { activitiesByCustomer, namedCustomers, pickNamed, salesByCustomer, visitsByCustomer } from './figures';
import { buildScope } from './scope';

/**
 * ABC / Pareto (二八法则) over the period's sales: the cumulative share of
 * sales by customer rank, the grade counts under the office's thresholds
 * (the orders rules: A to 80 %, B to 95 % by default, ties share the better
 * grade), the top customers, and the customers whose effort (contacts and
 * visits in the period) is high but whose sales are low.
 */
export const abcReport = (db: ReadDb, viewer: Viewer, filter: ReportFilter): AbcResult => {
  const s = buildScope(db, viewer, filter);
  const rules = getOrderRules(db);
  const sales = salesByCustomer(db, s);
  const t = abcThresholds(
    sales.map((r) => r.amount),
    rules.abcAPercent,
    rules.abcBPercent,
  );
  const total = t.total;
  const n = sales.length;
  const cumulative = new Float64Array(n);
  let run = 0;
  for (let i = 0; i < n; i++) cumulative[i] = run += sales[i]!.amount;

  const curve: AbcResult['curve'] = [{ rank: 0, customerShare: 0, salesShare: 0 }];
  if (n > 0) {
    const steps = Math.min(100, n);
    for (let k = 1; k <= steps; k++) {
      const rank = Math.ceil((k * n) / steps);
      curve.push({ rank, customerShare: rank / n, salesShare: cumulative[rank - 1]! / total });
    }
  }

  const gradeTotals = new Map<CustomerGrade, { count: number; amount: number }>(customerGrades.map((g) => [g, { count: 0, amount: 0 }]));
  const gradeById = new Map<string, CustomerGrade>();
  for (const r of sales) {
    const g = gradeOf(r.amount, t)!;
    gradeById.set(r.id, g);
    const acc = gradeTotals.get(g)!;
    acc.count += 1;
    acc.amount += r.amount;
  }

  // Effort: contacts (without the entries visits made themselves) plus carried-out visits.
  const acts = activitiesByCustomer(db, s, true);
  const visits = visitsByCustomer(db, s);
  const effort = new Map<string, number>();
  for (const [id, k] of acts) effort.set(id, k);
  for (const [id, k] of visits) effort.set(id, (effort.get(id) ?? 0) + k);
  const efforts = [...effort.values()].sort((a, b) => a - b);
  const highEffort = Math.max(3, efforts.length ? efforts[Math.floor(efforts.length * 0.75)]! : 0);
  const amountById = new Map(sales.map((r) => [r.id, r.amount]));
  const lowCandidates = [...effort]
    .filter(([id, e]) => e >= highEffort && (gradeById.get(id) ?? 'C') === 'C')
    .sort((a, b) => b[1] - a[1] || (amountById.get(a[0]) ?? 0) - (amountById.get(b[0]) ?? 0))
    .slice(0, 100);

  const top = sales.slice(0, 100);
  const named = namedCustomers(db, [...top.map((r) => r.id), ...lowCandidates.map(([id]) => id)]);
  return {
    period: s.period,
    total,
    customerCount: n,
    curve,
    grades: customerGrades.map((g) => ({ grade: g, ...gradeTotals.get(g)!, share: total ? gradeTotals.get(g)!.amount / total : 0 })),
    customers: top.map((r, i) => ({
      ...pickNamed(named.get(r.id), r.id),
      rank: i + 1,
      amount: r.amount,
      share: r.amount / total,
      cumulativeShare: cumulative[i]! / total,
      grade: gradeById.get(r.id)!,
    })),
    effortLowSales: lowCandidates.map(([id]) => ({
      ...pickNamed(named.get(id), id),
      activities: acts.get(id) ?? 0,
      visits: visits.get(id) ?? 0,
      amount: amountById.get(id) ?? 0,
      grade: gradeById.get(id) ?? null,
    })),
  };
};
