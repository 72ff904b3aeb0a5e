import { ageingBucket, ageingBuckets, ageingDueRange, localIsoDate, overdueDays } from '../../../src-shared/orders/logic';
import type { ReceivableFilter } from '../../../src-shared/orders/schemas';
import type { AgeingSummary, ReceivablePage, ReceivableRow } from '../../../src-shared/orders/types';
import type { ReadDb } from '../../db/connection';
import { seesEverything, type Viewer } from '../policy/policy';
import { userNames } from '../customers/events';
import { ordersOfSql } from './orders';

const whereOf = (viewer: Viewer, f: ReceivableFilter, today: string) => {
  const c = ['o.received < o.amount'];
  const params: Record<string, string> = {};
  // On the orders' own columns (no join), walking orders_open (open orders only; it covers due date, customer,
  // salesperson, amount and received), so the visibility check costs no table reads.
  if (!seesEverything(viewer)) {
    c.push(ordersOfSql('me', true));
    params.me = viewer.id;
  }
  if (f.ownerId) {
    c.push(ordersOfSql('owner', true));
    params.owner = f.ownerId;
  }
  if (f.customerId) {
    c.push('+o.customer_id = @customer');
    params.customer = f.customerId;
  }
  if (f.bucket) {
    const r = ageingDueRange(f.bucket, today);
    if (r.from) {
      c.push('o.due_date >= @dueFrom');
      params.dueFrom = r.from;
    }
    if (r.to) {
      c.push('o.due_date <= @dueTo');
      params.dueTo = r.to;
    }
  }
  return { sql: `WHERE ${c.join(' AND ')}`, params };
};

/**
 * Open receivables (应收账款): orders with something outstanding, most
 * overdue first, with the ageing summary of the same filter (without its
 * bucket, so the summary always shows all five buckets).
 */
export const listReceivables = (db: ReadDb, viewer: Viewer, filter: ReceivableFilter, limit: number, offset: number): ReceivablePage => {
  const today = localIsoDate(db.clock.now());
  const w = whereOf(viewer, filter, today);
  const rows = db.sqlite
    .prepare<Record<string, string | number>, Omit<ReceivableRow, 'owner' | 'outstanding' | 'overdueDays' | 'bucket'> & { ownerId: string | null }>(
      `SELECT o.id AS orderId, o.customer_id AS customerId, c.name AS customerName, c.owner_id AS ownerId, o.order_date AS orderDate,
         o.contract_no AS contractNo, o.amount, o.received, o.due_date AS dueDate
       FROM orders o JOIN customers c ON c.id = o.customer_id ${w.sql}
       ORDER BY o.due_date, o.rowid LIMIT @limit OFFSET @offset`,
    )
    .all({ ...w.params, limit, offset });
  const total = db.sqlite
    .prepare<Record<string, string>, { n: number }>(`SELECT COUNT(*) AS n FROM orders o ${w.sql}`)
    .get(w.params)!.n;
  const names = userNames(db, rows.map((r) => r.ownerId));
  return {
    rows: rows.map(({ ownerId, ...r }) => ({
      ...r,
      owner: ownerId ? { id: ownerId, displayName: names.get(ownerId) ?? '' } : null,
      outstanding: r.amount - r.received,
      overdueDays: overdueDays(r.dueDate, today),
      bucket: ageingBucket(r.dueDate, today),
    })),
    total,
    ageing: ageingSummary(db, viewer, { ...filter, bucket: undefined }),
  };
};

/** Count and outstanding amount per ageing bucket (未到期, 1–30, 31–60, 61–90, >90 days). */
export const ageingSummary = (db: ReadDb, viewer: Viewer, filter: ReceivableFilter): AgeingSummary => {
  const today = localIsoDate(db.clock.now());
  const w = whereOf(viewer, { ...filter, bucket: undefined }, today);
  const byDue = db.sqlite
    .prepare<Record<string, string>, { dueDate: string; n: number; outstanding: number }>(
      `SELECT o.due_date AS dueDate, COUNT(*) AS n, SUM(o.amount - o.received) AS outstanding
       FROM orders o ${w.sql} GROUP BY o.due_date`,
    )
    .all(w.params);
  const sums = new Map(ageingBuckets.map((b) => [b, { bucket: b, count: 0, outstanding: 0 }]));
  for (const r of byDue) {
    const s = sums.get(ageingBucket(r.dueDate, today))!;
    s.count += r.n;
    s.outstanding += r.outstanding;
  }
  return [...sums.values()];
};
