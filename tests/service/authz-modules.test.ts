// Attacks on the capabilities' channels (activities, visits and minutes, orders, reports, print), each through the
// real IPC registry: a salesperson passing ids, filters or owners that are not theirs, sales trying manager steps,
// managers approving their own work, state jumps, and users demoted or deactivated while logged in. Every refusal
// is checked to leave the workspace exactly as it was (a content hash of the whole database).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, localIsoDate } from '../../src-shared/orders/logic';
import type { OrderCreateInput } from '../../src-shared/orders/schemas';
import type { ReportFilterInput } from '../../src-shared/reports/schemas';
import { workspaceFingerprint } from '../helpers/rawDb';
import { errorCode } from '../helpers/errors';
import { createVisitWorld, DAY, planFields, type VisitWorld } from '../helpers/visits';

let w: VisitWorld;
beforeEach(async () => {
  w = await createVisitWorld();
});
afterEach(() => w.ws.dispose());

// The manual clock starts on Monday 2026-11-23 01:00 UTC.
const WED = Date.UTC(2026, 10, 25, 2, 0);
/** When a planned visit was carried out: before the clock's start (a contact cannot be recorded in the future). */
const DONE = Date.UTC(2026, 10, 23, 0, 30);

const fingerprint = () => workspaceFingerprint(w.ws.host.workspace.db!.sqlite, w.ws.dir);
const today = () => localIsoDate(w.ws.clock.now());

const order = (customerId: string, yuan: number, extra: Partial<OrderCreateInput> = {}): OrderCreateInput => ({
  customerId,
  orderDate: today(),
  dueDate: addDays(today(), 30),
  contractNo: `HT-${yuan}`,
  lines: [{ product: '不锈钢阀门 DN50', quantity: 1, unitPrice: yuan * 100 }],
  ...extra,
});

/** 李四's records on his customer 远东 (w.far): a contact entry (a complaint) with its follow-up task, a survey,
 * a visit carried out, minutes submitted for review, and an order with a payment. */
const liRecords = async () => {
  const { ws, li, wang } = w;
  const activity = await ws.call(li, 'activities.create', {
    customerId: w.far,
    type: 'call_in',
    occurredAt: ws.clock.now() - DAY,
    summary: '客户投诉交货延迟',
    complaint: true,
    severity: 'high',
    nextFollowUpAt: ws.clock.now() + DAY,
  });
  const [task] = await ws.call(li, 'activities.listTasks', { customerId: w.far });
  const survey = await ws.call(li, 'activities.createSurvey', { customerId: w.far, surveyedAt: ws.clock.now(), quality: 4, delivery: 2, service: 4, brand: 5 });
  const planned = await ws.call(li, 'visits.create', { fields: planFields(w.far, WED), submit: true });
  await ws.call(wang, 'visits.approve', { id: planned.id, comment: null });
  const visit = await ws.call(li, 'visits.recordResult', { id: planned.id, doneAt: DONE, summary: '拜访完成' });
  const minutes = await ws.call(li, 'minutes.create', {
    fields: { customerId: w.far, visitId: visit.id, meetingDate: '2026-11-25', discussion: '价格与交期', actions: [] },
    submit: true,
  });
  const o = await ws.call(li, 'orders.create', order(w.far, 8000));
  const paid = await ws.call(li, 'orders.addPayment', { orderId: o.id, paidOn: today(), amount: 100_000 });
  return { activity, task: task!, survey, visit, minutes, order: paid, payment: paid.payments[0]! };
};

const period = { kind: 'year' as const, anchor: '2026-11-23' };
const filterOf = (extra: Partial<ReportFilterInput> = {}): ReportFilterInput => ({ period, ...extra });

