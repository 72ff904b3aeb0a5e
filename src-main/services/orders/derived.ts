import type Database from 'better-sqlite3';
import type { CustomerGrade, CustomerStatus } from '../../../src-shared/customers/enums';
import type { CustomerEventKind } from '../../../src-shared/customers/types';
import {
  abcPeriod,
  abcThresholds,
  gradeOf,
  localIsoDate,
  shiftCut,
  sumAbove,
  walkCut,
  type AmountIndex,
  type Cut,
  medianInterval,
  nextStatus,
  salesLevel,
  type AbcThresholds,
  type OrderRules,
} from '../../../src-shared/orders/logic';
import type { Db, ReadDb, WriteDb } from '../../db/connection';
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

/** Every positive period amount, largest first (index customer_sales_period). */
const PERIOD_AMOUNTS = 'SELECT period_amount FROM customer_sales WHERE period_amount > 0 ORDER BY period_amount DESC';
const GRADE_ROW = 'SELECT customer_id AS customerId, grade, period_amount AS amount FROM customer_sales';
/** SQL: the customer with this id is in the recycle bin (its sales then count in no ABC period). */
const IN_BIN = (id: string): string => `EXISTS (SELECT 1 FROM customers bin WHERE bin.id = ${id} AND bin.deleted_at IS NOT NULL)`;

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
  // A customer in the recycle bin keeps its totals but takes no part in the ABC grading.
  inBin: s.prepare<[string], number>('SELECT 1 FROM customers WHERE id = ? AND deleted_at IS NOT NULL').pluck(),
  setStatus: s.prepare('UPDATE customers SET status = ?, updated_at = ?, updated_by = ? WHERE id = ?'),
  resumPeriod: s.prepare(
    `UPDATE customer_sales SET
       period_amount = CASE WHEN ${IN_BIN('@id')} THEN 0 ELSE
         COALESCE((SELECT SUM(amount) FROM orders o WHERE o.customer_id = @id AND o.order_date BETWEEN @start AND @end), 0) END,
       period_order_count = CASE WHEN ${IN_BIN('@id')} THEN 0 ELSE
         (SELECT COUNT(*) FROM orders o WHERE o.customer_id = @id AND o.order_date BETWEEN @start AND @end) END
     WHERE customer_id = @id`,
  ),
  movedOut: s.prepare<[string, string, string, string], string>(
    `SELECT DISTINCT customer_id FROM orders WHERE (order_date >= ? AND order_date < ?) OR (order_date > ? AND order_date <= ?)`,
  ),
  periodAmounts: s.prepare<[], number>(PERIOD_AMOUNTS),
  // Customers whose stored grade lies outside that grade's amount range: range seeks on customer_sales_grade
  // (grade, period_amount) that return only the customers to change.
  wrongStoredA: s.prepare<[number], GradeRow>(`${GRADE_ROW} WHERE grade = 'A' AND period_amount < ?`),
  wrongStoredBLow: s.prepare<[number], GradeRow>(`${GRADE_ROW} WHERE grade = 'B' AND period_amount < ?`),
  wrongStoredBHigh: s.prepare<[number], GradeRow>(`${GRADE_ROW} WHERE grade = 'B' AND period_amount >= ?`),
  wrongStoredCLow: s.prepare<[], GradeRow>(`${GRADE_ROW} WHERE grade = 'C' AND period_amount <= 0`),
  wrongStoredCHigh: s.prepare<[number], GradeRow>(`${GRADE_ROW} WHERE grade = 'C' AND period_amount >= ?`),
  wrongUngraded: s.prepare<[], GradeRow>(`${GRADE_ROW} WHERE grade IS NULL AND period_amount > 0`),
  // The ordered amounts for walkCut (index customer_sales_period).
  nextAbove: s.prepare<[number], number | null>('SELECT MIN(period_amount) FROM customer_sales WHERE period_amount > ?').pluck(),
  nextBelow: s.prepare<[number], number | null>('SELECT MAX(period_amount) FROM customer_sales WHERE period_amount < ? AND period_amount > 0').pluck(),
  groupSum: s.prepare<[number], number>('SELECT COALESCE(SUM(period_amount), 0) FROM customer_sales WHERE period_amount = ?').pluck(),
  maxAmount: s.prepare<[], number | null>('SELECT MAX(period_amount) FROM customer_sales WHERE period_amount > 0').pluck(),
  periodAmountOf: s.prepare<[string], number>('SELECT period_amount FROM customer_sales WHERE customer_id = ?').pluck(),
  getState: s.prepare<[], StateRow>(
    'SELECT total, min_a AS minA, above_a AS aboveA, min_b AS minB, above_b AS aboveB, a_percent AS aPercent, b_percent AS bPercent FROM abc_state WHERE id = 1',
  ),
  putState: s.prepare(
    `INSERT INTO abc_state (id, total, min_a, above_a, min_b, above_b, a_percent, b_percent, updated_at)
     VALUES (1, @total, @minA, @aboveA, @minB, @aboveB, @aPercent, @bPercent, @now)
     ON CONFLICT(id) DO UPDATE SET total = excluded.total, min_a = excluded.min_a, above_a = excluded.above_a, min_b = excluded.min_b,
       above_b = excluded.above_b, a_percent = excluded.a_percent, b_percent = excluded.b_percent, updated_at = excluded.updated_at`,
  ),
  dropState: s.prepare('DELETE FROM abc_state'),
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
type StateRow = { total: number; minA: number | null; aboveA: number; minB: number | null; aboveB: number; aPercent: number; bPercent: number };
type Statements = ReturnType<typeof statements>;

