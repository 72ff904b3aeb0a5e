import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildRecord, type ImportMapping, type ImportRecord, type ImportRowInput } from '../../src-shared/import/record';
import { autoMap } from '../../src-shared/import/targets';
import type { Db } from '../../src-main/db/connection';
import type { Session } from '../../src-main/ipc/session';
import { analyzeRecords, type DuplicateDecision, type ImportAnalysis } from '../../src-main/services/import/analyze';
import { commitImport, undoImport } from '../../src-main/services/import/commit';
import type { RecordSource } from '../../src-main/services/import/jobs';
import { rebuildSearchIndex } from '../../src-main/db/searchIndex';
import { creditCode } from '../helpers/customers';
import { dumpDb } from '../helpers/rawDb';
import { ADMIN, OFFICE, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

const headers = ['企业名称', '统一社会信用代码', '联系人', '联系电话', '地址', '成立日期', '注册资本'];
const mapping: ImportMapping = { headers, targets: autoMap(headers), unmappedToNotes: true };
const code1 = creditCode('91330106MA27Y8K3X');
const code2 = creditCode('91440300MA5F8QW2L');

const sheet: ImportRowInput['values'][] = [
  ['杭州星辰信息科技有限公司', code1, '张伟', '13800138000', '浙江省杭州市西湖区文三路90号', '2015-03-12', '500万元人民币'],
  ['深圳远航电子有限公司', code2, '李娜', '0755-86001234', '广东省深圳市南山区科技园', 20120101, '1000万元'],
  [null, null, null, null, null, null, null],
  ['', '', '王五', '13912345678', '', '', ''],
  ['杭州星辰信息科技有限公司', code1, '张伟', '13800138000', '', '', ''],
  ['合计', 4, null, null, null, null, null],
];
const rows = (values = sheet): ImportRowInput[] => values.map((v, i) => ({ rowNumber: i + 2, hidden: false, values: v }));

let ws: TestWorkspace;
let manager: Session;
let sales: { id: string }[];
let db: Db;
const viewer = () => manager.user!;

beforeEach(async () => {
  ws = await createTestWorkspace();
  const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
  await ws.call(admin, 'users.create', OFFICE.wang);
  sales = [
    await ws.call(admin, 'users.create', OFFICE.zhang),
    await ws.call(admin, 'users.create', OFFICE.li),
  ];
  manager = await ws.loginAs('wang', 'wang-pass-1');
  db = ws.host.workspace.db!;
});
afterEach(() => ws.dispose());

const run = (values = sheet, decisions: Record<string, 'skip' | 'fill' | 'new'> = {}, extra: Partial<Parameters<typeof commitImport>[4]> = {}) => {
  const records = rows(values).map((r) => buildRecord(r, mapping));
  const analysis = analyzeRecords(db, records);
  const summary = commitImport(db, viewer(), records, analysis, {
    fileName: '企业名录.xlsx',
    sheetName: '企业名录',
    source: 'trade_directory',
    tagIds: [],
    assignment: { mode: 'balance', userIds: sales.map((s) => s.id) },
    decisions,
    ...extra,
  });
  return { records, analysis, summary };
};

/** Commits analysed records into the pool, with the wizard's decisions. */
const commitToPool = (records: ImportRecord[], analysis: ImportAnalysis, decisions: Record<string, DuplicateDecision>, defaultDecision?: DuplicateDecision) =>
  commitImport(db, viewer(), records, analysis, {
    fileName: 'x.xlsx',
    sheetName: null,
    source: 'trade_directory',
    tagIds: [],
    assignment: { mode: 'pool' },
    decisions,
    ...(defaultDecision ? { defaultDecision } : {}),
  });

describe('analysing an import', () => {
  it('counts new, rejected, blank, total and in-file duplicate rows', () => {
    const records = rows().map((r) => buildRecord(r, mapping));
    const a = analyzeRecords(db, records);
    expect(a).toMatchObject({ total: 4, blank: 1, totals: 1, rejected: 1, fresh: 2, inFileDuplicates: 1, inDbDuplicates: 0 });
    expect(a.groups).toEqual([expect.objectContaining({ matchedOn: expect.arrayContaining(['creditCode', 'name', 'phone']), rowNumbers: [2, 6], existing: null })]);
    const first = records[0]!;
    expect(first.fields).toMatchObject({ creditCode: code1, phone: '13800138000', foundedOn: '2015-03-12', registeredCapital: 5_000_000, provinceCode: '33' });
    expect(first.contact).toMatchObject({ name: '张伟', mobile: '13800138000' });
  });
});

describe('a duplicate group far down the file', () => {
  it('carries a company name from the file, for a group whose rows the preview (the first 100 rows) does not hold', () => {
    // 150 different companies, then row 152 repeats row 140's phone under another spelling of the name.
    const values: ImportRowInput['values'][] = Array.from({ length: 150 }, (_, i) => [`远方第${i}号贸易有限公司`, null, null, `1390000${String(1000 + i)}`, null, null, null]);
    values.push(['远方第138号贸易公司分部', null, null, '13900001138', null, null, null]);
    const records = rows(values).map((r) => buildRecord(r, mapping));
    const a = analyzeRecords(db, records);
    expect(a.groups).toEqual([expect.objectContaining({ rowNumbers: [140, 152], name: '远方第138号贸易公司分部', existing: null })]);
  });
});

describe('duplicate groups beyond the ones listed', () => {
  it('lists the first groups in full and applies per-group and default decisions to every group', async () => {
    const codes = ['91330106MA27Y8K3A', '91330106MA27Y8K3B', '91330106MA27Y8K3C', '91330106MA27Y8K3D'].map(creditCode);
    const names = ['杭州一号科技有限公司', '杭州二号科技有限公司', '杭州三号科技有限公司', '杭州四号科技有限公司'];
    // Three of the four are in the database already, the third without an address.
    run([0, 1, 2].map((i) => [names[i]!, codes[i]!, null, null, i === 2 ? null : '杭州市西湖区文三路1号', null, null]));
    const existing = await ws.call(manager, 'customers.list', {});
    const idOf = (name: string) => existing.rows.find((r) => r.name === name)!.id;
    const again = [0, 1, 2, 3, 3].map((i): ImportRowInput['values'] => [names[i]!, codes[i]!, null, null, '杭州市滨江区网商路699号', null, null]);
    const records = rows(again).map((r) => buildRecord(r, mapping));
    const a = analyzeRecords(db, records, 2);
    expect(a).toMatchObject({ inDbDuplicates: 3, inFileDuplicates: 1, fresh: 1 });
    expect(a.duplicates.size).toBe(4);
    // Listed: the first two, in file order, with the existing customer's name and owner as the database has them.
    expect(a.groups.map((g) => [g.id, g.rowNumbers, g.existing?.name])).toEqual([
      [`db:${idOf(names[0]!)}`, [2], names[0]],
      [`db:${idOf(names[1]!)}`, [3], names[1]],
    ]);
    expect(sales.map((s) => s.id)).toContain(a.groups[0]!.existing!.owner!.id);
    expect(a.groups[0]!.existing!.owner!.displayName).not.toBe('');
    // Not listed, but known: the third customer's group and the group within the file.
    expect(a.duplicates.groupOf(4)).toBe(`db:${idOf(names[2]!)}`);
    expect(a.duplicates.groupOf(5)).toBe('file:5');
    expect(a.duplicates.groupOf(6)).toBe('file:5');
    // What "set all to" decides beyond the list: the third customer's row and the repeat of the fourth.
    expect(a.duplicates.followersFrom(2)).toBe(2);
    const summary = commitToPool(records, a, { [`db:${idOf(names[2]!)}`]: 'fill' }, 'new');
    // New: the first two again (default), the fourth and its repeat (default); filled: the third's empty address.
    expect(summary).toMatchObject({ created: 4, filled: 1, skipped: 0 });
    const third = await ws.call(manager, 'customers.get', { id: idOf(names[2]!) });
    expect(third.customer.address).toBe('杭州市滨江区网商路699号');
  });
});

describe('a row that repeats an earlier row of a customer already in the database', () => {
  it('joins that customer\'s group, and the groups not listed follow the default decision', async () => {
    const [codeA, codeB] = ['91330106MA27Y8K3E', '91330106MA27Y8K3F'].map(creditCode);
    // A is in the database without a phone or an address, B without an address.
    run([
      ['杭州甲科技有限公司', codeA!, null, null, null, null, null],
      ['杭州乙科技有限公司', codeB!, null, null, null, null, null],
    ]);
    const before = await ws.call(manager, 'customers.list', {});
    const idOf = (name: string) => before.rows.find((r) => r.name === name)!.id;
    const records = rows([
      ['杭州甲科技有限公司', codeA!, null, '13712345678', '杭州市西湖区文三路1号', null, null],
      // Matches nothing in the database, but has the phone of the row above: A's group.
      ['杭州甲科技有限公司萧山分部', null, null, '13712345678', null, null, null],
      ['杭州乙科技有限公司', codeB!, null, null, '杭州市滨江区网商路699号', null, null],
    ]).map((r) => buildRecord(r, mapping));
    const a = analyzeRecords(db, records, 1);
    expect(a).toMatchObject({ inDbDuplicates: 2, inFileDuplicates: 1, fresh: 0 });
    expect(a.groups.map((g) => [g.id, g.rowNumbers])).toEqual([[`db:${idOf('杭州甲科技有限公司')}`, [2, 3]]]);
    expect(a.duplicates.groupOf(3)).toBe(`db:${idOf('杭州甲科技有限公司')}`);
    expect(a.duplicates.groupOf(4)).toBe(`db:${idOf('杭州乙科技有限公司')}`);
    expect(a.duplicates.followersFrom(1)).toBe(1);
    const summary = commitToPool(records, a, { [`db:${idOf('杭州甲科技有限公司')}`]: 'fill' });
    // A filled by its row (the branch office's row finds nothing left to fill); B, not listed, skipped by default.
    expect(summary).toMatchObject({ created: 0, filled: 1, skipped: 2 });
    const customerA = (await ws.call(manager, 'customers.get', { id: idOf('杭州甲科技有限公司') })).customer;
    expect(customerA).toMatchObject({ phone: '13712345678', address: '杭州市西湖区文三路1号' });
    expect((await ws.call(manager, 'customers.get', { id: idOf('杭州乙科技有限公司') })).customer.address).toBeNull();
    expect((await ws.call(manager, 'customers.list', {})).total).toBe(2);
  });
});

describe('the search index after an import', () => {
  /** Everything the index holds, by the record each document is of (docids change on a rebuild). */
  const indexDump = (): string[] =>
    // A temporary fts5vocab table per index: work on the connection itself.
    db.maintenance((q) => {
      const out: string[] = [];
      for (const t of ['search_trgm_name', 'search_trgm_other', 'search_grams_name', 'search_grams_address']) {
        q.exec(`DROP TABLE IF EXISTS temp.v; CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, ${t}, instance)`);
        for (const r of q.prepare(`SELECT v.term, v.col, v.offset, d.ref_id AS ref FROM temp.v v JOIN search_docs d ON d.docid = v.doc`).all() as Record<string, unknown>[])
          out.push(`${t}|${r.term}|${r.col}|${r.offset}|${r.ref}`);
      }
      for (const r of q.prepare(`SELECT k.key, d.ref_id AS ref FROM search_keys k JOIN search_docs d ON d.docid = k.docid`).all() as Record<string, unknown>[])
        out.push(`keys|${r.key}|${r.ref}`);
      const docs = q.prepare('SELECT count(*) AS n FROM search_docs').get() as { n: number };
      out.push(`docs|${docs.n}`);
      return out.sort();
    });

  it('holds exactly what a rebuild from the tables gives, fills and in-file duplicates included', async () => {
    // One customer before the import (indexed by its trigger), which the import then fills.
    const existing = await ws.call(manager, 'customers.create', { fields: { name: '深圳远航电子有限公司' }, confirmDuplicates: false });
    const records = rows().map((r) => buildRecord(r, mapping));
    const a = analyzeRecords(db, records);
    const decisions = Object.fromEntries(a.groups.map((g) => [g.id, 'fill' as const]));
    expect(a.groups.some((g) => g.existing?.id === existing.id)).toBe(true);
    expect(a.groups.some((g) => !g.existing)).toBe(true); // the in-file duplicate fills the row created just before it
    commitToPool(records, a, decisions);
    const imported = indexDump();
    expect(imported.some((l) => l.startsWith('keys|') && l.includes('13800138000'))).toBe(true);
    db.write(null, (tx) => rebuildSearchIndex(tx.sqlite));
    expect(imported).toEqual(indexDump());
    for (const t of ['search_trgm_name', 'search_trgm_other']) expect(() => db.write(null, (tx) => tx.sqlite.exec(`INSERT INTO ${t} (${t}) VALUES ('integrity-check')`))).not.toThrow();
    // And the search finds what the import wrote, by name, phone and pinyin initials.
    for (const q of ['星辰信息', '13800138000', 'hzxc']) {
      const hits = await ws.call(manager, 'search.query', { q, limit: 10 });
      expect(hits.map((h) => h.title)).toContain('杭州星辰信息科技有限公司');
    }
  });
});

describe('committing an import', () => {
  it('creates the customers with source, batch and balanced owners, skipping the in-file duplicate', async () => {
    const { summary } = run();
    expect(summary).toMatchObject({ created: 2, skipped: 1, rejected: 1 });
    const list = await ws.call(manager, 'customers.list', {});
    expect(list.rows.map((r) => r.name).sort()).toEqual(['杭州星辰信息科技有限公司', '深圳远航电子有限公司']);
    expect(new Set(list.rows.map((r) => r.owner?.id))).toEqual(new Set(sales.map((s) => s.id)));
    expect(list.rows.every((r) => r.source === 'trade_directory')).toBe(true);
  });

  it('creates nothing the second time the same file is imported', async () => {
    run();
    const again = run();
    expect(again.analysis.inDbDuplicates).toBe(3);
    expect(again.summary.created).toBe(0);
    expect((await ws.call(manager, 'customers.list', {})).total).toBe(2);
  });

  it('keeps the owner of a company already in the database and only fills its empty fields', async () => {
    const existing = await ws.call(manager, 'customers.create', {
      fields: { name: '深圳远航电子有限公司' },
      ownerId: sales[0]!.id,
      confirmDuplicates: false,
    });
    const records = rows().map((r) => buildRecord(r, mapping));
    const a = analyzeRecords(db, records);
    const group = a.groups.find((g) => g.existing?.id === existing.id)!;
    expect(group.existing?.owner?.displayName).toBe('张三');
    commitImport(db, viewer(), records, a, {
      fileName: 'x.xlsx',
      sheetName: null,
      source: 'trade_directory',
      tagIds: [],
      assignment: { mode: 'user', userId: sales[1]!.id },
      decisions: { [group.id]: 'fill' },
    });
    const card = await ws.call(manager, 'customers.get', { id: existing.id });
    expect(card.customer.owner?.id).toBe(sales[0]!.id);
    expect(card.customer.creditCode).toBe(code2);
    expect(card.contacts.map((c) => c.name)).toEqual(['李娜']);
  });

  it('follows each duplicate group’s decision: new creates another customer, fill fills, skip skips', async () => {
    run([sheet[0]!, sheet[1]!]);
    // The same two companies again, plus the first one twice more in the file.
    const again = [sheet[0]!, sheet[1]!, sheet[4]!];
    const records = rows(again).map((r) => buildRecord(r, mapping));
    const a = analyzeRecords(db, records);
    expect(a.inDbDuplicates).toBe(3);
    const groupOf = (name: string) => a.groups.find((g) => g.existing?.name === name)!;
    const star = groupOf('杭州星辰信息科技有限公司');
    const far = groupOf('深圳远航电子有限公司');
    expect(star.rowNumbers).toEqual([2, 4]);
    const summary = commitImport(db, viewer(), records, a, {
      fileName: 'again.xlsx',
      sheetName: null,
      source: 'trade_directory',
      tagIds: [],
      assignment: { mode: 'pool' },
      decisions: { [star.id]: 'new', [far.id]: 'skip' },
    });
    expect(summary).toMatchObject({ created: 2, skipped: 1, filled: 0 });
    const names = (await ws.call(manager, 'customers.list', {})).rows.map((r) => r.name).sort();
    expect(names).toEqual(['杭州星辰信息科技有限公司', '杭州星辰信息科技有限公司', '杭州星辰信息科技有限公司', '深圳远航电子有限公司']);
  });

  it('leaves the database exactly as it was when cancelled or when a write fails half-way', () => {
    run([sheet[0]!]);
    const before = JSON.stringify(dumpDb(db.sqlite));
    let calls = 0;
    const many = Array.from({ length: 1200 }, (_, i) => [`测试导入公司${i}号`, null, null, null, null, null, null]);
    expect(() => run(many, {}, { shouldCancel: () => ++calls > 2 })).toThrow(expect.objectContaining({ code: 'IMPORT_CANCELLED' }));
    expect(JSON.stringify(dumpDb(db.sqlite))).toBe(before);
    let progress = 0;
    expect(() =>
      run(many, {}, {
        onProgress: (done) => {
          progress += 1;
          if (done >= 1000) throw new Error('disk full');
        },
      }),
    ).toThrow('disk full');
    expect(progress).toBeGreaterThan(1);
    expect(JSON.stringify(dumpDb(db.sqlite))).toBe(before);
  });
});

describe('the change log of an import', () => {
  it('records the batch once, not each row, and the history shows the import as the creation, which can be restored', async () => {
    const logged = (table: string) => (db.sqlite.prepare('SELECT count(*) AS n FROM change_log WHERE table_name = ?').get(table) as { n: number }).n;
    const before = { customers: logged('customers'), contacts: logged('contacts') };
    const { summary } = run();
    expect(summary.created).toBe(2);
    expect({ customers: logged('customers'), contacts: logged('contacts') }).toEqual(before);
    const batch = db.sqlite.prepare(`SELECT * FROM change_log WHERE table_name = 'import_batches' AND record_id = ?`).get(summary.batchId) as Record<string, unknown>;
    expect(batch).toMatchObject({ op: 'insert', actor_id: viewer().id });
    expect(JSON.parse(batch.after as string)).toMatchObject({ file_name: '企业名录.xlsx', user_id: viewer().id });

    const list = await ws.call(manager, 'customers.list', {});
    const id = list.rows.find((r) => r.name === '杭州星辰信息科技有限公司')!.id;
    let history = await ws.call(manager, 'customers.history', { id });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ op: 'insert', changeId: batch.id, at: batch.at, actor: { id: viewer().id } });
    expect(history[0]!.values).toMatchObject({ name: '杭州星辰信息科技有限公司', creditCode: code1, address: '浙江省杭州市西湖区文三路90号' });

    // An edit later: the creation is still the customer as imported, and restoring it brings the imported address back.
    await ws.call(manager, 'customers.update', { id, fields: { address: '浙江省杭州市滨江区江南大道1号' } });
    history = await ws.call(manager, 'customers.history', { id });
    expect(history.map((v) => v.op)).toEqual(['update', 'insert']);
    expect(history[1]!.values.address).toBe('浙江省杭州市西湖区文三路90号');
    expect(history[0]!.changed).toEqual(['address']);
    const restored = await ws.call(manager, 'customers.restoreVersion', { id, changeId: history[1]!.changeId });
    expect(restored.address).toBe('浙江省杭州市西湖区文三路90号');
    // The batch's entry names no other customer's creation.
    const other = list.rows.find((r) => r.name !== '杭州星辰信息科技有限公司')!.id;
    const created = await ws.call(manager, 'customers.create', { fields: { name: '无关客户有限公司' }, confirmDuplicates: false });
    await expect(ws.call(manager, 'customers.restoreVersion', { id: created.id, changeId: batch.id as number })).rejects.toThrow('NOT_FOUND');
    expect((await ws.call(manager, 'customers.history', { id: other }))[0]!.changeId).toBe(batch.id);
  });
});

