import * as XLSX from '@e965/xlsx';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activities, customers, visits } from '../../src-main/db/schema';
import { workspaceFingerprint } from '../helpers/rawDb';
import { errorCode } from '../helpers/errors';
import { createVisitWorld, DAY, HOUR, planFields, type VisitWorld } from '../helpers/visits';

let w: VisitWorld;
beforeEach(async () => {
  w = await createVisitWorld();
});
afterEach(() => w.ws.dispose());

// The manual clock starts on Monday 2026-11-23 01:00 UTC.
const WED = Date.UTC(2026, 10, 25, 2, 0);

const plan = (extra: Parameters<typeof planFields>[2] = {}, submit = false) =>
  w.ws.call(w.zhang, 'visits.create', { fields: planFields(w.star.id, WED, extra), submit });

/** Runs `fn` with the clock just after the visit (a result is recorded once the visit has happened), then puts the clock back. */
const afterVisit = async <T>(fn: () => Promise<T>): Promise<T> => {
  const now = w.ws.clock.now();
  w.ws.clock.set(Math.max(now, WED + 2 * HOUR));
  try {
    return await fn();
  } finally {
    w.ws.clock.set(now);
  }
};

const events = async (customerId: string) => (await w.ws.call(w.wang, 'customers.get', { id: customerId })).events;

const fingerprint = () => workspaceFingerprint(w.ws.host.workspace.db!.sqlite, w.ws.dir);

describe('planning a visit', () => {
  it('saves a draft for the salesperson’s own customer with a form number, the contacts and whether a decision-maker is met', async () => {
    const v = await plan({ contactIds: [w.star.clerk, w.star.boss] });
    expect(v.status).toBe('draft');
    expect(v.formNo).toBe('ZF-2026-0001');
    expect(v.salesperson).toEqual({ id: w.ids.zhang, displayName: '张三' });
    expect(v.contacts.map((c) => c.name)).toEqual(['刘采购', '陈总']);
    expect(v.meetsDecisionMaker).toBe(true);
    expect(v.customerHasDecisionMaker).toBe(true);
    expect(v.materials).toEqual(['companyBrochure', 'productCatalog']);
    expect(v.chkAppointment && v.chkAttire).toBe(true);
    expect(v.chkObjections).toBe(false);
    expect(v.can).toMatchObject({ edit: true, submit: true, approve: false, record: false });
    expect(v.steps.map((s) => [s.fromStatus, s.toStatus, s.actor?.displayName])).toEqual([[null, 'draft', '张三']]);
    expect((await events(w.star.id)).some((e) => e.kind === 'visit_planned' && e.data.visitId === v.id)).toBe(true);
    const second = await plan();
    expect(second.formNo).toBe('ZF-2026-0002');
    expect(second.meetsDecisionMaker).toBe(false);
  });

  it('refuses a salesperson planning for another salesperson’s customer or a pool customer, writing nothing', async () => {
    const before = fingerprint();
    expect(await errorCode(w.ws.invoke(w.zhang, 'visits.create', { fields: planFields(w.far, WED), submit: false }))).toBe('FORBIDDEN');
    expect(await errorCode(w.ws.invoke(w.zhang, 'visits.create', { fields: planFields(w.pool, WED), submit: false }))).toBe('FORBIDDEN');
    expect(fingerprint()).toBe(before);
  });

  it('refuses a contact of another customer and an empty purpose as VALIDATION', async () => {
    const other = await w.ws.call(w.li, 'contacts.create', { customerId: w.far, fields: { name: '周工' } });
    expect(await errorCode(w.ws.invoke(w.zhang, 'visits.create', { fields: planFields(w.star.id, WED, { contactIds: [other.id] }), submit: false }))).toBe(
      'VALIDATION',
    );
    expect(await errorCode(w.ws.invoke(w.zhang, 'visits.create', { fields: planFields(w.star.id, WED, { purpose: '  ' }), submit: false }))).toBe(
      'VALIDATION',
    );
    expect(await w.ws.call(w.zhang, 'visits.list', { from: 0 + 631_152_000_000, to: WED + DAY })).toEqual([]);
  });

  it('lets a manager plan for any customer', async () => {
    const v = await w.ws.call(w.wang, 'visits.create', { fields: planFields(w.far, WED), submit: true });
    expect(v.status).toBe('submitted');
    expect(v.salesperson.id).toBe(w.ids.wang);
  });
});