describe('contact log, tasks and surveys', () => {
  it('refuses a salesperson reading, correcting, removing or moving another salesperson’s entries by id', async () => {
    const r = await liRecords();
    const { ws, zhang } = w;
    const before = fingerprint();
    expect(await errorCode(ws.invoke(zhang, 'activities.get', { id: r.activity.id }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'activities.update', { id: r.activity.id, summary: '改掉' }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'activities.delete', { id: r.activity.id }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'activities.transitionComplaint', { id: r.activity.id, to: 'handling' }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'activities.completeTask', { id: r.task.id }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'activities.snoozeTask', { id: r.task.id, dueAt: WED }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'activities.listSurveys', { customerId: w.far }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'activities.list', { customerId: w.far }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'activities.listTasks', { customerId: w.far, scope: 'all' }))).toBe('FORBIDDEN');
    expect(fingerprint()).toBe(before);
  });

  it('does not widen a salesperson’s lists through filters (userId, scope all)', async () => {
    const r = await liRecords();
    const { ws, zhang } = w;
    const byLi = await ws.call(zhang, 'activities.list', { userId: w.ids.li });
    expect(byLi.rows.map((a) => a.id)).not.toContain(r.activity.id);
    expect(byLi.total).toBe(byLi.rows.length);
    const complaints = await ws.call(zhang, 'activities.list', { complaintsOnly: true });
    expect(complaints.total).toBe(0);
    const all = await ws.call(zhang, 'activities.listTasks', { scope: 'all', status: 'any' });
    expect(all.map((t) => t.id)).not.toContain(r.task.id);
    // The manager sees them.
    expect((await ws.call(w.wang, 'activities.list', { userId: w.ids.li })).rows.map((a) => a.id)).toContain(r.activity.id);
  });

  it('refuses writing for another salesperson’s customer or a pool customer, and tasks for someone else', async () => {
    const { ws, zhang } = w;
    const before = fingerprint();
    for (const customerId of [w.far, w.pool]) {
      expect(await errorCode(ws.invoke(zhang, 'activities.create', { customerId, type: 'call_out', occurredAt: ws.clock.now(), summary: '电话' }))).toBe(
        'FORBIDDEN',
      );
      expect(await errorCode(ws.invoke(zhang, 'activities.createTask', { customerId, title: '回访', dueAt: WED }))).toBe('FORBIDDEN');
      expect(
        await errorCode(ws.invoke(zhang, 'activities.createSurvey', { customerId, surveyedAt: ws.clock.now(), quality: 5, delivery: 5, service: 5, brand: 5 })),
      ).toBe('FORBIDDEN');
    }
    // On their own customer: no task for another user, no contact logged in another user's name.
    expect(await errorCode(ws.invoke(zhang, 'activities.createTask', { customerId: w.star.id, title: '回访', dueAt: WED, assigneeId: w.ids.li }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await errorCode(ws.invoke(zhang, 'activities.create', { customerId: w.star.id, type: 'call_out', occurredAt: ws.clock.now(), summary: '电话', userId: w.ids.li })),
    ).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'activities.updateGreetingSettings', { days: 30 }))).toBe('FORBIDDEN');
    expect(fingerprint()).toBe(before);
  });

  it('keeps a complaint’s steps in order: no jump from open to resolved, nothing after resolved', async () => {
    const { ws, li } = w;
    const r = await liRecords();
    const before = fingerprint();
    expect(await errorCode(ws.invoke(li, 'activities.transitionComplaint', { id: r.activity.id, to: 'resolved', resolution: '已补发' }))).toBe(
      'INVALID_TRANSITION',
    );
    expect(fingerprint()).toBe(before);
    await ws.call(li, 'activities.transitionComplaint', { id: r.activity.id, to: 'handling' });
    await ws.call(li, 'activities.transitionComplaint', { id: r.activity.id, to: 'resolved', resolution: '已补发' });
    const after = fingerprint();
    expect(await errorCode(ws.invoke(li, 'activities.transitionComplaint', { id: r.activity.id, to: 'handling' }))).toBe('INVALID_TRANSITION');
    expect(fingerprint()).toBe(after);
  });

  it('does not let the renderer forge an entry that belongs to a visit, nor rewrite a visit’s entry', async () => {
    const r = await liRecords();
    const { ws, li } = w;
    const before = fingerprint();
    const forged = await ws.invoke(li, 'activities.create', {
      customerId: w.far,
      type: 'visit',
      occurredAt: ws.clock.now(),
      summary: '假装的拜访',
      sourceType: 'visit',
      sourceId: r.visit.id,
    });
    expect(forged.ok ? undefined : forged.error.code).toBe('VALIDATION');
    expect(await errorCode(ws.invoke(li, 'activities.createTask', { customerId: w.far, title: '纪要待办', dueAt: WED, sourceType: 'minutes', sourceId: r.minutes.id }))).toBe(
      'VALIDATION',
    );
    // The carried-out visit's own entry: changing its kind or time would change the visit count behind the visit's back.
    expect(await errorCode(ws.invoke(li, 'activities.update', { id: r.visit.activityId!, type: 'call_out' }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(ws.invoke(w.wang, 'activities.update', { id: r.visit.activityId!, occurredAt: DONE - DAY }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(ws.invoke(li, 'activities.delete', { id: r.visit.activityId! }))).toBe('INVALID_TRANSITION');
    expect(fingerprint()).toBe(before);
    expect((await ws.call(li, 'visits.customerSummary', { customerId: w.far })).doneCount).toBe(1);
  });
});

describe('visits and minutes', () => {
  it('refuses a salesperson reading, printing or changing another salesperson’s visit and minutes by id', async () => {
    const r = await liRecords();
    const { ws, zhang } = w;
    const draft = await ws.call(w.li, 'visits.create', { fields: planFields(w.far, WED + DAY), submit: false });
    const before = fingerprint();
    expect(await errorCode(ws.invoke(zhang, 'visits.get', { id: r.visit.id }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'print.render', { form: 'visit', id: r.visit.id }))).toBe('FORBIDDEN');
    const { customerId: _c, ...fields } = planFields(w.far, WED + DAY);
    expect(await errorCode(ws.invoke(zhang, 'visits.update', { id: draft.id, fields, submit: true }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'visits.submit', { id: draft.id }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'visits.cancel', { id: draft.id }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'minutes.get', { id: r.minutes.id }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'print.render', { form: 'minutes', id: r.minutes.id }))).toBe('FORBIDDEN');
    expect(
      await errorCode(ws.invoke(zhang, 'minutes.update', { id: r.minutes.id, fields: { meetingDate: '2026-11-25', discussion: '改' }, submit: false })),
    ).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'minutes.markSent', { id: r.minutes.id }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'minutes.create', { fields: { customerId: w.far, meetingDate: '2026-11-25' }, submit: false }))).toBe(
      'FORBIDDEN',
    );
    // 李四's carried-out visit named on minutes of 张三's own customer: not that customer's visit.
    expect(
      await errorCode(ws.invoke(zhang, 'minutes.create', { fields: { customerId: w.star.id, visitId: r.visit.id, meetingDate: '2026-11-25' }, submit: false })),
    ).toBe('NOT_FOUND');
    expect(fingerprint()).toBe(before);
  });

  it('does not widen a salesperson’s visit and minutes lists or exports through salesperson, author or customer filters', async () => {
    await liRecords();
    const { ws, zhang } = w;
    const range = { from: WED - 7 * DAY, to: WED + 7 * DAY };
    expect(await ws.call(zhang, 'visits.list', { ...range, salespersonId: w.ids.li })).toEqual([]);
    expect(await ws.call(zhang, 'visits.list', { ...range, customerId: w.far })).toEqual([]);
    expect((await ws.call(zhang, 'visits.export', { ...range, salespersonId: w.ids.li })).rows).toBe(0);
    expect(await ws.call(zhang, 'minutes.list', { authorId: w.ids.li })).toEqual([]);
    expect(await ws.call(zhang, 'minutes.list', { customerId: w.far })).toEqual([]);
    expect((await ws.call(zhang, 'minutes.export', { authorId: w.ids.li })).rows).toBe(0);
    expect(await ws.call(zhang, 'visits.suggestions', {})).toEqual([]);
    expect(await errorCode(ws.invoke(zhang, 'visits.suggestions', { salespersonId: w.ids.li }))).toBe('FORBIDDEN');
    // The manager's lists do hold them.
    expect(await ws.call(w.wang, 'visits.list', { ...range, salespersonId: w.ids.li })).toHaveLength(1);
    expect(await ws.call(w.wang, 'minutes.list', { authorId: w.ids.li })).toHaveLength(1);
  });

  it('refuses sales every approval step, and a manager approving their own plan or minutes', async () => {
    const r = await liRecords();
    const { ws, zhang, li, wang } = w;
    const submitted = await ws.call(zhang, 'visits.create', { fields: planFields(w.star.id, WED), submit: true });
    const own = await ws.call(wang, 'visits.create', { fields: planFields(w.far, WED), submit: true });
    const ownMinutes = await ws.call(wang, 'minutes.create', { fields: { customerId: w.far, meetingDate: '2026-11-23' }, submit: true });
    const before = fingerprint();
    for (const s of [zhang, li]) {
      expect(await errorCode(ws.invoke(s, 'visits.approve', { id: submitted.id, comment: null }))).toBe('FORBIDDEN');
      expect(await errorCode(ws.invoke(s, 'visits.reject', { id: submitted.id, comment: '不行' }))).toBe('FORBIDDEN');
      expect(await errorCode(ws.invoke(s, 'visits.approvalQueue', {}))).toBe('FORBIDDEN');
      expect(await errorCode(ws.invoke(s, 'minutes.approve', { id: r.minutes.id }))).toBe('FORBIDDEN');
      expect(await errorCode(ws.invoke(s, 'minutes.return', { id: r.minutes.id, comment: '重写' }))).toBe('FORBIDDEN');
      expect(await errorCode(ws.invoke(s, 'minutes.reviewQueue', {}))).toBe('FORBIDDEN');
      expect(await errorCode(ws.invoke(s, 'visits.updateSettings', { newCustomerVisitTarget: 1, aGradeGapDays: 1 }))).toBe('FORBIDDEN');
    }
    expect(await errorCode(ws.invoke(wang, 'visits.approve', { id: own.id, comment: null }))).toBe('SELF_APPROVAL');
    expect(await errorCode(ws.invoke(wang, 'visits.reject', { id: own.id, comment: '自己驳回' }))).toBe('SELF_APPROVAL');
    expect(await errorCode(ws.invoke(wang, 'minutes.approve', { id: ownMinutes.id }))).toBe('SELF_APPROVAL');
    expect(await errorCode(ws.invoke(wang, 'minutes.return', { id: ownMinutes.id, comment: '自己退回' }))).toBe('SELF_APPROVAL');
    expect(fingerprint()).toBe(before);
    // Another manager may.
    expect((await ws.call(w.zhao, 'visits.approve', { id: own.id, comment: null })).status).toBe('approved');
  });

  it('checks every state change of visits and minutes', async () => {
    const { ws, zhang, wang } = w;
    const draft = await ws.call(zhang, 'visits.create', { fields: planFields(w.star.id, WED), submit: false });
    const submitted = await ws.call(zhang, 'visits.create', { fields: planFields(w.star.id, WED), submit: true });
    const m = await ws.call(zhang, 'minutes.create', { fields: { customerId: w.star.id, meetingDate: '2026-11-23' }, submit: false });
    const before = fingerprint();
    expect(await errorCode(ws.invoke(wang, 'visits.approve', { id: draft.id, comment: null }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(ws.invoke(zhang, 'visits.recordResult', { id: draft.id, doneAt: DONE, summary: '没批就去了' }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(ws.invoke(zhang, 'visits.recordResult', { id: submitted.id, doneAt: DONE, summary: '没批就去了' }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(ws.invoke(zhang, 'minutes.create', { fields: { customerId: w.star.id, visitId: submitted.id, meetingDate: '2026-11-25' }, submit: false }))).toBe(
      'INVALID_TRANSITION',
    );
    expect(await errorCode(ws.invoke(wang, 'minutes.approve', { id: m.id }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(ws.invoke(zhang, 'minutes.markSent', { id: m.id }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(ws.invoke(zhang, 'minutes.confirmReceipt', { id: m.id }))).toBe('INVALID_TRANSITION');
    expect(fingerprint()).toBe(before);
    await ws.call(wang, 'visits.approve', { id: submitted.id, comment: null });
    await ws.call(zhang, 'visits.recordResult', { id: submitted.id, doneAt: DONE, summary: '拜访完成' });
    const done = fingerprint();
    expect(await errorCode(ws.invoke(zhang, 'visits.cancel', { id: submitted.id }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(ws.invoke(zhang, 'visits.recordResult', { id: submitted.id, doneAt: DONE, summary: '再记一次' }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(ws.invoke(wang, 'visits.reject', { id: submitted.id, comment: '事后驳回' }))).toBe('INVALID_TRANSITION');
    expect(fingerprint()).toBe(done);
  });

  it('takes a salesperson’s rights on a customer away when it is handed to someone else', async () => {
    const { ws, zhang } = w;
    const v = await ws.call(zhang, 'visits.create', { fields: planFields(w.star.id, WED), submit: false });
    await ws.call(w.wang, 'customers.assign', { ids: [w.star.id], ownerId: w.ids.li, reason: '调整' });
    const before = fingerprint();
    // Still readable (their own plan), no longer theirs to change.
    expect((await ws.call(zhang, 'visits.get', { id: v.id })).can.edit).toBe(false);
    expect(await errorCode(ws.invoke(zhang, 'visits.submit', { id: v.id }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'activities.create', { customerId: w.star.id, type: 'call_out', occurredAt: ws.clock.now(), summary: '电话' }))).toBe(
      'FORBIDDEN',
    );
    expect(await errorCode(ws.invoke(zhang, 'orders.create', order(w.star.id, 100)))).toBe('FORBIDDEN');
    expect(fingerprint()).toBe(before);
  });
  it('keeps notifications to their addressee: another user’s ids are not marked read', async () => {
    await liRecords();
    const { ws, zhang, li } = w;
    const theirs = await ws.call(li, 'visits.notifications', {});
    expect(theirs.map((n) => n.kind)).toEqual(['visit_approved']);
    expect(await ws.call(zhang, 'visits.notifications', { unreadOnly: false })).toEqual([]);
    const before = fingerprint();
    expect(await ws.call(zhang, 'visits.markRead', { ids: theirs.map((n) => n.id), all: false })).toEqual({ count: 0 });
    expect(fingerprint()).toBe(before);
    expect((await ws.call(li, 'visits.notifications', {})).map((n) => n.id)).toEqual(theirs.map((n) => n.id));
  });
});

describe('users demoted or deactivated while logged in', () => {
  it('re-reads the user on every call: a demoted manager approves nothing and reads only their own; a deactivated salesperson does nothing', async () => {
    const r = await liRecords();
    const { ws, admin, wang, li } = w;
    const submitted = await ws.call(w.zhang, 'visits.create', { fields: planFields(w.star.id, WED), submit: true });
    const rules = await ws.call(admin, 'orders.rules', {});
    await ws.call(admin, 'users.update', { id: w.ids.wang, displayName: '王经理', role: 'sales' });
    await ws.call(admin, 'users.deactivate', { id: w.ids.li });
    // The deactivated user's first call ends their session (a logout, recorded); nothing else is written from here on.
    expect(await errorCode(ws.invoke(li, 'activities.list', {}))).toBe('UNAUTHENTICATED');
    const before = fingerprint();
    expect(await errorCode(ws.invoke(wang, 'visits.approve', { id: submitted.id, comment: null }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(wang, 'visits.approvalQueue', {}))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(wang, 'minutes.approve', { id: r.minutes.id }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(wang, 'orders.get', { id: r.order.id }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(wang, 'reports.abc', { filter: filterOf() }))).toBeUndefined();
    expect(await errorCode(ws.invoke(wang, 'reports.abc', { filter: filterOf({ ownerIds: [w.ids.li] }) }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(wang, 'reports.salesReport.get', { kind: 'week', anchor: '2026-11-23', userId: null }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(wang, 'orders.saveRules', rules))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(li, 'orders.addPayment', { orderId: r.order.id, paidOn: today(), amount: 100 }))).toBe('UNAUTHENTICATED');
    expect(await errorCode(ws.invoke(li, 'visits.get', { id: r.visit.id }))).toBe('UNAUTHENTICATED');
    expect(await errorCode(ws.invoke(li, 'print.render', { form: 'minutes', id: r.minutes.id }))).toBe('UNAUTHENTICATED');
    expect(fingerprint()).toBe(before);
  });
});

describe('orders, payments and receivables', () => {
  it('refuses a salesperson reading or changing another salesperson’s order, payment or sales figures by id', async () => {
    const r = await liRecords();
    const { ws, zhang } = w;
    const before = fingerprint();
    expect(await errorCode(ws.invoke(zhang, 'orders.get', { id: r.order.id }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'orders.update', { ...order(w.far, 1), id: r.order.id }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'orders.delete', { id: r.order.id }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'orders.addPayment', { orderId: r.order.id, paidOn: today(), amount: 100 }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'orders.removePayment', { id: r.payment.id }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'orders.summary', { id: w.far }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'orders.gradeHistory', { id: w.far }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'orders.summary', { id: w.pool }))).toBe('FORBIDDEN');
    for (const customerId of [w.far, w.pool]) expect(await errorCode(ws.invoke(zhang, 'orders.create', order(customerId, 100)))).toBe('FORBIDDEN');
    // Own customer, but the sale credited to someone else.
    expect(await errorCode(ws.invoke(zhang, 'orders.create', order(w.star.id, 100, { salespersonId: w.ids.li })))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'orders.rules', {}))).toBe('FORBIDDEN');
    expect(fingerprint()).toBe(before);
  });

  it('does not widen a salesperson’s order list, export, receivables or product suggestions through filters', async () => {
    await liRecords();
    const { ws, zhang } = w;
    await ws.call(zhang, 'orders.create', order(w.star.id, 300, { lines: [{ product: '铜阀门', quantity: 1, unitPrice: 30_000 }] }));
    for (const filter of [{ ownerId: w.ids.li }, { customerId: w.far }, { query: 'HT-8000' }]) {
      const page = await ws.call(zhang, 'orders.list', { filter });
      expect(page).toMatchObject({ rows: [], total: 0, sumAmount: 0, sumReceived: 0 });
      expect((await ws.call(zhang, 'orders.export', { filter })).rows).toBe(0);
    }
    const mine = await ws.call(zhang, 'orders.list', {});
    expect([mine.total, mine.sumAmount]).toEqual([1, 30_000]);
    for (const filter of [{ ownerId: w.ids.li }, { customerId: w.far }]) {
      const rec = await ws.call(zhang, 'orders.receivables', { filter });
      expect(rec.total).toBe(0);
      expect(rec.ageing.reduce((s, b) => s + b.outstanding, 0)).toBe(0);
    }
    expect((await ws.call(zhang, 'orders.products', { prefix: '不锈钢' })).map((p) => p.product)).toEqual([]);
    expect((await ws.call(w.li, 'orders.products', { prefix: '不锈钢' })).map((p) => p.product)).toEqual(['不锈钢阀门 DN50']);
  });

  it('refuses paying more than is open and a payment on someone else’s order, leaving the order as it was', async () => {
    const r = await liRecords();
    const { ws, li } = w;
    const before = fingerprint();
    expect(await errorCode(ws.invoke(li, 'orders.addPayment', { orderId: r.order.id, paidOn: today(), amount: 800_000 }))).toBe('OVERPAYMENT');
    expect(await errorCode(ws.invoke(li, 'orders.update', { ...order(w.far, 500), id: r.order.id }))).toBe('ORDER_BELOW_RECEIVED');
    expect(fingerprint()).toBe(before);
  });

  it('does not let a salesperson take the credit for an order another salesperson made for a customer handed to them', async () => {
    const r = await liRecords();
    const { ws, zhang, wang } = w;
    await ws.call(wang, 'customers.assign', { ids: [w.far], ownerId: w.ids.zhang, reason: '李四调岗' });
    const before = fingerprint();
    const { customerId: _c, ...fields } = order(w.far, 8000, { contractNo: r.order.contractNo });
    expect(await errorCode(ws.invoke(zhang, 'orders.update', { ...fields, id: r.order.id, salespersonId: w.ids.zhang }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'orders.update', { ...fields, id: r.order.id, salespersonId: null }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'orders.update', { ...fields, notes: '改金额', id: r.order.id, salespersonId: w.ids.li }))).toBe('FORBIDDEN');
    // Removing it (to enter it again in their own name) is refused the same way.
    expect(await errorCode(ws.invoke(zhang, 'orders.delete', { id: r.order.id }))).toBe('FORBIDDEN');
    expect(fingerprint()).toBe(before);
    // The new owner collects what is still open on it, and sees it.
    const paid = await ws.call(zhang, 'orders.addPayment', { orderId: r.order.id, paidOn: today(), amount: 50_000 });
    expect([paid.received, paid.salesperson?.id]).toEqual([150_000, w.ids.li]);
    // A manager may correct it (the credit kept when sent back unchanged) and move the credit.
    expect((await ws.call(wang, 'orders.update', { ...fields, notes: '补充合同附件', id: r.order.id, salespersonId: w.ids.li })).salesperson?.id).toBe(w.ids.li);
    expect((await ws.call(wang, 'orders.update', { ...fields, id: r.order.id, salespersonId: w.ids.zhang })).salesperson?.id).toBe(w.ids.zhang);
    // Now it is 张三's sale: theirs to correct.
    expect((await ws.call(zhang, 'orders.update', { ...fields, notes: '张三更正', id: r.order.id })).notes).toBe('张三更正');
  });
});

describe('reports and printing', () => {
  const reports = ['reports.abc', 'reports.comparison', 'reports.churn', 'reports.funnel', 'reports.receivables', 'reports.service'] as const;

  it('refuses a salesperson’s report, export or sales report of someone else', async () => {
    await liRecords();
    const { ws, zhang } = w;
    const before = fingerprint();
    const theirs = filterOf({ ownerIds: [w.ids.li] });
    const both = filterOf({ ownerIds: [w.ids.zhang, w.ids.li] });
    for (const ch of reports) {
      expect(await errorCode(ws.invoke(zhang, ch, { filter: theirs }))).toBe('FORBIDDEN');
      expect(await errorCode(ws.invoke(zhang, ch, { filter: both }))).toBe('FORBIDDEN');
    }
    expect(await errorCode(ws.invoke(zhang, 'reports.top', { filter: theirs, n: 10 }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'reports.statistics', { filter: theirs, dim1: 'owner', dim2: null }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'reports.export', { report: 'receivables', filter: theirs }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'reports.export', { report: 'salesReport', key: { kind: 'week', anchor: '2026-11-23', userId: w.ids.li } }))).toBe(
      'FORBIDDEN',
    );
    expect(await errorCode(ws.invoke(zhang, 'reports.salesReport.get', { kind: 'week', anchor: '2026-11-23', userId: w.ids.li }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'reports.salesReport.get', { kind: 'week', anchor: '2026-11-23', userId: null }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(zhang, 'reports.salesReport.list', { userId: w.ids.li }))).toBe('FORBIDDEN');
    expect(fingerprint()).toBe(before);
  });

  it('narrows a salesperson’s unfiltered reports to their own customers and figures', async () => {
    const r = await liRecords();
    const { ws, zhang } = w;
    await ws.call(zhang, 'orders.create', order(w.star.id, 300));
    const top = await ws.call(zhang, 'reports.top', { filter: filterOf(), n: 10 });
    expect(top.customersBySales.map((c) => c.name)).toEqual(['杭州星辰信息科技有限公司']);
    expect(top.customersByReceivables.map((c) => c.name)).toEqual(['杭州星辰信息科技有限公司']);
    expect(top.salesBySales.map((p) => p.userId)).toEqual([w.ids.zhang]);
    const rec = await ws.call(zhang, 'reports.receivables', { filter: filterOf() });
    expect(rec.totals.total).toBe(30_000);
    expect(rec.byCustomer.map((c) => c.name)).toEqual(['杭州星辰信息科技有限公司']);
    const service = await ws.call(zhang, 'reports.service', { filter: filterOf() });
    expect([service.complaints.total, service.satisfaction.surveys]).toEqual([0, 0]);
    const stats = await ws.call(zhang, 'reports.statistics', { filter: filterOf(), dim1: 'owner', dim2: null });
    expect(stats.rows.map((row) => row.v1)).toEqual([w.ids.zhang]);
    const mine = await ws.call(zhang, 'reports.salesReport.get', { kind: 'month', anchor: '2026-11-23', userId: w.ids.zhang });
    expect(mine.orders.map((o) => o.contractNo)).not.toContain(r.order.contractNo);
    expect(mine.activities).toEqual([]);
  });

  it('leaves commenting on sales reports to managers', async () => {
    const { ws, zhang, li } = w;
    const saved = await ws.call(li, 'reports.salesReport.save', { kind: 'week', anchor: '2026-11-23', summary: '本周跑了三家', plan: '下周回访' });
    const before = fingerprint();
    expect(await errorCode(ws.invoke(zhang, 'reports.salesReport.comment', { id: saved.id!, comment: '写得好' }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(li, 'reports.salesReport.comment', { id: saved.id!, comment: '自评' }))).toBe('FORBIDDEN');
    expect(fingerprint()).toBe(before);
  });

  it('prints a customer card only for those who may read it, without financial fields for a pool customer', async () => {
    const { ws, zhang, wang } = w;
    await ws.call(wang, 'customers.update', { id: w.pool, fields: { bankName: '工商银行苏州分行', bankAccount: '6222020402001234567' } });
    await ws.call(wang, 'customers.update', { id: w.far, fields: { bankAccount: '6222020402007654321' } });
    const before = fingerprint();
    expect(await errorCode(ws.invoke(zhang, 'print.render', { form: 'customerCard', id: w.far }))).toBe('FORBIDDEN');
    const pool = await ws.call(zhang, 'print.render', { form: 'customerCard', id: w.pool });
    expect(pool.html).toContain('苏州东方纺织有限公司');
    expect(pool.html).not.toContain('6222020402001234567');
    expect(pool.html).not.toContain('工商银行苏州分行');
    expect((await ws.call(wang, 'print.render', { form: 'customerCard', id: w.pool })).html).toContain('6222020402001234567');
    expect(fingerprint()).toBe(before);
  });
});
