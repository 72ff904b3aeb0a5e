// Reports are computed in local time; the office PCs run in China.
process.env.TZ = 'Asia/Shanghai';

import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src-main/db/connection';
import type { Session } from '../../src-main/ipc/session';
import { newId } from '../../src-main/services/ids';
import type { ReportFilterInput } from '../../src-shared/reports/schemas';
import { ADMIN, DEFAULT_TEST_NOW, OFFICE, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

let ws: TestWorkspace;
let admin: Session;
let manager: Session;
let zhang: Session;
let li: Session;
const ids = { manager: '', zhang: '', li: '' };
const c: Record<string, string> = {};

const db = (): Db => ws.host.workspace.db!;
const at = (y: number, m: number, d: number, h = 10, min = 0): number => new Date(y, m - 1, d, h, min).getTime();
const yuan = (n: number): number => Math.round(n * 100);

const setCustomer = (id: string, fields: Record<string, unknown>): void => {
  const cols = Object.keys(fields);
  db().write(null, (tx) => tx.sqlite.prepare(`UPDATE customers SET ${cols.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`).run(...cols.map((k) => fields[k]), id));
};

const record = (createdAt = at(2026, 1, 1)) => ({ id: newId(), created_at: createdAt, updated_at: createdAt });
const insert = (table: string, row: Record<string, unknown>): string => {
  const cols = Object.keys(row);
  db().write(null, (tx) => tx.sqlite.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((k) => row[k])));
  return row.id as string;
};

const order = (customer: string, date: string, amountYuan: number, extra: Record<string, unknown> = {}): string =>
  insert('orders', {
    ...record(),
    customer_id: customer,
    order_date: date,
    contract_no: `HT-${date}`,
    salesperson_id: extra.salesperson_id ?? ids.zhang,
    amount: yuan(amountYuan),
    received: 0,
    due_date: date,
    ...extra,
  });

const activity = (customer: string, user: string, when: number, extra: Record<string, unknown> = {}): string =>
  insert('activities', { ...record(when), customer_id: customer, user_id: user, type: 'call_out', occurred_at: when, summary: '电话沟通', complaint: 0, ...extra });

const visit = (customer: string, user: string, doneAt: number): string =>
  insert('visits', {
    ...record(doneAt),
    form_no: `ZF-${newId().slice(-6)}`,
    customer_id: customer,
    salesperson_id: user,
    status: 'done',
    planned_at: doneAt,
    purpose: '产品介绍',
    done_at: doneAt,
  });

const filter = (period: ReportFilterInput['period'], extra: Partial<ReportFilterInput> = {}): ReportFilterInput => ({ period, ...extra });
const jan2026 = { kind: 'month', anchor: '2026-01-15' } as const;

