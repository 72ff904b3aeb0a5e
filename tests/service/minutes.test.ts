import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followUpTasks } from '../../src-main/db/schema';
import type { MinutesFieldsInput } from '../../src-shared/visits/schemas';
import { workspaceFingerprint } from '../helpers/rawDb';
import { errorCode } from '../helpers/errors';
import { createVisitWorld, DAY, HOUR, planFields, type VisitWorld } from '../helpers/visits';

let w: VisitWorld;
beforeEach(async () => {
  w = await createVisitWorld();
});
afterEach(() => w.ws.dispose());

// The manual clock starts on Monday 2026-11-23 01:00 UTC.
const fingerprint = () => workspaceFingerprint(w.ws.host.workspace.db!.sqlite, w.ws.dir);

const fields = (extra: Partial<MinutesFieldsInput> = {}): MinutesFieldsInput => ({
  customerId: w.star.id,
  title: '新产品试用洽谈',
  meetingDate: '2026-11-23',
  meetingTime: '10:00',
  place: '星辰公司三楼会议室',
  ourAttendees: '张三（销售）',
  customerAttendees: '陈总（总经理）\n刘采购（采购主管）',
  noteTaker: '张三',
  customerSituation: '年采购额约 200 万',
  needsProblems: '现有供应商交期不稳定',
  discussion: '介绍了新产品和交期保障',
  agreements: '先试用两周',
  actions: [
    { content: '寄送样品两件', ownerName: '张三', dueDate: '2026-11-27' },
    { content: '安排技术交流', ownerName: '王经理', ownerUserId: w.ids.wang, dueDate: '2026-12-04' },
  ],
  ...extra,
});

const write = (extra: Partial<MinutesFieldsInput> = {}, submit = false) => w.ws.call(w.zhang, 'minutes.create', { fields: fields(extra), submit });

