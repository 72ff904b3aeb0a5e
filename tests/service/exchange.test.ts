import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { columnOf, editInExcel, rowOfId, snapshot, twoPcs, type Pc } from './exchange-helpers';

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

  it('a customer purged from the recycle bin goes away on the other PC too, with its contacts, tags and timeline', async () => {
    let id = '';
    const { a, b } = await setup(async (a) => {
      const tag = await a.call('tags.create', { name: '清理', color: 'red' });
      id = (await a.call('customers.create', { fields: { name: '彻底删除公司' }, tagIds: [tag.id], confirmDuplicates: false })).id;
      await a.call('contacts.create', { customerId: id, fields: { name: '要删的联系人' } });
    });
    await a.call('customers.delete', { ids: [id] });
    await a.call('customers.purge', { ids: [id] });
    await a.exportTo(file(a, 'a.xlsx'));
    const s = await b.importFrom(file(a, 'a.xlsx'));
    expect(s.counts.skipped + s.counts.conflicts).toBe(0);
    for (const table of ['customers', 'contacts', 'customer_tags', 'customer_events']) {
      const column = table === 'customers' ? 'id' : 'customer_id';
      expect(b.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`).get(id)).toEqual({ n: 0 });
    }
    expect(snapshot(b.db)).toEqual(snapshot(a.db));
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

import { readFileSync, writeFileSync } from 'node:fs';
import { OFFICE, createTestWorkspace } from '../helpers/workspace';
import { openPc } from './exchange-helpers';
import { META_SHEET } from '../../src-main/services/exchange/workbook';
import { normalizeCompanyName } from '../../src-shared/rules/companyName';

describe('after someone leaves', () => {
  it('a PC that re-keyed its database (a user deactivated) still exchanges with the others both ways', async () => {
    let zhangId = '';
    let custId = '';
    const { a, b } = await setup(async (a) => {
      zhangId = (await a.call('users.create', OFFICE.zhang)).id;
      custId = (await a.call('customers.create', { fields: { name: '离职交换测试公司' }, confirmDuplicates: false })).id;
    });
    const keyBefore = Buffer.from(a.host.workspace.openKey());
    await a.call('users.deactivate', { id: zhangId });
    expect(Buffer.from(a.host.workspace.openKey()).equals(keyBefore)).toBe(false);
    await a.call('customers.update', { id: custId, fields: { notes: 'A 在换钥匙之后改的' } });
    await a.exportTo(file(a, 'after-rekey.xlsx'));
    const s = await b.importFrom(file(a, 'after-rekey.xlsx'));
    expect(s.counts.updated).toBeGreaterThanOrEqual(1);
    expect((await b.call('customers.get', { id: custId })).customer.notes).toBe('A 在换钥匙之后改的');
    await b.call('customers.update', { id: custId, fields: { phone: '13900000009' } });
    await b.exportTo(file(b, 'b.xlsx'));
    await a.importFrom(file(b, 'b.xlsx'));
    expect((await a.call('customers.get', { id: custId })).customer.phone).toBe('13900000009');
  });
});

describe('workbooks edited by hand, damaged, or from elsewhere', () => {
  it('a changed phone becomes a conflict for a person, a deleted row is absent (not a deletion), reordered columns read the same', async () => {
    const ids: string[] = [];
    const { a, b } = await setup(async (a) => {
      for (const n of ['一', '二', '三']) ids.push((await a.call('customers.create', { fields: { name: `手改${n}公司`, phone: '13900000001' }, confirmDuplicates: true })).id);
    });
    for (const id of ids) await a.call('customers.update', { id, fields: { notes: 'A 改过' } });
    await a.exportTo(file(a, 'a.xlsx'));
    await editInExcel(file(a, 'a.xlsx'), file(a, 'edited.xlsx'), (wb) => {
      const ws = wb.getWorksheet('客户')!;
      // 1) a phone number changed by hand
      ws.getRow(rowOfId(ws, ids[0]!)).getCell(columnOf(ws, 'phone')).value = '13988888888';
      // 2) a row deleted
      ws.spliceRows(rowOfId(ws, ids[1]!), 1);
      // 3) a row typed in by hand (no id, no version)
      const added = ws.addRow([]);
      added.getCell(columnOf(ws, 'name')).value = '手工加的公司';
      // 4) two columns swapped (header and values)
      const p = columnOf(ws, 'phone');
      const e = columnOf(ws, 'email');
      for (let r = 1; r <= ws.rowCount; r += 1) {
        const row = ws.getRow(r);
        const tmp = row.getCell(p).value;
        row.getCell(p).value = row.getCell(e).value;
        row.getCell(e).value = tmp;
      }
    });
    const s = await b.importFrom(file(a, 'edited.xlsx'));
    expect(s.notes.filter((n) => n.kind === 'hand_edited')).toHaveLength(1);
    expect(s.notes.filter((n) => n.kind === 'no_id')).toHaveLength(1);
    expect(b.db.sqlite.prepare(`SELECT count(*) AS n FROM customers WHERE name = '手工加的公司'`).get()).toEqual({ n: 0 });
    // The untouched third row applies; the hand-edited one waits; the deleted row is simply absent.
    expect((await b.call('customers.get', { id: ids[2]! })).customer.notes).toBe('A 改过');
    expect((await b.call('customers.get', { id: ids[1]! })).customer.deletedAt).toBeNull();
    expect((await b.call('customers.get', { id: ids[0]! })).customer.phone).toBe('13900000001');
    const conflicts = await b.call('exchange.conflicts', {});
    expect(conflicts.map((c) => [c.recordId, c.reason])).toEqual([[ids[0], 'hand_edited']]);
    expect(conflicts[0]!.fields.find((f) => f.column === 'phone')).toMatchObject({ local: '13900000001', remote: '13988888888' });
    await b.call('exchange.resolve', { resolutions: [{ conflictId: conflicts[0]!.id, fields: { phone: 'remote' } }] });
    expect((await b.call('customers.get', { id: ids[0]! })).customer.phone).toBe('13988888888');
  });

  it('rejects a truncated file, a tampered meta sheet, and a workbook from another workspace', async () => {
    const { a, b } = await setup(async (a) => {
      await a.call('customers.create', { fields: { name: '校验测试公司' }, confirmDuplicates: false });
    });
    await a.exportTo(file(a, 'a.xlsx'));
    const bytes = readFileSync(file(a, 'a.xlsx'));
    writeFileSync(file(a, 'cut.xlsx'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(b.importFrom(file(a, 'cut.xlsx'))).rejects.toMatchObject({ code: 'EXCHANGE_INVALID' });
    writeFileSync(file(a, 'text.xlsx'), 'not a workbook');
    await expect(b.importFrom(file(a, 'text.xlsx'))).rejects.toMatchObject({ code: 'EXCHANGE_INVALID' });
    await editInExcel(file(a, 'a.xlsx'), file(a, 'meta.xlsx'), (wb) => {
      const ws = wb.getWorksheet(META_SHEET)!;
      ws.eachRow((row) => {
        if (row.getCell(1).value === 'meta') row.getCell(2).value = String(row.getCell(2).value).replace('"maxSeq":', '"maxSeq":1');
      });
    });
    await expect(b.importFrom(file(a, 'meta.xlsx'))).rejects.toMatchObject({ code: 'EXCHANGE_TAMPERED' });

    const other = await createTestWorkspace({ company: '别家公司' });
    other.host.close();
    const pc = await openPc(other.dir, other.clock);
    try {
      await expect(pc.importFrom(file(a, 'a.xlsx'))).rejects.toMatchObject({ code: 'EXCHANGE_OTHER_WORKSPACE' });
      const r = await pc.host.registry.invoke(pc.session, 'exchange.analyze', { fileName: 'a.xlsx', dataBase64: bytes.toString('base64') });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toContain('另一家公司');
    } finally {
      pc.close();
      other.dispose();
    }
  });

  it('a customer created on both PCs is not a second live record: held for a manager, merged with the first record winning', async () => {
    const { a, b } = await setup();
    const onA = await a.call('customers.create', { fields: { name: '双录科技有限公司', phone: '13900000009' }, confirmDuplicates: false });
    await a.call('contacts.create', { customerId: onA.id, fields: { name: 'A 的联系人' } });
    const onB = await b.call('customers.create', { fields: { name: '双录科技' }, confirmDuplicates: false });
    await a.exportTo(file(a, 'a.xlsx'));
    const s = await b.importFrom(file(a, 'a.xlsx'));
    expect(s.counts.duplicates).toBe(1);
    expect(s.notes.some((n) => n.kind === 'parent_missing')).toBe(true);
    const live = () => (b.db.sqlite.prepare(`SELECT id FROM customers WHERE name_key = ? AND deleted_at IS NULL AND merged_into IS NULL`).all(normalizeCompanyName('双录科技')) as { id: string }[]).length;
    const [conflict] = await b.call('exchange.conflicts', {});
    expect(conflict).toMatchObject({ reason: 'duplicate', recordId: onA.id, other: { id: onB.id } });
    await b.call('exchange.resolve', { resolutions: [{ conflictId: conflict!.id, fields: {}, action: 'merge' }] });
    // Importing the same file again now brings the contact (its customer is here).
    const again = await b.importFrom(file(a, 'a.xlsx'));
    expect(again.counts.skipped).toBe(0);
    expect(live()).toBe(1);
    // B's clock is an hour behind, so B's record is the earlier one and survives; A follows.
    await b.exportTo(file(b, 'b.xlsx'));
    const back = await a.importFrom(file(b, 'b.xlsx'));
    expect(back.counts.duplicates + back.counts.conflicts).toBe(0);
    const liveOnA = a.db.sqlite.prepare(`SELECT id FROM customers WHERE name_key = ? AND deleted_at IS NULL AND merged_into IS NULL`).all(normalizeCompanyName('双录科技')) as { id: string }[];
    expect(liveOnA.map((r) => r.id)).toEqual([onB.id]);
    const contactsOnA = a.db.sqlite.prepare(`SELECT customer_id AS c FROM contacts WHERE name = 'A 的联系人'`).get() as { c: string };
    expect(contactsOnA.c).toBe(onB.id);
  });

  it('a salesperson exports and imports only their own customers', async () => {
    let mine = '';
    let others = '';
    const { a, b } = await setup(async (a) => {
      await a.call('users.create', OFFICE.zhang);
      const zhang = await a.login('zhang', 'zhang-pass-1');
      mine = (await a.call('customers.create', { fields: { name: '张三的客户' }, confirmDuplicates: false }, zhang)).id;
      others = (await a.call('customers.create', { fields: { name: '管理员的客户' }, confirmDuplicates: false })).id;
    });
    const zhangA = await a.login('zhang', 'zhang-pass-1');
    await a.call('customers.update', { id: mine, fields: { notes: '张三改' } }, zhangA);
    await a.call('customers.update', { id: others, fields: { notes: '管理员改' } });
    const viewerA = zhangA.user!;
    await a.exportTo(file(a, 'zhang.xlsx'), undefined, viewerA);
    const zhangB = await b.login('zhang', 'zhang-pass-1');
    const s = await b.importFrom(file(a, 'zhang.xlsx'), zhangB.user!);
    expect(s.from.scope).toBe('owner');
    expect((await b.call('customers.get', { id: mine })).customer.notes).toBe('张三改');
    expect((await b.call('customers.get', { id: others })).customer.notes).toBeNull();
    // The manager's full workbook imported by the salesperson: others' customers are refused and said so.
    await a.exportTo(file(a, 'all.xlsx'));
    const s2 = await b.importFrom(file(a, 'all.xlsx'), zhangB.user!);
    expect(s2.notes.some((n) => n.kind === 'forbidden')).toBe(true);
    expect((await b.call('customers.get', { id: others })).customer.notes).toBeNull();
  });
});

describe('import summary, cancel and self-settling columns', () => {
  it('analyze shows what a commit would do and changes nothing; cancel forgets it; commit applies it', async () => {
    const { a, b } = await setup();
    const made = await a.call('customers.create', { fields: { name: '预览测试公司' }, confirmDuplicates: false });
    await a.exportTo(file(a, 'a.xlsx'));
    const before = snapshot(b.db);
    const dataBase64 = readFileSync(file(a, 'a.xlsx')).toString('base64');
    const preview = await b.call('exchange.analyze', { fileName: 'a.xlsx', dataBase64 });
    expect(preview.committed).toBe(false);
    expect(preview.counts.added).toBeGreaterThanOrEqual(1);
    expect(snapshot(b.db)).toEqual(before);
    await b.call('exchange.cancel', { token: preview.token });
    const gone = await b.host.registry.invoke(b.session, 'exchange.commit', { token: preview.token });
    expect(gone.ok).toBe(false);
    expect(snapshot(b.db)).toEqual(before);
    const again = await b.call('exchange.analyze', { fileName: 'a.xlsx', dataBase64 });
    const done = await b.call('exchange.commit', { token: again.token });
    expect(done).toMatchObject({ committed: true, counts: preview.counts });
    expect((await b.call('customers.get', { id: made.id })).customer.name).toBe('预览测试公司');
    const history = await b.call('exchange.history', { limit: 10 });
    expect(history[0]).toMatchObject({ kind: 'import', peer: { node: a.node } });
  });

  it('both PCs logging contact with a customer is no conflict: the last contact settles to the later one on both', async () => {
    let id = '';
    const { a, b } = await setup(async (a) => {
      id = (await a.call('customers.create', { fields: { name: '联系时间公司' }, confirmDuplicates: false })).id;
    });
    const stamp = (pc: Pc, at: number) =>
      pc.db.write(pc.viewer.id, (tx) => tx.sqlite.prepare('UPDATE customers SET last_contact_at = ?, updated_at = ? WHERE id = ?').run(at, at, id));
    stamp(a, Date.UTC(2026, 10, 20));
    stamp(b, Date.UTC(2026, 10, 21));
    await a.exportTo(file(a, 'a.xlsx'));
    await b.exportTo(file(b, 'b.xlsx'));
    expect((await b.importFrom(file(a, 'a.xlsx'))).counts.conflicts).toBe(0);
    expect((await a.importFrom(file(b, 'b.xlsx'))).counts.conflicts).toBe(0);
    expect(snapshot(a.db).customers).toEqual(snapshot(b.db).customers);
    expect((a.db.sqlite.prepare('SELECT last_contact_at AS t FROM customers WHERE id = ?').get(id) as { t: number }).t).toBe(Date.UTC(2026, 10, 21));
    // Settled without a new version: another round changes nothing.
    await a.exportTo(file(a, 'a2.xlsx'));
    const round = await b.importFrom(file(a, 'a2.xlsx'));
    expect(round.counts.updated + round.counts.conflicts).toBe(0);
  });
});

describe('derived data', () => {
  it('a type recomputes what it derives after an import (its module’s afterExchangeImport hook), and local-only columns stay on each PC', async () => {
    const seen: string[][] = [];
    let id = '';
    const { a, b } = await setup(async (a) => {
      id = (await a.call('customers.create', { fields: { name: '派生数据公司' }, confirmDuplicates: false })).id;
    });
    // The hooks object is this host's own (hooksOf makes one per host): wrap its after-import hook.
    const hooks = b.db.hooks;
    const original = hooks.afterExchangeImport;
    hooks.afterExchangeImport = (db, table, actor, ids) => {
      if (table === 'customers') seen.push(ids);
      original(db, table, actor, ids);
    };
    await a.call('customers.update', { id, fields: { notes: '改了' } });
    a.db.write(a.viewer.id, (tx) => tx.sqlite.prepare(`UPDATE customers SET grade = 'A' WHERE id = ?`).run(id));
    await a.exportTo(file(a, 'a.xlsx'));
    await b.importFrom(file(a, 'a.xlsx'));
    // Called in the preview (rolled back) and in the commit, each time with the changed customer.
    expect(seen.at(-1)).toEqual([id]);
    const onB = b.db.sqlite.prepare('SELECT notes, grade FROM customers WHERE id = ?').get(id);
    expect(onB).toEqual({ notes: '改了', grade: null });
  });
});

describe('a salesperson’s scope for declared types', () => {
  it('follows a parent row to its customer (via), or a user column (user)', async () => {
    const { exchangeTypes } = await import('../../src-main/services/exchange/declarations');
    const { mayChange, scopeSql } = await import('../../src-main/services/exchange/scope');
    let mine = '';
    let theirs = '';
    let zhangId = '';
    const { a } = await setup(async (a) => {
      zhangId = (await a.call('users.create', OFFICE.zhang)).id;
      const zhang = await a.login('zhang', 'zhang-pass-1');
      const c1 = await a.call('customers.create', { fields: { name: '张三的公司' }, confirmDuplicates: false }, zhang);
      mine = (await a.call('contacts.create', { customerId: c1.id, fields: { name: '甲' } }, zhang)).id;
      const c2 = await a.call('customers.create', { fields: { name: '别人的公司' }, confirmDuplicates: false });
      theirs = (await a.call('contacts.create', { customerId: c2.id, fields: { name: '乙' } })).id;
    });
    const contactsType = exchangeTypes().find((t) => t.name === 'contacts')!;
    const usersType = exchangeTypes().find((t) => t.name === 'users')!;
    // A type whose rows reach their customer through a parent row (here: a contact, through itself).
    const viaType = { ...contactsType, customer: { via: 'id', parent: 'contacts' } };
    const zhang = { id: zhangId, role: 'sales' as const };
    expect(mayChange(a.db.sqlite, viaType, zhang, undefined, { id: mine })).toBe(true);
    expect(mayChange(a.db.sqlite, viaType, zhang, undefined, { id: theirs })).toBe(false);
    const scope = scopeSql(viaType, zhang);
    const ids = (a.db.sqlite.prepare(`SELECT r.id FROM contacts r WHERE ${scope.sql}`).all(...scope.params) as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual([mine]);
    // A type owned by a user column.
    const userType = { ...usersType, user: 'id' };
    expect(mayChange(a.db.sqlite, userType, zhang, { id: zhangId }, { id: zhangId })).toBe(true);
    expect(mayChange(a.db.sqlite, userType, zhang, { id: a.viewer.id }, { id: a.viewer.id })).toBe(false);
    // Shared types: a salesperson's import never changes them.
    expect(mayChange(a.db.sqlite, usersType, zhang, undefined, { id: 'x' })).toBe(false);
  });
});
