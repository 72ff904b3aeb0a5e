import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/ipc/session';
import { OFFICE } from '../helpers/workspace';
import { twoPcs, type Pc } from './exchange-helpers';

/**
 * The later record types in the LAN exchange (contact log, tasks, surveys,
 * visits and minutes, orders with lines and payments): two real workspaces
 * (two PCs, B's clock an hour behind), real workbooks, the real channels.
 */

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

const file = (pc: Pc, name: string): string => join(pc.dir, name);
const DAY = 24 * 60 * 60 * 1000;

type Ids = { zhangId: string; liId: string; zhangCust: string; liCust: string; contactId: string };

/** Two PCs from one workspace with two salespeople (张三, 李四), each owning a customer. */
const setup = async (): Promise<{ a: Pc; b: Pc; ids: Ids }> => {
  const ids: Ids = { zhangId: '', liId: '', zhangCust: '', liCust: '', contactId: '' };
  const pcs = await twoPcs(async (a) => {
    ids.zhangId = (await a.call('users.create', OFFICE.zhang)).id;
    ids.liId = (await a.call('users.create', OFFICE.li)).id;
    const zhang = await a.login('zhang', 'zhang-pass-1');
    const li = await a.login('li', 'li-pass-1');
    ids.zhangCust = (await a.call('customers.create', { fields: { name: '杭州交换模块公司' }, confirmDuplicates: false }, zhang)).id;
    ids.contactId = (await a.call('contacts.create', { customerId: ids.zhangCust, fields: { name: '王经理', mobile: '13800000001' } }, zhang)).id;
    ids.liCust = (await a.call('customers.create', { fields: { name: '宁波李四客户公司' }, confirmDuplicates: false }, li)).id;
  });
  cleanup = pcs.dispose;
  return { a: pcs.a, b: pcs.b, ids };
};

const zhangOn = (pc: Pc): Promise<Session> => pc.login('zhang', 'zhang-pass-1');
const liOn = (pc: Pc): Promise<Session> => pc.login('li', 'li-pass-1');

/** A full exchange A → B, committed; returns the summary. */
const aToB = async (a: Pc, b: Pc, name: string) => {
  await a.exportTo(file(a, name));
  return b.importFrom(file(a, name));
};

const count = (pc: Pc, sql: string, ...params: unknown[]): number => (pc.db.sqlite.prepare(sql).get(...params) as { n: number }).n;

/** The derived sales figures a customer card shows (orders.summary), the figures only. */
const figures = async (pc: Pc, customerId: string) => {
  const s = await pc.call('orders.summary', { id: customerId });
  return { orderCount: s.orderCount, totalAmount: s.totalAmount, receivedAmount: s.receivedAmount, receivable: s.receivable, status: s.status };
};

/** What customer_sales holds, straight from the table (the stored derived row, not a recomputation). */
const storedSales = (pc: Pc, customerId: string) =>
  pc.db.sqlite.prepare('SELECT order_count AS n, total_amount AS total, received_amount AS received FROM customer_sales WHERE customer_id = ?').get(customerId);

/** An order as both PCs must agree on it: lines (product, quantity, price, amount), payments, totals. */
const orderShape = async (pc: Pc, id: string) => {
  const o = await pc.call('orders.get', { id });
  return {
    amount: o.amount,
    received: o.received,
    lines: o.lines.map((l) => [l.lineNo, l.product, l.quantity, l.unitPrice, l.amount]),
    payments: o.payments.map((p) => [p.paidOn, p.amount]),
  };
};

