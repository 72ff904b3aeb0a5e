import { describe, expect } from 'vitest';
import type { Session } from '../../src-main/ipc/session';
import { errorCode } from '../helpers/errors';
import { companyFields, creditCode } from '../helpers/customers';
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

const create = (s: Session, name: string, extra: Parameters<typeof companyFields>[1] = {}, more: Record<string, unknown> = {}) =>
  ws.call(s, 'customers.create', { fields: companyFields(name, extra), confirmDuplicates: false, ...more });

describe('creating a customer', () => {
  it('makes the salesperson who records it the owner, with the assignment on the timeline', async () => {
    const c = await create(zhang, '杭州星辰信息科技有限公司');
    expect(c.owner).toEqual({ id: ids.zhang, displayName: '张三' });
    expect(c.status).toBe('potential');
    const card = await ws.call(zhang, 'customers.get', { id: c.id });
    expect(card.events.map((e) => e.kind).sort()).toEqual(['created', 'owner_changed']);
    expect(card.firstContactDue).toBe(7);
  });

  it('refuses a salesperson who tries to put the customer in someone else’s name', async () => {
    const r = await ws.invoke(zhang, 'customers.create', { fields: companyFields('某公司'), ownerId: ids.li, confirmDuplicates: false });
    expect(r.ok ? '' : r.error.code).toBe('FORBIDDEN');
  });

  it('lets a manager create straight into the pool', async () => {
    const c = await create(manager, '宁波海运物流有限公司', {}, { ownerId: null });
    expect(c.owner).toBeNull();
    expect(c.assignedAt).toBeNull();
  });

  it('rejects a credit code with a wrong check digit, changing nothing', async () => {
    const good = creditCode('91330100MA2H3XY80');
    const bad = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const r = await ws.invoke(zhang, 'customers.create', { fields: companyFields('校验公司', { creditCode: bad }), confirmDuplicates: false });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.issues?.[0]?.message).toBe('validation.creditCode.checksum');
    }
    expect((await ws.call(admin, 'customers.list', {})).total).toBe(0);
  });
});

describe('duplicate detection', () => {
  it('blocks the same credit code and names the earlier record’s owner', async () => {
    const code = creditCode('91330106MA27Y8K3X');
    await create(zhang, '杭州星辰信息科技有限公司', { creditCode: code });
    const r = await ws.invoke(li, 'customers.create', {
      fields: companyFields('星辰信息', { creditCode: code.toLowerCase() }),
      confirmDuplicates: true,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('DUPLICATE_CUSTOMER');
      expect(r.error.message).toContain('张三');
    }
  });

  it('finds the same normalised name and the same phone, and tells a salesperson who owns it without letting them open it', async () => {
    const c = await create(zhang, '北京星辰科技有限公司', { phone: '010-8888 1234' });
    await ws.call(zhang, 'contacts.create', { customerId: c.id, fields: { name: '赵六', mobile: '138 0013 8000' } });
    const byName = await ws.call(li, 'customers.checkDuplicates', { name: '北京 星辰科技（集团）有限责任公司' });
    expect(byName).toHaveLength(1);
    expect(byName[0]).toMatchObject({ id: c.id, matchedOn: ['name'], owner: { displayName: '张三' }, canOpen: false });
    const byPhone = await ws.call(li, 'customers.checkDuplicates', { phone: '13800138000' });
    expect(byPhone.map((h) => h.id)).toEqual([c.id]);
    const byLandline = await ws.call(li, 'customers.checkDuplicates', { phone: '(010) 88881234' });
    expect(byLandline.map((h) => h.id)).toEqual([c.id]);
    expect(await errorCode(ws.invoke(li, 'customers.get', { id: c.id }))).toBe('FORBIDDEN');
  });

  it('asks for confirmation before saving a possible duplicate, then saves it', async () => {
    await create(zhang, '上海明珠贸易有限公司');
    expect(await errorCode(ws.invoke(li, 'customers.create', { fields: companyFields('上海明珠贸易有限责任公司'), confirmDuplicates: false }))).toBe(
      'POSSIBLE_DUPLICATES',
    );
    const saved = await ws.call(li, 'customers.create', { fields: companyFields('上海明珠贸易有限责任公司'), confirmDuplicates: true });
    expect(saved.owner?.id).toBe(ids.li);
  });
});

describe('permissions', () => {
  it('keeps a salesperson out of another salesperson’s customer on every customer channel', async () => {
    const c = await create(zhang, '深圳远航电子有限公司');
    for (const [channel, input] of [
      ['customers.get', { id: c.id }],
      ['customers.update', { id: c.id, fields: { notes: 'x' } }],
      ['customers.history', { id: c.id }],
      ['contacts.create', { customerId: c.id, fields: { name: '某人' } }],
    ] as const) {
      expect(await errorCode(ws.invoke(li, channel, input as never))).toBe('FORBIDDEN');
    }
    expect((await ws.call(li, 'customers.delete', { ids: [c.id] })).skipped).toEqual([{ id: c.id, reason: 'FORBIDDEN' }]);
    expect((await ws.call(li, 'customers.setStatus', { ids: [c.id], status: 'target' })).skipped[0]?.reason).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(li, 'customers.assign', { ids: [c.id], ownerId: ids.li, reason: '' }))).toBe('FORBIDDEN');
    expect(await errorCode(ws.invoke(li, 'customers.merge', { survivorId: c.id, mergedId: c.id, choices: {} }))).toBe('FORBIDDEN');
    const list = await ws.call(li, 'customers.list', {});
    expect(list.rows.map((r) => r.id)).not.toContain(c.id);
  });

  it('hides financial fields from salespeople who do not own the customer', async () => {
    const c = await create(manager, '广州恒通建材有限公司', { bankName: '工商银行', bankAccount: '6222020202020202' }, { ownerId: null });
    const asSales = await ws.call(zhang, 'customers.get', { id: c.id });
    expect(asSales.customer.financialHidden).toBe(true);
    expect(asSales.customer.bankAccount).toBeNull();
    // …and an edit from that salesperson cannot blank them
    await ws.call(zhang, 'customers.update', { id: c.id, fields: { bankAccount: null, notes: '公海客户备注' } });
    const asManager = await ws.call(manager, 'customers.get', { id: c.id });
    expect(asManager.customer.bankAccount).toBe('6222020202020202');
    expect(asManager.customer.notes).toBe('公海客户备注');
    await ws.call(zhang, 'customers.claim', { ids: [c.id] });
    expect((await ws.call(zhang, 'customers.get', { id: c.id })).customer.bankName).toBe('工商银行');
  });
});

