/**
 * Reports over a big workspace: 100,000 customers (the demo seeder, without
 * the capabilities' records) and 1,000,000 order lines (about 330,000 orders
 * over three years, a few big buyers and many small ones, most paid, some
 * open and overdue), deterministic. Prints, for a one-year period, p50/max of
 * 5 runs of each report as the manager sees it (plus ABC as a salesperson),
 * then the ABC recomputation after one new order: the whole orders.create
 * write (its figures, status and the incremental re-grade) and the re-grade
 * alone. Targets: each report ≤ 500 ms, incremental ≤ 50 ms.
 *
 * The database is closed and reopened after seeding (cold page cache, as after
 * a login); the first of the 5 runs pays for reading the pages.
 *
 *   npm run bench:reports [-- --customers N] [--lines N] [--keep DIR] [--reuse DIR]
 *
 * --keep DIR builds into DIR and leaves it; --reuse DIR measures a workspace an earlier --keep built.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Channel, ChannelInput } from '../src-shared/contract';
import { addDays, localIsoDate } from '../src-shared/orders/logic';
import { sourceMigrationsFolder } from '../src-main/db/migrate';
import { createHost, type Host } from '../src-main/host';
import { loginDemo, setUpDemo } from './demo';
import type { Session } from '../src-main/ipc/session';
import { createRng, seedDemo } from '../src-main/devtools/seedDemo';
import { bulkInsertOrders, type BulkOrder } from '../src-main/services/orders/bulk';
import { ensureAbcPeriod, recomputeGrades } from '../src-main/services/orders/derived';
import { getOrderRules } from '../src-main/services/orders/rules';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    customers: { type: 'string', default: '100000' },
    lines: { type: 'string', default: '1000000' },
    keep: { type: 'string' },
    reuse: { type: 'string' },
    only: { type: 'string' },
  },
});
const CUSTOMERS = Number(values.customers);
const LINES = Number(values.lines);
const RUNS = 5;

const dir = values.reuse ?? values.keep ?? mkdtempSync(join(tmpdir(), 'tuoke-bench-reports-'));
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const openHost = (): Host => createHost({ dataDir: dir, migrationsFolder: sourceMigrationsFolder() });

const PRODUCTS = ['304 不锈钢球阀 DN50', '变频器 7.5kW', '伺服电机 750W', 'PLC 控制模块', '五层瓦楞纸箱', 'LED 工矿灯 150W', 'YJV 电力电缆 3×95', '年度维保服务'];

/** ~LINES order lines: buyers drawn with a heavy tail (a tenth of them buy most), dates over the last three years. */
function* generateOrders(customerIds: { id: string; owner: string | null }[], today: string): Generator<BulkOrder> {
  const rng = createRng(2026_11);
  let lines = 0;
  while (lines < LINES) {
    // Pareto-ish: the first 10 % of customers get about 60 % of the orders.
    const big = rng.chance(0.6);
    const pool = big ? Math.floor(customerIds.length / 10) : customerIds.length;
    const c = customerIds[rng.int(pool)]!;
    const orderDate = addDays(today, -rng.int(3 * 365));
    const n = Math.min(LINES - lines, rng.between(1, 5));
    const order: BulkOrder = {
      customerId: c.id,
      salespersonId: c.owner,
      orderDate,
      dueDate: addDays(orderDate, rng.pick([0, 30, 30, 60, 90])),
      contractNo: `HT-${orderDate.slice(0, 4)}-${rng.int(100000)}`,
      lines: Array.from({ length: n }, () => ({ product: rng.pick(PRODUCTS), quantity: rng.between(1, 50), unitPrice: (big ? 2000 : 200) * rng.between(50, 500) })),
    };
    const amount = order.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
    const r = rng.next();
    if (order.dueDate < today && r < 0.8) order.payments = [{ paidOn: order.dueDate, amount }];
    else if (r < 0.9) order.payments = [{ paidOn: orderDate, amount: Math.floor(amount / 3) }];
    lines += n;
    yield order;
  }
}

const stats = (times: number[]): string => {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1).padStart(7)} ms   max ${sorted[sorted.length - 1]!.toFixed(1).padStart(7)} ms`;
};

// ------------------------------------------------------------------ build

let host = openHost();
if (!values.reuse) {
  const admin = await setUpDemo(host);
  const db = host.workspace.db!;
  log(`workspace ${dir}: seeding ${CUSTOMERS.toLocaleString('en')} customers …`);
  const seeded = await seedDemo(host.workspace, db, admin.id, { modules: false, customers: CUSTOMERS, seed: 2026 });
  log(`  ${seeded.customers.toLocaleString('en')} customers, ${seeded.contacts.toLocaleString('en')} contacts in ${(seeded.ms / 1000).toFixed(1)} s`);
  const customerIds = db.sqlite.prepare('SELECT id, owner_id AS owner FROM customers ORDER BY rowid').all() as { id: string; owner: string | null }[];
  const today = localIsoDate(db.clock.now());
  const start = performance.now();
  const counts = bulkInsertOrders(db, admin.id, generateOrders(customerIds, today), { skipChangeLog: true });
  log(
    `  ${counts.orders.toLocaleString('en')} orders, ${counts.lines.toLocaleString('en')} lines, ${counts.payments.toLocaleString('en')} payments ` +
      `(with the recomputation of figures, statuses and grades) in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  db.maintenance((sqlite) => sqlite.pragma('wal_checkpoint(TRUNCATE)'));
  host.close();
}
log(`database file: ${(statSync(join(dir, 'tuoke.db')).size / 2 ** 20).toFixed(0)} MiB`);