describe('the contact log, tasks and surveys travel', () => {
  it('a contact, a follow-up task and a survey logged on A show on B’s customer card, with the right last contact', async () => {
    const { a, b, ids } = await setup();
    const zhangA = await zhangOn(a);
    const when = a.clock.now() - 2 * DAY;
    const activity = await a.call(
      'activities.create',
      { customerId: ids.zhangCust, contactId: ids.contactId, type: 'call_out', occurredAt: when, summary: '电话沟通报价', outcome: '客户有意向' },
      zhangA,
    );
    const task = await a.call('activities.createTask', { customerId: ids.zhangCust, title: '寄送样品', dueAt: a.clock.now() + 3 * DAY }, zhangA);
    const survey = await a.call(
      'activities.createSurvey',
      { customerId: ids.zhangCust, contactId: ids.contactId, surveyedAt: a.clock.now() - DAY, quality: 5, delivery: 4, service: 5, brand: 3, comments: '交期可以再快' },
      zhangA,
    );
    const lastOnA = (await a.call('customers.get', { id: ids.zhangCust })).customer.lastContactAt;
    expect(lastOnA).toBe(when);

    const s = await aToB(a, b, 'a.xlsx');
    expect(s.counts.conflicts + s.counts.skipped).toBe(0);

    const zhangB = await zhangOn(b);
    const listed = await b.call('activities.list', { customerId: ids.zhangCust }, zhangB);
    expect(listed.rows.map((r) => [r.id, r.summary, r.outcome, r.contactName, r.user.displayName, r.occurredAt])).toEqual([
      [activity.id, '电话沟通报价', '客户有意向', '王经理', '张三', when],
    ]);
    expect(await b.call('activities.get', { id: activity.id }, zhangB)).toMatchObject({ type: 'call_out', customerId: ids.zhangCust });
    const tasks = await b.call('activities.listTasks', { customerId: ids.zhangCust, scope: 'all', status: 'any' }, zhangB);
    expect(tasks.map((t) => [t.id, t.title, t.status, t.assignee.displayName, t.dueAt])).toEqual([[task.id, '寄送样品', 'open', '张三', task.dueAt]]);
    // The task is the salesperson's to complete on B too.
    expect((await b.call('activities.completeTask', { id: task.id }, zhangB)).status).toBe('done');
    const surveys = await b.call('activities.listSurveys', { customerId: ids.zhangCust }, zhangB);
    expect(surveys.map((x) => [x.id, x.quality, x.delivery, x.service, x.brand, x.comments, x.contactName])).toEqual([
      [survey.id, 5, 4, 5, 3, '交期可以再快', '王经理'],
    ]);
    const card = await b.call('customers.get', { id: ids.zhangCust }, zhangB);
    expect(card.customer.lastContactAt).toBe(when);

    // A later contact logged on B moves B's last contact; back on A it settles to the later one, no conflict.
    const later = b.clock.now();
    await b.call('activities.create', { customerId: ids.zhangCust, type: 'visit', occurredAt: later, summary: '上门拜访' }, zhangB);
    await b.exportTo(file(b, 'b.xlsx'));
    const back = await a.importFrom(file(b, 'b.xlsx'));
    expect(back.counts.conflicts + back.counts.skipped).toBe(0);
    expect((await a.call('customers.get', { id: ids.zhangCust })).customer.lastContactAt).toBe(later);
    expect((await a.call('activities.listTasks', { customerId: ids.zhangCust, scope: 'all', status: 'any' })).map((t) => t.status)).toEqual(['done']);
  });
});