const cache = new WeakMap<Database.Database, Statements>();
/** The prepared statements, reads and writes, of one connection: only inside a write. */
const stmts = (tx: WriteDb): Statements => {
  let s = cache.get(tx.sqlite);
  if (!s) cache.set(tx.sqlite, (s = statements(tx.sqlite)));
  return s;
};

export const todayOf = (db: ReadDb): string => localIsoDate(db.clock.now());

/** addEvent's row (see insertEvent above). */
const event = (tx: WriteDb, actorId: string | null, customerId: string, kind: CustomerEventKind, data: Record<string, unknown>): void => {
  stmts(tx).insertEvent.run(newId(), customerId, tx.clock.now(), actorId, kind, JSON.stringify(data));
};

const setStatusFromOrders = (tx: WriteDb, actorId: string | null, customerId: string, from: CustomerStatus, to: CustomerStatus): void => {
  stmts(tx).setStatus.run(to, tx.clock.now(), actorId, customerId);
  event(tx, actorId, customerId, 'status_changed', { from, to, winBack: false, via: 'orders' });
};

/**
 * Re-derives one customer's row of customer_sales from its orders and moves
 * its lifecycle status to what the orders say, inside the caller's write.
 */
export const refreshCustomerSales = (tx: WriteDb, actorId: string | null, customerId: string, rules: OrderRules, period: Period): void => {
  const s = stmts(tx);
  const before = s.periodAmountOf.get(customerId) ?? 0;
  const rows = s.customerOrders.all(customerId);
  const dates = rows.map((r) => r.orderDate);
  let total = 0;
  let received = 0;
  let periodAmount = 0;
  let periodCount = 0;
  const graded = !s.inBin.get(customerId);
  for (const r of rows) {
    total += r.amount;
    received += r.received;
    if (graded && r.orderDate >= period.start && r.orderDate <= period.end) {
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
    now: tx.clock.now(),
  });
  noteAmountChange(tx, before, periodAmount);
  const current = s.customerStatus.get(customerId)?.status as CustomerStatus | undefined;
  if (!current) return;
  const to = nextStatus(current, salesLevel(dates, total, rules));
  if (to) setStatusFromOrders(tx, actorId, customerId, current, to);
};

