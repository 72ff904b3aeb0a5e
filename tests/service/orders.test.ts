import { describe, expect } from 'vitest';
import type { Db } from '../../src-main/db/connection';
import { abcStateMatchesFull } from '../../src-main/services/orders/derived';
import { getOrderRules } from '../../src-main/services/orders/rules';
import type { Session } from '../../src-main/ipc/session';
import { addDays, localIsoDate } from '../../src-shared/orders/logic';
import type { OrderCreateInput } from '../../src-shared/orders/schemas';
import { errorCode } from '../helpers/errors';
import { companyFields } from '../helpers/customers';
import { it } from '../helpers/office';
import type { TestWorkspace } from '../helpers/workspace';

let ws: TestWorkspace;
let manager: Session;
let zhang: Session; // sales 张三
let li: Session; // sales 李四
let ids: { manager: string; zhang: string; li: string };
let today: string;

it.beforeEach(({ office }) => {
  ({ ws, manager, zhang, li, ids } = office);
  today = localIsoDate(ws.clock.now());
});

const db = (): Db => ws.host.workspace.db!;
const customer = async (s: Session, name: string) =>
  (await ws.call(s, 'customers.create', { fields: companyFields(name), confirmDuplicates: false })).id;

/** An order of `yuan` in one line, `daysAgo` before today, due 30 days after. */
const order = (customerId: string, yuan: number, daysAgo = 0, extra: Partial<OrderCreateInput> = {}): OrderCreateInput => ({
  customerId,
  orderDate: addDays(today, -daysAgo),
  dueDate: addDays(today, -daysAgo + 30),
  contractNo: `HT-${daysAgo}-${yuan}`,
  lines: [{ product: '不锈钢阀门 DN50', quantity: 1, unitPrice: yuan * 100 }],
  ...extra,
});

const customerRow = (id: string) =>
  db().sqlite.prepare<[string], { status: string; grade: string | null }>('SELECT status, grade FROM customers WHERE id = ?').get(id)!;
const sales = (id: string) =>
  db()
    .sqlite.prepare<[string], { orderCount: number; totalAmount: number; receivedAmount: number; periodAmount: number; intervalDays: number | null }>(
      `SELECT order_count AS orderCount, total_amount AS totalAmount, received_amount AS receivedAmount, period_amount AS periodAmount,
         interval_days AS intervalDays FROM customer_sales WHERE customer_id = ?`,
    )
    .get(id);
const events = (id: string, kind: string) =>
  db()
    .sqlite.prepare<[string, string], { data: string }>('SELECT data FROM customer_events WHERE customer_id = ? AND kind = ? ORDER BY at, id')
    .all(id, kind)
    .map((r) => JSON.parse(r.data) as Record<string, unknown>);