describe('writing minutes', () => {
  it('saves a draft due 2 working days after the meeting, with its action items', async () => {
    const m = await write();
    expect(m).toMatchObject({ status: 'draft', formNo: 'JY-2026-0001', meetingDate: '2026-11-23', dueDate: '2026-11-25', overdue: false });
    expect(m.author.displayName).toBe('张三');
    expect(m.actions.map((a) => [a.position, a.content, a.ownerUser?.displayName ?? null, a.taskId])).toEqual([
      [0, '寄送样品两件', null, null],
      [1, '安排技术交流', '王经理', null],
    ]);
    expect(m.can).toMatchObject({ edit: true, submit: true, approve: false, send: false });
    const ev = (await w.ws.call(w.zhang, 'customers.get', { id: w.star.id })).events.find((e) => e.kind === 'minutes_status');
    expect(ev?.data).toMatchObject({ minutesId: m.id, from: null, to: 'draft' });
  });

  it('dates a meeting on 2026-09-30 to the Friday after the National Day week', async () => {
    expect((await write({ meetingDate: '2026-09-30' })).dueDate).toBe('2026-10-09');
    expect((await write({ meetingDate: '2026-10-09' })).dueDate).toBe('2026-10-12');
  });

  it('dates a meeting on Friday 2026-11-20 to Tuesday 2026-11-24 and shows it overdue from Wednesday until submitted', async () => {
    const m = await write({ meetingDate: '2026-11-20' });
    expect(m.dueDate).toBe('2026-11-24');
    expect(m.overdue).toBe(false);
    w.ws.clock.set(Date.UTC(2026, 10, 24, 9));
    expect((await w.ws.call(w.zhang, 'minutes.due', {}))[0]).toMatchObject({ id: m.id, dueToday: true, overdue: false });
    w.ws.clock.set(Date.UTC(2026, 10, 25, 1));
    expect((await w.ws.call(w.zhang, 'minutes.due', {}))[0]).toMatchObject({ id: m.id, overdue: true });
    expect((await w.ws.call(w.wang, 'minutes.due', {})).map((r) => r.id)).toEqual([m.id]);
    expect(await w.ws.call(w.li, 'minutes.due', {})).toEqual([]);
    expect((await w.ws.call(w.zhang, 'minutes.list', { overdueOnly: true })).map((r) => r.id)).toEqual([m.id]);
    await w.ws.call(w.zhang, 'minutes.submit', { id: m.id });
    expect(await w.ws.call(w.zhang, 'minutes.due', {})).toEqual([]);
    expect(await w.ws.call(w.zhang, 'minutes.list', { overdueOnly: true })).toEqual([]);
  });

  it('links minutes to a carried-out visit and refuses a visit not yet carried out', async () => {
    const v = await w.ws.call(w.zhang, 'visits.create', { fields: planFields(w.star.id, Date.UTC(2026, 10, 23, 2)), submit: true });
    expect(await errorCode(w.ws.invoke(w.zhang, 'minutes.create', { fields: fields({ visitId: v.id }), submit: false }))).toBe('INVALID_TRANSITION');
    await w.ws.call(w.wang, 'visits.approve', { id: v.id });
    // Recorded once the visit has happened.
    w.ws.clock.set(Math.max(w.ws.clock.now(), Date.UTC(2026, 10, 23, 3)));
    await w.ws.call(w.zhang, 'visits.recordResult', { id: v.id, doneAt: Date.UTC(2026, 10, 23, 2), summary: '拜访完成' });
    const m = await write({ visitId: v.id });
    expect(m.visit).toMatchObject({ id: v.id, formNo: v.formNo });
    expect((await w.ws.call(w.zhang, 'visits.get', { id: v.id })).minutesIds).toEqual([m.id]);
    expect(await errorCode(w.ws.invoke(w.zhang, 'minutes.create', { fields: fields({ customerId: w.sea, visitId: v.id }), submit: false }))).toBe('NOT_FOUND');
  });

  it('refuses minutes for a customer the salesperson does not own, and an unknown action owner, writing nothing', async () => {
    const before = fingerprint();
    expect(await errorCode(w.ws.invoke(w.zhang, 'minutes.create', { fields: fields({ customerId: w.far }), submit: false }))).toBe('FORBIDDEN');
    expect(await errorCode(w.ws.invoke(w.zhang, 'minutes.create', { fields: fields({ customerId: w.pool }), submit: false }))).toBe('FORBIDDEN');
    const bad = fields({ actions: [{ content: '跟进', ownerUserId: '0190f0e0-0000-7000-8000-000000000000', dueDate: '2026-11-30' }] });
    expect(await errorCode(w.ws.invoke(w.zhang, 'minutes.create', { fields: bad, submit: false }))).toBe('INVALID_OWNER');
    expect(await errorCode(w.ws.invoke(w.zhang, 'minutes.create', { fields: fields({ meetingDate: '2026/11/23' }), submit: false }))).toBe('VALIDATION');
    expect(fingerprint()).toBe(before);
  });

  it('keeps other salespeople out', async () => {
    const m = await write();
    expect(await errorCode(w.ws.invoke(w.li, 'minutes.get', { id: m.id }))).toBe('FORBIDDEN');
    expect(await errorCode(w.ws.invoke(w.li, 'minutes.submit', { id: m.id }))).toBe('FORBIDDEN');
    expect(await w.ws.call(w.li, 'minutes.list', {})).toEqual([]);
    expect((await w.ws.call(w.zhang, 'minutes.list', {})).map((r) => r.id)).toEqual([m.id]);
  });
});

