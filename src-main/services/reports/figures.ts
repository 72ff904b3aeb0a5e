import type { CustomerGrade, CustomerStatus } from '../../../src-shared/customers/enums';
import type { NamedCustomer } from '../../../src-shared/reports/types';
import type { ReadDb } from '../../db/connection';
import { scopeMembership, userNameMap, type Scope } from './scope';

/** What several reports read alike: the query helpers, the customers' names, and the figures they share. */

export const all = <T>(db: ReadDb, sql: string, params: unknown[]): T[] => db.sqlite.prepare(sql).all(...params) as T[];
export const one = <T>(db: ReadDb, sql: string, params: unknown[]): T => db.sqlite.prepare(sql).get(...params) as T;

/** Names and owners of customers, for the rows a report lists. */
export const namedCustomers = (db: ReadDb, ids: string[]): Map<string, NamedCustomer & { grade: CustomerGrade | null; status: CustomerStatus }> => {
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

/** A listed customer's name and owner, blank when the customer is gone. */
export const pickNamed = (c: NamedCustomer | undefined, id: string): NamedCustomer => ({
  customerId: id,
  name: c?.name ?? '',
  ownerName: c?.ownerName ?? null,
});

/**
 * Sales (fen) per customer for a period, over the orders' covering index
 * (customer_id, order_date, amount): no order row is read. Not yet scoped.
 */
export const salesPerCustomer = (db: ReadDb, from: string, to: string): { id: string; amount: number }[] =>
  all<{ id: string; amount: number }>(
    db,
    `SELECT customer_id AS id, SUM(amount) AS amount FROM orders INDEXED BY orders_customer_date
      WHERE order_date >= ? AND order_date <= ? GROUP BY customer_id`,
    [from, to],
  );

/** Sales (fen) per customer in scope for the period, largest first. */
export const salesByCustomer = (db: ReadDb, s: Scope, member = scopeMembership(db, s)): { id: string; amount: number }[] =>
  salesPerCustomer(db, s.period.from, s.period.to)
    .filter((r) => r.amount > 0 && member(r.id))
    .sort((a, b) => b.amount - a.amount || (a.id < b.id ? -1 : 1));

/** Contact-log entries per customer in the period (visits' own entries left out when `withoutVisits`). */
export const activitiesByCustomer = (db: ReadDb, s: Scope, withoutVisits: boolean): Map<string, number> =>
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

export const visitsByCustomer = (db: ReadDb, s: Scope): Map<string, number> =>
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
