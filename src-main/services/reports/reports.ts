import { customerGrades, type CustomerGrade, type CustomerStatus } from '../../../src-shared/customers/enums';
import {
  abcThresholds,
  addDays as orderAddDays,
  ageingBucket,
  daysBetween as orderDaysBetween,
  gradeOf,
  isChurnRisk,
} from '../../../src-shared/orders/logic';
import { growthRate, localDate, previousPeriod, samePeriodLastYear } from '../../../src-shared/reports/period';
import type { ReportFilter, StatDimension } from '../../../src-shared/reports/schemas';
import {
  funnelStages,
  type AbcResult,
  type AgeingBucket,
  type BucketAmounts,
  type ChurnResult,
  type ComparisonMetric,
  type ComparisonResult,
  type FunnelResult,
  type NamedCustomer,
  type ReceivablesResult,
  type ServiceResult,
  type StatisticsResult,
  type TopResult,
} from '../../../src-shared/reports/types';
import type { Db } from '../../db/connection';
import type { Viewer } from '../customers/access';
import { getOrderRules } from '../orders/rules';
import { buildScope, scopeMembership, userNameMap, withPeriod, type Scope } from './scope';

const all = <T>(db: Db, sql: string, params: unknown[]): T[] => db.sqlite.prepare(sql).all(...params) as T[];
const one = <T>(db: Db, sql: string, params: unknown[]): T => db.sqlite.prepare(sql).get(...params) as T;

/** A local month 'YYYY-MM' of an epoch-ms column, in the machine's time zone (as the period ranges are). */
const monthOf = (column: string): string => `strftime('%Y-%m', ${column} / 1000, 'unixepoch', 'localtime')`;