describe('approval', () => {
  it('puts a submitted plan in the managers’ queue; a manager approves it and the salesperson is notified', async () => {
    const v = await plan({}, true);
    expect(v.status).toBe('submitted');
    expect((await w.ws.call(w.wang, 'visits.approvalQueue', {})).map((r) => r.id)).toEqual([v.id]);
    const approved = await w.ws.call(w.wang, 'visits.approve', { id: v.id, comment: '同意，注意带报价单' });
    expect(approved.status).toBe('approved');
    expect(approved.decidedBy?.displayName).toBe('王经理');
    expect(approved.decisionComment).toBe('同意，注意带报价单');
    expect(approved.steps.map((s) => s.toStatus)).toEqual(['draft', 'submitted', 'approved']);
    expect(await w.ws.call(w.wang, 'visits.approvalQueue', {})).toEqual([]);
    const notes = await w.ws.call(w.zhang, 'visits.notifications', {});
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'visit_approved', visitId: v.id, formNo: v.formNo, customerName: '杭州星辰信息科技有限公司', comment: '同意，注意带报价单' });
    expect(notes[0]!.actor?.displayName).toBe('王经理');
    expect((await events(w.star.id)).some((e) => e.kind === 'visit_approved')).toBe(true);
  });

  it('refuses approval to a salesperson (FORBIDDEN) and to the manager who planned the visit (SELF_APPROVAL)', async () => {
    const v = await plan({}, true);
    expect(await errorCode(w.ws.invoke(w.zhang, 'visits.approve', { id: v.id, comment: null }))).toBe('FORBIDDEN');
    expect(await errorCode(w.ws.invoke(w.li, 'visits.reject', { id: v.id, comment: '不行' }))).toBe('FORBIDDEN');
    const own = await w.ws.call(w.wang, 'visits.create', { fields: planFields(w.sea, WED), submit: true });
    expect(await errorCode(w.ws.invoke(w.wang, 'visits.approve', { id: own.id, comment: null }))).toBe('SELF_APPROVAL');
    expect(await errorCode(w.ws.invoke(w.wang, 'visits.reject', { id: own.id, comment: '自己驳回' }))).toBe('SELF_APPROVAL');
    expect((await w.ws.call(w.wang, 'visits.approvalQueue', {})).map((r) => r.id)).toEqual([v.id]);
    expect((await w.ws.call(w.zhao, 'visits.approvalQueue', {})).map((r) => r.id).sort()).toEqual([v.id, own.id].sort());
    expect((await w.ws.call(w.zhao, 'visits.approve', { id: own.id, comment: null })).status).toBe('approved');
  });

  it('needs a comment to reject; a rejected plan is edited and resubmitted, then approved', async () => {
    const v = await plan({}, true);
    expect(await errorCode(w.ws.invoke(w.wang, 'visits.reject', { id: v.id, comment: ' ' }))).toBe('VALIDATION');
    const rejected = await w.ws.call(w.wang, 'visits.reject', { id: v.id, comment: '先确认决策人再去' });
    expect(rejected.status).toBe('rejected');
    expect((await w.ws.call(w.zhang, 'visits.notifications', {}))[0]).toMatchObject({ kind: 'visit_rejected', comment: '先确认决策人再去' });
    const edited = await w.ws.call(w.zhang, 'visits.update', {
      id: v.id,
      fields: planFields(w.star.id, WED + HOUR, { contactIds: [w.star.boss], chkDecisionMaker: true }),
      submit: false,
    });
    expect(edited.status).toBe('rejected');
    expect(edited.meetsDecisionMaker).toBe(true);
    expect(edited.plannedAt).toBe(WED + HOUR);
    const resubmitted = await w.ws.call(w.zhang, 'visits.submit', { id: v.id });
    expect(resubmitted.status).toBe('submitted');
    const approved = await w.ws.call(w.zhao, 'visits.approve', { id: v.id });
    expect(approved.steps.map((s) => [s.fromStatus, s.toStatus])).toEqual([
      [null, 'draft'],
      ['draft', 'submitted'],
      ['submitted', 'rejected'],
      ['rejected', 'submitted'],
      ['submitted', 'approved'],
    ]);
    expect(approved.steps[2]!.comment).toBe('先确认决策人再去');
  });

  it('rejects moves outside the flow as INVALID_TRANSITION and changes nothing', async () => {
    const draft = await plan();
    expect(await errorCode(w.ws.invoke(w.wang, 'visits.approve', { id: draft.id }))).toBe('INVALID_TRANSITION');
    await w.ws.call(w.zhang, 'visits.submit', { id: draft.id });
    expect(await errorCode(w.ws.invoke(w.zhang, 'visits.submit', { id: draft.id }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(w.ws.invoke(w.zhang, 'visits.update', { id: draft.id, fields: planFields(w.star.id, WED), submit: false }))).toBe(
      'INVALID_TRANSITION',
    );
    await w.ws.call(w.wang, 'visits.approve', { id: draft.id });
    const before = fingerprint();
    expect(await errorCode(w.ws.invoke(w.zhao, 'visits.approve', { id: draft.id }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(w.ws.invoke(w.zhao, 'visits.reject', { id: draft.id, comment: '晚了' }))).toBe('INVALID_TRANSITION');
    expect(await errorCode(w.ws.invoke(w.zhang, 'visits.update', { id: draft.id, fields: planFields(w.star.id, WED), submit: false }))).toBe(
      'INVALID_TRANSITION',
    );
    expect(fingerprint()).toBe(before);
  });

  it('lets the salesperson cancel a draft but not a done visit', async () => {
    const v = await plan();
    expect((await w.ws.call(w.zhang, 'visits.cancel', { id: v.id })).status).toBe('cancelled');
    expect(await errorCode(w.ws.invoke(w.zhang, 'visits.submit', { id: v.id }))).toBe('INVALID_TRANSITION');
    const done = await plan({}, true);
    await w.ws.call(w.wang, 'visits.approve', { id: done.id });
    await afterVisit(() => w.ws.call(w.zhang, 'visits.recordResult', { id: done.id, doneAt: WED, summary: '已拜访' }));
    expect(await errorCode(w.ws.invoke(w.zhang, 'visits.cancel', { id: done.id }))).toBe('INVALID_TRANSITION');
  });
});

describe('recording the result', () => {
  const approvedVisit = async () => {
    const v = await plan({ contactIds: [w.star.boss] }, true);
    return w.ws.call(w.wang, 'visits.approve', { id: v.id });
  };
  const result = (id: string, summary = '见到陈总，介绍了新产品') => ({
    id,
    doneAt: WED + HOUR,
    contactId: w.star.boss,
    summary,
    outcome: '同意试用样品',
    nextStep: '下周寄样品',
  });

  it('refuses to record a visit that is not approved', async () => {
    const draft = await plan();
    expect(await errorCode(w.ws.invoke(w.zhang, 'visits.recordResult', result(draft.id)))).toBe('INVALID_TRANSITION');
    await w.ws.call(w.zhang, 'visits.submit', { id: draft.id });
    expect(await errorCode(w.ws.invoke(w.zhang, 'visits.recordResult', result(draft.id)))).toBe('INVALID_TRANSITION');
    await w.ws.call(w.wang, 'visits.reject', { id: draft.id, comment: '不去' });
    expect(await errorCode(w.ws.invoke(w.zhang, 'visits.recordResult', result(draft.id)))).toBe('INVALID_TRANSITION');
  });

  it('makes a contact-log entry of type visit, numbers the visit and puts visit_done on the timeline', async () => {
    const v = await approvedVisit();
    const done = await afterVisit(() => w.ws.call(w.zhang, 'visits.recordResult', result(v.id)));
    expect(done.status).toBe('done');
    expect(done.visitNo).toBe(1);
    expect(done.doneAt).toBe(WED + HOUR);
    expect(done.can.writeMinutes).toBe(true);
    const db = w.ws.host.workspace.db!;
    const entry = db.orm.select().from(activities).where(eq(activities.id, done.activityId!)).get()!;
    expect(entry).toMatchObject({ type: 'visit', sourceType: 'visit', sourceId: v.id, userId: w.ids.zhang, contactId: w.star.boss, summary: '见到陈总，介绍了新产品' });
    const ev = (await events(w.star.id)).find((e) => e.kind === 'visit_done');
    expect(ev?.data).toMatchObject({ visitId: v.id, visitNo: 1 });
    expect(await errorCode(w.ws.invoke(w.zhang, 'visits.recordResult', result(v.id)))).toBe('INVALID_TRANSITION');

    const second = await approvedVisit();
    expect((await afterVisit(() => w.ws.call(w.zhang, 'visits.recordResult', result(second.id, '第二次拜访')))).visitNo).toBe(2);
    const summary = await w.ws.call(w.zhang, 'visits.customerSummary', { customerId: w.star.id });
    expect(summary).toMatchObject({ doneCount: 2, target: 5, lastDoneAt: WED + HOUR });
  });

  it('refuses another salesperson recording it, and a salesperson no longer owning the customer', async () => {
    const v = await approvedVisit();
    expect(await errorCode(w.ws.invoke(w.li, 'visits.recordResult', result(v.id)))).toBe('FORBIDDEN');
    await w.ws.call(w.wang, 'customers.assign', { ids: [w.star.id], ownerId: w.ids.li, reason: '调整' });
    expect(await errorCode(w.ws.invoke(w.zhang, 'visits.recordResult', result(v.id)))).toBe('FORBIDDEN');
    const db = w.ws.host.workspace.db!;
    expect(db.orm.select().from(visits).where(eq(visits.id, v.id)).get()!.status).toBe('approved');
  });

  it('leaves the visit approved when the contact-log entry cannot be made (all or nothing)', async () => {
    const v = await approvedVisit();
    const before = fingerprint();
    // A contact that is not the customer's: the activities service refuses it inside our transaction.
    const stranger = (await w.ws.call(w.li, 'contacts.create', { customerId: w.far, fields: { name: '周工' } })).id;
    const mid = fingerprint();
    expect(mid).not.toBe(before);
    const r = await afterVisit(() => w.ws.invoke(w.zhang, 'visits.recordResult', { ...result(v.id), contactId: stranger }));
    expect(r.ok).toBe(false);
    expect(fingerprint()).toBe(mid);
  });
});

describe('lists, summary and settings', () => {
  it('shows a salesperson only their own visits of the week and a manager everyone’s, filterable by salesperson', async () => {
    await plan();
    await w.ws.call(w.li, 'visits.create', { fields: planFields(w.far, WED + DAY), submit: true });
    await w.ws.call(w.zhang, 'visits.create', { fields: planFields(w.sea, WED + 10 * DAY), submit: false });
    const week = { from: Date.UTC(2026, 10, 23), to: Date.UTC(2026, 10, 30) };
    expect((await w.ws.call(w.zhang, 'visits.list', week)).map((r) => r.customerName)).toEqual(['杭州星辰信息科技有限公司']);
    expect((await w.ws.call(w.zhang, 'visits.list', { ...week, salespersonId: w.ids.li })).map((r) => r.salesperson.id)).toEqual([w.ids.zhang]);
    expect((await w.ws.call(w.wang, 'visits.list', week)).map((r) => r.salesperson.displayName)).toEqual(['张三', '李四']);
    expect((await w.ws.call(w.wang, 'visits.list', { ...week, salespersonId: w.ids.li })).map((r) => r.customerName)).toEqual(['上海远东机械有限公司']);
    // A customer handed over brings its visits into the new owner's list.
    await w.ws.call(w.wang, 'customers.assign', { ids: [w.far], ownerId: w.ids.zhang, reason: '交接' });
    expect((await w.ws.call(w.zhang, 'visits.list', week)).map((r) => r.salesperson.displayName)).toEqual(['张三', '李四']);
  });

  it('keeps one salesperson out of another’s visit', async () => {
    const v = await plan();
    expect(await errorCode(w.ws.invoke(w.li, 'visits.get', { id: v.id }))).toBe('FORBIDDEN');
    expect(await errorCode(w.ws.invoke(w.li, 'visits.customerSummary', { customerId: w.star.id }))).toBe('FORBIDDEN');
    expect((await w.ws.call(w.wang, 'visits.get', { id: v.id })).can.approve).toBe(false);
  });

  it('lets a manager change the visit target and the A-customer gap; a salesperson cannot', async () => {
    expect(await w.ws.call(w.zhang, 'visits.settings', {})).toEqual({ newCustomerVisitTarget: 5, aGradeGapDays: 30 });
    expect(await errorCode(w.ws.invoke(w.zhang, 'visits.updateSettings', { newCustomerVisitTarget: 3, aGradeGapDays: 10 }))).toBe('FORBIDDEN');
    expect(await errorCode(w.ws.invoke(w.wang, 'visits.updateSettings', { newCustomerVisitTarget: 0, aGradeGapDays: 10 }))).toBe('VALIDATION');
    await w.ws.call(w.wang, 'visits.updateSettings', { newCustomerVisitTarget: 8, aGradeGapDays: 14 });
    expect((await w.ws.call(w.zhang, 'visits.customerSummary', { customerId: w.star.id })).target).toBe(8);
  });

  it('suggests A customers not visited within the gap and without a planned visit', async () => {
    const db = w.ws.host.workspace.db!;
    db.write(null, (tx) => {
      tx.orm.update(customers).set({ grade: 'A' }).where(eq(customers.id, w.star.id)).run();
      tx.orm.update(customers).set({ grade: 'A' }).where(eq(customers.id, w.far)).run();
      tx.orm.update(customers).set({ grade: 'B' }).where(eq(customers.id, w.sea)).run();
    });
    expect((await w.ws.call(w.zhang, 'visits.suggestions', {})).map((s) => [s.customerName, s.lastVisitAt])).toEqual([['杭州星辰信息科技有限公司', null]]);
    expect((await w.ws.call(w.wang, 'visits.suggestions', {})).map((s) => s.customerName).sort()).toEqual(['上海远东机械有限公司', '杭州星辰信息科技有限公司']);
    expect((await w.ws.call(w.wang, 'visits.suggestions', { salespersonId: w.ids.li })).map((s) => s.customerName)).toEqual(['上海远东机械有限公司']);

    // A plan takes it off the list; once visited, it comes back only after the gap.
    const v = await plan({}, true);
    expect(await w.ws.call(w.zhang, 'visits.suggestions', {})).toEqual([]);
    await w.ws.call(w.wang, 'visits.approve', { id: v.id });
    await afterVisit(() => w.ws.call(w.zhang, 'visits.recordResult', { id: v.id, doneAt: WED, summary: '拜访完成' }));
    w.ws.clock.set(WED + 29 * DAY);
    expect(await w.ws.call(w.zhang, 'visits.suggestions', {})).toEqual([]);
    w.ws.clock.set(WED + 31 * DAY);
    expect(await w.ws.call(w.zhang, 'visits.suggestions', {})).toMatchObject([{ customerName: '杭州星辰信息科技有限公司', lastVisitAt: WED, daysSince: 31 }]);
  });
});

describe('notifications', () => {
  it('marks the reader’s own notifications read, ignoring anyone else’s', async () => {
    const a = await plan({}, true);
    const b = await plan({}, true);
    await w.ws.call(w.wang, 'visits.approve', { id: a.id });
    await w.ws.call(w.wang, 'visits.reject', { id: b.id, comment: '时间冲突' });
    const notes = await w.ws.call(w.zhang, 'visits.notifications', {});
    expect(notes.map((n) => n.kind)).toEqual(['visit_rejected', 'visit_approved']);
    expect(await w.ws.call(w.li, 'visits.markRead', { ids: notes.map((n) => n.id) })).toEqual({ count: 0 });
    expect(await w.ws.call(w.zhang, 'visits.markRead', { ids: [notes[0]!.id] })).toEqual({ count: 1 });
    expect((await w.ws.call(w.zhang, 'visits.notifications', {})).map((n) => n.kind)).toEqual(['visit_approved']);
    expect(await w.ws.call(w.zhang, 'visits.markRead', { all: true })).toEqual({ count: 1 });
    expect(await w.ws.call(w.zhang, 'visits.notifications', {})).toEqual([]);
    expect(await w.ws.call(w.zhang, 'visits.notifications', { unreadOnly: false })).toHaveLength(2);
  });
});

describe('exporting', () => {
  const readBack = (base64: string) => {
    const wb = XLSX.read(Buffer.from(base64, 'base64'), { cellDates: true });
    return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: true });
  };

  it('writes the visits a salesperson can list, and the minutes with overdue ones marked', async () => {
    await plan();
    await w.ws.call(w.li, 'visits.create', { fields: planFields(w.far, WED), submit: false });
    const week = { from: Date.UTC(2026, 10, 23), to: Date.UTC(2026, 10, 30) };
    const file = await w.ws.call(w.zhang, 'visits.export', week);
    expect(file.fileName).toBe('拜访-2026-11-23.xlsx');
    expect(file.rows).toBe(1);
    const rows = readBack(file.dataBase64);
    expect(rows[0]).toEqual(['单号', '客户', '业务员', '计划时间', '时长（分钟）', '地点', '拜访目的', '状态', '拜访次数']);
    expect(rows[1]?.slice(0, 3)).toEqual(['ZF-2026-0001', '杭州星辰信息科技有限公司', '张三']);
    expect((await w.ws.call(w.wang, 'visits.export', week)).rows).toBe(2);

    await w.ws.call(w.zhang, 'minutes.create', { fields: { customerId: w.star.id, meetingDate: '2026-11-18', actions: [] }, submit: false });
    const minutes = readBack((await w.ws.call(w.zhang, 'minutes.export', {})).dataBase64);
    expect(minutes[1]?.[0]).toBe('JY-2026-0001');
    expect(minutes[1]?.[5]).toBe('是');
    expect(await w.ws.call(w.li, 'minutes.export', {})).toMatchObject({ rows: 0 });
  });
});

