import type { ReportFilter } from '../../../src-shared/reports/schemas';
import type { TopResult } from '../../../src-shared/reports/types';
import type { ReadDb } from '../../db/connection';
import { seesEverything, type Viewer } from '../policy/policy';
import { activitiesByCustomer, all, namedCustomers, pickNamed, salesByCustomer } from './figures';
import { buildScope, scopeMembership, userNameMap, type Scope } from './scope';

/** Salespeople's own rows only, for a salesperson viewer. */
const salesPersonLimit = (s: Scope, column: string): { sql: string; params: unknown[] } =>
  !seesEverything(s.viewer) ? { sql: `AND ${column} = ?`, params: [s.viewer.id] } : { sql: '', params: [] };

export const topReport = (db: ReadDb, viewer: Viewer, filter: ReportFilter, n: number): TopResult => {
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
  const onlySp = seesEverything(s.viewer) ? null : s.viewer.id;
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
