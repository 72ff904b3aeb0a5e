import type { ReadDb, WriteDb } from '../../db/connection';
import { orderTables } from '../../db/tables/orders';
import type { ServiceModule } from '../module';
import { orderHandlers } from './handlers';
import { afterCustomersChanged, afterOrdersChanged, refreshAbcIfStale } from './derived';

/**
 * The customers whose sales figures an exchange import touched: of orders, lines and payments that
 * arrived, changed or were deleted (a deleted row's customer comes from its last change-log entry).
 */
const customersOf = (db: ReadDb, table: 'orders' | 'order_lines' | 'payments', ids: string[]): string[] => {
  const out = new Set<string>();
  // Named parameters: better-sqlite3 does not bind numbered ones (?1) from positional values.
  const orderStatement = db.sqlite.prepare<[{ id: string }], { c: string | null }>(
    `SELECT coalesce((SELECT customer_id FROM orders WHERE id = @id),
       (SELECT json_extract(coalesce(after, before), '$.customer_id') FROM change_log WHERE table_name = 'orders' AND record_id = @id ORDER BY id DESC LIMIT 1)) AS c`,
  );
  const ownStatement = db.sqlite.prepare<[{ id: string; path: string }], { c: string | null }>(
    `SELECT json_extract(coalesce(after, before), @path) AS c FROM change_log WHERE table_name = '${table}' AND record_id = @id ORDER BY id DESC LIMIT 1`,
  );
  const orderCustomer = { get: (id: string) => orderStatement.get({ id }) };
  const own = { get: (id: string, path: string) => ownStatement.get({ id, path }) };
  for (const id of ids) {
    const c =
      table === 'orders'
        ? orderCustomer.get(id)?.c
        : table === 'payments'
          ? own.get(id, '$.customer_id')?.c
          : (() => {
              const orderId = own.get(id, '$.order_id')?.c;
              return orderId ? orderCustomer.get(orderId)?.c : null;
            })();
    if (c) out.add(c);
  }
  return [...out];
};

const recomputeAfterImport =
  (table: 'orders' | 'order_lines' | 'payments') =>
  (tx: WriteDb, actorId: string, ids: string[]): void =>
    afterOrdersChanged(tx, actorId, customersOf(tx, table, ids));

/** Orders, lines and payments: what a customer bought and paid; the derived sales figures and ABC grades. */
export const ordersModule: ServiceModule = {
  name: 'orders',
  handlers: orderHandlers,
  tables: orderTables,
  hooks: {
    // The derived tables (customer_sales, abc_state, grade_history) are recomputed on each PC.
    customersChanged: afterCustomersChanged,
    afterExchangeImport: {
      orders: recomputeAfterImport('orders'),
      order_lines: recomputeAfterImport('order_lines'),
      payments: recomputeAfterImport('payments'),
    },
    // Orders and payments are financial records: a customer that has any is never purged (delete the orders first).
    blocksPurge: (sqlite, customerId) => (sqlite.prepare('SELECT 1 FROM orders WHERE customer_id = ? LIMIT 1').get(customerId) ? 'HAS_ORDERS' : null),
    purge: (sqlite, customerId) => {
      sqlite.prepare('DELETE FROM customer_sales WHERE customer_id = ?').run(customerId);
      sqlite.prepare('DELETE FROM grade_history WHERE customer_id = ?').run(customerId);
    },
  },
  jobs: [
    // The ABC grading period moves with the calendar (the order channels only read the grades it keeps): hourly, and after every login (host.ts).
    { name: 'abc-period-roll', every: 'hourly', run: (db) => void refreshAbcIfStale(db) },
  ],
};