describe('customer merges', () => {
  it('moves visits and minutes to the surviving customer and back on undo', async () => {
    const v = await w.ws.call(w.zhang, 'visits.create', { fields: planFields(w.sea, WED), submit: true });
    const m = await w.ws.call(w.zhang, 'minutes.create', {
      fields: { customerId: w.sea, meetingDate: '2026-11-23', actions: [] },
      submit: false,
    });
    const merge = await w.ws.call(w.wang, 'customers.merge', { survivorId: w.star.id, mergedId: w.sea });
    expect((await w.ws.call(w.zhang, 'visits.get', { id: v.id })).customerId).toBe(w.star.id);
    expect((await w.ws.call(w.zhang, 'minutes.get', { id: m.id })).customerName).toBe('杭州星辰信息科技有限公司');
    await w.ws.call(w.wang, 'customers.undoMerge', { id: merge.id });
    expect((await w.ws.call(w.zhang, 'visits.get', { id: v.id })).customerId).toBe(w.sea);
    expect((await w.ws.call(w.zhang, 'minutes.get', { id: m.id })).customerId).toBe(w.sea);
  });
});

describe('the demo seeder', () => {
  it('makes visits and minutes in every state through the real flows, each done visit with its contact-log entry', async () => {
    const { seedDemo, createRng } = await import('../../src-main/devtools/seedDemo');
    const { seedVisits } = await import('../../src-main/devtools/seed/visits');
    const db = w.ws.host.workspace.db!;
    const result = await seedDemo(w.ws.host.workspace, db, w.admin.user!.id, { customers: 300, seed: 5, modules: false, chunk: 100 });
    const rows = seedVisits({ db, rng: createRng(42), now: db.clock.now(), actorId: w.admin.user!.id, users: result.users });
    expect(rows).toBeGreaterThan(20);
    const count = (sql: string) => (db.sqlite.prepare(sql).get() as { n: number }).n;
    for (const s of ['submitted', 'approved', 'rejected', 'done']) {
      expect(count(`SELECT count(*) AS n FROM visits WHERE status = '${s}'`), s).toBeGreaterThan(0);
    }
    expect(count(`SELECT count(*) AS n FROM minutes`)).toBeGreaterThan(0);
    expect(count(`SELECT count(*) AS n FROM visits WHERE status = 'done'`)).toBe(
      count(`SELECT count(*) AS n FROM activities WHERE type = 'visit' AND source_type = 'visit'`),
    );
    // Nobody approved their own plan.
    expect(count(`SELECT count(*) AS n FROM visits WHERE decided_by = salesperson_id`)).toBe(0);
  });
});