describe('an order with lines and payments', () => {
  it('sums its lines, keeps the customer totals and the receivable, and shows on the card strip', async () => {
    const c = await customer(zhang, '杭州星辰信息科技有限公司');
    const o = await ws.call(zhang, 'orders.create', {
      ...order(c, 0),
      lines: [
        { product: '不锈钢阀门 DN50', quantity: 10, unitPrice: 12_800 },
        { product: '法兰垫片', quantity: 2.5, unitPrice: 333 },
      ],
    });
    expect(o.lines.map((l) => l.amount)).toEqual([128_000, 833]);
    expect(o.amount).toBe(128_833);
    expect(o.salesperson).toEqual({ id: ids.zhang, displayName: '张三' });
    const paid = await ws.call(zhang, 'orders.addPayment', { orderId: o.id, paidOn: today, amount: 100_000 });
    expect(paid.received).toBe(100_000);
    expect(paid.outstanding).toBe(28_833);
    const s = await ws.call(zhang, 'orders.summary', { id: c });
    expect(s).toMatchObject({ orderCount: 1, totalAmount: 128_833, receivedAmount: 100_000, receivable: 28_833, overdueAmount: 0, grade: 'A' });
    expect(s.status).toBe('first_purchase');
    expect(events(c, 'order_added')).toEqual([{ orderId: o.id, contractNo: 'HT-0-0', amount: 128_833 }]);
    expect(events(c, 'payment_received')).toHaveLength(1);
  });

  it('refuses a payment above what is outstanding, and an edit below what was received, changing nothing', async () => {
    const c = await customer(zhang, '宁波海运物流有限公司');
    const o = await ws.call(zhang, 'orders.create', order(c, 1000));
    await ws.call(zhang, 'orders.addPayment', { orderId: o.id, paidOn: today, amount: 60_000 });
    const over = await ws.invoke(zhang, 'orders.addPayment', { orderId: o.id, paidOn: today, amount: 40_001 });
    expect(over.ok ? '' : over.error.code).toBe('OVERPAYMENT');
    expect(await errorCode(ws.invoke(zhang, 'orders.update', { ...order(c, 500), id: o.id }))).toBe('ORDER_BELOW_RECEIVED');
    const after = await ws.call(zhang, 'orders.get', { id: o.id });
    expect(after.amount).toBe(100_000);
    expect(after.lines).toHaveLength(1);
    expect(after.payments.map((p) => p.amount)).toEqual([60_000]);
    expect(sales(c)).toMatchObject({ totalAmount: 100_000, receivedAmount: 60_000 });
  });

  it('rejects bad input with field errors: no lines, due before the order date, a non-integer fen amount', async () => {
    const c = await customer(zhang, '温州鹿城鞋业有限公司');
    const r1 = await ws.invoke(zhang, 'orders.create', { ...order(c, 10), lines: [] });
    const r2 = await ws.invoke(zhang, 'orders.create', { ...order(c, 10), dueDate: addDays(today, -1) });
    const r3 = await ws.invoke(zhang, 'orders.create', { ...order(c, 10), lines: [{ product: 'x', quantity: 1, unitPrice: 1.5 }] });
    const r4 = await ws.invoke(zhang, 'orders.create', { ...order(c, 10), orderDate: '2026-02-30' });
    for (const r of [r1, r2, r3, r4]) expect(r.ok ? '' : r.error.code).toBe('VALIDATION');
    expect(sales(c)).toBeUndefined();
  });
});

describe('derived totals after edits and deletes', () => {
  it('recomputes totals, count, interval and status when an order is edited or deleted', async () => {
    const c = await customer(zhang, '苏州工业园区精密机械有限公司');
    const a = await ws.call(zhang, 'orders.create', order(c, 1000, 90));
    const b = await ws.call(zhang, 'orders.create', order(c, 2000, 60));
    await ws.call(zhang, 'orders.create', order(c, 3000, 20));
    expect(sales(c)).toMatchObject({ orderCount: 3, totalAmount: 600_000, intervalDays: 35 }); // gaps 30, 40 → median 35
    expect(customerRow(c).status).toBe('repeat');

    await ws.call(zhang, 'orders.update', { ...order(c, 1500, 90), id: a.id, lines: [{ product: '阀门', quantity: 3, unitPrice: 50_000 }] });
    expect(sales(c)).toMatchObject({ orderCount: 3, totalAmount: 650_000 });

    await ws.call(zhang, 'orders.delete', { id: b.id });
    expect(sales(c)).toMatchObject({ orderCount: 2, totalAmount: 450_000, intervalDays: 70 });
    const list = await ws.call(zhang, 'orders.list', { filter: { customerId: c } });
    expect(list.total).toBe(2);
    expect(list.sumAmount).toBe(450_000);
    expect(db().sqlite.prepare('SELECT COUNT(*) AS n FROM order_lines WHERE order_id = ?').get(b.id)).toEqual({ n: 0 });
  });

  it('removing a payment puts the amount back into the receivable', async () => {
    const c = await customer(zhang, '无锡新区电子元件有限公司');
    const o = await ws.call(zhang, 'orders.create', order(c, 1000, 40));
    const paid = await ws.call(zhang, 'orders.addPayment', { orderId: o.id, paidOn: today, amount: 100_000 });
    expect((await ws.call(zhang, 'orders.receivables', {})).total).toBe(0);
    await ws.call(zhang, 'orders.removePayment', { id: paid.payments[0]!.id });
    expect(sales(c)).toMatchObject({ receivedAmount: 0 });
    const r = await ws.call(zhang, 'orders.receivables', {});
    expect(r.rows.map((x) => [x.outstanding, x.overdueDays, x.bucket])).toEqual([[100_000, 10, 'd1_30']]);
  });
});