beforeAll(async () => {
  // Literal dates (November 2026 is "this month"): pinned at the default instant, whatever TUOKE_TEST_NOW says.
  ws = await createTestWorkspace({ now: DEFAULT_TEST_NOW });
  admin = await ws.loginAs(ADMIN.username, ADMIN.password);
  ids.manager = (await ws.call(admin, 'users.create', OFFICE.wang)).id;
  ids.zhang = (await ws.call(admin, 'users.create', OFFICE.zhang)).id;
  ids.li = (await ws.call(admin, 'users.create', OFFICE.li)).id;
  manager = await ws.loginAs('wang', 'wang-pass-1');
  zhang = await ws.loginAs('zhang', 'zhang-pass-1');
  li = await ws.loginAs('li', 'li-pass-1');

  const make = async (key: string, owner: string | null, fields: Record<string, unknown> = {}) => {
    c[key] = (await ws.call(manager, 'customers.create', { fields: { name: key, ...fields }, ownerId: owner, confirmDuplicates: true })).id;
  };
  // Five customers with sales in January 2026 (500, 300, 100, 60, 40 yuan: total 1,000).
  await make('甲公司', ids.zhang, { source: 'trade_show', industry: '制造业' });
  await make('乙公司', ids.zhang, { source: 'trade_show', industry: '制造业' });
  await make('丙公司', ids.li, { source: 'internet', industry: '批发和零售业' });
  await make('丁公司', ids.li, { source: 'internet', industry: '制造业' });
  await make('戊公司', null, { source: 'walk_in' });
  // Much effort, no sales.
  await make('己公司', ids.zhang, { source: 'internet' });
  // Deleted: its order never counts.
  await make('庚公司', ids.zhang);
  await ws.call(manager, 'customers.delete', { ids: [c['庚公司']!] });

  order(c['甲公司']!, '2026-01-05', 500);
  order(c['乙公司']!, '2026-01-10', 300);
  order(c['丙公司']!, '2026-01-20', 100, { salesperson_id: ids.li });
  order(c['丁公司']!, '2026-01-31', 60, { salesperson_id: ids.li });
  order(c['戊公司']!, '2026-01-01', 40, { salesperson_id: null });
  order(c['庚公司']!, '2026-01-15', 9999);
  // Outside January 2026: the same period last year (500) and leap-day figures.
  order(c['甲公司']!, '2025-01-20', 500);
  order(c['甲公司']!, '2024-02-29', 200);
  order(c['甲公司']!, '2024-02-28', 50);
  order(c['乙公司']!, '2023-02-28', 100);
  for (let i = 0; i < 4; i++) activity(c['己公司']!, ids.zhang, at(2026, 1, 3 + i));
  visit(c['己公司']!, ids.zhang, at(2026, 1, 12));
  activity(c['甲公司']!, ids.zhang, at(2026, 1, 4));
});
afterAll(() => ws.dispose());

describe('ABC / Pareto', () => {
  it('grades by cumulative share (A to 80 %, B to 95 %) and draws the Pareto curve', async () => {
    const r = await ws.call(manager, 'reports.abc', { filter: filter(jan2026) });
    expect(r.total).toBe(yuan(1000));
    expect(r.customerCount).toBe(5);
    expect(r.grades).toEqual([
      { grade: 'A', count: 2, amount: yuan(800), share: 0.8 },
      { grade: 'B', count: 2, amount: yuan(160), share: 0.16 },
      { grade: 'C', count: 1, amount: yuan(40), share: 0.04 },
    ]);
    expect(r.customers.map((x) => [x.name, x.grade])).toEqual([
      ['甲公司', 'A'],
      ['乙公司', 'A'],
      ['丙公司', 'B'],
      ['丁公司', 'B'],
      ['戊公司', 'C'],
    ]);
    expect(r.customers[1]!.cumulativeShare).toBeCloseTo(0.8);
    expect(r.curve[0]).toEqual({ rank: 0, customerShare: 0, salesShare: 0 });
    expect(r.curve.find((p) => p.rank === 2)!.salesShare).toBeCloseTo(0.8);
    expect(r.curve.at(-1)!.salesShare).toBeCloseTo(1);
  });

  it('lists the customer with many contacts and visits but no sales, not the A customer with one call', async () => {
    const r = await ws.call(manager, 'reports.abc', { filter: filter(jan2026) });
    expect(r.effortLowSales.map((x) => [x.name, x.activities, x.visits, x.amount, x.grade])).toEqual([['己公司', 4, 1, 0, null]]);
  });

  it('narrows to the filter: a source', async () => {
    const r = await ws.call(manager, 'reports.abc', { filter: filter(jan2026, { sources: ['internet'] }) });
    expect(r.total).toBe(yuan(160));
    expect(r.customers.map((x) => x.name)).toEqual(['丙公司', '丁公司']);
  });
});