describe('ownership and the pool', () => {
  it('lets a salesperson claim from the pool once; the second claimant is told it is taken', async () => {
    const c = await create(manager, '苏州新材料有限公司', {}, { ownerId: null });
    expect((await ws.call(zhang, 'customers.claim', { ids: [c.id] })).changed).toBe(1);
    expect((await ws.call(li, 'customers.claim', { ids: [c.id] })).skipped).toEqual([{ id: c.id, reason: 'NOT_IN_POOL' }]);
    const card = await ws.call(manager, 'customers.get', { id: c.id });
    expect(card.customer.owner?.displayName).toBe('张三');
    const claim = card.events.find((e) => e.kind === 'owner_changed');
    expect(claim?.data).toMatchObject({ from: null, to: { displayName: '张三' }, via: 'claim' });
  });

  it('returns a customer to the pool with the reason recorded', async () => {
    const c = await create(zhang, '无锡精工机械有限公司');
    await ws.call(zhang, 'customers.release', { ids: [c.id], reason: '客户无采购需求' });
    const card = await ws.call(li, 'customers.get', { id: c.id });
    expect(card.customer.owner).toBeNull();
    expect(card.events[0]?.data).toMatchObject({ via: 'release', reason: '客户无采购需求', from: { displayName: '张三' } });
  });

  it('balances new leads toward the salesperson with fewer customers', async () => {
    for (const n of ['甲公司一', '甲公司二', '甲公司三']) await create(zhang, n);
    const leads = [];
    for (let i = 0; i < 5; i += 1) leads.push((await create(manager, `线索公司${i}号`, {}, { ownerId: null })).id);
    const r = await ws.call(manager, 'customers.balance', { ids: leads, userIds: [ids.zhang, ids.li], reason: '展会线索' });
    expect(r.changed).toBe(5);
    const owned = async (userId: string) =>
      (await ws.call(manager, 'customers.list', { filter: { owner: userId } })).total;
    // 张三 had 3, 李四 0: 李四 gets 4 (reaching 4), 张三 1 (reaching 4)
    expect(await owned(ids.li)).toBe(4);
    expect(await owned(ids.zhang)).toBe(4);
  });

  it('hands over every customer of a departing salesperson, keeping the history', async () => {
    const a = await create(zhang, '离职交接一号公司');
    const b = await create(zhang, '离职交接二号公司');
    await ws.call(zhang, 'customers.delete', { ids: [b.id] });
    const r = await ws.call(manager, 'customers.handover', { fromUserId: ids.zhang, toUserId: ids.li, reason: '张三离职' });
    expect(r.changed).toBe(2);
    const card = await ws.call(li, 'customers.get', { id: a.id });
    expect(card.customer.owner?.id).toBe(ids.li);
    expect(card.events.filter((e) => e.kind === 'owner_changed').map((e) => e.data.via)).toEqual(['handover', 'create']);
    await ws.call(li, 'customers.restore', { ids: [b.id] });
    expect((await ws.call(li, 'customers.get', { id: b.id })).customer.owner?.id).toBe(ids.li);
  });

  it('lists customers without a first contact 7 days after assignment as overdue', async () => {
    const c = await create(manager, '首次联系超期公司', {}, { ownerId: ids.zhang });
    expect(await ws.call(manager, 'customers.overdueFirstContact', {})).toEqual([]);
    ws.clock.advance(8 * DAY);
    const overdue = await ws.call(manager, 'customers.overdueFirstContact', {});
    expect(overdue).toMatchObject([{ customerId: c.id, owner: { displayName: '张三' }, daysOverdue: 1 }]);
    expect((await ws.call(zhang, 'customers.get', { id: c.id })).firstContactDue).toBe(-1);
    expect(await errorCode(ws.invoke(zhang, 'customers.overdueFirstContact', {}))).toBe('FORBIDDEN');
  });
});

