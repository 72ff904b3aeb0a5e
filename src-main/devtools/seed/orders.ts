import { addDays, localIsoDate } from '../../../src-shared/orders/logic';
import type { Db } from '../../db/connection';
import { bulkInsertOrders, type BulkOrder } from '../../services/orders/bulk';
import type { Rng } from '../seedDemo';
import type { ModuleSeeder } from './context';

/** Products a small trading office sells: name, unit price range in yuan, usual quantity range. */
const CATALOG: readonly (readonly [string, number, number, number, number])[] = [
  ['304 不锈钢球阀 DN50', 180, 260, 10, 200],
  ['碳钢对焊法兰 DN100', 45, 80, 20, 500],
  ['304 不锈钢板 2.0mm（吨）', 15_000, 18_000, 1, 12],
  ['工业齿轮油 L-CKC220 18L', 380, 520, 4, 60],
  ['变频器 7.5kW', 2_800, 3_600, 1, 20],
  ['伺服电机 750W', 1_600, 2_200, 2, 40],
  ['PLC 控制模块 CPU1214C', 3_500, 5_200, 1, 10],
  ['五层瓦楞纸箱 600×400×400', 3.2, 5.5, 500, 20_000],
  ['防静电周转箱', 35, 60, 50, 1_000],
  ['LED 工矿灯 150W', 260, 380, 10, 300],
  ['YJV 电力电缆 3×95（米）', 180, 240, 100, 3_000],
  ['丁腈劳保手套（打）', 28, 45, 20, 800],
  ['激光打印机硒鼓', 320, 480, 2, 50],
  ['A4 复印纸 70g（箱）', 120, 160, 5, 200],
  ['安装调试服务（次）', 2_000, 8_000, 1, 3],
  ['年度维保服务', 12_000, 36_000, 1, 1],
  ['仓储管理软件授权（套）', 6_800, 19_800, 1, 5],
  ['操作技术培训（人天）', 1_500, 2_500, 1, 10],
];
const TERMS = [
  [0, 1],
  [30, 5],
  [60, 3],
  [90, 1],
] as const;

const round2 = (yuan: number): number => Math.round(yuan * 100);

type Buyer = { customerId: string; salespersonId: string | null; orders: number; lastBefore?: string };

/**
 * Orders for one customer: `orders` purchases at a customer-specific rhythm
 * ending before `lastBefore` (or near today), from a few favourite products,
 * each with payment terms and payments — most paid on time, some late, some
 * open and overdue (old ones rarely), recent ones partly paid in advance.
 */
export const ordersFor = (rng: Rng, buyer: Buyer, today: string, size = 1): BulkOrder[] => {
  const favourites = Array.from({ length: rng.between(1, 4) }, () => rng.pick(CATALOG));
  const interval = rng.between(25, 110);
  const end = buyer.lastBefore ?? addDays(today, -rng.int(Math.min(interval, 40)));
  const out: BulkOrder[] = [];
  for (let i = 0; i < buyer.orders; i++) {
    const orderDate = addDays(end, -(buyer.orders - 1 - i) * interval - rng.int(Math.max(1, interval >> 2)));
    const lines = Array.from({ length: Math.min(favourites.length, rng.between(1, 3)) }, (_, j) => {
      const [product, lo, hi, qLo, qHi] = favourites[(i + j) % favourites.length]!;
      const quantity = Math.max(qLo, Math.round((qLo + rng.next() * (qHi - qLo)) * size));
      return { product, quantity, unitPrice: round2(lo + rng.next() * (hi - lo)) };
    });
    const amount = lines.reduce((s, l) => s + Math.round(l.quantity * l.unitPrice), 0);
    const term = rng.weighted(TERMS);
    const dueDate = addDays(orderDate, term);
    const payments: { paidOn: string; amount: number }[] = [];
    const r = rng.next();
    // Old debts are mostly collected by now; recent ones are often still open.
    const old = dueDate < addDays(today, -180);
    if (dueDate < today) {
      if (r < (old ? 0.96 : 0.72)) payments.push({ paidOn: minDate(addDays(dueDate, rng.between(-10, 12)), today), amount });
      else if (r < 0.85) {
        const part = Math.round(amount * (0.3 + rng.next() * 0.4));
        payments.push({ paidOn: minDate(addDays(orderDate, rng.between(0, 20)), today), amount: part });
      }
      // else: nothing paid yet, overdue
    } else if (r < 0.35) payments.push({ paidOn: orderDate, amount: Math.round(amount * 0.3) });
    const year = orderDate.slice(0, 4);
    out.push({
      customerId: buyer.customerId,
      salespersonId: buyer.salespersonId,
      orderDate,
      dueDate,
      contractNo: `HT${year}-${String(rng.between(1, 9999)).padStart(4, '0')}`,
      lines,
      payments: payments.filter((p) => p.paidOn >= orderDate && p.amount > 0),
    });
  }
  return out;
};

const minDate = (a: string, b: string): string => (a < b ? a : b);

/**
 * Demo orders over the last two years for the demo customers, consistent
 * with their seeded status (first purchase: 1 order; repeat: 2–3; loyal: 4+
 * within a year; lost: orders that stopped 6+ months ago), then one
 * recomputation of totals, statuses and grades.
 */
export const seedOrders: ModuleSeeder = ({ db, rng, now, actorId, users }) => {
  const today = localIsoDate(now);
  const sales = users.filter((u) => u.role === 'sales').map((u) => u.id);
  const rows = db.sqlite
    .prepare<[], { id: string; ownerId: string | null; status: string }>(
      `SELECT id, owner_id AS ownerId, status FROM customers WHERE deleted_at IS NULL AND merged_into IS NULL
       AND status IN ('first_purchase', 'repeat', 'loyal', 'lost', 'permanently_lost') ORDER BY rowid`,
    )
    .all();
  const list: BulkOrder[] = [];
  for (const c of rows) {
    const salespersonId = c.ownerId ?? (sales.length ? rng.pick(sales) : null);
    // A few big customers and many small ones (the 80/20 the ABC grades show).
    const size = rng.chance(0.1) ? 4 + rng.next() * 8 : 0.4 + rng.next();
    let buyer: Buyer;
    if (c.status === 'first_purchase') buyer = { customerId: c.id, salespersonId, orders: 1, lastBefore: addDays(today, -rng.int(300)) };
    else if (c.status === 'repeat') buyer = { customerId: c.id, salespersonId, orders: rng.between(2, 3), lastBefore: addDays(today, -rng.int(60)) };
    else if (c.status === 'loyal') buyer = { customerId: c.id, salespersonId, orders: rng.between(5, 9) };
    else buyer = { customerId: c.id, salespersonId, orders: rng.between(1, 3), lastBefore: addDays(today, -rng.between(180, 500)) };
    const orders = ordersFor(rng, buyer, today, size);
    list.push(...orders.filter((o) => o.orderDate >= addDays(today, -730)));
  }
  const counts = seedOrderList(db, actorId, list);
  return counts.orders + counts.lines + counts.payments;
};

/** Loads a generated list through the bulk path (change log kept: demo data should look like real history). */
export const seedOrderList = (db: Db, actorId: string, list: BulkOrder[]) => bulkInsertOrders(db, actorId, list);