describe('period comparison', () => {
  it('compares January 2026 with December 2025 (环比, across the year boundary) and January 2025 (同比)', async () => {
    const r = await ws.call(manager, 'reports.comparison', { filter: filter(jan2026) });
    expect([r.previous.from, r.previous.to, r.lastYear.from, r.lastYear.to]).toEqual(['2025-12-01', '2025-12-31', '2025-01-01', '2025-01-31']);
    const sales = r.rows.find((x) => x.metric === 'sales')!;
    expect(sales).toMatchObject({ current: yuan(1000), previous: 0, lastYear: yuan(500), momChange: yuan(1000), yoyChange: yuan(500), yoyRate: 1 });
    // Nothing last month: no growth rate (shown as —), never Infinity.
    expect(sales.momRate).toBeNull();
    const contacts = r.rows.find((x) => x.metric === 'contacts')!;
    expect(contacts.current).toBe(5);
  });

  it('counts the new customers of the period without those in the recycle bin', async () => {
    const r = await ws.call(manager, 'reports.comparison', { filter: filter({ kind: 'month', anchor: '2026-11-23' }) });
    const count = (deleted: boolean) =>
      (
        db()
          .sqlite.prepare(`SELECT count(*) AS n FROM customers WHERE created_at >= ? AND created_at < ? AND deleted_at IS ${deleted ? 'NOT ' : ''}NULL`)
          .get(at(2026, 11, 1, 0), at(2026, 12, 1, 0)) as { n: number }
      ).n;
    expect(count(true)).toBe(1); // 庚公司
    expect(r.rows.find((x) => x.metric === 'newCustomers')!.current).toBe(count(false));
    expect(count(false)).toBeGreaterThan(5);
  });

  it('compares the leap day 2024-02-29 with 2023-02-28 (同比) and 2024-02-28 (环比)', async () => {
    const r = await ws.call(manager, 'reports.comparison', { filter: filter({ kind: 'day', anchor: '2024-02-29' }) });
    expect([r.lastYear.from, r.previous.from]).toEqual(['2023-02-28', '2024-02-28']);
    expect(r.rows.find((x) => x.metric === 'sales')).toMatchObject({ current: yuan(200), previous: yuan(50), lastYear: yuan(100), momRate: 3, yoyRate: 1 });
  });
});

describe('receivables ageing', () => {
  it('buckets what was owed at the end of the period by days past due, counting payments made later as still owed', async () => {
    const x = (await ws.call(manager, 'customers.create', { fields: { name: '应收测试公司' }, ownerId: ids.li, confirmDuplicates: true })).id;
    order(x, '2025-12-20', 1000, { due_date: '2026-01-10', salesperson_id: ids.li }); // 21 days overdue on 01-31
    order(x, '2026-01-16', 500, { due_date: '2026-02-15', salesperson_id: ids.li }); // not due yet
    const paidLater = order(x, '2025-09-01', 300, { due_date: '2025-10-01', received: yuan(300), salesperson_id: ids.li }); // 122 days
    insert('payments', { ...record(), order_id: paidLater, customer_id: x, paid_on: '2026-02-05', amount: yuan(300) });
    order(x, '2025-11-01', 700, { due_date: '2025-11-30', received: yuan(700) }); // paid in full before: not owed
    const r = await ws.call(manager, 'reports.receivables', { filter: filter(jan2026, { ownerIds: [ids.li] }) });
    const row = r.byCustomer.find((b) => b.customerId === x)!;
    expect(r.asOf).toBe('2026-01-31');
    expect(row).toMatchObject({ total: yuan(1800), not_due: yuan(500), d1_30: yuan(1000), d31_60: 0, d61_90: 0, d90_plus: yuan(300), maxOverdueDays: 122 });
    // 李四's orders: these three plus 丙公司's (100, 11 days overdue) and 丁公司's (60, due on the last day).
    expect(r.bySalesperson).toEqual([
      { userId: ids.li, name: '李四', orders: 5, total: yuan(1960), not_due: yuan(560), d1_30: yuan(1100), d31_60: 0, d61_90: 0, d90_plus: yuan(300) },
    ]);
    expect(r.totals.total).toBe(yuan(1960));
  });
});