describe('visits and minutes travel', () => {
  it('a visit planned, approved and carried out on A, and minutes with action items, arrive on B intact', async () => {
    const { a, b, ids } = await setup();
    const zhangA = await zhangOn(a);
    const planned = await a.call(
      'visits.create',
      {
        fields: { customerId: ids.zhangCust, plannedAt: a.clock.now() + DAY, place: '客户总部', contactIds: [ids.contactId], purpose: '介绍新产品', materials: ['productCatalog'], chkAppointment: true },
        submit: true,
      },
      zhangA,
    );
    expect(planned.status).toBe('submitted');
    await a.call('visits.approve', { id: planned.id, comment: '同意' });
    a.clock.advance(2 * DAY);
    await a.call('visits.recordResult', { id: planned.id, doneAt: a.clock.now() - 60_000, contactId: ids.contactId, summary: '演示了新产品', outcome: '约定试用' }, zhangA);
    const visitOnA = await a.call('visits.get', { id: planned.id }, zhangA);
    expect(visitOnA.status).toBe('done');
    expect(visitOnA.steps.map((st) => st.toStatus)).toEqual(['draft', 'submitted', 'approved', 'done']);
    const mins = await a.call(
      'minutes.create',
      {
        fields: {
          customerId: ids.zhangCust,
          visitId: planned.id,
          title: '新产品会谈',
          meetingDate: '2026-11-25',
          agreements: '下周试用',
          actions: [
            { content: '寄送试用装', ownerUserId: ids.zhangId, dueDate: '2026-11-30' },
            { content: '客户反馈试用结果', ownerName: '王经理', dueDate: '2026-12-05' },
          ],
        },
        submit: true,
      },
      zhangA,
    );
    const minutesOnA = await a.call('minutes.get', { id: mins.id }, zhangA);
    const visitOnA2 = await a.call('visits.get', { id: planned.id }, zhangA);

    const s = await aToB(a, b, 'a.xlsx');
    expect(s.counts.conflicts + s.counts.skipped).toBe(0);

    const zhangB = await zhangOn(b);
    const visitOnB = await b.call('visits.get', { id: planned.id }, zhangB);
    const strip = ({ can: _can, updatedAt: _u, ...rest }: typeof visitOnA) => rest;
    expect(strip(visitOnB)).toEqual(strip(visitOnA2));
    expect(visitOnB).toMatchObject({ status: 'done', resultSummary: '演示了新产品', decisionComment: '同意', minutesIds: [mins.id] });
    expect(visitOnB.contacts.map((c) => c.name)).toEqual(['王经理']);
    // The carried-out visit's contact-log entry came along too.
    expect(visitOnB.activityId).not.toBeNull();
    expect((await b.call('activities.get', { id: visitOnB.activityId! }, zhangB)).summary).toBe('演示了新产品');

    const minutesOnB = await b.call('minutes.get', { id: mins.id }, zhangB);
    const stripM = ({ can: _can, overdue: _o, dueToday: _d, ...rest }: typeof minutesOnA) => rest;
    expect(stripM(minutesOnB)).toEqual(stripM(minutesOnA));
    expect(minutesOnB.actions.map((x) => [x.position, x.content, x.ownerUser?.displayName ?? x.ownerName, x.dueDate])).toEqual([
      [minutesOnA.actions[0]!.position, '寄送试用装', '张三', '2026-11-30'],
      [minutesOnA.actions[1]!.position, '客户反馈试用结果', '王经理', '2026-12-05'],
    ]);
    expect(minutesOnB.steps.length).toBeGreaterThan(0);
    // The manager can go on with the minutes' flow on B.
    const approved = await b.call('minutes.approve', { id: mins.id, comment: '好' });
    expect(approved.status).not.toBe(minutesOnA.status);
    const summary = await b.call('visits.customerSummary', { customerId: ids.zhangCust }, zhangB);
    expect(summary.doneCount).toBe(1);
  });
});