describe('the minutes flow', () => {
  it('goes draft → submitted → returned → (edited) submitted → approved → sent → confirmed, recording who and when', async () => {
    const m = await write();
    w.ws.clock.advance(HOUR);
    expect((await w.ws.call(w.zhang, 'minutes.submit', { id: m.id })).status).toBe('submitted');
    expect((await w.ws.call(w.wang, 'minutes.reviewQueue', {})).map((r) => r.id)).toEqual([m.id]);
    expect(await errorCode(w.ws.invoke(w.wang, 'minutes.return', { id: m.id, comment: '' }))).toBe('VALIDATION');
    w.ws.clock.advance(HOUR);
    const returned = await w.ws.call(w.wang, 'minutes.return', { id: m.id, comment: '补充客户的预算情况' });
    expect(returned).toMatchObject({ status: 'returned', reviewComment: '补充客户的预算情况' });
    expect(returned.can.edit).toBe(true);
    expect((await w.ws.call(w.zhang, 'visits.notifications', {}))[0]).toMatchObject({ kind: 'minutes_returned', minutesId: m.id, comment: '补充客户的预算情况' });

    const edited = await w.ws.call(w.zhang, 'minutes.update', {
      id: m.id,
      fields: { ...fields({ customerSituation: '年采购额约 200 万，明年预算增加 20%' }) },
      submit: true,
    });
    expect(edited.status).toBe('submitted');
    expect(edited.customerSituation).toBe('年采购额约 200 万，明年预算增加 20%');

    w.ws.clock.advance(HOUR);
    const approved = await w.ws.call(w.zhao, 'minutes.approve', { id: m.id, comment: '可以发给客户' });
    expect(approved.status).toBe('approved');
    expect(approved.reviewedBy?.displayName).toBe('赵经理');
    // Each action item became a follow-up task for its owner (or the author), due at the start of its day.
    const db = w.ws.host.workspace.db!;
    const tasks = db.orm.select().from(followUpTasks).where(eq(followUpTasks.sourceId, m.id)).all();
    expect(tasks.map((t) => [t.title, t.assigneeId, t.sourceType, t.dueAt]).sort()).toEqual(
      [
        ['寄送样品两件（张三）', w.ids.zhang, 'minutes', new Date(2026, 10, 27).getTime()],
        ['安排技术交流（王经理）', w.ids.wang, 'minutes', new Date(2026, 11, 4).getTime()],
      ].sort(),
    );
    expect(approved.actions.every((a) => a.taskId !== null)).toBe(true);

    expect((await w.ws.call(w.zhang, 'minutes.markSent', { id: m.id, comment: '已邮件发送' })).status).toBe('sent');
    const confirmed = await w.ws.call(w.zhang, 'minutes.confirmReceipt', { id: m.id });
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.sentAt).not.toBeNull();
    expect(confirmed.confirmedAt).not.toBeNull();
    expect(confirmed.steps.map((s) => [s.fromStatus, s.toStatus, s.actor?.displayName])).toEqual([
      [null, 'draft', '张三'],
      ['draft', 'submitted', '张三'],
      ['submitted', 'returned', '王经理'],
      ['returned', 'submitted', '张三'],
      ['submitted', 'approved', '赵经理'],
      ['approved', 'sent', '张三'],
      ['sent', 'confirmed', '张三'],
    ]);
    expect(confirmed.steps[2]!.at - confirmed.steps[1]!.at).toBe(HOUR);
    const kinds = (await w.ws.call(w.zhang, 'customers.get', { id: w.star.id })).events.filter((e) => e.kind === 'minutes_status');
    expect(kinds.map((e) => e.data.to).sort()).toEqual(['approved', 'confirmed', 'draft', 'returned', 'sent', 'submitted', 'submitted'].sort());
  });

  it('rejects every move outside the flow as INVALID_TRANSITION, changing nothing', async () => {
    const m = await write();
    const before = fingerprint();
    expect(await errorCode(w.ws.invoke(w.wang, 'minutes.approve', { id: m.id }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(w.ws.invoke(w.wang, 'minutes.return', { id: m.id, comment: '退回' }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(w.ws.invoke(w.zhang, 'minutes.markSent', { id: m.id }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(w.ws.invoke(w.zhang, 'minutes.confirmReceipt', { id: m.id }))).toBe('INVALID_TRANSITION');
    expect(fingerprint()).toBe(before);
    await w.ws.call(w.zhang, 'minutes.submit', { id: m.id });
    expect(await errorCode(w.ws.invoke(w.zhang, 'minutes.update', { id: m.id, fields: fields(), submit: false }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(w.ws.invoke(w.zhang, 'minutes.submit', { id: m.id }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(w.ws.invoke(w.zhang, 'minutes.markSent', { id: m.id }))).toBe('INVALID_TRANSITION');
    await w.ws.call(w.wang, 'minutes.approve', { id: m.id });
    expect(await errorCode(w.ws.invoke(w.zhang, 'minutes.update', { id: m.id, fields: fields(), submit: false }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(w.ws.invoke(w.zhao, 'minutes.return', { id: m.id, comment: '再改改' }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(w.ws.invoke(w.zhang, 'minutes.confirmReceipt', { id: m.id }))).toBe('INVALID_TRANSITION');
    await w.ws.call(w.zhang, 'minutes.markSent', { id: m.id });
    expect(await errorCode(w.ws.invoke(w.zhang, 'minutes.markSent', { id: m.id }))).toBe('INVALID_TRANSITION');
    await w.ws.call(w.zhang, 'minutes.confirmReceipt', { id: m.id });
    expect(await errorCode(w.ws.invoke(w.zhang, 'minutes.confirmReceipt', { id: m.id }))).toBe('INVALID_TRANSITION');
  });

  it('lets no salesperson review and no manager review minutes they wrote', async () => {
    const m = await write({}, true);
    expect(await errorCode(w.ws.invoke(w.zhang, 'minutes.approve', { id: m.id }))).toBe('FORBIDDEN');
    expect(await errorCode(w.ws.invoke(w.li, 'minutes.return', { id: m.id, comment: '不行' }))).toBe('FORBIDDEN');
    const own = await w.ws.call(w.wang, 'minutes.create', { fields: fields({ customerId: w.far, actions: [] }), submit: true });
    expect(await errorCode(w.ws.invoke(w.wang, 'minutes.approve', { id: own.id }))).toBe('SELF_APPROVAL');
    expect(await errorCode(w.ws.invoke(w.wang, 'minutes.return', { id: own.id, comment: '自己退回' }))).toBe('SELF_APPROVAL');
    expect((await w.ws.call(w.wang, 'minutes.reviewQueue', {})).map((r) => r.id)).toEqual([m.id]);
    expect((await w.ws.call(w.zhao, 'minutes.approve', { id: own.id })).status).toBe('approved');
  });

  it('rolls the approval back when a task cannot be created (the action owner left the company)', async () => {
    const m = await write({}, true);
    await w.ws.call(w.admin, 'users.deactivate', { id: w.ids.wang });
    const before = fingerprint();
    const r = await w.ws.invoke(w.zhao, 'minutes.approve', { id: m.id });
    expect(r.ok).toBe(false);
    expect(fingerprint()).toBe(before);
    expect((await w.ws.call(w.zhang, 'minutes.get', { id: m.id })).status).toBe('submitted');
  });

  it('lets the author still edit the action items while returned, and keeps a meeting-day change in the due date', async () => {
    const m = await write({}, true);
    await w.ws.call(w.wang, 'minutes.return', { id: m.id, comment: '日期不对' });
    const edited = await w.ws.call(w.zhang, 'minutes.update', {
      id: m.id,
      fields: { ...fields({ meetingDate: '2026-11-20', actions: [{ content: '报价', dueDate: '2026-11-30' }] }) },
      submit: false,
    });
    expect(edited).toMatchObject({ status: 'returned', meetingDate: '2026-11-20', dueDate: '2026-11-24' });
    expect(edited.actions.map((a) => a.content)).toEqual(['报价']);
    w.ws.clock.advance(3 * DAY);
    expect((await w.ws.call(w.zhang, 'minutes.due', {}))[0]).toMatchObject({ id: m.id, overdue: true });
  });
});
