import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshot, twoPcs, type Pc } from './exchange-helpers';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

const setup = async (prepare?: (a: Pc) => Promise<void>) => {
  const pcs = await twoPcs(prepare);
  cleanup = pcs.dispose;
  return pcs;
};

const file = (pc: Pc, name: string): string => join(pc.dir, name);

describe('exchange between two PCs', () => {
  it('adds new records, takes one-sided edits, and a re-import changes nothing', async () => {
    let custId = '';
    const { a, b } = await setup(async (a) => {
      custId = (await a.call('customers.create', { fields: { name: '杭州甲公司', phone: '13900000001' }, confirmDuplicates: false })).id;
    });
    expect(a.node).not.toBe(b.node);
    await a.call('customers.update', { id: custId, fields: { phone: '13900000002' } });
    const created = await a.call('customers.create', { fields: { name: '宁波乙公司' }, confirmDuplicates: false });
    await a.call('contacts.create', { customerId: created.id, fields: { name: '王五', mobile: '13800000000' } });
    await a.exportTo(file(a, 'a1.xlsx'));
    const s1 = await b.importFrom(file(a, 'a1.xlsx'));
    expect(s1.counts.conflicts).toBe(0);
    expect(s1.counts.added).toBeGreaterThanOrEqual(2);
    expect(s1.counts.updated).toBeGreaterThanOrEqual(1);
    const card = await b.call('customers.get', { id: custId });
    expect(card.customer.phone).toBe('13900000002');
    const before = snapshot(b.db);
    const again = await b.importFrom(file(a, 'a1.xlsx'));
    expect(again.counts.added + again.counts.updated + again.counts.deleted + again.counts.conflicts).toBe(0);
    expect(snapshot(b.db)).toEqual(before);
  });

  it('lists a record changed on both sides as a conflict, field by field, and the choice converges both PCs', async () => {
    let id = '';
    const { a, b } = await setup(async (a) => {
      id = (await a.call('customers.create', { fields: { name: '苏州丙公司', phone: '13900000001' }, confirmDuplicates: false })).id;
    });
    await a.call('customers.update', { id, fields: { phone: '13911111111' } });
    await b.call('customers.update', { id, fields: { phone: '13922222222', email: 'b@example.com' } });
    await a.exportTo(file(a, 'a.xlsx'));
    const s = await b.importFrom(file(a, 'a.xlsx'));
    expect(s.counts.conflicts).toBe(1);
    // Not overwritten.
    expect((await b.call('customers.get', { id })).customer.phone).toBe('13922222222');
    const conflicts = await b.call('exchange.conflicts', {});
    expect(conflicts).toHaveLength(1);
    const cols = conflicts[0]!.fields.map((f) => f.column).sort();
    expect(cols).toContain('phone');
    await b.call('exchange.resolve', { resolutions: [{ conflictId: conflicts[0]!.id, fields: { phone: 'remote' } }] });
    const after = (await b.call('customers.get', { id })).customer;
    expect(after.phone).toBe('13911111111');
    expect(after.email).toBe('b@example.com');
    // Back to A: B's resolved version descends from both, so A takes it without a conflict.
    await b.exportTo(file(b, 'b.xlsx'));
    const back = await a.importFrom(file(b, 'b.xlsx'));
    expect(back.counts.conflicts).toBe(0);
    expect(snapshot(a.db).customers).toEqual(snapshot(b.db).customers);
  });

  it('deletions travel into the recycle bin; an older workbook after a newer one changes nothing', async () => {
    let id = '';
    const { a, b } = await setup(async (a) => {
      id = (await a.call('customers.create', { fields: { name: '无锡丁公司' }, confirmDuplicates: false })).id;
    });
    await a.call('customers.update', { id, fields: { notes: '第一版' } });
    await a.exportTo(file(a, 'old.xlsx'));
    await a.call('customers.delete', { ids: [id] });
    await a.exportTo(file(a, 'new.xlsx'));
    const s = await b.importFrom(file(a, 'new.xlsx'));
    expect(s.counts.deleted).toBe(1);
    const bin = await b.call('customers.recycleBin', { limit: 50, offset: 0 });
    expect(bin.rows.map((r) => r.id)).toContain(id);
    const before = snapshot(b.db);
    const old = await b.importFrom(file(a, 'old.xlsx'));
    expect(old.counts.updated + old.counts.added + old.counts.conflicts).toBe(0);
    expect(snapshot(b.db)).toEqual(before);
  });

  it('exports only the changes since the last exchange with a peer', async () => {
    const { a, b } = await setup(async (a) => {
      for (const n of ['甲', '乙', '丙']) await a.call('customers.create', { fields: { name: `${n}号测试公司` }, confirmDuplicates: false });
    });
    await a.exportTo(file(a, 'full.xlsx'));
    await b.importFrom(file(a, 'full.xlsx'));
    // B tells A what it holds of A's changes.
    await b.exportTo(file(b, 'b-full.xlsx'));
    await a.importFrom(file(b, 'b-full.xlsx'));
    await a.call('customers.create', { fields: { name: '丁号测试公司' }, confirmDuplicates: false });
    const rows = await a.exportTo(file(a, 'since.xlsx'), b.node);
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(10);
    const s = await b.importFrom(file(a, 'since.xlsx'));
    expect(s.counts.added).toBeGreaterThanOrEqual(1);
    expect(snapshot(a.db).customers).toEqual(snapshot(b.db).customers);
  });
});