describe('orders, lines and payments travel, and the derived figures follow', () => {
  it('an order with two lines and a payment arrives with B’s figures recomputed; an edit and a deletion follow', async () => {
    const { a, b, ids } = await setup();
    const zhangA = await zhangOn(a);
    const first = await a.call(
      'orders.create',
      {
        customerId: ids.zhangCust,
        orderDate: '2026-11-20',
        contractNo: 'HT-001',
        dueDate: '2026-12-20',
        lines: [
          { product: '工业风扇', quantity: 2, unitPrice: 150_000 },
          { product: '安装服务', quantity: 1, unitPrice: 20_000 },
        ],
      },
      zhangA,
    );
    await a.call('orders.addPayment', { orderId: first.id, paidOn: '2026-11-21', amount: 100_000 }, zhangA);
    const second = await a.call(
      'orders.create',
      { customerId: ids.zhangCust, orderDate: '2026-11-22', contractNo: 'HT-002', dueDate: '2026-12-22', lines: [{ product: '滤网', quantity: 10, unitPrice: 5_000 }] },
      zhangA,
    );
    const figuresA = await figures(a, ids.zhangCust);
    expect(figuresA).toMatchObject({ orderCount: 2, totalAmount: 370_000, receivedAmount: 100_000, receivable: 270_000 });

    const s = await aToB(a, b, 'a1.xlsx');
    expect(s.counts.conflicts + s.counts.skipped).toBe(0);
    const zhangB = await zhangOn(b);
    expect(await orderShape(b, first.id)).toEqual(await orderShape(a, first.id));
    const onB = await b.call('orders.get', { id: first.id }, zhangB);
    expect(onB.lines.map((l) => l.product)).toEqual(['工业风扇', '安装服务']);
    expect(onB.payments.map((p) => p.amount)).toEqual([100_000]);
    expect(await figures(b, ids.zhangCust)).toEqual(figuresA);
    expect(storedSales(b, ids.zhangCust)).toEqual({ n: 2, total: 370_000, received: 100_000 });

    // A line changed on the first order, the second order deleted: B follows, and so do its figures.
    await a.call(
      'orders.update',
      {
        id: first.id,
        orderDate: '2026-11-20',
        contractNo: 'HT-001',
        dueDate: '2026-12-20',
        lines: [
          { product: '工业风扇', quantity: 3, unitPrice: 150_000 },
          { product: '安装服务', quantity: 1, unitPrice: 20_000 },
        ],
      },
      zhangA,
    );
    await a.call('orders.delete', { id: second.id }, zhangA);
    const figuresA2 = await figures(a, ids.zhangCust);
    expect(figuresA2).toMatchObject({ orderCount: 1, totalAmount: 470_000, receivedAmount: 100_000 });
    const s2 = await aToB(a, b, 'a2.xlsx');
    expect(s2.counts.conflicts + s2.counts.skipped).toBe(0);
    expect(await orderShape(b, first.id)).toEqual(await orderShape(a, first.id));
    expect((await b.call('orders.get', { id: first.id }, zhangB)).lines.map((l) => l.quantity)).toEqual([3, 1]);
    const gone = await b.host.registry.invoke(zhangB, 'orders.get', { id: second.id });
    expect(gone.ok).toBe(false);
    expect(count(b, 'SELECT count(*) AS n FROM order_lines WHERE order_id = ?', second.id)).toBe(0);
    expect(await figures(b, ids.zhangCust)).toEqual(figuresA2);
    expect(storedSales(b, ids.zhangCust)).toEqual({ n: 1, total: 470_000, received: 100_000 });
    const list = await b.call('orders.list', { filter: { customerId: ids.zhangCust } }, zhangB);
    expect([list.total, list.sumAmount, list.sumReceived]).toEqual([1, 470_000, 100_000]);
  });

  it('re-importing the same workbook changes nothing: no change-log rows, the same figures', async () => {
    const { a, b, ids } = await setup();
    const zhangA = await zhangOn(a);
    const o = await a.call(
      'orders.create',
      { customerId: ids.zhangCust, orderDate: '2026-11-20', dueDate: '2026-12-20', lines: [{ product: '电机', quantity: 4, unitPrice: 25_000 }] },
      zhangA,
    );
    await a.call('orders.addPayment', { orderId: o.id, paidOn: '2026-11-21', amount: 40_000 }, zhangA);
    await a.call('activities.create', { customerId: ids.zhangCust, type: 'call_out', occurredAt: a.clock.now() - DAY, summary: '催款' }, zhangA);
    await a.call('visits.create', { fields: { customerId: ids.zhangCust, plannedAt: a.clock.now() + DAY, purpose: '回访' }, submit: true }, zhangA);
    await a.exportTo(file(a, 'a.xlsx'));
    const first = await b.importFrom(file(a, 'a.xlsx'));
    expect(first.counts.added).toBeGreaterThan(0);
    // Everything arrived (an order without a contract number too: its empty cell is '' here, not null).
    expect(first.counts.skipped + first.counts.conflicts).toBe(0);
    expect(await orderShape(b, o.id)).toEqual(await orderShape(a, o.id));
    const log = count(b, 'SELECT count(*) AS n FROM change_log');
    const stampSeq = count(b, 'SELECT max(seq) AS n FROM exchange_stamps');
    const before = await figures(b, ids.zhangCust);
    const grades = count(b, 'SELECT count(*) AS n FROM grade_history');
    const events = count(b, 'SELECT count(*) AS n FROM customer_events');
    b.clock.advance(DAY);
    const again = await b.importFrom(file(a, 'a.xlsx'));
    expect(again.counts.added + again.counts.updated + again.counts.deleted + again.counts.conflicts + again.counts.skipped).toBe(0);
    expect(count(b, 'SELECT count(*) AS n FROM change_log')).toBe(log);
    expect(count(b, 'SELECT max(seq) AS n FROM exchange_stamps')).toBe(stampSeq);
    expect(count(b, 'SELECT count(*) AS n FROM grade_history')).toBe(grades);
    expect(count(b, 'SELECT count(*) AS n FROM customer_events')).toBe(events);
    expect(await figures(b, ids.zhangCust)).toEqual(before);
  });

  it.each(['remote', 'local'] as const)('the same order edited on both PCs is a conflict for a person; taking the %s version leaves both PCs on it, lines and figures', async (choice) => {
    const { a, b, ids } = await setup();
    const zhangA = await zhangOn(a);
    const o = await a.call(
      'orders.create',
      {
        customerId: ids.zhangCust,
        orderDate: '2026-11-20',
        contractNo: 'HT-100',
        dueDate: '2026-12-20',
        lines: [
          { product: '空压机', quantity: 1, unitPrice: 300_000 },
          { product: '管件', quantity: 10, unitPrice: 1_000 },
        ],
      },
      zhangA,
    );
    await a.call('orders.addPayment', { orderId: o.id, paidOn: '2026-11-21', amount: 50_000 }, zhangA);
    await aToB(a, b, 'start.xlsx');
    const zhangB = await zhangOn(b);
    const edit = (lines: { product: string; quantity: number; unitPrice: number }[]) => ({
      id: o.id,
      orderDate: '2026-11-20',
      contractNo: 'HT-100',
      dueDate: '2026-12-20',
      lines,
    });
    // A: the compressor's price goes up; B: more fittings.
    await a.call('orders.update', edit([{ product: '空压机', quantity: 1, unitPrice: 320_000 }, { product: '管件', quantity: 10, unitPrice: 1_000 }]), zhangA);
    await b.call('orders.update', edit([{ product: '空压机', quantity: 1, unitPrice: 300_000 }, { product: '管件', quantity: 40, unitPrice: 1_000 }]), zhangB);
    const shapeA = await orderShape(a, o.id);
    const shapeB = await orderShape(b, o.id);
    expect(shapeA.amount).toBe(330_000);
    expect(shapeB.amount).toBe(340_000);

    await a.exportTo(file(a, 'a.xlsx'));
    const s = await b.importFrom(file(a, 'a.xlsx'));
    expect(s.counts.conflicts).toBeGreaterThanOrEqual(1);
    const conflicts = await b.call('exchange.conflicts', {}, zhangB);
    const orderConflict = conflicts.find((c) => c.recordId === o.id);
    expect(orderConflict).toBeDefined();
    expect(orderConflict!.reason).toBe('both_changed');
    // Nothing overwritten while it waits: B's order is B's version, lines and amount agreeing.
    const waiting = await b.call('orders.get', { id: o.id }, zhangB);
    expect(waiting.lines.map((l) => [l.product, l.quantity, l.unitPrice])).toEqual([
      ['空压机', 1, 300_000],
      ['管件', 40, 1_000],
    ]);
    expect(waiting.amount).toBe(waiting.lines.reduce((sum, l) => sum + l.amount, 0));

    expect(orderConflict!.fields.map((f) => [f.column, f.local, f.remote])).toContainEqual(['amount', 340_000, 330_000]);
    // Only the order is for a person to decide; its lines wait with it.
    expect(conflicts.map((c) => c.table)).toEqual(['orders']);

    // 张三 (the salesperson of the customer) takes one version of the order (every field listed), through the channel the UI uses.
    await b.call('exchange.resolve', {
      resolutions: conflicts.map((c) => ({ conflictId: c.id, fields: Object.fromEntries(c.fields.map((f) => [f.column, choice])) })),
    }, zhangB);
    expect(await b.call('exchange.conflicts', {})).toEqual([]);
    const chosen = await orderShape(b, o.id);
    const expected = choice === 'remote' ? shapeA : shapeB;
    expect(chosen).toEqual(expected);
    expect(chosen.amount).toBe(chosen.lines.reduce((sum, l) => sum + (l[4] as number), 0));
    expect(await figures(b, ids.zhangCust)).toMatchObject({ orderCount: 1, totalAmount: expected.amount, receivedAmount: 50_000, receivable: expected.amount - 50_000 });

    // Back to A: no conflict, and A ends where B is.
    // Back to A through 张三's own exchange (his customers only).
    await b.exportTo(file(b, 'b.xlsx'), undefined, zhangB.user!);
    const back = await a.importFrom(file(b, 'b.xlsx'), zhangA.user!);
    expect(back.counts.conflicts).toBe(0);
    expect(await orderShape(a, o.id)).toEqual(chosen);
    expect(await figures(a, ids.zhangCust)).toEqual(await figures(b, ids.zhangCust));
    expect(storedSales(a, ids.zhangCust)).toEqual({ n: 1, total: expected.amount, received: 50_000 });
    expect(storedSales(b, ids.zhangCust)).toEqual({ n: 1, total: expected.amount, received: 50_000 });
    // Settled: another round both ways changes nothing.
    await a.exportTo(file(a, 'a2.xlsx'));
    const round = await b.importFrom(file(a, 'a2.xlsx'));
    expect(round.counts.added + round.counts.updated + round.counts.deleted + round.counts.conflicts).toBe(0);
    expect(await orderShape(b, o.id)).toEqual(expected);
  });
});