describe('lifecycle transitions', () => {
  it('moves potential → first purchase → repeat → loyal, and back to target when the orders are deleted', async () => {
    const c = await customer(zhang, '合肥高新区光电科技有限公司');
    const made = [];
    made.push(await ws.call(zhang, 'orders.create', order(c, 100, 300)));
    expect(customerRow(c).status).toBe('first_purchase');
    made.push(await ws.call(zhang, 'orders.create', order(c, 100, 200)));
    expect(customerRow(c).status).toBe('repeat');
    made.push(await ws.call(zhang, 'orders.create', order(c, 100, 100)));
    expect(customerRow(c).status).toBe('repeat');
    made.push(await ws.call(zhang, 'orders.create', order(c, 100, 10)));
    expect(customerRow(c).status).toBe('loyal'); // 4 orders within 12 months
    expect(events(c, 'status_changed').map((e) => [e.from, e.to, e.via])).toEqual([
      ['potential', 'first_purchase', 'orders'],
      ['first_purchase', 'repeat', 'orders'],
      ['repeat', 'loyal', 'orders'],
    ]);
    await ws.call(zhang, 'orders.delete', { id: made[3]!.id });
    expect(customerRow(c).status).toBe('repeat'); // a correction may lower it
    for (const o of made.slice(0, 3)) await ws.call(zhang, 'orders.delete', { id: o.id });
    expect(customerRow(c).status).toBe('target');
  });

  it('never moves a lost customer silently, and honours the configured rules', async () => {
    const c = await customer(zhang, '南京鼓楼区贸易有限公司');
    await ws.call(zhang, 'customers.setStatus', { ids: [c], status: 'lost', lostReason: '价格' });
    await ws.call(zhang, 'orders.create', order(c, 100, 10));
    await ws.call(zhang, 'orders.create', order(c, 100, 5));
    expect(customerRow(c).status).toBe('lost');

    const d = await customer(zhang, '厦门思明区进出口有限公司');
    await ws.call(zhang, 'orders.create', order(d, 100, 10));
    expect(await errorCode(ws.invoke(zhang, 'orders.saveRules', { ...(await ws.call(manager, 'orders.rules', {})), repeatMinOrders: 3 }))).toBe('FORBIDDEN');
    const rules = await ws.call(manager, 'orders.rules', {});
    await ws.call(manager, 'orders.saveRules', { ...rules, loyalMinTotal: 100_00 }); // ¥100 total → loyal
    expect(customerRow(d).status).toBe('loyal');
    expect(customerRow(c).status).toBe('lost');
  });
});