describe('lifecycle and tiers', () => {
  it('needs a reason for lost and records a win-back when the customer returns', async () => {
    const c = await create(zhang, '流失挽回测试公司');
    expect(await errorCode(ws.invoke(zhang, 'customers.setStatus', { ids: [c.id], status: 'lost' }))).toBe('VALIDATION');
    await ws.call(zhang, 'customers.setStatus', { ids: [c.id], status: 'lost', lostReason: '价格太高' });
    let card = await ws.call(zhang, 'customers.get', { id: c.id });
    expect(card.customer).toMatchObject({ status: 'lost', lostReason: '价格太高' });
    expect(card.customer.lostAt).toBe(ws.clock.now());
    await ws.call(zhang, 'customers.setStatus', { ids: [c.id], status: 'target' });
    card = await ws.call(zhang, 'customers.get', { id: c.id });
    expect(card.customer.lostReason).toBeNull();
    expect(card.events[0]).toMatchObject({ kind: 'status_changed', data: { from: 'lost', to: 'target', winBack: true } });
  });

  it('lets only managers set tier and VIP level', async () => {
    const c = await create(zhang, '分级测试公司');
    expect(await errorCode(ws.invoke(zhang, 'customers.setTier', { ids: [c.id], tier: 'key', vipLevel: 3 }))).toBe('FORBIDDEN');
    await ws.call(manager, 'customers.setTier', { ids: [c.id], tier: 'key', vipLevel: 3 });
    expect((await ws.call(zhang, 'customers.get', { id: c.id })).customer).toMatchObject({ tier: 'key', vipLevel: 3 });
  });
});

describe('history', () => {
  it('shows each edit with its fields and restores an earlier value as a new version', async () => {
    const c = await create(zhang, '历史版本测试公司', { address: '文三路 90 号' });
    ws.clock.advance(60_000);
    await ws.call(zhang, 'customers.update', { id: c.id, fields: { address: '文一西路 1 号', notes: '搬家了' } });
    const history = await ws.call(zhang, 'customers.history', { id: c.id });
    expect(history[0]).toMatchObject({ op: 'update', actor: { displayName: '张三' } });
    expect(history[0]!.changed.sort()).toEqual(['address', 'notes']);
    const original = history.find((v) => v.op === 'insert')!;
    expect(original.values.address).toBe('文三路 90 号');
    const restored = await ws.call(zhang, 'customers.restoreVersion', { id: c.id, changeId: original.changeId });
    expect(restored.address).toBe('文三路 90 号');
    expect(restored.notes).toBeNull();
    const after = await ws.call(zhang, 'customers.history', { id: c.id });
    expect(after).toHaveLength(history.length + 1);
    expect((await ws.call(zhang, 'customers.get', { id: c.id })).events[0]?.kind).toBe('version_restored');
  });

  it('refuses a save based on a stale copy', async () => {
    const c = await create(zhang, '并发修改测试公司');
    ws.clock.advance(1000);
    await ws.call(zhang, 'customers.update', { id: c.id, fields: { notes: '第一次' } });
    expect(await errorCode(ws.invoke(zhang, 'customers.update', { id: c.id, fields: { notes: '第二次' }, expectedUpdatedAt: c.updatedAt }))).toBe(
      'CONFLICT',
    );
  });
});

