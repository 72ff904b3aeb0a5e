/**
 * ABC grading at scale: 100,000 customers (minimal rows) and 1,000,000 order lines loaded through bulkInsertOrders, then:
 *  - the one-off full recomputation (recomputeAll: totals, intervals, statuses, grades),
 *  - ONE new order through the real service (createOrder: checks, inserts, the
 *    customer's totals and status, the ABC pass that writes only changed grades),
 *    repeated for random customers — target ≤ 50 ms each,
 *  - the ABC pass alone (thresholds from the per-customer period totals + the
 *    four range scans for grades to change), and the daily roll of the period.
 * Prints figures; asserts nothing.
 *
 *   tsx bench/orders-abc.ts [--customers N] [--lines N] [--orders-timed N] [--keep DIR]
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sourceMigrationsFolder } from '../src-main/db/migrate';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../src-main/db/connection';
import { hooksOf } from '../src-main/host';
import { manualClock } from '../src-main/services/clock';
import type { Rng } from '../src-main/devtools/seedDemo';
import { newId } from '../src-main/services/ids';
import { normalizeCompanyName } from '../src-shared/rules/companyName';
import { ordersFor } from '../src-main/devtools/seed/orders';
import { bulkInsertOrders, type BulkOrder } from '../src-main/services/orders/bulk';
import { abcStateMatchesFull, afterOrdersChanged, currentThresholds, ensureAbcPeriod, recomputeAll, recomputeGrades } from '../src-main/services/orders/derived';
import { createOrder, listOrders, productSuggestions } from '../src-main/services/orders/orders';
import { listReceivables } from '../src-main/services/orders/receivables';
import { customerSalesSummary } from '../src-main/services/orders/summary';
import { getOrderRules } from '../src-main/services/orders/rules';
import { addDays, localIsoDate } from '../src-shared/orders/logic';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    customers: { type: 'string', default: '100000' },
    lines: { type: 'string', default: '1000000' },
    'orders-timed': { type: 'string', default: '50' },
    keep: { type: 'string' },
  },
});
const CUSTOMERS = Number(values.customers);
const LINES = Number(values.lines);
const TIMED = Number(values['orders-timed']);
const dir = values.keep ? (mkdirSync(values.keep, { recursive: true }), values.keep) : mkdtempSync(join(tmpdir(), 'tuoke-bench-orders-'));
const log = (s: string): void => void process.stdout.write(`${s}\n`);
const ms = (t: number): string => `${t.toFixed(1)} ms`;
const stats = (times: number[]): string => {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `p50 ${ms(at(0.5))}, p95 ${ms(at(0.95))}, max ${ms(s[s.length - 1]!)}`;
};

const clock = manualClock(Date.UTC(2026, 10, 23, 2, 0, 0));
// The database layer only (no host): a fresh encrypted file, the app's migrations and triggers.
const db = openDatabase(join(dir, 'tuoke.db'), randomBytes(32), { clock, hooks: hooksOf(), migrationsFolder: sourceMigrationsFolder(), create: true });
const now = clock.now();
const team = ['张伟', '李娜', '王强', '刘洋', '赵敏'].map((displayName, i) => ({ id: newId(), username: `sales${i}`, displayName }));
const admin = { id: newId() };
db.write(null, (tx) => {
  const ins = tx.sqlite.prepare(
    `INSERT INTO users (id, created_at, updated_at, username, username_key, display_name, role) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  ins.run(admin.id, now, now, 'admin', 'admin', '系统管理员', 'admin');
  for (const u of team) ins.run(u.id, now, now, u.username, u.username, u.displayName, 'sales');
});

// Customers: only the columns the orders capability reads (the search-index and change-log triggers still run).
let t0 = performance.now();
// mulberry32, like the demo seeder's (importing seedDemo would load every capability's seeder).
const rng: Rng = (() => {
  let a = 99;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    between: (lo: number, hi: number) => lo + int(hi - lo + 1),
    pick: <T>(items: readonly T[]): T => items[int(items.length)]!,
    chance: (p: number) => next() < p,
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      let r = next() * items.reduce((s, [, w]) => s + w, 0);
      for (const [item, w] of items) if ((r -= w) < 0) return item;
      return items[items.length - 1]![0];
    },
  };
})();
const PREFIX = ['杭州', '宁波', '苏州', '无锡', '南京', '合肥', '上海', '温州', '青岛', '成都'];
const TRADE = ['机电设备', '精密机械', '包装材料', '电子科技', '物流', '建材', '五金', '化工', '食品', '软件'];
for (let done = 0; done < CUSTOMERS; done += 5000) {
  db.write(admin.id, (tx) => {
    const ins = tx.sqlite.prepare(
      `INSERT INTO customers (id, created_at, created_by, updated_at, updated_by, name, name_key, owner_id, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = done; i < Math.min(CUSTOMERS, done + 5000); i++) {
      const name = `${rng.pick(PREFIX)}${i}号${rng.pick(TRADE)}有限公司`;
      ins.run(newId(), now, admin.id, now, admin.id, name, normalizeCompanyName(name), rng.chance(0.1) ? null : rng.pick(team).id, 'target');
    }
  });
}
log(`customers: ${CUSTOMERS.toLocaleString('en')} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// ~60 % of customers buy; lines are drawn until LINES.
const today = localIsoDate(clock.now());
const customerRows = db.sqlite.prepare<[], { id: string; ownerId: string | null }>('SELECT id, owner_id AS ownerId FROM customers ORDER BY rowid').all();
const buyers = customerRows.filter(() => rng.chance(0.6));
const fallback = team[0]!.id;
function* generate(): Generator<BulkOrder> {
  let lines = 0;
  for (let round = 0; lines < LINES; round++) {
    for (const c of buyers) {
      const size = rng.chance(0.1) ? 4 + rng.next() * 8 : 0.4 + rng.next();
      for (const o of ordersFor(rng, { customerId: c.id, salespersonId: c.ownerId ?? fallback, orders: rng.between(1, 4) }, addDays(today, -round * 200), size)) {
        if (lines >= LINES) return;
        lines += o.lines.length;
        yield o;
      }
    }
  }
}
t0 = performance.now();
const loaded = bulkInsertOrders(db, admin.id, generate(), { skipChangeLog: true, recompute: false });
log(
  `bulk load: ${loaded.orders.toLocaleString('en')} orders, ${loaded.lines.toLocaleString('en')} lines, ` +
    `${loaded.payments.toLocaleString('en')} payments in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
t0 = performance.now();
db.write(admin.id, (tx) => recomputeAll(tx, admin.id));
log(`recomputeAll (totals, intervals, statuses, grades of everyone): ${((performance.now() - t0) / 1000).toFixed(2)} s`);
const graded = db.sqlite.prepare('SELECT grade, COUNT(*) AS n FROM customer_sales GROUP BY grade ORDER BY grade').all();
log(`grades: ${JSON.stringify(graded)}`);
db.maintenance((sqlite) => sqlite.pragma('wal_checkpoint(TRUNCATE)'));
log(`database file: ${(statSync(join(dir, 'tuoke.db')).size / 2 ** 20).toFixed(0)} MiB`);

// ------------------------------------------------------------------ one new order, through the service
const rules = getOrderRules(db);
const period = db.write(admin.id, (tx) => ensureAbcPeriod(tx, admin.id, rules));
const pick = (): { id: string; ownerId: string | null } => customerRows[rng.int(customerRows.length)]!;
const viewer = { id: admin.id, role: 'admin' as const };
const whole: number[] = [];
const derived: number[] = [];
const abcOnly: number[] = [];
let changed = 0;
for (let i = 0; i < TIMED; i++) {
  const c = pick();
  const big = i % 10 === 9; // every tenth order is large enough to move thresholds
  const input = {
    customerId: c.id,
    orderDate: today,
    dueDate: addDays(today, 30),
    contractNo: `BENCH-${i}`,
    salespersonId: c.ownerId ?? fallback,
    lines: [
      { product: '变频器 7.5kW', quantity: big ? 400 : 2, unitPrice: 320_000 },
      { product: '安装调试服务（次）', quantity: 1, unitPrice: 500_000 },
    ],
  };
  const before = db.sqlite.prepare('SELECT COUNT(*) AS n FROM grade_history').get() as { n: number };
  let s = performance.now();
  createOrder(db, viewer, input);
  whole.push(performance.now() - s);
  changed += (db.sqlite.prepare('SELECT COUNT(*) AS n FROM grade_history').get() as { n: number }).n - before.n;
  s = performance.now();
  db.write(admin.id, (tx) => afterOrdersChanged(tx, admin.id, [c.id]));
  derived.push(performance.now() - s);
  s = performance.now();
  db.write(admin.id, (tx) => recomputeGrades(tx, admin.id, rules, period));
  abcOnly.push(performance.now() - s);
}
log(`createOrder (whole write: checks, inserts, totals, status, ABC, commit) × ${TIMED}: ${stats(whole)}; grade changes written: ${changed}`);
log(`  afterOrdersChanged alone (one customer's totals + the ABC pass): ${stats(derived)}`);
log(`  ABC pass alone (cut points walked over ${db.sqlite.prepare('SELECT COUNT(*) AS n FROM customer_sales WHERE period_amount > 0').pluck().get()} graded customers + seeks for grades to change): ${stats(abcOnly)}`);
{
  const s = performance.now();
  for (let i = 0; i < 20; i++) currentThresholds(db, rules);
  log(`  for comparison, thresholds from a full walk over every period total: ${ms((performance.now() - s) / 20)}`);
  log(`  incrementally kept cut points equal a full recomputation: ${db.write(admin.id, (tx) => abcStateMatchesFull(tx, rules))}`);
}

// ------------------------------------------------------------------ reads at this size
{
  const salesViewer = { id: fallback, role: 'sales' as const };
  const someCustomer = customerRows.find((c) => c.ownerId === fallback)!.id;
  const reads: [string, () => unknown][] = [
    ['order list, manager, first page + count/sums', () => listOrders(db, viewer, {}, 50, 0)],
    ['order list, salesperson (own orders)', () => listOrders(db, salesViewer, {}, 50, 0)],
    ['order list, last 30 days', () => listOrders(db, viewer, { from: addDays(today, -30) }, 50, 0)],
    ['order list, one customer', () => listOrders(db, viewer, { customerId: someCustomer }, 50, 0)],
    ['receivables, manager, first page + ageing', () => listReceivables(db, viewer, {}, 50, 0)],
    ['receivables, salesperson', () => listReceivables(db, salesViewer, {}, 50, 0)],
    ['card summary', () => customerSalesSummary(db, viewer, someCustomer)],
    ['product suggestions "阀"', () => productSuggestions(db, viewer, '阀')],
  ];
  for (const [name, fn] of reads) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      fn();
      times.push(performance.now() - s);
    }
    log(`  ${name}: ${stats(times)}`);
  }
}

// ------------------------------------------------------------------ the period rolls by one day
clock.advance(86_400_000);
t0 = performance.now();
db.write(admin.id, (tx) => recomputeGrades(tx, admin.id, rules, ensureAbcPeriod(tx, admin.id, rules)));
log(`daily roll of the ABC period (re-sum customers whose orders left the window, re-grade): ${ms(performance.now() - t0)}`);

db.close();
if (!values.keep) rmSync(dir, { recursive: true, force: true });