describe('ABC grades in the database', () => {
  it('writes grades with the straddling customer in A, ties together, history and events, and only changed customers', async () => {
    const [a, b, c, d] = [
      await customer(manager, '甲公司'),
      await customer(manager, '乙公司'),
      await customer(manager, '丙公司'),
      await customer(manager, '丁公司'),
    ];
    const e = await customer(manager, '戊公司');
    await ws.call(manager, 'orders.create', order(a, 5000, 10));
    await ws.call(manager, 'orders.create', order(b, 4000, 10)); // straddles 80 %: before it 50 %
    await ws.call(manager, 'orders.create', order(c, 500, 10));
    await ws.call(manager, 'orders.create', order(d, 500, 10)); // tie with c: before both 90 %
    expect([a, b, c, d, e].map((x) => customerRow(x).grade)).toEqual(['A', 'A', 'B', 'B', null]);
    expect(events(b, 'grade_changed').at(-1)).toMatchObject({ to: 'A' });

    // An order outside the period (13 months ago) does not count.
    await ws.call(manager, 'orders.create', order(e, 100_000, 400));
    expect(customerRow(e).grade).toBeNull();
    expect(sales(e)).toMatchObject({ periodAmount: 0, totalAmount: 10_000_000 });

    // e's big order inside the period: it becomes A alone, the others fall.
    const before = db().sqlite.prepare('SELECT COUNT(*) AS n FROM grade_history').get() as { n: number };
    await ws.call(manager, 'orders.create', order(e, 90_000, 1));
    expect([a, b, c, d, e].map((x) => customerRow(x).grade)).toEqual(['B', 'C', 'C', 'C', 'A']);
    const after = db().sqlite.prepare('SELECT COUNT(*) AS n FROM grade_history').get() as { n: number };
    expect(after.n - before.n).toBe(5);
    const hist = await ws.call(manager, 'orders.gradeHistory', { id: a });
    expect(hist[0]).toMatchObject({ grade: 'B', fromGrade: 'A' });
    expect(hist[0]!.share).toBeCloseTo(5000 / 100_000, 6);

    // A small order for e changes only e's figures: no grade moves, no new history.
    await ws.call(manager, 'orders.create', order(e, 1, 1));
    expect((db().sqlite.prepare('SELECT COUNT(*) AS n FROM grade_history').get() as { n: number }).n).toBe(after.n);
    // The incrementally kept cut points equal a full recomputation, also after deletes and edits.
    expect(db().write(null, (tx) => abcStateMatchesFull(tx, getOrderRules(tx)))).toBe(true);
    const list = await ws.call(manager, 'orders.list', { filter: { customerId: e } });
    await ws.call(manager, 'orders.delete', { id: list.rows[0]!.id });
    await ws.call(manager, 'orders.update', { ...order(a, 7000, 10), id: (await ws.call(manager, 'orders.list', { filter: { customerId: a } })).rows[0]!.id });
    expect(db().write(null, (tx) => abcStateMatchesFull(tx, getOrderRules(tx)))).toBe(true);
    const grades = [a, b, c, d, e].map((x) => customerRow(x).grade);
    db().write(null, (tx) => tx.sqlite.exec('DELETE FROM abc_state'));
    await ws.call(manager, 'orders.create', order(c, 0.01, 1));
    expect([a, b, c, d, e].map((x) => customerRow(x).grade)).toEqual(grades);
  });

  it('re-grades when the rolling period moves past an order, without any order change: by the hourly job, not by a read', async () => {
    const [a, b] = [await customer(manager, '甲公司'), await customer(manager, '乙公司')];
    await ws.call(manager, 'orders.create', order(a, 100, 360));
    await ws.call(manager, 'orders.create', order(b, 10, 10));
    expect([customerRow(a).grade, customerRow(b).grade]).toEqual(['A', 'B']);
    ws.clock.advance(10 * 86_400_000);
    // The order channels only read: past the period's end they still show what the job last graded, and write nothing.
    const changes = (): number => db().sqlite.prepare<[], number>('SELECT total_changes()').pluck().get()!;
    const before = changes();
    const heard: string[][] = [];
    const stop = ws.host.onChange((tables) => heard.push(tables));
    for (const call of [
      ws.host.invoke(manager, 'orders.list', {}),
      ws.host.invoke(manager, 'orders.summary', { id: a }),
      ws.host.invoke(manager, 'orders.receivables', {}),
    ]) {
      const result = await call;
      expect(result.ok).toBe(true);
      expect(result.changed).toBeUndefined();
    }
    await new Promise((r) => setTimeout(r, 60)); // past the change feed's gathering (CHANGE_BATCH_MS)
    stop();
    expect(heard).toEqual([]);
    expect(changes()).toBe(before);
    expect([customerRow(a).grade, customerRow(b).grade]).toEqual(['A', 'B']);
    // The orders module's job (host.runJobs: hourly in the app) rolls the period.
    await ws.host.runJobs();
    expect([customerRow(a).grade, customerRow(b).grade]).toEqual([null, 'A']);
    expect(sales(a)).toMatchObject({ periodAmount: 0 });
    // So does a login: b's order leaves the period too, and the grades are current when the person starts.
    ws.clock.advance(360 * 86_400_000);
    expect(customerRow(b).grade).toBe('A');
    await ws.loginAs('wang', 'wang-pass-1');
    expect(customerRow(b).grade).toBeNull();
  });
});