describe('undoing an import', () => {
  it('removes exactly the batch’s customers', async () => {
    const keep = await ws.call(manager, 'customers.create', { fields: { name: '原有客户' }, confirmDuplicates: false });
    const { summary } = run();
    // Time passes before the undo: the import's own timeline entries must not count as later edits.
    ws.clock.advance(60_000);
    expect(undoImport(db, viewer(), summary.batchId)).toEqual({ removed: 2, reverted: 0, touched: [] });
    expect((await ws.call(manager, 'customers.list', {})).rows.map((r) => r.id)).toEqual([keep.id]);
  });

  it('keeps a record someone changed since and lists it', async () => {
    const { summary } = run();
    const list = await ws.call(manager, 'customers.list', {});
    const changed = list.rows[0]!;
    ws.clock.advance(1000);
    await ws.call(manager, 'customers.update', { id: changed.id, fields: { notes: '已电话联系' } });
    const result = undoImport(db, viewer(), summary.batchId);
    expect(result.removed).toBe(1);
    expect(result.touched).toEqual([{ id: changed.id, name: changed.name }]);
    expect((await ws.call(manager, 'customers.list', {})).rows.map((r) => r.id)).toEqual([changed.id]);
  });
});

describe('committing on a connection of its own, as the records stream in (the import process’s runner)', () => {
  it('writes batch by batch, reports progress, and leaves no trace when cancelled or when the read fails', async () => {
    const { streamingRunner } = await import('../../src-main/services/import/jobs');
    const { openDatabase } = await import('../../src-main/db/connection');
    const workspace = ws.host.workspace;
    let opened = 0;
    const runner = streamingRunner(() => {
      opened += 1;
      return openDatabase(workspace.dbFile, workspace.openKey(), { clock: ws.clock, migrationsFolder: workspace.migrationsFolder, secondary: true, cacheMiB: 8 });
    });
    const many = Array.from({ length: 3000 }, (_, i) => [`流式导入公司${i}号`, null, null, null, null, null, null] as ImportRowInput['values']);
    const records = rows(many).map((r) => buildRecord(r, mapping));
    const analysis = analyzeRecords(db, records);
    const base = { fileName: 'w.xlsx', sheetName: null, source: 'trade_directory', tagIds: [], assignment: { mode: 'pool' } as const, decisions: {} };

    // The records come by batches of 250, as the session reads them from the file; `failAt` makes the read fail there.
    let emitted = 0;
    const source =
      (failAt = Infinity): RecordSource =>
      async (emit) => {
        for (let i = 0; i < records.length; i += 250) {
          if (i >= failAt) throw new Error('read error');
          await emit(records.slice(i, i + 250));
          emitted += 1;
        }
      };

    const before = JSON.stringify(dumpDb(db.sqlite));
    let cancelAt = 0;
    await expect(runner(viewer(), source(), analysis, { ...base, shouldCancel: () => cancelAt > 0, onProgress: (d) => (cancelAt = d) })).rejects.toMatchObject({
      code: 'IMPORT_CANCELLED',
    });
    expect(JSON.stringify(dumpDb(db.sqlite))).toBe(before);
    // Each batch is written before the next is read: the cancel stopped the reading too.
    expect(emitted).toBeLessThan(12);

    await expect(runner(viewer(), source(2000), analysis, base)).rejects.toThrow('read error');
    expect(JSON.stringify(dumpDb(db.sqlite))).toBe(before);

    const seen: number[] = [];
    const summary = await runner(viewer(), source(), analysis, { ...base, onProgress: (d) => seen.push(d) });
    expect(summary.created).toBe(3000);
    expect(seen.at(-1)).toBe(3000);
    expect(opened).toBe(3);
    expect((await ws.call(manager, 'customers.list', { filter: { owner: 'pool' } })).total).toBe(3000);
  });
});
