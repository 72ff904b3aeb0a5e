import { lineAmount, productKey } from '../../../src-shared/orders/logic';
import { auditTriggerSql, installAuditTriggers } from '../../db/audit';
import type { Db } from '../../db/connection';
import { orderLines, orders, payments } from '../../db/schema';
import { newId } from '../ids';
import { recomputeAll } from './derived';

export type BulkOrder = {
  customerId: string;
  orderDate: string;
  contractNo?: string;
  salespersonId: string | null;
  dueDate: string;
  notes?: string | null;
  /** unitPrice in fen. */
  lines: { product: string; quantity: number; unitPrice: number }[];
  /** amount in fen; their sum must not exceed the order amount. */
  payments?: { paidOn: string; amount: number }[];
};

/**
 * Loads many orders fast (demo seeding, benchmarks): prepared statements in
 * one transaction, no per-order derivation, then one recomputeAll. With
 * `skipChangeLog` the change-log triggers of the three tables are dropped for
 * the load and re-created after it (in the same transaction), so a
 * million-line load does not write a million change-log rows: only for data
 * nobody needs the history of. The caller vouches for the input (no zod, no
 * ownership checks): never reachable from a channel.
 */
export const bulkInsertOrders = (
  db: Db,
  actorId: string | null,
  list: Iterable<BulkOrder>,
  options: { skipChangeLog?: boolean; recompute?: boolean } = {},
): { orders: number; lines: number; payments: number } => {
  const counts = { orders: 0, lines: 0, payments: 0 };
  db.write(actorId, (tx) => {
    const tables = [orders, orderLines, payments];
    if (options.skipChangeLog) for (const t of tables) for (const stmt of auditTriggerSql(t).slice(0, 3)) tx.sqlite.exec(stmt);
    const now = tx.clock.now();
    const insOrder = tx.sqlite.prepare(
      `INSERT INTO orders (id, created_at, created_by, updated_at, updated_by, customer_id, order_date, contract_no, salesperson_id,
         amount, received, due_date, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insLine = tx.sqlite.prepare(
      'INSERT INTO order_lines (id, order_id, line_no, product, product_key, quantity, unit_price, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insPayment = tx.sqlite.prepare(
      `INSERT INTO payments (id, created_at, created_by, updated_at, updated_by, order_id, customer_id, paid_on, amount, notes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    );
    const keys = new Map<string, string>();
    for (const o of list) {
      const id = newId();
      const amounts = o.lines.map((l) => lineAmount(l.quantity, l.unitPrice));
      const amount = amounts.reduce((a, b) => a + b, 0);
      const received = (o.payments ?? []).reduce((a, p) => a + p.amount, 0);
      if (received > amount) throw new Error(`bulk order for ${o.customerId} on ${o.orderDate}: payments exceed the amount`);
      insOrder.run(id, now, actorId, now, actorId, o.customerId, o.orderDate, o.contractNo ?? '', o.salespersonId, amount, received, o.dueDate, o.notes ?? null);
      o.lines.forEach((l, i) => {
        let key = keys.get(l.product);
        if (key === undefined) keys.set(l.product, (key = productKey(l.product)));
        insLine.run(newId(), id, i + 1, l.product, key, l.quantity, l.unitPrice, amounts[i]);
      });
      for (const p of o.payments ?? []) insPayment.run(newId(), now, actorId, now, actorId, id, o.customerId, p.paidOn, p.amount);
      counts.orders++;
      counts.lines += o.lines.length;
      counts.payments += o.payments?.length ?? 0;
    }
    if (options.skipChangeLog) installAuditTriggers(tx.sqlite, tables);
    if (options.recompute !== false) recomputeAll(tx, actorId);
  });
  return counts;
};