describe('the sales daily report', () => {
  it('counts the day’s contacts, new customers, visits, minutes and orders of one salesperson and of the team', async () => {
    const day = { y: 2026, m: 3, d: 16 };
    const t = (h: number) => at(day.y, day.m, day.d, h);
    const n1 = (await ws.call(manager, 'customers.create', { fields: { name: '日报新客户' }, ownerId: ids.zhang, confirmDuplicates: true })).id;
    setCustomer(n1, { created_at: t(9) });
    activity(n1, ids.zhang, t(10));
    activity(n1, ids.zhang, t(23) + 59 * 60_000); // 23:59 that day: inside
    activity(n1, ids.zhang, at(2026, 3, 17, 0)); // next midnight: outside
    activity(c['丙公司']!, ids.li, t(11));
    visit(n1, ids.zhang, t(14));
    insert('minutes', {
      ...record(t(16)),
      form_no: 'JY-2026-0001',
      customer_id: n1,
      author_id: ids.zhang,
      status: 'draft',
      meeting_date: '2026-03-16',
      due_date: '2026-03-18',
    });
    order(n1, '2026-03-16', 1234.5);

    const mine = await ws.call(zhang, 'reports.salesReport.get', { kind: 'day', anchor: '2026-03-16', userId: ids.zhang });
    expect(mine.figures).toEqual({ activities: 2, newCustomers: 1, visits: 1, minutes: 1, orders: 1, orderAmount: 123450 });
    expect(mine.orders.map((o) => [o.customerName, o.amount])).toEqual([['日报新客户', 123450]]);
    expect(mine.canEdit).toBe(true);

    const team = await ws.call(manager, 'reports.salesReport.get', { kind: 'day', anchor: '2026-03-16', userId: null });
    expect(team.figures.activities).toBe(3);
    expect(team.people.find((p) => p.userId === ids.li)).toMatchObject({ activities: 1, orders: 0 });
    expect(team.people.find((p) => p.userId === ids.zhang)).toMatchObject({ activities: 2, visits: 1 });

    // The same report as a workbook: figures first, then the lists.
    const file = await ws.call(zhang, 'reports.export', { report: 'salesReport', key: { kind: 'day', anchor: '2026-03-16', userId: ids.zhang } });
    const dir = mkdtempSync(join(tmpdir(), 'tuoke-report-'));
    try {
      writeFileSync(join(dir, 'r.xlsx'), Buffer.from(file.dataBase64, 'base64'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, 'r.xlsx'));
      expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '本期工作量', '本期成交', '本期新增客户', '本期拜访', '本期联系记录']);
      expect(wb.getWorksheet('本期工作量')!.getRow(2).values).toEqual([undefined, 2, 1, 1, 1, 1, 1234.5]);
      expect(wb.getWorksheet('本期联系记录')!.rowCount).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps what the salesperson wrote and the manager’s comment, and lists earlier reports', async () => {
    const saved = await ws.call(zhang, 'reports.salesReport.save', { kind: 'week', anchor: '2026-03-18', summary: '拜访了三家客户', plan: '下周跟进报价' });
    expect(saved.period).toEqual({ kind: 'week', from: '2026-03-16', to: '2026-03-22' });
    expect(saved.id).not.toBeNull();
    // A salesperson cannot comment, another cannot write into it, a manager can comment.
    expect((await ws.invoke(zhang, 'reports.salesReport.comment', { id: saved.id!, comment: '好' })).ok).toBe(false);
    const commented = await ws.call(manager, 'reports.salesReport.comment', { id: saved.id!, comment: '报价要在周三前发出' });
    expect(commented).toMatchObject({ summary: '拜访了三家客户', plan: '下周跟进报价', managerComment: '报价要在周三前发出', commentedBy: '王经理' });
    const again = await ws.call(zhang, 'reports.salesReport.get', { kind: 'week', anchor: '2026-03-22', userId: ids.zhang });
    expect(again.managerComment).toBe('报价要在周三前发出');
    const list = await ws.call(zhang, 'reports.salesReport.list', { userId: null });
    expect(list.map((x) => [x.period.from, x.summary, x.hasComment])).toEqual([['2026-03-16', '拜访了三家客户', true]]);
    expect(await ws.call(li, 'reports.salesReport.list', { userId: null })).toEqual([]);
  });
});