// ------------------------------------------------------------------ reports

if (values.reuse) host.close();
host = openHost();
const manager = await loginDemo(host, 'chenjing');
const sales = await loginDemo(host, 'zhangwei');
const db = host.workspace.db!;
const today = localIsoDate(db.clock.now());
const filter = { period: { kind: 'custom' as const, from: addDays(today, -364), to: today } };

const timeCall = async <K extends Channel>(session: Session, channel: K, input: ChannelInput<K>): Promise<number> => {
  const t0 = performance.now();
  const r = await host.registry.invoke(session, channel, input);
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return ms;
};

const cases: { label: string; run: () => Promise<number> }[] = [
  { label: 'ABC / Pareto', run: () => timeCall(manager.session, 'reports.abc', { filter }) },
  { label: 'ABC / Pareto (salesperson)', run: () => timeCall(sales.session, 'reports.abc', { filter }) },
  { label: 'Top 10', run: () => timeCall(manager.session, 'reports.top', { filter, n: 10 }) },
  { label: '同比 / 环比', run: () => timeCall(manager.session, 'reports.comparison', { filter }) },
  { label: 'statistics owner × grade', run: () => timeCall(manager.session, 'reports.statistics', { filter, dim1: 'owner', dim2: 'grade' }) },
  { label: 'statistics province × month', run: () => timeCall(manager.session, 'reports.statistics', { filter, dim1: 'province', dim2: 'createdMonth' }) },
  { label: 'churn', run: () => timeCall(manager.session, 'reports.churn', { filter }) },
  { label: 'funnel', run: () => timeCall(manager.session, 'reports.funnel', { filter }) },
  { label: 'receivables ageing', run: () => timeCall(manager.session, 'reports.receivables', { filter }) },
  { label: 'complaints & satisfaction', run: () => timeCall(manager.session, 'reports.service', { filter }) },
  { label: 'sales monthly report (team)', run: () => timeCall(manager.session, 'reports.salesReport.get', { kind: 'month', anchor: today, userId: null }) },
  { label: 'export ABC to .xlsx', run: () => timeCall(manager.session, 'reports.export', { report: 'abc', filter }) },
];

log(`\nreports for ${filter.period.from} – ${filter.period.to}, ${RUNS} runs each (first run on a cold cache):`);
for (const c of cases.filter((x) => !values.only || x.label.includes(values.only))) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await c.run());
  log(`  ${c.label.padEnd(32)} ${stats(times)}   (first ${times[0]!.toFixed(1)} ms)`);
}

// ------------------------------------------------------------------ ABC after one new order
if (values.only) {
  host.close();
  process.exit(0);
}

// A customer well inside the table (the 5,000th owned one, or the middle one of a small run).
const owned = (db.sqlite.prepare('SELECT count(*) AS n FROM customers WHERE owner_id IS NOT NULL').get() as { n: number }).n;
const buyer = db.sqlite
  .prepare('SELECT id FROM customers WHERE owner_id IS NOT NULL ORDER BY rowid LIMIT 1 OFFSET ?')
  .get(Math.min(5000, Math.floor(owned / 2))) as { id: string };
const orderTimes: number[] = [];
const gradeTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  orderTimes.push(
    await timeCall(manager.session, 'orders.create', {
      customerId: buyer.id,
      orderDate: today,
      dueDate: addDays(today, 30),
      contractNo: `BENCH-${i}`,
      lines: [{ product: '变频器 7.5kW', quantity: 2 + i, unitPrice: 320_000 }],
    }),
  );
  const rules = getOrderRules(db);
  const t0 = performance.now();
  db.write(manager.id, (tx) => recomputeGrades(tx, manager.id, rules, ensureAbcPeriod(tx, manager.id, rules)));
  gradeTimes.push(performance.now() - t0);
}
log(`\nABC after one new order:`);
log(`  ${'orders.create (write + re-grade)'.padEnd(32)} ${stats(orderTimes)}`);
log(`  ${'recomputeGrades alone'.padEnd(32)} ${stats(gradeTimes)}`);

host.close();
if (!values.keep && !values.reuse) rmSync(dir, { recursive: true, force: true });
