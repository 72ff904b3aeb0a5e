import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeCompanyName } from '../../src-shared/rules/companyName';
import { creditCodeCheckChar } from '../../src-shared/rules/creditCode';
import type { SearchHit } from '../../src-shared/customers/types';
import type { Db } from '../../src-main/db/connection';
import { sourceMigrationsFolder } from '../../src-main/db/migrate';
import { contacts, customers } from '../../src-main/db/schema';
import { SEARCH_INDEX_VERSION, rebuildSearchIndex } from '../../src-main/db/searchIndex';
import { newId } from '../../src-main/services/ids';
import { searchCustomers } from '../../src-main/services/search/search';
import { ADMIN, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

type Viewer = { id: string; role: 'admin' | 'manager' | 'sales' };
type CustomerFields = Partial<typeof customers.$inferInsert> & { name: string };
type ContactFields = Partial<typeof contacts.$inferInsert> & { name: string };

let ws: TestWorkspace;
let db: Db;
let admin: Viewer;

beforeEach(async () => {
  ws = await createTestWorkspace();
  const session = await ws.loginAs(ADMIN.username, ADMIN.password);
  admin = { id: session.user!.id, role: 'admin' };
  db = ws.host.workspace.db!;
});
afterEach(() => ws.dispose());

/** Rows go in with Drizzle inside db.write, as a service would write them (the triggers do the indexing). */
const addCustomer = (fields: CustomerFields): string => {
  const id = newId();
  const now = db.clock.now();
  db.write(admin.id, (tx) =>
    tx.orm
      .insert(customers)
      .values({ id, createdAt: now, createdBy: admin.id, updatedAt: now, updatedBy: admin.id, nameKey: normalizeCompanyName(fields.name), status: 'potential', ...fields })
      .run(),
  );
  return id;
};

const addContact = (customerId: string, fields: ContactFields): string => {
  const id = newId();
  const now = db.clock.now();
  db.write(admin.id, (tx) =>
    tx.orm.insert(contacts).values({ id, customerId, createdAt: now, createdBy: admin.id, updatedAt: now, updatedBy: admin.id, ...fields }).run(),
  );
  return id;
};

const updateCustomer = (id: string, fields: Partial<typeof customers.$inferInsert>): void => {
  db.write(admin.id, (tx) => tx.orm.update(customers).set({ ...fields, updatedAt: tx.clock.now() }).where(eq(customers.id, id)).run());
};

const search = (q: string, viewer: Viewer = admin, limit = 20): SearchHit[] => searchCustomers(db, viewer, q, limit);
const titles = (q: string, viewer: Viewer = admin): string[] => search(q, viewer).map((h) => h.title);

const validCode = (first17: string): string => first17 + creditCodeCheckChar(first17)!;

describe('searchCustomers', () => {
  it('finds a customer by a 2-character Chinese substring inside its name', () => {
    addCustomer({ name: '北京星辰科技有限公司' });
    addCustomer({ name: '杭州月亮贸易有限公司' });
    expect(titles('星辰')).toEqual(['北京星辰科技有限公司']);
    expect(titles('月亮贸易')).toEqual(['杭州月亮贸易有限公司']);
  });

  it('finds a customer by a single Chinese character', () => {
    addCustomer({ name: '北京星辰科技有限公司' });
    addCustomer({ name: '杭州月亮贸易有限公司' });
    expect(titles('辰')).toEqual(['北京星辰科技有限公司']);
    expect(titles('亮')).toEqual(['杭州月亮贸易有限公司']);
  });

  it('finds a customer by its short name', () => {
    addCustomer({ name: '北京星辰科技有限公司', shortName: '辰星' });
    expect(search('辰星')[0]).toMatchObject({ title: '北京星辰科技有限公司', matchedOn: 'name' });
  });

  it('finds a customer by its legal representative, and by its short name beside it, never across the two', () => {
    const c = addCustomer({ name: '北京星辰科技有限公司', shortName: '辰星', legalRep: '王建国' });
    addCustomer({ name: '杭州月亮贸易有限公司', legalRep: '王建' });
    expect(titles('王建国')).toEqual(['北京星辰科技有限公司']);
    expect(titles('王建').sort()).toEqual(['北京星辰科技有限公司', '杭州月亮贸易有限公司'].sort());
    expect(search('辰星')[0]).toMatchObject({ title: '北京星辰科技有限公司', matchedOn: 'name' });
    expect(titles('星王')).toEqual([]);
    updateCustomer(c, { legalRep: '李海' });
    expect(titles('王建国')).toEqual([]);
    expect(titles('李海')).toEqual(['北京星辰科技有限公司']);
  });

  it('finds a company by pinyin initials: bjxc finds 北京星辰科技', () => {
    addCustomer({ name: '北京星辰科技有限公司' });
    addCustomer({ name: '上海星辰科技有限公司' });
    expect(search('bjxc')).toMatchObject([{ title: '北京星辰科技有限公司', matchedOn: 'pinyin' }]);
    expect(titles('xckj')).toEqual(['上海星辰科技有限公司', '北京星辰科技有限公司'].sort());
  });

  it('finds a company by full pinyin, of the whole name or a part of it', () => {
    addCustomer({ name: '北京星辰科技有限公司' });
    expect(titles('beijingxingchen')).toEqual(['北京星辰科技有限公司']);
    expect(titles('xingchen')).toEqual(['北京星辰科技有限公司']);
    expect(titles('BeiJing XingChen')).toEqual(['北京星辰科技有限公司']);
  });

  it('finds a contact by the pinyin of a person name: zhangsan finds 张三', () => {
    const c = addCustomer({ name: '北京星辰科技有限公司' });
    addContact(c, { name: '张三', title: '采购经理' });
    addContact(c, { name: '李四' });
    const hits = search('zhangsan');
    expect(hits).toMatchObject([{ kind: 'contact', title: '张三', customerId: c, matchedOn: 'pinyin' }]);
    expect(hits[0]!.subtitle).toContain('北京星辰科技有限公司');
    expect(search('zs').map((h) => h.title)).toContain('张三');
  });

  it('reads a surname the way names are read: 单 as shan', () => {
    const c = addCustomer({ name: '北京星辰科技有限公司' });
    addContact(c, { name: '单雄信' });
    expect(titles('shanxiongxin')).toEqual(['单雄信']);
  });

  it('finds a phone typed with dashes and spaces, and by its last 4 digits', () => {
    const c = addCustomer({ name: '北京星辰科技有限公司', phone: '01088881234' });
    const p = addContact(c, { name: '张三', mobile: '13800138000' });
    expect(search('138-0013 8000')).toMatchObject([{ kind: 'contact', contactId: p, matchedOn: 'phone' }]);
    expect(search('138 0013 8000')[0]!.subtitle).toContain('138 0013 8000');
    expect(search('8000')).toMatchObject([{ kind: 'contact', contactId: p, matchedOn: 'phone' }]);
    expect(search('010-8888 1234')).toMatchObject([{ kind: 'customer', customerId: c, matchedOn: 'phone' }]);
    expect(search('1234')).toMatchObject([{ kind: 'customer', customerId: c }]);
  });

  it('finds a customer by its credit code, whole or its beginning, in any case', () => {
    const code = validCode('91330106MA2B3C4D5');
    const c = addCustomer({ name: '杭州星辰信息科技有限公司', creditCode: code });
    addCustomer({ name: '杭州月亮贸易有限公司', creditCode: validCode('91330108MA7X8Y9W1') });
    expect(search(code)).toMatchObject([{ customerId: c, matchedOn: 'creditCode', subtitle: code }]);
    expect(search(code.toLowerCase())).toMatchObject([{ customerId: c }]);
    expect(search('91330106')).toMatchObject([{ customerId: c, matchedOn: 'creditCode' }]);
    expect(titles('913301')).toHaveLength(2);
  });

  it('finds a customer by a substring of its address', () => {
    addCustomer({ name: '杭州星辰信息科技有限公司', address: '浙江省杭州市西湖区文三路90号东部软件园' });
    addCustomer({ name: '杭州月亮贸易有限公司', address: '浙江省杭州市滨江区江南大道588号' });
    expect(search('文三路')).toMatchObject([{ title: '杭州星辰信息科技有限公司', matchedOn: 'address' }]);
    expect(titles('滨江')).toEqual(['杭州月亮贸易有限公司']);
    expect(titles('软件园')).toEqual(['杭州星辰信息科技有限公司']);
  });

  it('ranks exact before prefix before substring, customers before contacts, shorter names first', () => {
    const longer = addCustomer({ name: '北京星辰科技发展有限公司' });
    addCustomer({ name: '星辰科技有限公司' });
    addCustomer({ name: '北京星辰有限公司' });
    addContact(longer, { name: '星辰' });
    addCustomer({ name: '星辰' });
    const hits = search('星辰');
    expect(hits.map((h) => `${h.kind}:${h.title}`)).toEqual([
      'customer:星辰',
      'contact:星辰',
      'customer:星辰科技有限公司',
      'customer:北京星辰有限公司',
      'customer:北京星辰科技发展有限公司',
    ]);
  });

  it('still puts the exact match first among thousands of matches, and returns at most the limit', () => {
    db.write(admin.id, (tx) => {
      const now = tx.clock.now();
      for (let i = 0; i < 2000; i += 1) {
        const name = `星辰${i}号贸易有限公司`;
        tx.orm.insert(customers).values({ id: newId(), createdAt: now, updatedAt: now, name, nameKey: normalizeCompanyName(name) }).run();
      }
    });
    addCustomer({ name: '星辰' });
    const hits = search('星辰', admin, 5);
    expect(hits).toHaveLength(5);
    expect(hits[0]!.title).toBe('星辰');
    expect(search('有限公司', admin, 10)).toHaveLength(10);
    expect(search('有', admin, 10)).toHaveLength(10);
  });

  it('follows a rename: the old name is no longer found, the new one is', () => {
    const c = addCustomer({ name: '北京星辰科技有限公司', shortName: '星辰' });
    updateCustomer(c, { name: '上海月亮贸易有限公司', shortName: null });
    expect(search('星辰')).toEqual([]);
    expect(search('bjxc')).toEqual([]);
    expect(titles('月亮')).toEqual(['上海月亮贸易有限公司']);
    expect(titles('shylmy')).toEqual(['上海月亮贸易有限公司']);
  });

  it('follows changes of phone, credit code and address', () => {
    const c = addCustomer({ name: '北京星辰科技有限公司', phone: '01088881234', address: '北京市朝阳区建国路88号' });
    updateCustomer(c, { phone: '02166667777', address: '上海市浦东新区世纪大道100号', creditCode: validCode('91310115MA1H2J3K4') });
    expect(search('88881234')).toEqual([]);
    expect(search('建国路')).toEqual([]);
    expect(titles('66667777')).toEqual(['北京星辰科技有限公司']);
    expect(titles('世纪大道')).toEqual(['北京星辰科技有限公司']);
    expect(titles('91310115')).toEqual(['北京星辰科技有限公司']);
  });

  it('hides a deleted customer and its contacts, and shows them again when restored', () => {
    const c = addCustomer({ name: '北京星辰科技有限公司' });
    addContact(c, { name: '张三' });
    updateCustomer(c, { deletedAt: db.clock.now(), deletedBy: admin.id });
    expect(search('星辰')).toEqual([]);
    expect(search('张三')).toEqual([]);
    expect(search('zhangsan')).toEqual([]);
    updateCustomer(c, { deletedAt: null, deletedBy: null });
    expect(titles('星辰')).toEqual(['北京星辰科技有限公司']);
    expect(titles('张三')).toEqual(['张三']);
  });

  it('hides a merged customer; its contacts moved to the survivor are found under the survivor', () => {
    const survivor = addCustomer({ name: '北京星辰科技有限公司' });
    const merged = addCustomer({ name: '星辰科技（北京）有限公司' });
    const p = addContact(merged, { name: '张三' });
    db.write(admin.id, (tx) => {
      tx.orm.update(contacts).set({ customerId: survivor }).where(eq(contacts.customerId, merged)).run();
      tx.orm.update(customers).set({ mergedInto: survivor }).where(eq(customers.id, merged)).run();
    });
    expect(titles('星辰')).toEqual(['北京星辰科技有限公司']);
    expect(search('张三')).toMatchObject([{ kind: 'contact', contactId: p, customerId: survivor }]);
  });

  it('hides a deleted contact, and forgets one removed for good', () => {
    const c = addCustomer({ name: '北京星辰科技有限公司' });
    const p1 = addContact(c, { name: '张三', mobile: '13800138000' });
    const p2 = addContact(c, { name: '张三丰' });
    db.write(admin.id, (tx) => tx.orm.update(contacts).set({ deletedAt: tx.clock.now() }).where(eq(contacts.id, p1)).run());
    expect(titles('张三')).toEqual(['张三丰']);
    expect(search('13800138000')).toEqual([]);
    db.write(admin.id, (tx) => tx.orm.delete(contacts).where(eq(contacts.id, p2)).run());
    expect(search('张三')).toEqual([]);
  });

  it('follows a contact edit', () => {
    const c = addCustomer({ name: '北京星辰科技有限公司' });
    const p = addContact(c, { name: '张三', mobile: '13800138000' });
    db.write(admin.id, (tx) => tx.orm.update(contacts).set({ name: '李四', mobile: '13900139000' }).where(eq(contacts.id, p)).run());
    expect(search('张三')).toEqual([]);
    expect(search('8000')).toEqual([]);
    expect(titles('lisi')).toEqual(['李四']);
    expect(titles('9000')).toEqual(['李四']);
  });

  it('shows owner names and status', async () => {
    const sales = await ws.addUser(await ws.loginAs(ADMIN.username, ADMIN.password), 'zhangwei', 'sales');
    const c = addCustomer({ name: '北京星辰科技有限公司', ownerId: sales.id, status: 'target' });
    addCustomer({ name: '上海星辰贸易有限公司' });
    expect(search('星辰')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ customerId: c, owner: { id: sales.id, displayName: 'zhangwei' }, status: 'target', canOpen: true }),
        expect.objectContaining({ title: '上海星辰贸易有限公司', owner: null, status: 'potential', canOpen: true }),
      ]),
    );
  });

  it("shows a salesperson other people's customers only as closed customer-level hits, and never their contacts", async () => {
    const adminSession = await ws.loginAs(ADMIN.username, ADMIN.password);
    const a = await ws.addUser(adminSession, 'sales-a', 'sales');
    const b = await ws.addUser(adminSession, 'sales-b', 'sales');
    const m = await ws.addUser(adminSession, 'boss', 'manager');
    const mine = addCustomer({ name: '北京星辰科技有限公司', ownerId: a.id, phone: '01088881234', address: '北京市朝阳区建国路88号' });
    const theirs = addCustomer({ name: '上海星辰贸易有限公司', ownerId: b.id, phone: '02188881234', address: '上海市浦东新区世纪大道1号' });
    const pool = addCustomer({ name: '广州星辰电子有限公司' });
    addContact(mine, { name: '王小明' });
    addContact(theirs, { name: '王小红', mobile: '13912345678' });
    addContact(pool, { name: '王小刚' });
    const salesA: Viewer = { id: a.id, role: 'sales' };

    const hits = search('星辰', salesA);
    expect(hits.map((h) => [h.title, h.canOpen])).toEqual(
      expect.arrayContaining([
        ['北京星辰科技有限公司', true],
        ['上海星辰贸易有限公司', false],
        ['广州星辰电子有限公司', true],
      ]),
    );
    const closed = hits.find((h) => h.customerId === theirs)!;
    expect(closed).toMatchObject({ kind: 'customer', owner: { id: b.id, displayName: 'sales-b' }, subtitle: '' });

    expect(titles('王小', salesA).sort()).toEqual(['王小刚', '王小明']);
    expect(search('wangxiaohong', salesA)).toEqual([]);
    expect(search('13912345678', salesA)).toEqual([]);
    expect(search('上海星辰', salesA)).toMatchObject([{ customerId: theirs, canOpen: false, subtitle: '' }]);

    const manager: Viewer = { id: m.id, role: 'manager' };
    expect(titles('王小', manager).sort()).toEqual(['王小刚', '王小明', '王小红']);
    expect(search('星辰', manager).every((h) => h.canOpen)).toBe(true);
  });

  it('returns nothing for blank or punctuation-only queries', () => {
    addCustomer({ name: '北京星辰科技有限公司' });
    expect(search('   ')).toEqual([]);
    expect(search('——')).toEqual([]);
    expect(search('"*')).toEqual([]);
  });

  it('answers through the search.query channel for a logged-in user', async () => {
    addCustomer({ name: '北京星辰科技有限公司' });
    const session = await ws.loginAs(ADMIN.username, ADMIN.password);
    const hits = await ws.call(session, 'search.query', { q: 'bjxc', limit: 5 });
    expect(hits).toMatchObject([{ title: '北京星辰科技有限公司', canOpen: true }]);
  });
});