describe('the lifecycle funnel', () => {
  it('gives reached counts and conversion rates of the customers created in the period', async () => {
    const statuses = ['potential', 'potential', 'potential', 'potential', 'target', 'target', 'target', 'first_purchase', 'first_purchase', 'repeat', 'lost'];
    for (const [i, status] of statuses.entries()) {
      const id = (await ws.call(manager, 'customers.create', { fields: { name: `漏斗${i}` }, ownerId: ids.li, confirmDuplicates: true })).id;
      setCustomer(id, { status, created_at: at(2026, 5, 1 + i), lost_at: status === 'lost' ? at(2026, 5, 20) : null });
    }
    const r = await ws.call(manager, 'reports.funnel', { filter: filter({ kind: 'month', anchor: '2026-05-01' }) });
    expect(r.cohort).toBe(11);
    expect(r.lost).toBe(1);
    expect(r.stages.map((s) => [s.stage, s.current, s.reached])).toEqual([
      ['potential', 4, 10],
      ['target', 3, 6],
      ['first_purchase', 2, 3],
      ['repeat', 1, 1],
      ['loyal', 0, 0],
    ]);
    expect(r.stages.map((s) => s.rate)).toEqual([null, 0.6, 0.5, 1 / 3, 0]);
    expect(r.stages[3]!.overall).toBeCloseTo(0.1);
  });
});

describe('customer statistics', () => {
  it('counts customers and sums the period’s sales by two dimensions', async () => {
    setCustomer(c['甲公司']!, { grade: 'A' });
    setCustomer(c['乙公司']!, { grade: 'A' });
    setCustomer(c['丙公司']!, { grade: 'B' });
    const r = await ws.call(manager, 'reports.statistics', {
      filter: filter(jan2026, { sources: ['trade_show', 'internet'] }),
      dim1: 'source',
      dim2: 'grade',
    });
    const cell = (source: string, grade: string | null) => r.rows.find((x) => x.v1 === source && x.v2 === grade);
    expect(cell('trade_show', 'A')).toEqual({ v1: 'trade_show', v2: 'A', count: 2, amount: yuan(800) });
    expect(cell('internet', 'B')).toEqual({ v1: 'internet', v2: 'B', count: 1, amount: yuan(100) });
    // 丁公司 (60) and 己公司 (no sales): internet, no grade.
    expect(cell('internet', null)).toEqual({ v1: 'internet', v2: null, count: 2, amount: yuan(60) });
    expect(r.totalCount).toBe(5);
  });

  it('groups by the local creation month (00:30 on 1 February local time is February, 23:30 on 31 January is January)', async () => {
    setCustomer(c['甲公司']!, { created_at: at(2026, 1, 31, 23, 30) });
    setCustomer(c['乙公司']!, { created_at: at(2026, 2, 1, 0, 30) });
    setCustomer(c['丙公司']!, { created_at: at(2026, 2, 14) });
    setCustomer(c['丁公司']!, { created_at: at(2026, 1, 10) });
    setCustomer(c['戊公司']!, { created_at: at(2026, 3, 1, 0, 5) });
    const r = await ws.call(manager, 'reports.statistics', { filter: filter(jan2026), dim1: 'createdMonth', dim2: null });
    const month = (m: string) => r.rows.find((x) => x.v1 === m);
    expect(month('2026-02')).toMatchObject({ count: 2, amount: yuan(300 + 100) });
    expect(month('2026-01')).toMatchObject({ count: 2, amount: yuan(500 + 60) });
    expect(month('2026-03')!.amount).toBe(yuan(40));
    expect(r.rows.reduce((n, x) => n + x.count, 0)).toBe(r.totalCount);
    expect(r.rows.map((x) => x.count)).toEqual([...r.rows.map((x) => x.count)].sort((a, b) => b - a));
  });

  it('refuses the same dimension twice', async () => {
    const r = await ws.invoke(manager, 'reports.statistics', { filter: filter(jan2026), dim1: 'source', dim2: 'source' });
    expect(r.ok ? '' : r.error.code).toBe('VALIDATION');
  });
});