describe('parts of a record settle with it', () => {
  it('minutes edited on both PCs: the action items follow the version chosen, on both PCs', async () => {
    const { a, b, ids } = await setup();
    const zhangA = await zhangOn(a);
    const base = { title: '季度会谈', meetingDate: '2026-11-20' };
    const made = await a.call(
      'minutes.create',
      { fields: { customerId: ids.zhangCust, ...base, actions: [{ content: '报价', ownerUserId: ids.zhangId, dueDate: '2026-11-25' }] }, submit: false },
      zhangA,
    );
    await aToB(a, b, 'start.xlsx');
    const zhangB = await zhangOn(b);
    await a.call('minutes.update', { id: made.id, fields: { ...base, agreements: 'A 的结论', actions: [{ content: 'A 的行动', dueDate: '2026-11-26' }] } }, zhangA);
    await b.call(
      'minutes.update',
      { id: made.id, fields: { ...base, agreements: 'B 的结论', actions: [{ content: 'B 的行动一', dueDate: '2026-11-27' }, { content: 'B 的行动二', dueDate: '2026-11-28' }] } },
      zhangB,
    );
    const actionsOf = async (pc: Pc, session: Session) => (await pc.call('minutes.get', { id: made.id }, session)).actions.map((x) => x.content);
    await a.exportTo(file(a, 'a.xlsx'));
    const s = await b.importFrom(file(a, 'a.xlsx'));
    expect(s.conflicts.map((c) => c.table)).toEqual(['minutes']);
    expect(await actionsOf(b, zhangB)).toEqual(['B 的行动一', 'B 的行动二']);
    const [conflict] = await b.call('exchange.conflicts', {}, zhangB);
    await b.call('exchange.resolve', { resolutions: [{ conflictId: conflict!.id, fields: Object.fromEntries(conflict!.fields.map((f) => [f.column, 'remote' as const])) }] }, zhangB);
    expect(await actionsOf(b, zhangB)).toEqual(['A 的行动']);
    expect((await b.call('minutes.get', { id: made.id }, zhangB)).agreements).toBe('A 的结论');
    await b.exportTo(file(b, 'b.xlsx'));
    expect((await a.importFrom(file(b, 'b.xlsx'))).counts.conflicts).toBe(0);
    expect(await actionsOf(a, zhangA)).toEqual(['A 的行动']);
  });
});

