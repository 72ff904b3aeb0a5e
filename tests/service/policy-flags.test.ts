// The `can` flags a record carries agree with what its channels do: for a few records per domain and every
// person who receives them, each flag is true exactly when calling the channel behind it succeeds. Each call
// runs in a transaction that is rolled back, so every flag is tried against the same state.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, ChannelInput, ChannelOutput } from '../../src-shared/contract';
import type { Session } from '../../src-main/ipc/session';
import { addDays, localIsoDate } from '../../src-shared/orders/logic';
import { createVisitWorld, DAY, DONE, HOUR, planFields, WED, type VisitWorld } from '../helpers/visits';

let w: VisitWorld;
beforeEach(async () => {
  w = await createVisitWorld();
});
afterEach(() => w.ws.dispose());

type Probe = { channel: Channel; input: unknown; ok?: (value: unknown) => boolean };
const changedOne = (v: unknown): boolean => (v as { changed: number }).changed === 1;

/** Calls the channel in a transaction that is rolled back afterwards: did it succeed (and, for bulk channels, change the one record)? */
const attempt = async (s: Session, probe: Probe): Promise<boolean> => {
  const db = w.ws.host.workspace.db!;
  const tx = db.begin(null);
  try {
    const r = await w.ws.invoke(s, probe.channel, probe.input as ChannelInput<Channel>);
    return r.ok && (probe.ok ? probe.ok(r.value) : true);
  } finally {
    tx.rollback();
  }
};

/** Every flag of `can` against its probe; returns the disagreements (flag, what the flag said, what the channel did). */
const disagreements = async (who: string, s: Session, record: string, can: Record<string, boolean>, probes: Record<string, Probe>) => {
  const out: string[] = [];
  expect(Object.keys(probes).sort()).toEqual(Object.keys(can).sort());
  for (const [flag, probe] of Object.entries(probes)) {
    const did = await attempt(s, probe);
    if (did !== can[flag]) out.push(`${who} · ${record} · ${flag}: flag ${can[flag]}, channel ${did ? 'accepted' : 'refused'}`);
  }
  return out;
};