describe('churn', () => {
  it('counts lost customers by reason, grade and local month (a loss at 00:30 on 1 February in Shanghai is February)', async () => {
    const mk = async (name: string, reason: string, lostAt: number, grade: string | null) => {
      const id = (await ws.call(manager, 'customers.create', { fields: { name }, ownerId: ids.li, confirmDuplicates: true })).id;
      setCustomer(id, { status: 'lost', lost_reason: reason, lost_at: lostAt, grade });
    };
    await mk('流失一', '价格不合适', Date.UTC(2026, 0, 31, 16, 30), 'B');
    await mk('流失二', '价格不合适', at(2026, 2, 10), null);
    await mk('流失三', '选择了竞争对手', at(2026, 3, 31, 23, 0), 'B');
    const r = await ws.call(manager, 'reports.churn', { filter: filter({ kind: 'custom', from: '2026-02-01', to: '2026-03-31' }) });
    expect(r.lostTotal).toBe(3);
    expect(r.byReason).toEqual([
      { reason: '价格不合适', count: 2 },
      { reason: '选择了竞争对手', count: 1 },
    ]);
    expect(r.byGrade).toEqual([
      { grade: 'B', count: 2 },
      { grade: null, count: 1 },
    ]);
    expect(r.byMonth).toEqual([
      { month: '2026-02', count: 2 },
      { month: '2026-03', count: 1 },
    ]);
  });

  it('finds a customer silent for longer than 1.5 × its purchase cycle', async () => {
    const today = new Date(ws.clock.now());
    const daysAgo = (n: number) => {
      const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - n);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const risky = (await ws.call(manager, 'customers.create', { fields: { name: '风险客户' }, ownerId: ids.zhang, confirmDuplicates: true })).id;
    const fine = (await ws.call(manager, 'customers.create', { fields: { name: '正常客户' }, ownerId: ids.zhang, confirmDuplicates: true })).id;
    for (const [id, last] of [
      [risky, daysAgo(50)],
      [fine, daysAgo(40)],
    ] as const) {
      setCustomer(id, { status: 'repeat', last_contact_at: null });
      insert('customer_sales', { customer_id: id, order_count: 3, total_amount: 100, received_amount: 0, first_order_on: daysAgo(200), last_order_on: last, interval_days: 30, updated_at: 0 });
    }
    const r = await ws.call(manager, 'reports.churn', { filter: filter({ kind: 'year', anchor: '2026-01-01' }) });
    expect(r.atRisk.map((x) => [x.name, x.daysSilent, x.intervalDays])).toEqual([['风险客户', 50, 30]]);
    expect(r.atRiskTotal).toBe(1);
  });
});

describe('complaints and satisfaction', () => {
  it('gives the satisfaction rate as the share of 4–5 scores', async () => {
    const x = (await ws.call(manager, 'customers.create', { fields: { name: '满意度客户' }, ownerId: ids.li, confirmDuplicates: true })).id;
    const survey = (q: number, d: number, s: number, b: number) =>
      insert('satisfaction_surveys', { ...record(), customer_id: x, surveyed_at: at(2026, 7, 10), quality: q, delivery: d, service: s, brand: b });
    survey(5, 4, 3, 2);
    survey(4, 4, 5, 1);
    activity(x, ids.li, at(2026, 7, 11), { complaint: 1, severity: 'high', complaint_status: 'open' });
    activity(x, ids.li, at(2026, 7, 12), { complaint: 1, severity: 'low', complaint_status: 'resolved' });
    const r = await ws.call(manager, 'reports.service', { filter: filter({ kind: 'month', anchor: '2026-07-01' }) });
    expect(r.satisfaction).toMatchObject({ surveys: 2, scores: 8, satisfied: 5, rate: 5 / 8 });
    expect(r.satisfaction.byDimension.find((d) => d.dimension === 'quality')).toMatchObject({ satisfied: 2, rate: 1, average: 4.5 });
    expect(r.complaints.total).toBe(2);
    expect(r.complaints.bySeverity.map((s) => s.severity).sort()).toEqual(['high', 'low']);
  });
});