/**
 * Brings period_amount up to the ABC period ending today. The period rolls
 * forward a day at a time, so usually only the customers with orders that
 * left (or entered) the window are re-summed; any other change of the period
 * (a new length in the settings) re-sums everyone.
 */
export const ensureAbcPeriod = (tx: WriteDb, actorId: string | null, rules: OrderRules): Period => {
  const period = abcPeriod(todayOf(tx), rules.abcPeriodMonths);
  const state = getSetting(tx, ABC_STATE_KEY) as Period | undefined;
  if (state && state.start === period.start && state.end === period.end) return period;
  const s = stmts(tx);
  if (state && state.start <= period.start && state.end <= period.end) {
    for (const id of s.movedOut.pluck().all(state.start, period.start, state.end, period.end) as unknown as string[]) {
      const before = s.periodAmountOf.get(id) ?? 0;
      s.resumPeriod.run({ id, ...period });
      noteAmountChange(tx, before, s.periodAmountOf.get(id) ?? 0);
    }
  } else {
    s.dropState.run();
    tx.sqlite
      .prepare(
        `UPDATE customer_sales SET
           period_amount = COALESCE((SELECT SUM(amount) FROM orders o WHERE o.customer_id = customer_sales.customer_id AND o.order_date BETWEEN @start AND @end), 0),
           period_order_count = (SELECT COUNT(*) FROM orders o WHERE o.customer_id = customer_sales.customer_id AND o.order_date BETWEEN @start AND @end)`,
      )
      .run(period);
    zeroBinPeriods(tx);
  }
  writeSetting(tx, actorId, ABC_STATE_KEY, period);
  return period;
};

/** Customers in the recycle bin take no part in the ABC period (through the bin's partial index). */
const zeroBinPeriods = (tx: WriteDb): void => {
  tx.sqlite
    .prepare(
      `UPDATE customer_sales SET period_amount = 0, period_order_count = 0
        WHERE customer_id IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL) AND period_amount <> 0`,
    )
    .run();
};

/** The thresholds from every period amount (one walk over customer_sales_period): the reference and the rebuild path. */
export const currentThresholds = (db: ReadDb, rules: OrderRules): AbcThresholds =>
  abcThresholds(db.sqlite.prepare<[], number>(PERIOD_AMOUNTS).pluck().all(), rules.abcAPercent, rules.abcBPercent);

/** SQLite has no Infinity parameter: a threshold no amount reaches. */
const bound = (n: number): number => (Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER);
const finiteOrNull = (n: number): number | null => (Number.isFinite(n) ? n : null);
const positive = (n: number): number => (n > 0 ? n : 0);

/**
 * Keeps the stored cut points right when one customer's period amount
 * changes (inside the same write). No state yet = nothing to keep: the next
 * grading pass rebuilds it.
 */
const noteAmountChange = (tx: WriteDb, before: number, after: number): void => {
  if (before === after) return;
  const s = stmts(tx);
  const st = s.getState.get();
  if (!st) return;
  const a = shiftCut({ min: st.minA ?? Infinity, above: st.aboveA }, before, after);
  const b = shiftCut({ min: st.minB ?? Infinity, above: st.aboveB }, before, after);
  s.putState.run({
    total: st.total - positive(before) + positive(after),
    minA: st.minA,
    aboveA: a.above,
    minB: st.minB,
    aboveB: b.above,
    aPercent: st.aPercent,
    bPercent: st.bPercent,
    now: tx.clock.now(),
  });
};

/** The amount index walkCut moves over: four index seeks on customer_sales_period. */
const amountIndex = (tx: WriteDb): AmountIndex => {
  const s = stmts(tx);
  return {
    nextAbove: (v) => s.nextAbove.get(v) ?? null,
    nextBelow: (v) => s.nextBelow.get(v) ?? null,
    groupSum: (v) => s.groupSum.get(v) ?? 0,
    max: () => s.maxAmount.get() ?? null,
  };
};

