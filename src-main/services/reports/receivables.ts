import { ageingBucketOn, ageingBuckets, daysBetween as orderDaysBetween } from '../../../src-shared/orders/logic';
import type { ReportFilter } from '../../../src-shared/reports/schemas';
import type { BucketAmounts, ReceivablesResult } from '../../../src-shared/reports/types';
import type { ReadDb } from '../../db/connection';
import { seesEverything, type Viewer } from '../policy/policy';
import { all, namedCustomers, pickNamed } from './figures';
import { buildScope, scopeMembership, userNameMap } from './scope';

type OpenOrder = { id: string; customer_id: string; salesperson_id: string | null; due_date: string; owed: number };

/** Orders dated up to `asOf` with money still owed now, in scope (read from the partial index of open orders alone). */
const openOrders = (db: ReadDb, asOf: string, member: (id: string) => boolean): OpenOrder[] =>
  all<OpenOrder>(
    db,
    `SELECT id, customer_id, salesperson_id, due_date, amount - received AS owed FROM orders INDEXED BY orders_open
      WHERE received < amount AND order_date <= ?`,
    [asOf],
  ).filter((r) => member(r.customer_id));

const emptyBuckets = (): BucketAmounts => Object.fromEntries(ageingBuckets.map((b) => [b, 0])) as BucketAmounts;

/**
 * Receivables (应收账款) with ageing, by customer and by salesperson, as of
 * the period's last day (or today, if the period runs into the future): every
 * order dated up to then with money still owed then — payments received later
 * do not count yet — bucketed by days past its due date.
 */
export const receivablesReport = (db: ReadDb, viewer: Viewer, filter: ReportFilter): ReceivablesResult => {
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
  const bySp = seesEverything(s.viewer) ? null : s.viewer.id;
  const totals = { ...emptyBuckets(), total: 0 };
  const byCustomer = new Map<string, BucketAmounts & { total: number; oldestDue: string }>();
  const bySalesperson = new Map<string | null, BucketAmounts & { total: number; orders: number }>();
  const bucketOf = ageingBucketOn(asOf);
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
