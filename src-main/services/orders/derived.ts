import type Database from 'better-sqlite3';
import type { CustomerGrade, CustomerStatus } from '../../../src-shared/customers/enums';
import type { CustomerEventKind } from '../../../src-shared/customers/types';
import {
  abcPeriod,
  abcThresholds,
  localIsoDate,
  medianInterval,
  nextStatus,
  salesLevel,
  type AbcThresholds,
  type OrderRules,
} from '../../../src-shared/orders/logic';
import type { Db } from '../../db/connection';
import { newId } from '../ids';
import { getSetting, writeSetting } from '../settings/settings';
import { getOrderRules } from './rules';

/**
 * The derived per-customer sales figures (customer_sales), the lifecycle
 * status they imply and the ABC grades, kept right inside the transaction of
 * every order or payment change. Raw prepared statements: the ABC pass runs
 * after every order and must stay in the tens of milliseconds at 100,000
 * customers (bench/orders-abc.ts).
 */

/** Setting: the ABC period customer_sales.period_* were summed for. */
export const ABC_STATE_KEY = 'orders.abcState';
export type Period = { start: string; end: string };

const statements = (s: Database.Database) => ({
  customerOrders: s.prepare<[string], { orderDate: string; amount: number; received: number }>(
    'SELECT order_date AS orderDate, amount, received FROM orders WHERE customer_id = ? ORDER BY order_date',
  ),
  upsertSales: s.prepare(
    `INSERT INTO customer_sales (customer_id, order_count, total_amount, received_amount, first_order_on, last_order_on,
       interval_days, period_amount, period_order_count, grade, updated_at)
     VALUES (@customerId, @orderCount, @totalAmount, @receivedAmount, @firstOrderOn, @lastOrderOn, @intervalDays,
       @periodAmount, @periodOrderCount, NULL, @now)
     ON CONFLICT(customer_id) DO UPDATE SET order_count = excluded.order_count, total_amount = excluded.total_amount,
       received_amount = excluded.received_amount, first_order_on = excluded.first_order_on,
       last_order_on = excluded.last_order_on, interval_days = excluded.interval_days,
       period_amount = excluded.period_amount, period_order_count = excluded.period_order_count, updated_at = excluded.updated_at`,
  ),
  customerStatus: s.prepare<[string], { status: string }>('SELECT status FROM customers WHERE id = ?'),
  setStatus: s.prepare('UPDATE customers SET status = ?, updated_at = ?, updated_by = ? WHERE id = ?'),
  resumPeriod: s.prepare(
    `UPDATE customer_sales SET
       period_amount = COALESCE((SELECT SUM(amount) FROM orders o WHERE o.customer_id = @id AND o.order_date BETWEEN @start AND @end), 0),
       period_order_count = (SELECT COUNT(*) FROM orders o WHERE o.customer_id = @id AND o.order_date BETWEEN @start AND @end)
     WHERE customer_id = @id`,
  ),
  movedOut: s.prepare<[string, string, string, string], string>(
    `SELECT DISTINCT customer_id FROM orders WHERE (order_date >= ? AND order_date < ?) OR (order_date > ? AND order_date <= ?)`,
  ),
  periodAmounts: s.prepare<[], number>('SELECT period_amount FROM customer_sales WHERE period_amount > 0 ORDER BY period_amount DESC'),
  // Customers whose stored grade differs from what the thresholds give: four range scans of customer_sales_period.
  wrongA: s.prepare<[number], GradeRow>(
    `SELECT customer_id AS customerId, grade, period_amount AS amount FROM customer_sales WHERE period_amount >= ? AND grade IS NOT 'A'`,
  ),
  wrongB: s.prepare<[number, number], GradeRow>(
    `SELECT customer_id AS customerId, grade, period_amount AS amount FROM customer_sales
     WHERE period_amount >= ? AND period_amount < ? AND grade IS NOT 'B'`,
  ),
  wrongC: s.prepare<[number], GradeRow>(
    `SELECT customer_id AS customerId, grade, period_amount AS amount FROM customer_sales
     WHERE period_amount > 0 AND period_amount < ? AND grade IS NOT 'C'`,
  ),
  wrongNone: s.prepare<[], GradeRow>(
    `SELECT customer_id AS customerId, grade, period_amount AS amount FROM customer_sales WHERE period_amount <= 0 AND grade IS NOT NULL`,
  ),
  setCustomerGrade: s.prepare('UPDATE customers SET grade = ? WHERE id = ?'),
  setSalesGrade: s.prepare('UPDATE customer_sales SET grade = ? WHERE customer_id = ?'),
  // The same row addEvent (services/customers/events.ts) writes, as a prepared statement: drizzle's
  // query building costs ~0.3 ms an event, which a full re-grade of 60,000 customers cannot afford.
  insertEvent: s.prepare('INSERT INTO customer_events (id, customer_id, at, actor_id, kind, data) VALUES (?, ?, ?, ?, ?, ?)'),
  insertHistory: s.prepare(
    `INSERT INTO grade_history (id, customer_id, grade, from_grade, at, period_start, period_end, period_amount, share)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
});
type GradeRow = { customerId: string; grade: string | null; amount: number };
type Statements = ReturnType<typeof statements>;

const cache = new WeakMap<Database.Database, Statements>();
const stmts = (db: Db): Statements => {
  let s = cache.get(db.sqlite);
  if (!s) cache.set(db.sqlite, (s = statements(db.sqlite)));
  return s;
};

export const todayOf = (db: Db): string => localIsoDate(db.clock.now());

/** addEvent's row (see insertEvent above). */
const event = (db: Db, actorId: string | null, customerId: string, kind: CustomerEventKind, data: Record<string, unknown>): void => {
  stmts(db).insertEvent.run(newId(), customerId, db.clock.now(), actorId, kind, JSON.stringify(data));
};

const setStatusFromOrders = (db: Db, actorId: string | null, customerId: string, from: CustomerStatus, to: CustomerStatus): void => {
  stmts(db).setStatus.run(to, db.clock.now(), actorId, customerId);
  event(db, actorId, customerId, 'status_changed', { from, to, winBack: false, via: 'orders' });
};

/**
 * Re-derives one customer's row of customer_sales from its orders and moves
 * its lifecycle status to what the orders say. Call inside a write.
 */
export const refreshCustomerSales = (db: Db, actorId: string | null, customerId: string, rules: OrderRules, period: Period): void => {
  const s = stmts(db);
  const rows = s.customerOrders.all(customerId);
  const dates = rows.map((r) => r.orderDate);
  let total = 0;
  let received = 0;
  let periodAmount = 0;
  let periodCount = 0;
  for (const r of rows) {
    total += r.amount;
    received += r.received;
    if (r.orderDate >= period.start && r.orderDate <= period.end) {
      periodAmount += r.amount;
      periodCount++;
    }
  }
  s.upsertSales.run({
    customerId,
    orderCount: rows.length,
    totalAmount: total,
    receivedAmount: received,
    firstOrderOn: dates[0] ?? null,
    lastOrderOn: dates[dates.length - 1] ?? null,
    intervalDays: medianInterval(dates),
    periodAmount,
    periodOrderCount: periodCount,
    now: db.clock.now(),
  });
  const current = s.customerStatus.get(customerId)?.status as CustomerStatus | undefined;
  if (!current) return;
  const to = nextStatus(current, salesLevel(dates, total, rules));
  if (to) setStatusFromOrders(db, actorId, customerId, current, to);
};

/**
 * Brings period_amount up to the ABC period ending today. The period rolls
 * forward a day at a time, so usually only the customers with orders that
 * left (or entered) the window are re-summed; any other change of the period
 * (a new length in the settings) re-sums everyone.
 */
export const ensureAbcPeriod = (db: Db, actorId: string | null, rules: OrderRules): Period => {
  const period = abcPeriod(todayOf(db), rules.abcPeriodMonths);
  const state = getSetting(db, ABC_STATE_KEY) as Period | undefined;
  if (state && state.start === period.start && state.end === period.end) return period;
  const s = stmts(db);
  if (state && state.start <= period.start && state.end <= period.end) {
    for (const id of s.movedOut.pluck().all(state.start, period.start, state.end, period.end)) s.resumPeriod.run({ id, ...period });
  } else {
    db.sqlite
      .prepare(
        `UPDATE customer_sales SET
           period_amount = COALESCE((SELECT SUM(amount) FROM orders o WHERE o.customer_id = customer_sales.customer_id AND o.order_date BETWEEN @start AND @end), 0),
           period_order_count = (SELECT COUNT(*) FROM orders o WHERE o.customer_id = customer_sales.customer_id AND o.order_date BETWEEN @start AND @end)`,
      )
      .run(period);
  }
  writeSetting(db, actorId, ABC_STATE_KEY, period);
  return period;
};

/** The thresholds over the current period amounts (one index walk over customer_sales_period). */
export const currentThresholds = (db: Db, rules: OrderRules): AbcThresholds =>
  abcThresholds(stmts(db).periodAmounts.pluck().all() as unknown as number[], rules.abcAPercent, rules.abcBPercent);

/** SQLite has no Infinity parameter: a threshold no amount reaches. */
const bound = (n: number): number => (Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER);

/**
 * Recomputes the ABC grades from the per-customer period totals and writes
 * only the customers whose grade changed: customers.grade, the mirror in
 * customer_sales, a grade_history row and a 'grade_changed' event each.
 * Returns how many changed.
 */
export const recomputeGrades = (db: Db, actorId: string | null, rules: OrderRules, period: Period): number => {
  const s = stmts(db);
  const t = currentThresholds(db, rules);
  const minA = bound(t.minA);
  const minB = bound(t.minB);
  const changes: [GradeRow, CustomerGrade | null][] = [
    ...s.wrongA.all(minA).map((r): [GradeRow, CustomerGrade] => [r, 'A']),
    ...s.wrongB.all(minB, minA).map((r): [GradeRow, CustomerGrade] => [r, 'B']),
    ...s.wrongC.all(minB).map((r): [GradeRow, CustomerGrade] => [r, 'C']),
    ...s.wrongNone.all().map((r): [GradeRow, null] => [r, null]),
  ];
  const now = db.clock.now();
  const label = `${period.start}..${period.end}`;
  for (const [row, grade] of changes) {
    s.setCustomerGrade.run(grade, row.customerId);
    s.setSalesGrade.run(grade, row.customerId);
    const share = t.total > 0 ? row.amount / t.total : 0;
    s.insertHistory.run(newId(), row.customerId, grade, row.grade, now, period.start, period.end, Math.max(0, row.amount), share);
    event(db, actorId, row.customerId, 'grade_changed', { from: row.grade, to: grade, period: label });
  }
  return changes.length;
};

/**
 * After orders or payments of some customers changed (inside the same write):
 * their figures and statuses, then the grades of everyone whose grade moved.
 */
export const afterOrdersChanged = (db: Db, actorId: string | null, customerIds: Iterable<string>): void => {
  const rules = getOrderRules(db);
  const period = ensureAbcPeriod(db, actorId, rules);
  for (const id of new Set(customerIds)) refreshCustomerSales(db, actorId, id, rules, period);
  recomputeGrades(db, actorId, rules, period);
};

/**
 * Rebuilds every customer's figures, status and grade from the orders (after
 * a bulk load, a merge, or a change of the rules). Call inside a write.
 */
export const recomputeAll = (db: Db, actorId: string | null): void => {
  const rules = getOrderRules(db);
  const period = abcPeriod(todayOf(db), rules.abcPeriodMonths);
  const now = db.clock.now();
  db.sqlite
    .prepare(
      `INSERT INTO customer_sales (customer_id, order_count, total_amount, received_amount, first_order_on, last_order_on,
         interval_days, period_amount, period_order_count, grade, updated_at)
       SELECT customer_id, COUNT(*), SUM(amount), SUM(received), MIN(order_date), MAX(order_date), NULL,
         SUM(CASE WHEN order_date BETWEEN @start AND @end THEN amount ELSE 0 END),
         SUM(CASE WHEN order_date BETWEEN @start AND @end THEN 1 ELSE 0 END), NULL, @now
       FROM orders WHERE true GROUP BY customer_id
       ON CONFLICT(customer_id) DO UPDATE SET order_count = excluded.order_count, total_amount = excluded.total_amount,
         received_amount = excluded.received_amount, first_order_on = excluded.first_order_on,
         last_order_on = excluded.last_order_on, period_amount = excluded.period_amount,
         period_order_count = excluded.period_order_count, updated_at = excluded.updated_at`,
    )
    .run({ ...period, now });
  db.sqlite
    .prepare(
      `UPDATE customer_sales SET order_count = 0, total_amount = 0, received_amount = 0, first_order_on = NULL, last_order_on = NULL,
         interval_days = NULL, period_amount = 0, period_order_count = 0, updated_at = ?
       WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = customer_sales.customer_id)`,
    )
    .run(now);

  // Intervals and statuses: one walk over the orders in (customer, date) order.
  const statusOf = new Map(
    db.sqlite
      .prepare<[], { id: string; status: string; total: number }>(
        'SELECT c.id, c.status, s.total_amount AS total FROM customer_sales s JOIN customers c ON c.id = s.customer_id',
      )
      .all()
      .map((r) => [r.id, r]),
  );
  const setInterval = db.sqlite.prepare('UPDATE customer_sales SET interval_days = ? WHERE customer_id = ?');
  const finish = (customerId: string, dates: string[]): void => {
    const interval = medianInterval(dates);
    if (interval !== null) setInterval.run(interval, customerId);
    const c = statusOf.get(customerId);
    if (!c) return;
    statusOf.delete(customerId);
    const to = nextStatus(c.status as CustomerStatus, salesLevel(dates, c.total, rules));
    if (to) setStatusFromOrders(db, actorId, customerId, c.status as CustomerStatus, to);
  };
  let currentId: string | null = null;
  let dates: string[] = [];
  // .all(): no other statement may run on the connection while an iterator is open.
  const all = db.sqlite
    .prepare<[], { customerId: string; orderDate: string }>('SELECT customer_id AS customerId, order_date AS orderDate FROM orders ORDER BY customer_id, order_date')
    .all();
  for (const r of all) {
    if (r.customerId !== currentId) {
      if (currentId !== null) finish(currentId, dates);
      currentId = r.customerId;
      dates = [];
    }
    dates.push(r.orderDate);
  }
  if (currentId !== null) finish(currentId, dates);
  // Rows left: customers whose orders were all removed.
  for (const id of [...statusOf.keys()]) finish(id, []);

  writeSetting(db, actorId, ABC_STATE_KEY, period);
  recomputeGrades(db, actorId, rules, period);
};

/**
 * The rolling ABC period moves a day at a time even when no order changes:
 * when the stored period is not today's, re-sum and re-grade (one write).
 * Cheap when nothing moved (one settings read). The order channels call it
 * before reading; the shell may also call it at start and hourly.
 */
export const refreshAbcIfStale = (db: Db): boolean => {
  const rules = getOrderRules(db);
  const period = abcPeriod(todayOf(db), rules.abcPeriodMonths);
  const state = getSetting(db, ABC_STATE_KEY) as Period | undefined;
  if (state && state.start === period.start && state.end === period.end) return false;
  db.write(null, () => recomputeGrades(db, null, rules, ensureAbcPeriod(db, null, rules)));
  return true;
};