describe('churn risk', () => {
  it('flags a customer with no order or contact for more than 1.5 × its usual interval', async () => {
    const c = await customer(zhang, '青岛崂山区海产品有限公司');
    for (const daysAgo of [106, 76, 46]) await ws.call(zhang, 'orders.create', order(c, 100, daysAgo)); // interval 30, last 46 days ago
    expect((await ws.call(zhang, 'orders.summary', { id: c })).churnRisk).toBe(true);
    db().write(null, (tx) => tx.sqlite.prepare('UPDATE customers SET last_contact_at = ? WHERE id = ?').run(ws.clock.now() - 5 * 86_400_000, c));
    expect((await ws.call(zhang, 'orders.summary', { id: c })).churnRisk).toBe(false);
  });
});

describe('receivables ageing', () => {
  it('puts open orders in 未到期 / 1–30 / 31–60 / 61–90 / >90 and sums them', async () => {
    const c = await customer(zhang, '成都高新区软件有限公司');
    // due = orderDate + 30: days overdue = daysAgo − 30
    for (const [daysAgo, yuan] of [
      [0, 1],
      [30, 2],
      [31, 4],
      [60, 8],
      [61, 16],
      [120, 32],
      [121, 64],
    ] as const)
      await ws.call(zhang, 'orders.create', order(c, yuan, daysAgo));
    const paidOff = await ws.call(zhang, 'orders.create', order(c, 128, 200));
    await ws.call(zhang, 'orders.addPayment', { orderId: paidOff.id, paidOn: today, amount: 12_800 });
    const r = await ws.call(zhang, 'orders.receivables', {});
    expect(r.total).toBe(7);
    expect(r.ageing).toEqual([
      { bucket: 'not_due', count: 2, outstanding: 300 },
      { bucket: 'd1_30', count: 2, outstanding: 1200 },
      { bucket: 'd31_60', count: 1, outstanding: 1600 },
      { bucket: 'd61_90', count: 1, outstanding: 3200 },
      { bucket: 'd90_plus', count: 1, outstanding: 6400 },
    ]);
    const over90 = await ws.call(zhang, 'orders.receivables', { filter: { bucket: 'd90_plus' } });
    expect(over90.rows.map((x) => x.overdueDays)).toEqual([91]);
    const d1 = await ws.call(zhang, 'orders.receivables', { filter: { bucket: 'd1_30' } });
    expect(d1.rows.map((x) => x.overdueDays).sort()).toEqual([1, 30]);
    expect((await ws.call(zhang, 'orders.summary', { id: c })).overdueAmount).toBe(1200 + 1600 + 3200 + 6400);
  });
});