describe('merging duplicates', () => {
  it('moves contacts and tags to the survivor, takes the chosen fields, and undoes exactly that', async () => {
    const tag = await ws.call(manager, 'tags.create', { name: '展会客户', color: 'orange' });
    const a = await create(zhang, '合肥科创电子有限公司', { phone: '0551-6666 8888' });
    const b = await create(li, '合肥科创电子', { address: '望江西路 5 号', notes: '李四的记录' }, { confirmDuplicates: true });
    await ws.call(li, 'customers.bulkTag', { ids: [b.id], add: [tag.id], remove: [] });
    const contact = await ws.call(li, 'contacts.create', { customerId: b.id, fields: { name: '孙七', isDecisionMaker: true } });

    const merge = await ws.call(manager, 'customers.merge', { survivorId: a.id, mergedId: b.id, choices: { notes: 'merged' } });
    const card = await ws.call(manager, 'customers.get', { id: a.id });
    expect(card.contacts.map((x) => x.id)).toEqual([contact.id]);
    expect(card.customer.address).toBe('望江西路 5 号'); // survivor's was empty
    expect(card.customer.notes).toBe('李四的记录'); // chosen
    expect(card.customer.phone).toBe('055166668888');
    expect(card.customer.tags.map((t) => t.name)).toEqual(['展会客户']);
    expect(card.customer.owner?.id).toBe(ids.zhang); // the survivor's owner: the earlier record wins
    expect(await errorCode(ws.invoke(manager, 'customers.get', { id: b.id }))).toBe('NOT_FOUND');

    await ws.call(manager, 'customers.undoMerge', { id: merge.id });
    const back = await ws.call(manager, 'customers.get', { id: a.id });
    expect(back.contacts).toEqual([]);
    expect(back.customer).toMatchObject({ address: null, notes: null, tags: [] });
    const other = await ws.call(manager, 'customers.get', { id: b.id });
    expect(other.contacts.map((x) => x.id)).toEqual([contact.id]);
    expect(other.customer.tags.map((t) => t.name)).toEqual(['展会客户']);
    expect(await errorCode(ws.invoke(manager, 'customers.undoMerge', { id: merge.id }))).toBe('ALREADY_UNDONE');
  });
});

describe('recycle bin', () => {
  it('moves to the bin, restores, and lets only an admin purge for good', async () => {
    const c = await create(zhang, '回收站测试公司');
    await ws.call(zhang, 'customers.delete', { ids: [c.id] });
    expect((await ws.call(zhang, 'customers.list', {})).total).toBe(0);
    expect((await ws.call(zhang, 'customers.recycleBin', {})).rows.map((r) => r.id)).toEqual([c.id]);
    await ws.call(zhang, 'customers.restore', { ids: [c.id] });
    expect((await ws.call(zhang, 'customers.list', {})).total).toBe(1);
    await ws.call(zhang, 'customers.delete', { ids: [c.id] });
    expect(await errorCode(ws.invoke(manager, 'customers.purge', { ids: [c.id] }))).toBe('FORBIDDEN');
    expect((await ws.call(admin, 'customers.purge', { ids: [c.id] })).changed).toBe(1);
    expect((await ws.call(admin, 'customers.recycleBin', {})).total).toBe(0);
  });
});

describe('the customer list', () => {
  it('filters by status, owner and staleness, and sorts', async () => {
    const a = await create(zhang, '阿尔法科技');
    ws.clock.advance(40 * DAY);
    const b = await create(zhang, '贝塔贸易');
    await ws.call(zhang, 'customers.setStatus', { ids: [b.id], status: 'target' });
    await create(manager, '伽马物流', {}, { ownerId: null });
    const list = (input: object) => ws.call(zhang, 'customers.list', input as never);
    expect((await list({ filter: { status: ['target'] } })).rows.map((r) => r.id)).toEqual([b.id]);
    expect((await list({ filter: { owner: 'pool' } })).rows.map((r) => r.name)).toEqual(['伽马物流']);
    expect((await list({ filter: { staleDays: 30 } })).rows.map((r) => r.id)).toEqual([a.id]);
    const sorted = await list({ sort: { field: 'name', dir: 'asc' } });
    expect(sorted.rows.map((r) => r.name)).toEqual([...sorted.rows.map((r) => r.name)].sort());
    expect((await list({})).rows.find((r) => r.id === a.id)?.daysSinceUpdate).toBe(40);
  });
});