/**
 * The current thresholds: the stored cut points walked to where the changed
 * amounts put them (a few index seeks), or a full rebuild when there is no
 * state, it was computed for other percentages, or the walk would be long.
 */
const thresholds = (tx: WriteDb, rules: OrderRules): AbcThresholds => {
  const s = stmts(tx);
  const st = s.getState.get();
  let a: Cut | null = null;
  let b: Cut | null = null;
  let total = 0;
  if (st && st.aPercent === rules.abcAPercent && st.bPercent === rules.abcBPercent) {
    const idx = amountIndex(tx);
    total = st.total;
    a = walkCut(idx, { min: st.minA ?? Infinity, above: st.aboveA }, rules.abcAPercent, total);
    b = a && walkCut(idx, { min: st.minB ?? Infinity, above: st.aboveB }, rules.abcBPercent, total);
  }
  if (!a || !b) {
    const sorted = s.periodAmounts.pluck().all() as unknown as number[];
    const t = abcThresholds(sorted, rules.abcAPercent, rules.abcBPercent);
    a = { min: t.minA, above: sumAbove(sorted, t.minA) };
    b = { min: t.minB, above: sumAbove(sorted, t.minB) };
    total = t.total;
  }
  s.putState.run({
    total,
    minA: finiteOrNull(a.min),
    aboveA: a.above,
    minB: finiteOrNull(b.min),
    aboveB: b.above,
    aPercent: rules.abcAPercent,
    bPercent: rules.abcBPercent,
    now: tx.clock.now(),
  });
  return { minA: a.min, minB: Math.min(a.min, b.min), total };
};

/** Test and bench hook: the incrementally kept thresholds against a full recomputation (inside a write: it stores the kept ones). */
export const abcStateMatchesFull = (tx: WriteDb, rules: OrderRules): boolean => {
  const kept = thresholds(tx, rules);
  const full = currentThresholds(tx, rules);
  return kept.minA === full.minA && kept.minB === full.minB && kept.total === full.total;
};

/**
 * Recomputes the ABC grades from the per-customer period totals and writes
 * only the customers whose grade changed: customers.grade, the mirror in
 * customer_sales, a grade_history row and a 'grade_changed' event each.
 * Returns how many changed. Cost: a few index seeks plus one per change.
 */
export const recomputeGrades = (tx: WriteDb, actorId: string | null, rules: OrderRules, period: Period): number => {
  const s = stmts(tx);
  const t = thresholds(tx, rules);
  const minA = bound(t.minA);
  const minB = bound(t.minB);
  const wrong = [
    ...s.wrongStoredA.all(minA),
    ...s.wrongStoredBLow.all(minB),
    ...s.wrongStoredBHigh.all(minA),
    ...s.wrongStoredCLow.all(),
    ...s.wrongStoredCHigh.all(minB),
    ...s.wrongUngraded.all(),
  ];
  const now = tx.clock.now();
  const label = `${period.start}..${period.end}`;
  for (const row of wrong) {
    const grade: CustomerGrade | null = gradeOf(row.amount, t);
    if (grade === row.grade) continue;
    s.setCustomerGrade.run(grade, row.customerId);
    s.setSalesGrade.run(grade, row.customerId);
    const share = t.total > 0 ? positive(row.amount) / t.total : 0;
    s.insertHistory.run(newId(), row.customerId, grade, row.grade, now, period.start, period.end, positive(row.amount), share);
    event(tx, actorId, row.customerId, 'grade_changed', { from: row.grade, to: grade, period: label });
  }
  return wrong.length;
};

/**
 * After orders or payments of some customers changed (inside the same write):
 * their figures and statuses, then the grades of everyone whose grade moved.
 */
export const afterOrdersChanged = (tx: WriteDb, actorId: string | null, customerIds: Iterable<string>): void => {
  const rules = getOrderRules(tx);
  const period = ensureAbcPeriod(tx, actorId, rules);
  for (const id of new Set(customerIds)) refreshCustomerSales(tx, actorId, id, rules, period);
  recomputeGrades(tx, actorId, rules, period);
};