/** Names and owners of customers, for the rows a report lists. */
const namedCustomers = (db: Db, ids: string[]): Map<string, NamedCustomer & { grade: CustomerGrade | null; status: CustomerStatus }> => {
  const out = new Map<string, NamedCustomer & { grade: CustomerGrade | null; status: CustomerStatus }>();
  const names = userNameMap(db);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = all<{ id: string; name: string; owner_id: string | null; grade: CustomerGrade | null; status: CustomerStatus }>(
      db,
      `SELECT id, name, owner_id, grade, status FROM customers WHERE id IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    for (const r of rows) {
      out.set(r.id, { customerId: r.id, name: r.name, ownerName: r.owner_id ? (names.get(r.owner_id) ?? null) : null, grade: r.grade, status: r.status });
    }
  }
  return out;
};

// ---------------------------------------------------------------- shared figures

/**
 * Sales (fen) per customer for a period, over the orders' covering index
 * (customer_id, order_date, amount): no order row is read. Not yet scoped.
 */
const salesPerCustomer = (db: Db, from: string, to: string): { id: string; amount: number }[] =>
  all<{ id: string; amount: number }>(
    db,
    `SELECT customer_id AS id, SUM(amount) AS amount FROM orders INDEXED BY orders_customer_date
      WHERE order_date >= ? AND order_date <= ? GROUP BY customer_id`,
    [from, to],
  );

/** Sales (fen) per customer in scope for the period, largest first. */
const salesByCustomer = (db: Db, s: Scope, member = scopeMembership(db, s)): { id: string; amount: number }[] =>
  salesPerCustomer(db, s.period.from, s.period.to)
    .filter((r) => r.amount > 0 && member(r.id))
    .sort((a, b) => b.amount - a.amount || (a.id < b.id ? -1 : 1));

/** Contact-log entries per customer in the period (visits' own entries left out when `withoutVisits`). */
const activitiesByCustomer = (db: Db, s: Scope, withoutVisits: boolean): Map<string, number> =>
  new Map(
    all<{ id: string; n: number }>(
      db,
      `SELECT a.customer_id AS id, count(*) AS n
         FROM activities a JOIN customers c ON c.id = a.customer_id
        WHERE a.deleted_at IS NULL AND a.occurred_at >= ? AND a.occurred_at < ? AND ${s.where}
          ${withoutVisits ? "AND (a.source_type IS NULL OR a.source_type <> 'visit')" : ''}
        GROUP BY a.customer_id`,
      [s.start, s.end, ...s.params],
    ).map((r) => [r.id, r.n]),
  );

const visitsByCustomer = (db: Db, s: Scope): Map<string, number> =>
  new Map(
    all<{ id: string; n: number }>(
      db,
      `SELECT v.customer_id AS id, count(*) AS n
         FROM visits v JOIN customers c ON c.id = v.customer_id
        WHERE v.status = 'done' AND v.done_at >= ? AND v.done_at < ? AND ${s.where}
        GROUP BY v.customer_id`,
      [s.start, s.end, ...s.params],
    ).map((r) => [r.id, r.n]),
  );

// ---------------------------------------------------------------- ABC / Pareto

/**
 * ABC / Pareto (二八法则) over the period's sales: the cumulative share of
 * sales by customer rank, the grade counts under the office's thresholds
 * (the orders rules: A to 80 %, B to 95 % by default, ties share the better
 * grade), the top customers, and the customers whose effort (contacts and
 * visits in the period) is high but whose sales are low.
 */
export const abcReport = (db: Db, viewer: Viewer, filter: ReportFilter): AbcResult => {
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

const pickNamed = (c: NamedCustomer | undefined, id: string): NamedCustomer => ({
  customerId: id,
  name: c?.name ?? '',
  ownerName: c?.ownerName ?? null,
});

// ---------------------------------------------------------------- Top N

type OpenOrder = { id: string; customer_id: string; salesperson_id: string | null; due_date: string; owed: number };

/** Orders dated up to `asOf` with money still owed now, in scope (read from the partial index of open orders alone). */
const openOrders = (db: Db, asOf: string, member: (id: string) => boolean): OpenOrder[] =>
  all<OpenOrder>(
    db,
    `SELECT id, customer_id, salesperson_id, due_date, amount - received AS owed FROM orders INDEXED BY orders_open
      WHERE received < amount AND order_date <= ?`,
    [asOf],
  ).filter((r) => member(r.customer_id));

/** Salespeople's own rows only, for a salesperson viewer. */
const salesPersonLimit = (s: Scope, column: string): { sql: string; params: unknown[] } =>
  s.viewer.role === 'sales' ? { sql: `AND ${column} = ?`, params: [s.viewer.id] } : { sql: '', params: [] };

export const topReport = (db: Db, viewer: Viewer, filter: ReportFilter, n: number): TopResult => {
  const s = buildScope(db, viewer, filter);
  const names = userNameMap(db);
  const member = scopeMembership(db, s);
  const sales = salesByCustomer(db, s, member).slice(0, n);
  // Gross receivables now (customer_sales keeps total − received per customer, in the same write as every order change).
  const receivables = all<{ id: string; value: number }>(
    db,
    'SELECT customer_id AS id, total_amount - received_amount AS value FROM customer_sales WHERE total_amount > received_amount',
    [],
  )
    .filter((r) => member(r.id))
    .sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : 1))
    .slice(0, n);
  const contacts = [...activitiesByCustomer(db, s, false)]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n);
  const named = namedCustomers(db, [...sales.map((r) => r.id), ...receivables.map((r) => r.id), ...contacts.map(([id]) => id)]);
  const customer = (id: string, value: number) => ({ ...pickNamed(named.get(id), id), value });
  const ranked = (rows: { id: string | null; value: number }[]) =>
    rows.filter((r): r is { id: string; value: number } => r.id !== null).map((r) => ({ userId: r.id, name: names.get(r.id) ?? '', value: r.value }));

  // Salespeople: the period's orders read once from the date index (it covers salesperson, customer and amount), summed here.
  const spTotals = new Map<string, number>();
  const onlySp = s.viewer.role === 'sales' ? s.viewer.id : null;
  for (const [customerId, sp, amount] of db.sqlite
    .prepare(
      'SELECT customer_id, salesperson_id, amount FROM orders INDEXED BY orders_date WHERE order_date >= ? AND order_date <= ? AND salesperson_id IS NOT NULL',
    )
    .raw()
    .iterate(s.period.from, s.period.to) as Iterable<[string, string, number]>) {
    if ((onlySp && sp !== onlySp) || !member(customerId)) continue;
    spTotals.set(sp, (spTotals.get(sp) ?? 0) + amount);
  }
  const salesBySales = [...spTotals]
    .map(([id, value]) => ({ id, value }))
    .sort((a, b) => b.value - a.value)
    .slice(0, n);
  const salesByNew = all<{ id: string | null; value: number }>(
    db,
    `SELECT c.owner_id AS id, count(*) AS value FROM customers c
      WHERE c.created_at >= ? AND c.created_at < ? AND c.owner_id IS NOT NULL AND ${s.where}
      GROUP BY c.owner_id ORDER BY value DESC LIMIT ?`,
    [s.start, s.end, ...s.params, n],
  );
  const byVisitSp = salesPersonLimit(s, 'v.salesperson_id');
  const salesByVisits = all<{ id: string | null; value: number }>(
    db,
    `SELECT v.salesperson_id AS id, count(*) AS value
       FROM visits v JOIN customers c ON c.id = v.customer_id
      WHERE v.status = 'done' AND v.done_at >= ? AND v.done_at < ? AND ${s.where} ${byVisitSp.sql}
      GROUP BY v.salesperson_id ORDER BY value DESC LIMIT ?`,
    [s.start, s.end, ...s.params, ...byVisitSp.params, n],
  );
  return {
    period: s.period,
    n,
    customersBySales: sales.map((r) => customer(r.id, r.amount)),
    customersByReceivables: receivables.map((r) => customer(r.id, r.value)),
    customersByContacts: contacts.map(([id, k]) => customer(id, k)),
    salesBySales: ranked(salesBySales),
    salesByNewCustomers: ranked(salesByNew),
    salesByVisits: ranked(salesByVisits),
  };
};

// ---------------------------------------------------------------- 同比 / 环比

/**
 * Customers created in the period. For everyone: counted on the created_at
 * index alone, less the few in the recycle bin or merged away (one lookup of
 * a large customers row per new customer would cost more than the rest of the
 * comparison).
 */
const newCustomerCount = (db: Db, s: Scope): number => {
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

const metricsOf = (db: Db, s: Scope, member: (id: string) => boolean): Record<ComparisonMetric, number> => ({
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
export const comparisonReport = (db: Db, viewer: Viewer, filter: ReportFilter): ComparisonResult => {
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

// ---------------------------------------------------------------- customer statistics

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
export const statisticsReport = (db: Db, viewer: Viewer, filter: ReportFilter, dim1: StatDimension, dim2: StatDimension | null): StatisticsResult => {
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

// ---------------------------------------------------------------- churn

/**
 * 流失分析: customers lost in the period by reason, grade and month; and the
 * customers at risk now (the orders rule: no order or contact for longer than
 * churnFactor × their usual purchase interval). The period does not apply to
 * "at risk now".
 */
export const churnReport = (db: Db, viewer: Viewer, filter: ReportFilter): ChurnResult => {
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

// ---------------------------------------------------------------- lifecycle funnel

/**
 * The lifecycle funnel of the customers created in the period (the cohort):
 * how many are at each stage now, how many reached it or a later one, and
 * the conversion from the stage before. Lost customers count in the cohort,
 * not in a stage (their stage before the loss is not recorded reliably).
 */
export const funnelReport = (db: Db, viewer: Viewer, filter: ReportFilter): FunnelResult => {
  const s = buildScope(db, viewer, filter);
  const counts = new Map(
    all<{ status: string; n: number }>(
      db,
      `SELECT c.status AS status, count(*) AS n FROM customers c WHERE c.created_at >= ? AND c.created_at < ? AND ${s.where} GROUP BY c.status`,
      [s.start, s.end, ...s.params],
    ).map((r) => [r.status, r.n]),
  );
  const current = funnelStages.map((st) => counts.get(st) ?? 0);
  const reached = current.map((_, i) => current.slice(i).reduce((a, b) => a + b, 0));
  const lost = (counts.get('lost') ?? 0) + (counts.get('permanently_lost') ?? 0);
  return {
    period: s.period,
    cohort: [...counts.values()].reduce((a, b) => a + b, 0),
    lost,
    stages: funnelStages.map((stage, i) => ({
      stage,
      current: current[i]!,
      reached: reached[i]!,
      rate: i === 0 || reached[i - 1] === 0 ? null : reached[i]! / reached[i - 1]!,
      overall: reached[0] === 0 ? null : reached[i]! / reached[0]!,
    })),
  };
};

// ---------------------------------------------------------------- receivables

const emptyBuckets = (): BucketAmounts => ({ not_due: 0, d1_30: 0, d31_60: 0, d61_90: 0, d90_plus: 0 });

/**
 * Receivables (应收账款) with ageing, by customer and by salesperson, as of
 * the period's last day (or today, if the period runs into the future): every
 * order dated up to then with money still owed then — payments received later
 * do not count yet — bucketed by days past its due date.
 */
export const receivablesReport = (db: Db, viewer: Viewer, filter: ReportFilter): ReceivablesResult => {
  const s = buildScope(db, viewer, filter);
  const asOf = s.period.to < s.today ? s.period.to : s.today;
  // Paid after asOf: still owed as of asOf. Open orders come from the partial index; fully paid ones
  // with a later payment are looked up by id.
  const paidAfter = new Map(
    all<{ id: string; paid: number }>(db, 'SELECT order_id AS id, SUM(amount) AS paid FROM payments WHERE paid_on > ? GROUP BY order_id', [asOf]).map((r) => [
      r.id,
      r.paid,
    ]),
  );
  const member = scopeMembership(db, s);
  const open = openOrders(db, asOf, member);
  const seen = new Set(open.map((r) => r.id));
  const laterPaid = [...paidAfter.keys()].filter((id) => !seen.has(id));
  const closed: OpenOrder[] = [];
  for (let i = 0; i < laterPaid.length; i += 500) {
    const chunk = laterPaid.slice(i, i + 500);
    closed.push(
      ...all<OpenOrder>(
        db,
        `SELECT id, customer_id, salesperson_id, due_date, amount - received AS owed FROM orders
          WHERE id IN (${chunk.map(() => '?').join(', ')}) AND order_date <= ?`,
        [...chunk, asOf],
      ).filter((r) => member(r.customer_id)),
    );
  }
  const bySp = s.viewer.role === 'sales' ? s.viewer.id : null;
  const totals = { ...emptyBuckets(), total: 0 };
  const byCustomer = new Map<string, BucketAmounts & { total: number; oldestDue: string }>();
  const bySalesperson = new Map<string | null, BucketAmounts & { total: number; orders: number }>();
  // ageingBucket by date-string comparison: a due date on or after these days falls in the bucket (tens of
  // thousands of open orders: no date parsing per order).
  const edges: [string, AgeingBucket][] = [
    [asOf, ageingBucket(asOf, asOf)],
    [orderAddDays(asOf, -30), ageingBucket(orderAddDays(asOf, -30), asOf)],
    [orderAddDays(asOf, -60), ageingBucket(orderAddDays(asOf, -60), asOf)],
    [orderAddDays(asOf, -90), ageingBucket(orderAddDays(asOf, -90), asOf)],
  ];
  const bucketOf = (due: string): AgeingBucket => edges.find(([edge]) => due >= edge)?.[1] ?? 'd90_plus';
  for (const r of [...open, ...closed]) {
    const owed = r.owed + (paidAfter.get(r.id) ?? 0);
    if (owed <= 0) continue;
    const bucket = bucketOf(r.due_date);
    totals[bucket] += owed;
    totals.total += owed;
    const c = byCustomer.get(r.customer_id) ?? { ...emptyBuckets(), total: 0, oldestDue: r.due_date };
    c[bucket] += owed;
    c.total += owed;
    if (r.due_date < c.oldestDue) c.oldestDue = r.due_date;
    byCustomer.set(r.customer_id, c);
    if (bySp && r.salesperson_id !== bySp) continue;
    const p = bySalesperson.get(r.salesperson_id) ?? { ...emptyBuckets(), total: 0, orders: 0 };
    p[bucket] += owed;
    p.total += owed;
    p.orders += 1;
    bySalesperson.set(r.salesperson_id, p);
  }
  const topCustomers = [...byCustomer].sort((a, b) => b[1].total - a[1].total || (a[0] < b[0] ? -1 : 1)).slice(0, 200);
  const named = namedCustomers(
    db,
    topCustomers.map(([id]) => id),
  );
  const names = userNameMap(db);
  return {
    period: s.period,
    asOf,
    totals,
    byCustomer: topCustomers.map(([id, { oldestDue, ...v }]) => ({
      ...pickNamed(named.get(id), id),
      ...v,
      maxOverdueDays: Math.max(0, orderDaysBetween(oldestDue, asOf)),
    })),
    bySalesperson: [...bySalesperson]
      .sort((a, b) => b[1].total - a[1].total)
      .map(([id, v]) => ({ userId: id, name: id ? (names.get(id) ?? null) : null, ...v })),
  };
};


// ---------------------------------------------------------------- complaints and satisfaction

const surveyDimensions = ['quality', 'delivery', 'service', 'brand'] as const;

/** Complaints in the period (by status, severity, month) and the satisfaction rate: the share of survey scores that are 4 or 5. */
export const serviceReport = (db: Db, viewer: Viewer, filter: ReportFilter): ServiceResult => {
  const s = buildScope(db, viewer, filter);
  const where = `a.deleted_at IS NULL AND a.complaint = 1 AND a.occurred_at >= ? AND a.occurred_at < ? AND ${s.where}`;
  const params = [s.start, s.end, ...s.params];
  const from = 'FROM activities a JOIN customers c ON c.id = a.customer_id';
  const byStatus = all<{ status: string; count: number }>(
    db,
    `SELECT COALESCE(a.complaint_status, 'open') AS status, count(*) AS count ${from} WHERE ${where} GROUP BY status ORDER BY count DESC`,
    params,
  );
  const bySeverity = all<{ severity: string; count: number }>(
    db,
    `SELECT COALESCE(a.severity, 'medium') AS severity, count(*) AS count ${from} WHERE ${where} GROUP BY severity ORDER BY count DESC`,
    params,
  );
  const byMonth = all<{ month: string; count: number }>(
    db,
    `SELECT ${monthOf('a.occurred_at')} AS month, count(*) AS count ${from} WHERE ${where} GROUP BY month ORDER BY month`,
    params,
  );
  const sums = surveyDimensions.map((d) => `SUM(CASE WHEN ss.${d} >= 4 THEN 1 ELSE 0 END) AS ${d}_ok, AVG(ss.${d}) AS ${d}_avg`).join(', ');
  const survey = one<Record<string, number | null>>(
    db,
    `SELECT count(*) AS n, ${sums} FROM satisfaction_surveys ss JOIN customers c ON c.id = ss.customer_id
      WHERE ss.deleted_at IS NULL AND ss.surveyed_at >= ? AND ss.surveyed_at < ? AND ${s.where}`,
    [s.start, s.end, ...s.params],
  );
  const n = survey.n ?? 0;
  const byDimension = surveyDimensions.map((d) => {
    const ok = survey[`${d}_ok`] ?? 0;
    return { dimension: d, scores: n, satisfied: ok, rate: n ? ok / n : null, average: n ? (survey[`${d}_avg`] ?? null) : null };
  });
  const satisfied = byDimension.reduce((a, d) => a + d.satisfied, 0);
  const scores = n * surveyDimensions.length;
  return {
    period: s.period,
    complaints: { total: byStatus.reduce((a, r) => a + r.count, 0), byStatus, bySeverity, byMonth },
    satisfaction: { surveys: n, scores, satisfied, rate: scores ? satisfied / scores : null, byDimension },
  };
};

/** Industries present among the live customers the viewer may report on (for the filter). */
export const reportOptions = (db: Db, viewer: Viewer): { industries: string[] } => {
  const own = viewer.role === 'sales';
  const rows = all<{ industry: string }>(
    db,
    `SELECT DISTINCT industry FROM customers c WHERE c.deleted_at IS NULL AND c.merged_into IS NULL AND industry IS NOT NULL AND industry <> ''
      ${own ? 'AND c.owner_id = ?' : ''} ORDER BY industry LIMIT 500`,
    own ? [viewer.id] : [],
  );
  return { industries: rows.map((r) => r.industry) };
};