describe('who sees what', () => {
  it('shows a salesperson only the figures of their own customers', async () => {
    const r = await ws.call(zhang, 'reports.abc', { filter: filter(jan2026) });
    expect(r.customers.map((x) => x.name)).toEqual(['甲公司', '乙公司']);
    expect(r.total).toBe(yuan(800));
    const top = await ws.call(li, 'reports.top', { filter: filter(jan2026), n: 10 });
    // 李四's customers only: 应收测试公司 (500 on 01-16, from the receivables test), 丙公司, 丁公司.
    expect(top.customersBySales.map((x) => x.name)).toEqual(['应收测试公司', '丙公司', '丁公司']);
    expect(top.salesBySales.map((x) => x.name)).toEqual(['李四']);
  });

  it('refuses a salesperson who asks for someone else’s customers, reports or the team’s', async () => {
    const code = async (p: Promise<{ ok: boolean; error?: { code: string } }>) => {
      const r = await p;
      return r.ok ? 'ok' : r.error!.code;
    };
    expect(await code(ws.invoke(zhang, 'reports.abc', { filter: filter(jan2026, { ownerIds: [ids.li] }) }))).toBe('FORBIDDEN');
    expect(await code(ws.invoke(zhang, 'reports.salesReport.get', { kind: 'day', anchor: '2026-01-05', userId: ids.li }))).toBe('FORBIDDEN');
    expect(await code(ws.invoke(zhang, 'reports.salesReport.get', { kind: 'day', anchor: '2026-01-05', userId: null }))).toBe('FORBIDDEN');
    expect(await code(ws.invoke(zhang, 'reports.export', { report: 'top', filter: filter(jan2026, { ownerIds: [ids.li] }) }))).toBe('FORBIDDEN');
  });

  it('lets a manager narrow to one owner', async () => {
    const r = await ws.call(manager, 'reports.top', { filter: filter(jan2026, { ownerIds: [ids.zhang] }), n: 1 });
    expect(r.customersBySales.map((x) => [x.name, x.value])).toEqual([['甲公司', yuan(500)]]);
  });
});

describe('export', () => {
  it('writes the report’s tables to an .xlsx that reads back, money as numbers', async () => {
    const file = await ws.call(manager, 'reports.export', { report: 'abc', filter: filter(jan2026, { sources: ['trade_show'] }) });
    expect(file.fileName).toBe('ABC 分析-2026-01-01_2026-01-31.xlsx');
    const dir = mkdtempSync(join(tmpdir(), 'tuoke-report-'));
    try {
      const path = join(dir, file.fileName);
      writeFileSync(path, Buffer.from(file.dataBase64, 'base64'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', 'ABC 等级分布', '客户销售排名（前 100）', '投入高、销售低的客户（联系 + 拜访多，等级 C 或无成交）']);
      const grades = wb.getWorksheet('ABC 等级分布')!;
      expect(grades.getRow(1).values).toEqual([undefined, '等级', '客户数', '销售额', '占比']);
      expect(grades.getRow(2).values).toEqual([undefined, 'A', 2, 800, 1]);
      const info = wb.getWorksheet('说明')!;
      expect(info.getRow(3).getCell(2).value).toBe('2026-01-01 – 2026-01-31');
      expect(info.getRow(4).getCell(2).value).toBe('客户来源：展会');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