/**
 * After customers were merged, un-merged, or moved into or out of the recycle
 * bin (here or through an exchange): those that have orders now, or had
 * figures before, get their totals, status and grade recomputed, inside the
 * write that changed them.
 */
export const afterCustomersChanged = (tx: WriteDb, actorId: string | null, customerIds: Iterable<string>): void => {
  const involved = tx.sqlite
    .prepare<[string, string], number>(
      'SELECT EXISTS (SELECT 1 FROM orders WHERE customer_id = ?) OR EXISTS (SELECT 1 FROM customer_sales WHERE customer_id = ? AND order_count > 0)',
    )
    .pluck();
  const ids = [...new Set(customerIds)].filter((id) => involved.get(id, id));
  if (ids.length) afterOrdersChanged(tx, actorId, ids);
};

/**
 * Rebuilds every customer's figures, status and grade from the orders (after
 * a bulk load, a merge, or a change of the rules), inside the caller's write.
 */
export const recomputeAll = (tx: WriteDb, actorId: string | null): void => {
  const rules = getOrderRules(tx);
  const period = abcPeriod(todayOf(tx), rules.abcPeriodMonths);
  const now = tx.clock.now();
  stmts(tx).dropState.run();
  tx.sqlite
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
  zeroBinPeriods(tx);
  tx.sqlite
    .prepare(
      `UPDATE customer_sales SET order_count = 0, total_amount = 0, received_amount = 0, first_order_on = NULL, last_order_on = NULL,
         interval_days = NULL, period_amount = 0, period_order_count = 0, updated_at = ?
       WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = customer_sales.customer_id)`,
    )
    .run(now);

  // Intervals and statuses: one walk over the orders in (customer, date) order.
  const statusOf = new Map(
    tx.sqlite
      .prepare<[], { id: string; status: string; total: number }>(
        'SELECT c.id, c.status, s.total_amount AS total FROM customer_sales s JOIN customers c ON c.id = s.customer_id',
      )
      .all()
      .map((r) => [r.id, r]),
  );
  const setInterval = tx.sqlite.prepare('UPDATE customer_sales SET interval_days = ? WHERE customer_id = ?');
  const finish = (customerId: string, dates: string[]): void => {
    const interval = medianInterval(dates);
    if (interval !== null) setInterval.run(interval, customerId);
    const c = statusOf.get(customerId);
    if (!c) return;
    statusOf.delete(customerId);
    const to = nextStatus(c.status as CustomerStatus, salesLevel(dates, c.total, rules));
    if (to) setStatusFromOrders(tx, actorId, customerId, c.status as CustomerStatus, to);
  };
  let currentId: string | null = null;
  let dates: string[] = [];
  // .all(): no other statement may run on the connection while an iterator is open.
  const all = tx.sqlite
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

  writeSetting(tx, actorId, ABC_STATE_KEY, period);
  recomputeGrades(tx, actorId, rules, period);
};

/**
 * The rolling ABC period moves a day at a time even when no order changes:
 * when the stored period is not today's, re-sum and re-grade (one write).
 * Cheap when nothing moved (one settings read). The orders module's hourly
 * job (module.ts), which the host also runs after every login; the order
 * channels only read what it keeps.
 */
export const refreshAbcIfStale = (db: Db): boolean => {
  const rules = getOrderRules(db);
  const period = abcPeriod(todayOf(db), rules.abcPeriodMonths);
  const state = getSetting(db, ABC_STATE_KEY) as Period | undefined;
  if (state && state.start === period.start && state.end === period.end) return false;
  // No period yet and no figures to grade (a new workspace): the first order sets the period.
  if (!state && !db.sqlite.prepare('SELECT 1 FROM customer_sales LIMIT 1').get()) return false;
  db.write(null, (tx) => recomputeGrades(tx, null, rules, ensureAbcPeriod(tx, null, rules)));
  return true;
};
