import { describe, expect } from 'vitest';
import type { Session } from '../../src-main/ipc/session';
import { addActivity, createActivity } from '../../src-main/services/activities/activities';
import { addTask, createTask } from '../../src-main/services/activities/tasks';
import { errorCode } from '../helpers/errors';
import { companyFields } from '../helpers/customers';
import { it } from '../helpers/office';
import type { TestWorkspace } from '../helpers/workspace';

const DAY = 24 * 60 * 60 * 1000;

let ws: TestWorkspace;
let admin: Session;
let manager: Session;
let zhang: Session; // sales 张三
let li: Session; // sales 李四
let ids: { manager: string; zhang: string; li: string };

it.beforeEach(({ office }) => {
  ({ ws, admin, manager, zhang, li, ids } = office);
});

const create = (s: Session, name: string, more: Record<string, unknown> = {}) =>
  ws.call(s, 'customers.create', { fields: companyFields(name), confirmDuplicates: false, ...more });

const call = (s: Session, customerId: string, extra: Record<string, unknown> = {}) =>
  ws.call(s, 'activities.create', { customerId, type: 'call_out', occurredAt: ws.clock.now(), summary: '电话介绍新品', ...extra });

/** Row counts of this capability's tables and the timeline: what "changes nothing" compares. */
const counts = () => {
  const db = ws.host.workspace.db!;
  const n = (table: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { activities: n('activities'), tasks: n('follow_up_tasks'), surveys: n('satisfaction_surveys'), events: n('customer_events') };
};

describe('logging a contact', () => {
  it('records it, stamps the customer’s first and last contact, and puts it on the timeline', async () => {
    const c = await create(zhang, '杭州星辰信息科技有限公司');
    const person = await ws.call(zhang, 'contacts.create', { customerId: c.id, fields: { name: '赵经理', mobile: '13800138000' } });
    // Two days ago: the later entry below (half a day after) is still in the past; a contact cannot lie in the future.
    const when = ws.clock.now() - 2 * DAY;
    const a = await call(zhang, c.id, { type: 'call_in', occurredAt: when, contactId: person.id, outcome: '有意向', nextStep: '寄样品' });
    expect(a).toMatchObject({ type: 'call_in', contactName: '赵经理', user: { id: ids.zhang, displayName: '张三' }, complaint: false, canEdit: true });
    const card = await ws.call(zhang, 'customers.get', { id: c.id });
    expect(card.customer.firstContactAt).toBe(when);
    expect(card.customer.lastContactAt).toBe(when);
    const ev = card.events.find((e) => e.kind === 'activity_logged');
    expect(ev?.data).toEqual({ activityId: a.id, type: 'call_in', summary: '电话介绍新品', complaint: false });

    // A later contact moves the last contact; an earlier one logged afterwards moves only the first.
    await call(zhang, c.id, { occurredAt: when + DAY / 2 });
    await call(zhang, c.id, { occurredAt: when - DAY });
    const after = (await ws.call(zhang, 'customers.get', { id: c.id })).customer;
    expect(after.firstContactAt).toBe(when - DAY);
    expect(after.lastContactAt).toBe(when + DAY / 2);
    const log = await ws.call(zhang, 'activities.list', { customerId: c.id });
    expect(log.total).toBe(3);
    expect(log.rows.map((r) => r.occurredAt)).toEqual([when + DAY / 2, when, when - DAY]);
  });

  it('creates a follow-up task for a next follow-up date and sets the customer’s next follow-up', async () => {
    const c = await create(zhang, '宁波海运物流有限公司');
    const due = ws.clock.now() + 3 * DAY;
    const a = await call(zhang, c.id, { nextFollowUpAt: due, nextStep: '带报价单上门' });
    const tasks = await ws.call(zhang, 'activities.listTasks', { customerId: c.id, scope: 'all' });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ title: '带报价单上门', dueAt: due, sourceType: 'activity', sourceId: a.id, assignee: { id: ids.zhang }, status: 'open' });
    expect((await ws.call(zhang, 'customers.get', { id: c.id })).customer.nextFollowUpAt).toBe(due);
  });

  it('gives the follow-up to the customer’s owner when a manager logs the contact', async () => {
    const c = await create(zhang, '苏州园区精密机械有限公司');
    await call(manager, c.id, { nextFollowUpAt: ws.clock.now() + DAY });
    const mine = await ws.call(zhang, 'activities.listTasks', {});
    expect(mine.map((t) => t.customerId)).toEqual([c.id]);
  });

  it('refuses a salesperson writing for a customer they do not own, or for a pool customer, changing nothing', async () => {
    const c = await create(zhang, '深圳远航电子有限公司');
    const pool = await create(manager, '公海客户有限公司', { ownerId: null });
    const before = counts();
    expect(await errorCode(ws.invoke(li, 'activities.create', { customerId: c.id, type: 'visit', occurredAt: ws.clock.now(), summary: 'x' }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(li, 'activities.create', { customerId: pool.id, type: 'visit', occurredAt: ws.clock.now(), summary: 'x' }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(li, 'activities.createTask', { customerId: c.id, title: 'x', dueAt: ws.clock.now() }))).toBe('FORBIDDEN');
    expect(
      await errorCode(ws.invoke(li, 'activities.createSurvey', { customerId: c.id, surveyedAt: ws.clock.now(), quality: 5, delivery: 5, service: 5, brand: 5 })),
    ).toBe('FORBIDDEN');
    expect(counts()).toEqual(before);
    // …and cannot read it either; a manager can write for anyone.
    expect(await errorCode(ws.invoke(li, 'activities.list', { customerId: c.id }))).toBe('FORBIDDEN');
    await call(manager, c.id);
    await call(manager, pool.id);
    expect((await ws.call(li, 'activities.list', {})).rows.map((r) => r.customerName)).toEqual(['公海客户有限公司']);
  });

  it('rejects bad input with VALIDATION and changes nothing', async () => {
    const c = await create(zhang, '上海明珠贸易有限公司');
    const other = await create(zhang, '上海别家有限公司');
    const stranger = await ws.call(zhang, 'contacts.create', { customerId: other.id, fields: { name: '外人' } });
    const before = counts();
    const bad = [
      { customerId: c.id, type: 'call_out', occurredAt: ws.clock.now(), summary: '  ' },
      { customerId: c.id, type: 'telepathy', occurredAt: ws.clock.now(), summary: 'x' },
      { customerId: c.id, type: 'call_out', occurredAt: ws.clock.now(), summary: 'x', complaint: true },
      { customerId: c.id, type: 'call_out', occurredAt: ws.clock.now(), summary: 'x', contactId: stranger.id },
      { customerId: c.id, type: 'call_out', summary: 'x' },
    ];
    for (const input of bad) expect(await errorCode(ws.invoke(zhang, 'activities.create', input as never))).toBe('VALIDATION');
    expect(await errorCode(ws.invoke(zhang, 'activities.createSurvey', { customerId: c.id, surveyedAt: ws.clock.now(), quality: 6, delivery: 5, service: 5, brand: 5 }))).toBe(
      'VALIDATION',
    );
    expect(await errorCode(ws.invoke(zhang, 'activities.createTask', { customerId: c.id, title: '', dueAt: ws.clock.now() }))).toBe('VALIDATION');
    expect(counts()).toEqual(before);
    expect((await ws.call(zhang, 'customers.get', { id: c.id })).customer.lastContactAt).toBeNull();
  });

  it('lets other modules call the service directly, with the same checks, inside their own transaction', async () => {
    const c = await create(zhang, '温州瓯江阀门有限公司');
    const db = ws.host.workspace.db!;
    const viewer = { id: ids.zhang, role: 'sales' as const };
    const visitId = '0190a0b0-0000-7000-8000-000000000001';
    const a = createActivity(db, viewer, { customerId: c.id, type: 'visit', occurredAt: ws.clock.now(), summary: '上门拜访', sourceType: 'visit', sourceId: visitId });
    expect(a).toMatchObject({ type: 'visit', sourceType: 'visit', sourceId: visitId });
    expect(() => createActivity(db, { id: ids.li, role: 'sales' }, { customerId: c.id, type: 'visit', occurredAt: ws.clock.now(), summary: 'x' })).toThrow(
      'FORBIDDEN',
    );
    expect(() => createTask(db, viewer, { customerId: c.id, title: '', dueAt: ws.clock.now() })).toThrow('VALIDATION');
    // A failure later in the caller's transaction takes the nested entry and task back with it.
    const before = counts();
    expect(() =>
      db.write(ids.zhang, (tx) => {
        addTask(tx, viewer, { customerId: c.id, title: '纪要待办', dueAt: ws.clock.now(), sourceType: 'minutes', sourceId: visitId });
        addActivity(tx, viewer, { customerId: c.id, type: 'meeting', occurredAt: ws.clock.now(), summary: '会谈' });
        throw new Error('minutes failed');
      }),
    ).toThrow('minutes failed');
    expect(counts()).toEqual(before);
  });
});

describe('correcting and removing an entry', () => {
  it('corrects the fields it is given, and the customer’s contact stamps follow a changed time', async () => {
    const c = await create(zhang, '湖州南浔木地板有限公司');
    const t0 = ws.clock.now();
    const first = await call(zhang, c.id, { occurredAt: t0 - 2 * DAY, outcome: '有意向' });
    await call(zhang, c.id, { occurredAt: t0 - DAY });
    const fixed = await ws.call(zhang, 'activities.update', { id: first.id, type: 'walk_in', summary: '客户来访看样', occurredAt: t0 });
    expect(fixed).toMatchObject({ type: 'walk_in', summary: '客户来访看样', outcome: '有意向', occurredAt: t0 });
    const customer = (await ws.call(zhang, 'customers.get', { id: c.id })).customer;
    expect([customer.firstContactAt, customer.lastContactAt]).toEqual([t0 - DAY, t0]);
    // A time in the future is refused (it would become the customer's last contact), and nothing changes.
    const unchanged = counts();
    expect(await errorCode(ws.invoke(zhang, 'activities.update', { id: first.id, occurredAt: t0 + DAY }))).toBe('TIME_IN_FUTURE');
    expect(await errorCode(ws.invoke(zhang, 'activities.create', { customerId: c.id, type: 'call_out', occurredAt: t0 + DAY, summary: '明天的电话' }))).toBe('TIME_IN_FUTURE');
    expect(counts()).toEqual(unchanged);
    expect((await ws.call(zhang, 'customers.get', { id: c.id })).customer.lastContactAt).toBe(t0);
    const before = counts();
    expect(await errorCode(ws.invoke(zhang, 'activities.update', { id: first.id, summary: ' ' }))).toBe('VALIDATION');
    expect(await errorCode(ws.invoke(li, 'activities.update', { id: first.id, summary: '改' }))).toBe('FORBIDDEN');
    expect(counts()).toEqual(before);
    expect((await ws.call(zhang, 'activities.get', { id: first.id })).summary).toBe('客户来访看样');
  });

  it('removes a mistaken entry with its open follow-up task and recomputes the stamps; a visit’s entry stays', async () => {
    const c = await create(zhang, '嘉兴海宁皮革有限公司');
    const t0 = ws.clock.now();
    const kept = await call(zhang, c.id, { occurredAt: t0 - DAY });
    const wrong = await call(zhang, c.id, { occurredAt: t0, nextFollowUpAt: t0 + DAY });
    expect(await ws.call(zhang, 'activities.listTasks', {})).toHaveLength(1);
    expect(await errorCode(ws.invoke(li, 'activities.delete', { id: wrong.id }))).toBe('FORBIDDEN');
    await ws.call(zhang, 'activities.delete', { id: wrong.id });
    expect(await errorCode(ws.invoke(zhang, 'activities.get', { id: wrong.id }))).toBe('NOT_FOUND');
    expect(await ws.call(zhang, 'activities.listTasks', {})).toEqual([]);
    const customer = (await ws.call(zhang, 'customers.get', { id: c.id })).customer;
    expect([customer.firstContactAt, customer.lastContactAt, customer.nextFollowUpAt]).toEqual([t0 - DAY, t0 - DAY, null]);
    await ws.call(zhang, 'activities.delete', { id: kept.id });
    expect((await ws.call(zhang, 'customers.get', { id: c.id })).customer.lastContactAt).toBeNull();

    const db = ws.host.workspace.db!;
    const fromVisit = createActivity(db, { id: ids.zhang, role: 'sales' }, {
      customerId: c.id,
      type: 'visit',
      occurredAt: t0,
      summary: '拜访',
      sourceType: 'visit',
      sourceId: '0190a0b0-0000-7000-8000-000000000002',
    });
    expect(await errorCode(ws.invoke(zhang, 'activities.delete', { id: fromVisit.id }))).toBe('INVALID_TRANSITION');
  });
});

describe('the contact log across customers', () => {
  it('filters by kind and by salesperson, and pages', async () => {
    const a = await create(zhang, '张三的客户甲有限公司');
    const b = await create(li, '李四的客户乙有限公司');
    await call(zhang, a.id, { type: 'wechat' });
    await call(zhang, a.id, { type: 'email' });
    await call(li, b.id, { type: 'wechat' });
    const wechat = await ws.call(manager, 'activities.list', { type: 'wechat' });
    expect(wechat.rows.map((r) => r.customerName).sort()).toEqual(['张三的客户甲有限公司', '李四的客户乙有限公司']);
    const byLi = await ws.call(manager, 'activities.list', { userId: ids.li });
    expect(byLi.rows.map((r) => r.user.displayName)).toEqual(['李四']);
    const page = await ws.call(manager, 'activities.list', { limit: 2, offset: 2 });
    expect([page.total, page.rows.length]).toEqual([3, 1]);
    // A salesperson's "everything" is only what they may read.
    expect((await ws.call(li, 'activities.list', {})).total).toBe(1);
  });
});

describe('complaints', () => {
  it('move open → handling → resolved, each step on the timeline', async () => {
    const c = await create(zhang, '杭州滨江电子有限公司');
    const a = await call(zhang, c.id, { type: 'call_in', complaint: true, severity: 'high', summary: '交货延迟' });
    expect(a).toMatchObject({ complaint: true, severity: 'high', complaintStatus: 'open' });
    const h = await ws.call(zhang, 'activities.transitionComplaint', { id: a.id, to: 'handling' });
    expect(h.complaintStatus).toBe('handling');
    const r = await ws.call(manager, 'activities.transitionComplaint', { id: a.id, to: 'resolved', resolution: '补发并赔偿运费' });
    expect(r).toMatchObject({ complaintStatus: 'resolved', resolution: '补发并赔偿运费', resolvedAt: ws.clock.now() });
    const events = (await ws.call(zhang, 'customers.get', { id: c.id })).events.filter((e) => e.kind === 'complaint_status');
    expect(events.map((e) => e.data)).toEqual([
      { activityId: a.id, from: 'handling', to: 'resolved' },
      { activityId: a.id, from: 'open', to: 'handling' },
    ]);
    const list = await ws.call(manager, 'activities.list', { complaintsOnly: true, complaintStatus: 'resolved' });
    expect(list.rows.map((x) => x.id)).toEqual([a.id]);
  });

  it('rejects skipped, backward and repeated steps with INVALID_TRANSITION, changing nothing', async () => {
    const c = await create(zhang, '杭州下沙纺织有限公司');
    const a = await call(zhang, c.id, { complaint: true, severity: 'low' });
    const plain = await call(zhang, c.id);
    const before = counts();
    expect(await errorCode(ws.invoke(zhang, 'activities.transitionComplaint', { id: a.id, to: 'resolved', resolution: '跳过' }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(ws.invoke(zhang, 'activities.transitionComplaint', { id: a.id, to: 'open' }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(ws.invoke(zhang, 'activities.transitionComplaint', { id: plain.id, to: 'handling' }))).toBe('INVALID_TRANSITION');
    await ws.call(zhang, 'activities.transitionComplaint', { id: a.id, to: 'handling' });
    expect(await errorCode(ws.invoke(zhang, 'activities.transitionComplaint', { id: a.id, to: 'handling' }))).toBe('INVALID_TRANSITION');
    // Resolving needs a resolution; another salesperson may not touch it.
    expect(await errorCode(ws.invoke(zhang, 'activities.transitionComplaint', { id: a.id, to: 'resolved' }))).toBe('VALIDATION');
    expect(await errorCode(ws.invoke(li, 'activities.transitionComplaint', { id: a.id, to: 'resolved', resolution: 'x' }))).toBe('FORBIDDEN');
    expect((await ws.call(zhang, 'activities.get', { id: a.id })).complaintStatus).toBe('handling');
    expect(counts().events).toBe(before.events + 1);
  });
});

describe('follow-up tasks', () => {
  it('are done once, snoozed to a new date, and keep the customer’s next follow-up on the earliest open one', async () => {
    const c = await create(zhang, '嘉兴南湖食品有限公司');
    const now = ws.clock.now();
    const t1 = await ws.call(zhang, 'activities.createTask', { customerId: c.id, title: '回访报价', dueAt: now + DAY });
    const t2 = await ws.call(zhang, 'activities.createTask', { customerId: c.id, title: '节前问候', dueAt: now + 5 * DAY });
    expect(t1).toMatchObject({ sourceType: 'manual', assignee: { id: ids.zhang }, status: 'open' });
    expect((await ws.call(zhang, 'customers.get', { id: c.id })).customer.nextFollowUpAt).toBe(now + DAY);

    const snoozed = await ws.call(zhang, 'activities.snoozeTask', { id: t1.id, dueAt: now + 7 * DAY });
    expect(snoozed).toMatchObject({ dueAt: now + 7 * DAY, snoozeCount: 1 });
    expect((await ws.call(zhang, 'customers.get', { id: c.id })).customer.nextFollowUpAt).toBe(now + 5 * DAY);

    const done = await ws.call(zhang, 'activities.completeTask', { id: t2.id });
    expect(done).toMatchObject({ status: 'done', doneAt: now });
    expect(await errorCode(ws.invoke(zhang, 'activities.completeTask', { id: t2.id }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(ws.invoke(zhang, 'activities.snoozeTask', { id: t2.id, dueAt: now + DAY }))).toBe('INVALID_TRANSITION');
    expect((await ws.call(zhang, 'customers.get', { id: c.id })).customer.nextFollowUpAt).toBe(now + 7 * DAY);
    await ws.call(zhang, 'activities.completeTask', { id: t1.id });
    expect((await ws.call(zhang, 'customers.get', { id: c.id })).customer.nextFollowUpAt).toBeNull();
    // Someone who may not touch it is refused before its state is looked at.
    expect(await errorCode(ws.invoke(li, 'activities.completeTask', { id: t1.id }))).toBe('FORBIDDEN');
  });

  it('show "my tasks" due today and overdue, not later ones nor other people’s', async () => {
    const c = await create(zhang, '绍兴柯桥布业有限公司');
    const d = await create(li, '李四的客户有限公司');
    const now = ws.clock.now();
    await ws.call(zhang, 'activities.createTask', { customerId: c.id, title: '逾期', dueAt: now - 3 * DAY });
    await ws.call(zhang, 'activities.createTask', { customerId: c.id, title: '今天', dueAt: now });
    await ws.call(zhang, 'activities.createTask', { customerId: c.id, title: '下周', dueAt: now + 7 * DAY });
    await ws.call(li, 'activities.createTask', { customerId: d.id, title: '别人的', dueAt: now });
    const dash = await ws.call(zhang, 'activities.dashboard', { endOfToday: now + 60_000 });
    expect(dash.tasks.map((t) => t.title)).toEqual(['逾期', '今天']);
    expect(dash.overdueTaskCount).toBe(1);
  });

  it('let only managers assign to someone else, and keep others’ tasks away from a salesperson', async () => {
    const c = await create(zhang, '湖州安吉竹业有限公司');
    expect(await errorCode(ws.invoke(zhang, 'activities.createTask', { customerId: c.id, title: 'x', dueAt: ws.clock.now(), assigneeId: ids.li }))).toBe('FORBIDDEN');
    const t = await ws.call(manager, 'activities.createTask', { customerId: c.id, title: '经理安排', dueAt: ws.clock.now(), assigneeId: ids.zhang });
    expect(t.assignee.id).toBe(ids.zhang);
    expect(await errorCode(ws.invoke(li, 'activities.snoozeTask', { id: t.id, dueAt: ws.clock.now() + DAY }))).toBe('FORBIDDEN');
    expect(await ws.call(li, 'activities.listTasks', { scope: 'all' })).toEqual([]);
    expect((await ws.call(zhang, 'activities.completeTask', { id: t.id })).status).toBe('done');
  });
});

describe('satisfaction surveys', () => {
  it('are recorded with their average, listed per customer and on the timeline', async () => {
    const c = await create(zhang, '金华义乌小商品有限公司');
    const s = await ws.call(zhang, 'activities.createSurvey', {
      customerId: c.id,
      surveyedAt: ws.clock.now(),
      quality: 5,
      delivery: 4,
      service: 4,
      brand: 3,
      comments: '希望缩短交期',
    });
    expect(s.average).toBe(4);
    expect((await ws.call(zhang, 'activities.listSurveys', { customerId: c.id })).map((x) => x.comments)).toEqual(['希望缩短交期']);
    const ev = (await ws.call(zhang, 'customers.get', { id: c.id })).events.find((e) => e.kind === 'survey_recorded');
    expect(ev?.data).toEqual({ surveyId: s.id, average: 4 });
  });
});

describe('first contact within 7 days', () => {
  it('lists an assigned customer as overdue after 7 days until a contact is logged, and logging one clears it', async () => {
    const c = await create(manager, '台州黄岩模具有限公司', { ownerId: null });
    await ws.call(manager, 'customers.assign', { ids: [c.id], ownerId: ids.zhang, reason: '' });
    expect((await ws.call(zhang, 'customers.get', { id: c.id })).firstContactDue).toBe(7);
    ws.clock.advance(9 * DAY);
    expect((await ws.call(manager, 'customers.overdueFirstContact', {})).map((r) => r.customerId)).toEqual([c.id]);
    expect((await ws.call(zhang, 'customers.get', { id: c.id })).firstContactDue).toBe(-2);
    const dash = await ws.call(zhang, 'activities.dashboard', {});
    expect(dash.overdueFirstContacts.map((r) => r.daysOverdue)).toEqual([2]);
    expect((await ws.call(li, 'activities.dashboard', {})).overdueFirstContacts).toEqual([]);

    await call(zhang, c.id, { type: 'wechat', summary: '加微信，约下周拜访' });
    expect(await ws.call(manager, 'customers.overdueFirstContact', {})).toEqual([]);
    expect((await ws.call(zhang, 'customers.get', { id: c.id })).firstContactDue).toBeNull();
    expect((await ws.call(manager, 'activities.dashboard', {})).overdueFirstContacts).toEqual([]);
  });

  it('restarts the clock on reassignment: the previous owner’s contacts do not count for the new owner', async () => {
    const c = await create(zhang, '丽水青田石材有限公司');
    await call(zhang, c.id, { occurredAt: ws.clock.now() });
    ws.clock.advance(DAY);
    await ws.call(manager, 'customers.assign', { ids: [c.id], ownerId: ids.li, reason: '张三离职' });
    ws.clock.advance(8 * DAY);
    expect((await ws.call(manager, 'customers.overdueFirstContact', {})).map((r) => r.owner?.id)).toEqual([ids.li]);
    // A contact logged now counts even when its time is written as before the assignment (logged late).
    await call(li, c.id, { occurredAt: ws.clock.now() - 10 * DAY });
    expect(await ws.call(manager, 'customers.overdueFirstContact', {})).toEqual([]);
  });
});

describe('greeting settings', () => {
  it('default to 7 days; only managers change them; bad values are refused', async () => {
    expect(await ws.call(zhang, 'activities.greetingSettings', {})).toEqual({ days: 7 });
    expect(await errorCode(ws.invoke(zhang, 'activities.updateGreetingSettings', { days: 14 }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(manager, 'activities.updateGreetingSettings', { days: 0 }))).toBe('VALIDATION');
    expect(await ws.call(manager, 'activities.updateGreetingSettings', { days: 14 })).toEqual({ days: 14 });
    expect((await ws.call(zhang, 'activities.greetings', { today: '2026-11-23' })).days).toBe(14);
  });
});

describe('the greeting list', () => {
  it('lists the birthdays of the viewer’s customers’ contacts and the holidays, and exports them to Excel', async () => {
    const c = await create(zhang, '杭州星辰信息科技有限公司', { fields: companyFields('杭州星辰信息科技有限公司', { address: '文三路 90 号' }) });
    const d = await create(li, '李四的客户有限公司');
    await ws.call(zhang, 'contacts.create', { customerId: c.id, fields: { name: '赵敏', mobile: '13800138000', birthday: '1985-12-30' } });
    // 腊月廿九 of lunar 2026 (a 29-day month) = 2027-02-05.
    await ws.call(zhang, 'contacts.create', { customerId: c.id, fields: { name: '钱进', phone: '057188881234', birthday: '1970-12-29', birthdayLunar: true } });
    await ws.call(li, 'contacts.create', { customerId: d.id, fields: { name: '孙悦', birthday: '1990-12-31' } });

    const mine = await ws.call(zhang, 'activities.greetings', { today: '2026-12-28', days: 7 });
    expect(mine.items.map((i) => i.contactName ?? i.holiday)).toEqual(['赵敏', 'new_year']);
    expect(mine.items[0]).toMatchObject({ phone: '13800138000', address: '文三路 90 号', customerId: c.id, daysAway: 2 });
    const all = await ws.call(manager, 'activities.greetings', { today: '2026-12-28', days: 7 });
    expect(all.items.map((i) => i.contactName ?? i.holiday)).toEqual(['赵敏', '孙悦', 'new_year']);
    const lunar = await ws.call(zhang, 'activities.greetings', { today: '2027-02-01', days: 7 });
    expect(lunar.items.map((i) => [i.date, i.contactName ?? i.holiday])).toEqual([
      ['2027-02-05', '钱进'],
      ['2027-02-06', 'spring_festival'],
    ]);

    const file = await ws.call(manager, 'activities.exportGreetings', { today: '2026-12-28', days: 7 });
    expect(file.rows).toBe(3);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('日期');
    expect(sheet.getRow(2).getCell(3).value).toBe('赵敏');
    expect(sheet.getRow(2).getCell(6).value).toBe('138 0013 8000');
    expect(sheet.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(sheet.getRow(4).getCell(2).value).toBe('元旦');
  });
});

describe('the greeting list’s edge cases', () => {
  it('finds a lunar 30th in a 29-day month, a 29 February in a common year and a lunar birthday across the year end', async () => {
    const c = await create(zhang, '舟山海鲜食品有限公司');
    const add = (name: string, birthday: string, birthdayLunar = false) =>
      ws.call(zhang, 'contacts.create', { customerId: c.id, fields: { name, birthday, birthdayLunar } });
    await add('除夕生', '1966-12-30', true); // 腊月三十: lunar 2026 has no 腊月三十 → 腊月廿九 = 2027-02-05
    await add('闰日生', '1996-02-29'); // 2027-02-28 in a common year
    await add('冬月生', '1982-11-25', true); // 冬月廿五 of lunar 2026 = 2027-01-02
    await add('不相干', '1990-06-15', true);
    const feb = await ws.call(zhang, 'activities.greetings', { today: '2027-02-01', days: 30 });
    expect(feb.items.filter((i) => i.kind === 'birthday').map((i) => [i.date, i.contactName, i.shifted])).toEqual([
      ['2027-02-05', '除夕生', true],
      ['2027-02-28', '闰日生', true],
    ]);
    const yearEnd = await ws.call(zhang, 'activities.greetings', { today: '2026-12-30', days: 7 });
    expect(yearEnd.items.map((i) => i.contactName ?? i.holiday)).toEqual(['new_year', '冬月生']);
  });
});

describe('purging a customer from the recycle bin', () => {
  it('removes its contact log, tasks and surveys with it', async () => {
    const c = await create(zhang, '衢州江山木业有限公司');
    const person = await ws.call(zhang, 'contacts.create', { customerId: c.id, fields: { name: '周涛' } });
    await call(zhang, c.id, { contactId: person.id, nextFollowUpAt: ws.clock.now() + DAY });
    await ws.call(zhang, 'activities.createSurvey', { customerId: c.id, contactId: person.id, surveyedAt: ws.clock.now(), quality: 4, delivery: 4, service: 4, brand: 4 });
    await ws.call(zhang, 'customers.delete', { ids: [c.id] });
    expect(await ws.call(zhang, 'activities.listTasks', {})).toEqual([]);
    expect((await ws.call(admin, 'customers.purge', { ids: [c.id] })).changed).toBe(1);
    expect(counts()).toMatchObject({ activities: 0, tasks: 0, surveys: 0 });
  });
});