describe('a salesperson’s exchange holds only their own customers’ records', () => {
  it('张三’s export carries his orders, visits and contact log, not 李四’s; his import does not change 李四’s', async () => {
    const { a, b, ids } = await setup();
    const zhangA = await zhangOn(a);
    const liA = await liOn(a);
    const mk = async (session: Session, customerId: string, tag: string) => {
      const order = await a.call('orders.create', { customerId, orderDate: '2026-11-20', contractNo: tag, dueDate: '2026-12-20', lines: [{ product: `${tag}产品`, quantity: 1, unitPrice: 10_000 }] }, session);
      await a.call('orders.addPayment', { orderId: order.id, paidOn: '2026-11-21', amount: 5_000 }, session);
      const visit = await a.call('visits.create', { fields: { customerId, plannedAt: a.clock.now() + DAY, purpose: `${tag}拜访` }, submit: false }, session);
      const activity = await a.call('activities.create', { customerId, type: 'call_out', occurredAt: a.clock.now() - DAY, summary: `${tag}电话` }, session);
      const task = await a.call('activities.createTask', { customerId, title: `${tag}任务`, dueAt: a.clock.now() + DAY }, session);
      const survey = await a.call('activities.createSurvey', { customerId, surveyedAt: a.clock.now() - DAY, quality: 4, delivery: 4, service: 4, brand: 4 }, session);
      return [order.id, order.lines[0]!.id, visit.id, activity.id, task.id, survey.id];
    };
    const zhangRecords = await mk(zhangA, ids.zhangCust, '张');
    const liRecords = await mk(liA, ids.liCust, '李');
    // Deleted orders: 张三's deletion travels in his export (a tombstone), 李四's does not.
    const deleted = async (session: Session, customerId: string) => {
      const o = await a.call('orders.create', { customerId, orderDate: '2026-11-20', dueDate: '2026-12-20', lines: [{ product: '作废', quantity: 1, unitPrice: 1 }] }, session);
      await a.call('orders.delete', { id: o.id }, session);
      return o.id;
    };
    zhangRecords.push(await deleted(zhangA, ids.zhangCust));
    liRecords.push(await deleted(liA, ids.liCust));
    await a.exportTo(file(a, 'zhang.xlsx'), undefined, zhangA.user!);

    // Read the workbook as it is: every sheet's _id column.
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file(a, 'zhang.xlsx'));
    const idsInWorkbook = new Set<string>();
    wb.eachSheet((ws) => {
      let idCol = 0;
      ws.getRow(1).eachCell((cell, n) => {
        if (cell.value === '_id' || String(cell.value).endsWith('[_id]')) idCol = n;
      });
      if (!idCol) return;
      for (let r = 2; r <= ws.rowCount; r += 1) idsInWorkbook.add(String(ws.getRow(r).getCell(idCol).value));
    });
    for (const id of zhangRecords) expect(idsInWorkbook.has(id), `张三's record ${id}`).toBe(true);
    for (const id of [...liRecords, ids.liCust]) expect(idsInWorkbook.has(id), `李四's record ${id}`).toBe(false);
    // Payments too (found by their order).
    const pay = (orderId: string) => (a.db.sqlite.prepare('SELECT id FROM payments WHERE order_id = ?').get(orderId) as { id: string }).id;
    expect(idsInWorkbook.has(pay(zhangRecords[0]!))).toBe(true);
    expect(idsInWorkbook.has(pay(liRecords[0]!))).toBe(false);

    // 张三 imports it on B: his records arrive, with his figures.
    const zhangB = await zhangOn(b);
    const s = await b.importFrom(file(a, 'zhang.xlsx'), zhangB.user!);
    expect(s.counts.skipped + s.counts.conflicts).toBe(0);
    expect((await figures(b, ids.zhangCust)).totalAmount).toBe(10_000);
    expect(count(b, 'SELECT count(*) AS n FROM orders WHERE customer_id = ?', ids.liCust)).toBe(0);
    // The manager's full workbook imported by 张三: 李四's orders, visits and contacts are refused and said so.
    await a.exportTo(file(a, 'all.xlsx'));
    const s2 = await b.importFrom(file(a, 'all.xlsx'), zhangB.user!);
    expect(s2.notes.some((n) => n.kind === 'forbidden')).toBe(true);
    for (const table of ['orders', 'payments', 'visits', 'activities', 'follow_up_tasks', 'satisfaction_surveys'])
      expect(count(b, `SELECT count(*) AS n FROM ${table} WHERE customer_id = ?`, ids.liCust), table).toBe(0);
    expect(count(b, 'SELECT count(*) AS n FROM order_lines WHERE id = ?', liRecords[1])).toBe(0);
  });

  it('a salesperson’s own exchange carries their order edits and deletions: replaced lines and a deleted order go on the other PC too', async () => {
    const { a, b, ids } = await setup();
    const zhangA = await zhangOn(a);
    const kept = await a.call(
      'orders.create',
      { customerId: ids.zhangCust, orderDate: '2026-11-20', contractNo: 'Z-1', dueDate: '2026-12-20', lines: [{ product: '轴承', quantity: 10, unitPrice: 2_000 }] },
      zhangA,
    );
    const dropped = await a.call(
      'orders.create',
      { customerId: ids.zhangCust, orderDate: '2026-11-21', contractNo: 'Z-2', dueDate: '2026-12-21', lines: [{ product: '齿轮', quantity: 5, unitPrice: 3_000 }] },
      zhangA,
    );
    await a.exportTo(file(a, 'z1.xlsx'), undefined, zhangA.user!);
    const zhangB = await zhangOn(b);
    expect((await b.importFrom(file(a, 'z1.xlsx'), zhangB.user!)).counts.skipped).toBe(0);
    expect((await figures(b, ids.zhangCust)).totalAmount).toBe(35_000);
    await a.call('orders.update', { id: kept.id, orderDate: '2026-11-20', contractNo: 'Z-1', dueDate: '2026-12-20', lines: [{ product: '轴承', quantity: 12, unitPrice: 2_000 }] }, zhangA);
    await a.call('orders.delete', { id: dropped.id }, zhangA);
    await a.exportTo(file(a, 'z2.xlsx'), undefined, zhangA.user!);
    const s = await b.importFrom(file(a, 'z2.xlsx'), zhangB.user!);
    expect(s.counts.skipped + s.counts.conflicts).toBe(0);
    expect(await orderShape(b, kept.id)).toEqual(await orderShape(a, kept.id));
    expect(count(b, 'SELECT count(*) AS n FROM orders WHERE id = ?', dropped.id)).toBe(0);
    expect(await figures(b, ids.zhangCust)).toEqual(await figures(a, ids.zhangCust));
  });
});