describe('the search index', () => {
  const snapshot = (): unknown => ({
    docs: db.sqlite
      .prepare(`SELECT kind, ref_id, customer_id, name, alias, pinyin, initials, phones, code, address FROM search_docs ORDER BY ref_id`)
      .all(),
    keys: db.sqlite.prepare(`SELECT k.key, d.ref_id FROM search_keys k JOIN search_docs d USING (docid) ORDER BY k.key, d.ref_id`).all(),
  });

  const integrityCheck = (): void => {
    for (const table of ['search_trgm_name', 'search_trgm_other', 'search_grams_name', 'search_grams_address']) {
      db.write(null, (tx) => tx.sqlite.prepare(`INSERT INTO ${table} (${table}) VALUES ('integrity-check')`).run());
    }
  };

  it('after many edits equals an index rebuilt from scratch, and passes FTS5 integrity checks', () => {
    const c1 = addCustomer({ name: '北京星辰科技有限公司', phone: '01088881234', address: '北京市朝阳区建国路88号' });
    const c2 = addCustomer({ name: '上海月亮贸易有限公司', shortName: '月亮' });
    const c3 = addCustomer({ name: '广州太阳电子有限公司' });
    const p1 = addContact(c1, { name: '张三', mobile: '13800138000' });
    addContact(c2, { name: '李四', phone: '02166667777' });
    addContact(c3, { name: '王五' });
    updateCustomer(c1, { name: '北京星辰信息科技有限公司' });
    updateCustomer(c3, { deletedAt: db.clock.now() });
    updateCustomer(c2, { status: 'target' });
    db.write(admin.id, (tx) => tx.orm.update(contacts).set({ customerId: c2 }).where(eq(contacts.id, p1)).run());
    updateCustomer(c3, { deletedAt: null });
    integrityCheck();
    const before = snapshot();
    db.write(null, (tx) => rebuildSearchIndex(tx.sqlite));
    integrityCheck();
    expect(snapshot()).toEqual(before);
    expect(titles('张三')).toEqual(['张三']);
  });

  it('is kept by every connection the app opens: it survives a restart', async () => {
    addCustomer({ name: '北京星辰科技有限公司' });
    ws.restart();
    await ws.loginAs(ADMIN.username, ADMIN.password);
    db = ws.host.workspace.db!;
    expect(titles('bjxc')).toEqual(['北京星辰科技有限公司']);
    addCustomer({ name: '上海月亮贸易有限公司' });
    expect(titles('shyl')).toEqual(['上海月亮贸易有限公司']);
  });

  it("survives a migration that rebuilds the customers and contacts tables (drizzle-kit's way to alter a column)", async () => {
    const c = addCustomer({ name: '北京星辰科技有限公司' });
    addContact(c, { name: '张三' });
    const rebuildTable = (table: string): string => {
      const master = db.sqlite
        .prepare(`SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('table', 'index') AND sql IS NOT NULL`)
        .all(table) as { type: string; sql: string }[];
      const create = master.find((m) => m.type === 'table')!.sql.replace(`CREATE TABLE \`${table}\``, `CREATE TABLE \`__new_${table}\``);
      const indexes = master.filter((m) => m.type === 'index').map((m) => m.sql);
      return [create, `INSERT INTO __new_${table} SELECT * FROM ${table}`, `DROP TABLE ${table}`, `ALTER TABLE __new_${table} RENAME TO ${table}`, ...indexes].join(';\n');
    };
    // As a migration runs: on the connection, with foreign keys off (a pragma no transaction may hold).
    db.maintenance((sqlite) => {
      sqlite.pragma('foreign_keys=OFF');
      sqlite.exec(rebuildTable('customers'));
      sqlite.exec(rebuildTable('contacts'));
      sqlite.pragma('foreign_keys=ON');
    });
    ws.restart();
    await ws.loginAs(ADMIN.username, ADMIN.password);
    db = ws.host.workspace.db!;
    expect(titles('星辰')).toEqual(['北京星辰科技有限公司']);
    expect(titles('zhangsan')).toEqual(['张三']);
    const c2 = addCustomer({ name: '上海月亮贸易有限公司' });
    addContact(c2, { name: '李四' });
    updateCustomer(c, { name: '北京太阳科技有限公司' });
    expect(search('星辰')).toEqual([]);
    expect(titles('lisi')).toEqual(['李四']);
    expect(titles('太阳')).toEqual(['北京太阳科技有限公司']);
  });

  it('is backfilled by migration 0002 (index version 1) and rebuilt at the next open when the index format is newer', async () => {
    const migration = readFileSync(join(sourceMigrationsFolder(), '0002_search_index.sql'), 'utf8');
    expect(migration).toContain(`INSERT INTO search_meta (key, value) VALUES ('version', '1')`);
    expect(SEARCH_INDEX_VERSION).toBeGreaterThan(1);
    addCustomer({ name: '北京星辰科技有限公司', legalRep: '王建国' });
    // As a version-1 index left it: documents without the legal representative.
    db.write(null, (tx) => {
      tx.sqlite.exec(`UPDATE search_docs SET alias = '' WHERE kind = 1`);
      tx.sqlite.exec(`UPDATE search_meta SET value = '1' WHERE key = 'version'`);
    });
    expect(titles('王建国')).toEqual([]);
    ws.restart();
    await ws.loginAs(ADMIN.username, ADMIN.password);
    db = ws.host.workspace.db!;
    expect(db.sqlite.prepare(`SELECT value FROM search_meta WHERE key = 'version'`).get()).toEqual({ value: String(SEARCH_INDEX_VERSION) });
    expect(titles('王建国')).toEqual(['北京星辰科技有限公司']);
  });
});