describe('permissions', () => {
  it('lets sales write only for customers they own and see only their own orders', async () => {
    const mine = await customer(zhang, '张三的客户有限公司');
    const his = await customer(li, '李四的客户有限公司');
    const pool = (await ws.call(manager, 'customers.create', { fields: companyFields('公海客户有限公司'), confirmDuplicates: false, ownerId: null })).id;
    const o = await ws.call(zhang, 'orders.create', order(mine, 100));
    expect(await errorCode(ws.invoke(zhang, 'orders.create', order(his, 100)))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'orders.create', order(pool, 100)))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'orders.create', { ...order(mine, 100), salespersonId: ids.li }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(li, 'orders.get', { id: o.id }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(li, 'orders.delete', { id: o.id }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(li, 'orders.addPayment', { orderId: o.id, paidOn: today, amount: 1 }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(li, 'orders.summary', { id: mine }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(li, 'orders.rules', {}))).toBe('FORBIDDEN');
    expect((await ws.call(li, 'orders.list', {})).total).toBe(0);
    expect((await ws.call(li, 'orders.receivables', {})).total).toBe(0);
    expect((await ws.call(li, 'orders.products', { prefix: '' })).length).toBe(0);
    // Managers see and write everyone's.
    await ws.call(manager, 'orders.create', { ...order(his, 50), salespersonId: ids.li });
    expect((await ws.call(manager, 'orders.list', {})).total).toBe(2);
    expect((await ws.call(li, 'orders.list', {})).total).toBe(1);
    expect((await ws.call(manager, 'orders.list', { filter: { ownerId: ids.zhang } })).total).toBe(1);
    expect(sales(mine)).toMatchObject({ orderCount: 1 });

    // Handed over: the new owner sees and writes it; the seller still sees the sale credited to them, and cannot write it.
    await ws.call(manager, 'customers.assign', { ids: [mine], ownerId: ids.li, reason: '交接' });
    const zhangList = await ws.call(zhang, 'orders.list', {});
    expect([zhangList.total, zhangList.sumAmount, zhangList.rows.length]).toEqual([1, 10_000, 1]);
    expect((await ws.call(li, 'orders.list', {})).total).toBe(2);
    expect((await ws.call(li, 'orders.list', { filter: { from: addDays(today, -1) } })).total).toBe(2);
    expect(await errorCode(ws.invoke(zhang, 'orders.addPayment', { orderId: o.id, paidOn: today, amount: 1 }))).toBe('FORBIDDEN');
    await ws.call(li, 'orders.addPayment', { orderId: o.id, paidOn: today, amount: 1 });
  });
});

describe('a failure mid-write', () => {
  it('leaves orders, lines, totals, status, grade and timeline as they were', async () => {
    const c = await customer(zhang, '长沙岳麓区食品有限公司');
    await ws.call(zhang, 'orders.create', order(c, 100, 10));
    const snapshot = () =>
      db()
        .sqlite.prepare(
          `SELECT (SELECT COUNT(*) FROM orders) AS o, (SELECT COUNT(*) FROM order_lines) AS l, (SELECT COUNT(*) FROM customer_events) AS e,
             (SELECT COUNT(*) FROM change_log) AS cl, (SELECT status FROM customers WHERE id = @c) AS status,
             (SELECT total_amount FROM customer_sales WHERE customer_id = @c) AS total`,
        )
        .get({ c });
    const before = snapshot();
    // The status change is the last write of an order's transaction: make it fail.
    db().maintenance((sqlite) => sqlite.exec(`CREATE TEMP TRIGGER fail_status BEFORE UPDATE OF status ON customers BEGIN SELECT RAISE(ABORT, 'disk full'); END`));
    const r = await ws.invoke(zhang, 'orders.create', order(c, 200, 5));
    expect(r.ok ? '' : r.error.code).toBe('INTERNAL');
    expect(snapshot()).toEqual(before);
    db().maintenance((sqlite) => sqlite.exec('DROP TRIGGER fail_status'));
    await ws.call(zhang, 'orders.create', order(c, 200, 5));
    expect(snapshot()).toMatchObject({ o: 2, status: 'repeat', total: 30_000 });
  });
});

describe('export and suggestions', () => {
  it('exports the filtered orders and suggests products from earlier orders', async () => {
    const c = await customer(zhang, '佛山顺德区家电有限公司');
    await ws.call(zhang, 'orders.create', {
      ...order(c, 0, 3),
      lines: [
        { product: '电机 220V', quantity: 4, unitPrice: 45_000 },
        { product: '控制板', quantity: 4, unitPrice: 12_000 },
      ],
    });
    await ws.call(zhang, 'orders.create', { ...order(c, 0, 1), lines: [{ product: '电机  220v', quantity: 1, unitPrice: 46_000 }] });
    const s = await ws.call(zhang, 'orders.products', { prefix: '电机' });
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ count: 2, lastUnitPrice: 46_000 });
    const file = await ws.call(zhang, 'orders.export', { filter: { from: addDays(today, -2) } });
    expect(file.rows).toBe(1);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('成交日期');
    expect(sheet.getRow(2).getCell(3).value).toBe('佛山顺德区家电有限公司');
    expect(sheet.getRow(2).getCell(5).value).toBe(460);
    expect(wb.worksheets[1]!.rowCount).toBe(2);
  });
});