const call = <K extends Channel>(s: Session, channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> => w.ws.call(s, channel, input);

const people = () =>
  [
    ['张三 (sales)', w.zhang],
    ['李四 (sales)', w.li],
    ['王经理 (manager)', w.wang],
    ['admin', w.admin],
  ] as const;

describe('can flags agree with the channels', () => {
  it('customers: the card and the list rows, the recycle bin’s rows', async () => {
    const spare = await call(w.wang, 'customers.create', { fields: { name: '无锡备用贸易有限公司' }, confirmDuplicates: false, ownerId: w.ids.li });
    const binned = await call(w.zhang, 'customers.create', { fields: { name: '温州回收站服务有限公司' }, confirmDuplicates: false });
    await call(w.zhang, 'customers.delete', { ids: [binned.id] });
    const cardProbes = (id: string, ownerId: string | null): Record<string, Probe> => ({
      edit: { channel: 'customers.update', input: { id, fields: { notes: '更新备注' } } },
      delete: { channel: 'customers.delete', input: { ids: [id] }, ok: changedOne },
      restore: { channel: 'customers.restore', input: { ids: [id] }, ok: changedOne },
      purge: { channel: 'customers.purge', input: { ids: [id] }, ok: changedOne },
      claim: { channel: 'customers.claim', input: { ids: [id] }, ok: changedOne },
      release: { channel: 'customers.release', input: { ids: [id], reason: '不再跟进' }, ok: changedOne },
      assign: { channel: 'customers.assign', input: { ids: [id], ownerId: ownerId === w.ids.zhang ? w.ids.li : w.ids.zhang, reason: '调整' }, ok: changedOne },
      setTier: { channel: 'customers.setTier', input: { ids: [id], tier: 'key', vipLevel: 3 }, ok: changedOne },
      merge: { channel: 'customers.merge', input: { survivorId: id, mergedId: spare.id === id ? w.sea : spare.id, choices: {} } },
      logContact: { channel: 'activities.create', input: { customerId: id, type: 'call_out', occurredAt: w.ws.clock.now() - HOUR, summary: '电话回访' } },
      addTask: { channel: 'activities.createTask', input: { customerId: id, title: '回访', dueAt: w.ws.clock.now() + DAY } },
      addSurvey: {
        channel: 'activities.createSurvey',
        input: { customerId: id, surveyedAt: w.ws.clock.now(), quality: 5, delivery: 4, service: 4, brand: 5 },
      },
      planVisit: { channel: 'visits.create', input: { fields: planFields(id, WED), submit: false } },
      writeMinutes: { channel: 'minutes.create', input: { fields: { customerId: id, meetingDate: '2026-11-23' }, submit: false } },
      createOrder: {
        channel: 'orders.create',
        input: { customerId: id, orderDate: '2026-11-23', dueDate: '2026-12-23', contractNo: 'HT-1', lines: [{ product: '阀门', quantity: 1, unitPrice: 100 }] },
      },
      seeSales: { channel: 'orders.summary', input: { id } },
    });
    const rowKeys = ['edit', 'delete', 'restore', 'purge', 'claim', 'release'];
    const pick = (probes: Record<string, Probe>): Record<string, Probe> => Object.fromEntries(rowKeys.map((k) => [k, probes[k]!]));
    const found: string[] = [];
    let cards = 0;
    for (const [who, s] of people()) {
      for (const id of [w.star.id, w.far, w.pool]) {
        const card = await w.ws.invoke(s, 'customers.get', { id });
        if (!card.ok) continue;
        cards += 1;
        found.push(...(await disagreements(who, s, card.value.customer.name, { ...card.value.can }, cardProbes(id, card.value.customer.owner?.id ?? null))));
      }
      for (const row of (await call(s, 'customers.list', { filter: {}, limit: 50 })).rows.filter((r) => [w.star.id, w.far, w.pool].includes(r.id))) {
        found.push(...(await disagreements(who, s, `${row.name} (list)`, { ...row.can }, pick(cardProbes(row.id, row.owner?.id ?? null)))));
      }
      for (const row of (await call(s, 'customers.recycleBin', {})).rows) {
        found.push(...(await disagreements(who, s, `${row.name} (recycle bin)`, { ...row.can }, pick(cardProbes(row.id, row.owner?.id ?? null)))));
      }
    }
    // 张三: 星辰 and the pool's; 李四: 远东 and the pool's; the manager and the admin: all three.
    expect(cards).toBe(10);
    expect(found).toEqual([]);
  });

  it('the contact log and tasks', async () => {
    const now = w.ws.clock.now();
    const plain = await call(w.zhang, 'activities.create', { customerId: w.star.id, type: 'call_out', occurredAt: now - DAY, summary: '电话', nextFollowUpAt: now + DAY });
    const open = await call(w.zhang, 'activities.create', { customerId: w.star.id, type: 'call_in', occurredAt: now - HOUR, summary: '投诉', complaint: true, severity: 'high' });
    const handling = await call(w.zhang, 'activities.create', { customerId: w.star.id, type: 'call_in', occurredAt: now - HOUR, summary: '投诉二', complaint: true, severity: 'low' });
    await call(w.zhang, 'activities.transitionComplaint', { id: handling.id, to: 'handling' });
    const poolCall = await call(w.wang, 'activities.create', { customerId: w.pool, type: 'visit', occurredAt: now - HOUR, summary: '上门' });
    // A complaint on the pool customer: 张三 reads it, but only the manager moves it.
    const poolComplaint = await call(w.wang, 'activities.create', {
      customerId: w.pool,
      type: 'call_in',
      occurredAt: now - HOUR,
      summary: '公海投诉',
      complaint: true,
      severity: 'low',
    });
    // A carried-out visit's entry.
    const v = await call(w.zhang, 'visits.create', { fields: planFields(w.star.id, WED), submit: true });
    await call(w.wang, 'visits.approve', { id: v.id, comment: null });
    const visited = await call(w.zhang, 'visits.recordResult', { id: v.id, doneAt: DONE, summary: '拜访完成' });
    // Tasks: 张三's own (from the call), one the manager gave 张三 on 李四's customer, the manager's own on the pool customer, a done one.
    const given = await call(w.wang, 'activities.createTask', { customerId: w.far, title: '帮李四回访', dueAt: now + DAY, assigneeId: w.ids.zhang });
    const managers = await call(w.wang, 'activities.createTask', { customerId: w.pool, title: '经理回访', dueAt: now + DAY });
    const finished = await call(w.zhang, 'activities.createTask', { customerId: w.star.id, title: '已完成', dueAt: now + DAY });
    await call(w.zhang, 'activities.completeTask', { id: finished.id });

    const activityIds = [plain.id, open.id, handling.id, poolCall.id, poolComplaint.id, visited.activityId!];
    const activityProbes = (id: string, status: string | null): Record<string, Probe> => ({
      edit: { channel: 'activities.update', input: { id, summary: '更正' } },
      delete: { channel: 'activities.delete', input: { id } },
      moveComplaint: {
        channel: 'activities.transitionComplaint',
        input: status === 'handling' ? { id, to: 'resolved', resolution: '已处理' } : { id, to: 'handling' },
      },
    });
    const taskProbes = (id: string): Record<string, Probe> => ({
      complete: { channel: 'activities.completeTask', input: { id } },
      snooze: { channel: 'activities.snoozeTask', input: { id, dueAt: now + 3 * DAY } },
    });
    const found: string[] = [];
    let entries = 0;
    let tasks = 0;
    for (const [who, s] of people()) {
      for (const id of activityIds) {
        const a = await w.ws.invoke(s, 'activities.get', { id });
        if (!a.ok) continue;
        entries += 1;
        found.push(...(await disagreements(who, s, a.value.summary, { ...a.value.can }, activityProbes(id, a.value.complaintStatus))));
      }
      for (const t of await call(s, 'activities.listTasks', { scope: 'all', status: 'any', limit: 100 })) {
        if (![given.id, managers.id, finished.id].includes(t.id) && t.sourceId !== plain.id) continue;
        tasks += 1;
        found.push(...(await disagreements(who, s, t.title, { ...t.can }, taskProbes(t.id))));
      }
    }
    expect(entries).toBeGreaterThan(10);
    expect(tasks).toBeGreaterThan(8);
    expect(found).toEqual([]);
  });

  it('visits and minutes in each state', async () => {
    const { zhang, wang } = w;
    const draft = await call(zhang, 'visits.create', { fields: planFields(w.star.id, WED), submit: false });
    const submitted = await call(zhang, 'visits.create', { fields: planFields(w.star.id, WED + HOUR), submit: true });
    const approved = await call(zhang, 'visits.create', { fields: planFields(w.star.id, WED + 2 * HOUR), submit: true });
    await call(wang, 'visits.approve', { id: approved.id, comment: null });
    const done = await call(zhang, 'visits.create', { fields: planFields(w.star.id, WED + 3 * HOUR), submit: true });
    await call(wang, 'visits.approve', { id: done.id, comment: null });
    await call(zhang, 'visits.recordResult', { id: done.id, doneAt: DONE, summary: '拜访完成' });
    const rejected = await call(zhang, 'visits.create', { fields: planFields(w.star.id, WED + 4 * HOUR), submit: true });
    await call(wang, 'visits.reject', { id: rejected.id, comment: '目的不清' });
    // The manager's own plan (not theirs to decide), and 李四's on his customer.
    const managers = await call(wang, 'visits.create', { fields: planFields(w.far, WED), submit: true });
    const lis = await call(w.li, 'visits.create', { fields: planFields(w.far, WED + HOUR), submit: true });

    const minutes = async (submitTo: 'draft' | 'submitted' | 'approved' | 'returned' | 'sent', author = zhang, customerId = w.star.id) => {
      const m = await call(author, 'minutes.create', { fields: { customerId, meetingDate: '2026-11-23', discussion: '价格' }, submit: submitTo !== 'draft' });
      if (submitTo === 'approved' || submitTo === 'sent') await call(w.zhao, 'minutes.approve', { id: m.id });
      if (submitTo === 'returned') await call(w.zhao, 'minutes.return', { id: m.id, comment: '补充' });
      if (submitTo === 'sent') await call(author, 'minutes.markSent', { id: m.id });
      return m.id;
    };
    const minutesIds = [
      await minutes('draft'),
      await minutes('submitted'),
      await minutes('approved'),
      await minutes('returned'),
      await minutes('sent'),
      await minutes('submitted', wang, w.far),
    ];

    const { customerId: _c, ...fields } = planFields(w.star.id, WED);
    const visitProbes = (id: string, customerId: string): Record<string, Probe> => ({
      edit: { channel: 'visits.update', input: { id, fields, submit: false } },
      submit: { channel: 'visits.submit', input: { id } },
      cancel: { channel: 'visits.cancel', input: { id } },
      approve: { channel: 'visits.approve', input: { id, comment: null } },
      reject: { channel: 'visits.reject', input: { id, comment: '不行' } },
      record: { channel: 'visits.recordResult', input: { id, doneAt: DONE, summary: '拜访完成' } },
      writeMinutes: { channel: 'minutes.create', input: { fields: { customerId, visitId: id, meetingDate: '2026-11-25' }, submit: false } },
    });
    const minutesProbes = (id: string): Record<string, Probe> => ({
      edit: { channel: 'minutes.update', input: { id, fields: { meetingDate: '2026-11-23', discussion: '改' }, submit: false } },
      submit: { channel: 'minutes.submit', input: { id } },
      approve: { channel: 'minutes.approve', input: { id } },
      return: { channel: 'minutes.return', input: { id, comment: '重写' } },
      send: { channel: 'minutes.markSent', input: { id } },
      confirm: { channel: 'minutes.confirmReceipt', input: { id } },
    });
    const found: string[] = [];
    let seen = 0;
    for (const [who, s] of [...people(), ['赵经理 (manager)', w.zhao] as const]) {
      for (const id of [draft.id, submitted.id, approved.id, done.id, rejected.id, managers.id, lis.id]) {
        const v = await w.ws.invoke(s, 'visits.get', { id });
        if (!v.ok) continue;
        seen += 1;
        found.push(...(await disagreements(who, s, `${v.value.formNo} ${v.value.status}`, { ...v.value.can }, visitProbes(id, v.value.customerId))));
      }
      for (const id of minutesIds) {
        const m = await w.ws.invoke(s, 'minutes.get', { id });
        if (!m.ok) continue;
        seen += 1;
        found.push(...(await disagreements(who, s, `${m.value.formNo} ${m.value.status}`, { ...m.value.can }, minutesProbes(id))));
      }
    }
    expect(seen).toBeGreaterThan(40);
    expect(found).toEqual([]);
  });

  it('orders and payments, a customer handed over included', async () => {
    const today = localIsoDate(w.ws.clock.now());
    const order = (customerId: string, yuan: number) => ({
      customerId,
      orderDate: today,
      dueDate: addDays(today, 30),
      contractNo: `HT-${yuan}`,
      lines: [{ product: '不锈钢阀门 DN50', quantity: 1, unitPrice: yuan * 100 }],
    });
    const open = await call(w.zhang, 'orders.create', order(w.star.id, 1000));
    await call(w.zhang, 'orders.addPayment', { orderId: open.id, paidOn: today, amount: 20_000 });
    const paid = await call(w.zhang, 'orders.create', order(w.star.id, 500));
    await call(w.zhang, 'orders.addPayment', { orderId: paid.id, paidOn: today, amount: 50_000 });
    // 李四's sale on 远东, then 远东 handed to 张三: 张三 records its payments, the sale itself is a manager's to change.
    const handed = await call(w.li, 'orders.create', order(w.far, 800));
    await call(w.li, 'orders.addPayment', { orderId: handed.id, paidOn: today, amount: 10_000 });
    await call(w.wang, 'customers.assign', { ids: [w.far], ownerId: w.ids.zhang, reason: '交接' });
    // An order of a customer now in the recycle bin.
    const gone = await call(w.zhang, 'orders.create', order(w.sea, 300));
    await call(w.zhang, 'orders.addPayment', { orderId: gone.id, paidOn: today, amount: 1_000 });
    await call(w.zhang, 'customers.delete', { ids: [w.sea] });

    const found: string[] = [];
    let seen = 0;
    for (const [who, s] of people()) {
      for (const id of [open.id, paid.id, handed.id, gone.id]) {
        const o = await w.ws.invoke(s, 'orders.get', { id });
        if (!o.ok) continue;
        seen += 1;
        const x = o.value;
        const probes: Record<string, Probe> = {
          edit: {
            channel: 'orders.update',
            input: { id, orderDate: x.orderDate, dueDate: x.dueDate, contractNo: `${x.contractNo}-改`, lines: x.lines.map((l) => ({ product: l.product, quantity: l.quantity, unitPrice: l.unitPrice })) },
          },
          delete: { channel: 'orders.delete', input: { id } },
          addPayment: { channel: 'orders.addPayment', input: { orderId: id, paidOn: today, amount: 1 } },
          removePayment: { channel: 'orders.removePayment', input: { id: x.payments[0]!.id } },
        };
        found.push(...(await disagreements(who, s, x.contractNo, { ...x.can }, probes)));
        // A list row carries the same flags.
        const row = (await call(s, 'orders.list', { filter: {}, limit: 100 })).rows.find((r) => r.id === id);
        if (row) expect({ who, id, can: row.can }).toEqual({ who, id, can: x.can });
      }
    }
    // 张三: all four (the handed-over one is now his customer's); 李四: his own sale; the manager and the admin: all.
    expect(seen).toBe(13);
    expect(found).toEqual([]);
  });

  it('logging a contact from the search box', async () => {
    const found: string[] = [];
    for (const [who, s] of people()) {
      for (const hit of await call(s, 'search.query', { q: '有限公司', limit: 20 })) {
        if (hit.kind !== 'customer') continue;
        const did = await attempt(s, {
          channel: 'activities.create',
          input: { customerId: hit.customerId, type: 'call_out', occurredAt: w.ws.clock.now() - HOUR, summary: '电话' },
        });
        if (did !== hit.canLogContact) found.push(`${who} · ${hit.title}: flag ${hit.canLogContact}, channel ${did}`);
      }
    }
    expect(found).toEqual([]);
  });
});
