import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { trackedTables } from '../../src-main/db/changes';
import { openDatabase, type Db } from '../../src-main/db/connection';
import { sourceMigrationsFolder } from '../../src-main/db/migrate';
import { changeFeed } from '../../src-main/changeFeed';
import type { Session } from '../../src-main/ipc/session';
import { forkImportProcess, IMPORT_COMMIT_TABLES } from '../../src-main/services/import/remote';
import { ADMIN, OFFICE, createTestWorkspace, type TestWorkspace, finishedImport } from '../helpers/workspace';
import { twoPcs } from './exchange-helpers';

/**
 * Change notices (src-main/db/changes.ts): every committed write tells which tables it changed, on a
 * real encrypted database. The oracle is the tables' contents: a digest of every table before and
 * after the write, so "exactly the tables it touched" is checked against what really changed.
 */

let ws: TestWorkspace | undefined;
let cleanup: (() => void) | undefined;
afterEach(() => {
  ws?.dispose();
  ws = undefined;
  cleanup?.();
  cleanup = undefined;
});

/** Each table's rows, as sorted JSON, hashed (some tables have no rowid to order by). */
const digest = (db: Db): Map<string, string> =>
  new Map(
    trackedTables(db.sqlite).map((t) => {
      const rows = (db.sqlite.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][]).map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
      return [t, createHash('sha256').update(rows.sort().join('\n')).digest('hex')];
    }),
  );

const changedBetween = (before: Map<string, string>, after: Map<string, string>): string[] =>
  [...after].filter(([t, h]) => before.get(t) !== h).map(([t]) => t).sort();

/** Every notice the connection gives while `fn` runs (and the turn of the event loop after it). */
const noticesDuring = async (db: Db, fn: () => unknown): Promise<string[][]> => {
  const heard: string[][] = [];
  const stop = db.onCommit((tables) => heard.push([...tables].sort()));
  try {
    await fn();
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
  } finally {
    stop();
  }
  return heard;
};

const office = async () => {
  ws = await createTestWorkspace();
  const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
  const zhangId = (await ws.call(admin, 'users.create', OFFICE.zhang)).id;
  const zhang = await ws.loginAs('zhang', 'zhang-pass-1');
  return { ws, admin, zhang, zhangId, db: ws.host.workspace.db! };
};

describe('a committed write tells the tables it changed', () => {
  it('creating a customer with a contact, an order and a contact entry: one notice each, exactly the tables whose contents changed', async () => {
    const { ws, zhang, db } = await office();
    let customerId = '';
    const writes: (() => Promise<unknown>)[] = [
      async () => {
        customerId = (await ws.call(zhang, 'customers.create', { fields: { name: '杭州通知测试有限公司', phone: '0571-88880001' }, confirmDuplicates: false })).id;
      },
      () => ws.call(zhang, 'contacts.create', { customerId, fields: { name: '王经理', mobile: '13800000002' } }),
      () => ws.call(zhang, 'orders.create', { customerId, orderDate: '2026-11-20', dueDate: '2026-12-20', lines: [{ product: '电机', quantity: 2, unitPrice: 10_000 }] }),
      () => ws.call(zhang, 'activities.create', { customerId, type: 'call_out', occurredAt: ws.clock.now() - 3_600_000, summary: '电话回访' }),
      () => ws.call(zhang, 'customers.update', { id: customerId, fields: { notes: '重要客户' } }),
    ];
    for (const [i, write] of writes.entries()) {
      const before = digest(db);
      const heard = await noticesDuring(db, write);
      const changed = changedBetween(before, digest(db));
      expect(changed.length, `write ${i}`).toBeGreaterThan(0);
      expect(heard, `write ${i}`).toEqual([changed]);
    }
  });

  it('a write that only reads, or changes nothing, tells nothing', async () => {
    const { ws, zhang, db } = await office();
    const heard = await noticesDuring(db, async () => {
      await ws.call(zhang, 'customers.list', { filter: {} });
      await ws.call(zhang, 'tags.list', {});
      db.write(zhang.user!.id, (tx) => tx.sqlite.prepare('SELECT count(*) FROM customers').get());
    });
    expect(heard).toEqual([]);
  });

  it('a rolled-back write tells nothing, and leaves nothing for the next write to tell', async () => {
    const { db, zhangId } = await office();
    const before = digest(db);
    const heard = await noticesDuring(db, () => {
      expect(() =>
        db.write(zhangId, (tx) => {
          tx.sqlite.prepare("INSERT INTO tags (id, name, color, created_at, created_by, updated_at, updated_by) VALUES ('t1', '重点', 'red', 1, ?, 1, ?)").run(zhangId, zhangId);
          throw new Error('changed my mind');
        }),
      ).toThrow('changed my mind');
      // A multi-turn transaction (the import's) rolled back.
      const open = db.begin(zhangId);
      open.tx.sqlite.prepare("UPDATE users SET display_name = '张三丰' WHERE id = ?").run(zhangId);
      open.rollback();
    });
    expect(heard).toEqual([]);
    expect(changedBetween(before, digest(db))).toEqual([]);

    // The next write tells only its own tables, not the rolled-back ones.
    const next = await noticesDuring(db, () => db.write(zhangId, (tx) => tx.sqlite.prepare("UPDATE settings SET value = value WHERE key = 'nothing'").run()));
    expect(next).toEqual([]);
    const own = await noticesDuring(db, () => db.write(zhangId, (tx) => tx.sqlite.prepare('INSERT INTO user_prefs (user_id, key, value, updated_at) VALUES (?, ?, ?, 1)').run(zhangId, 'x', '1')));
    expect(own).toEqual([['user_prefs']]);
  });

  it('a nested write that fails and is caught leaves only the outer write’s tables; nothing is told before the outermost COMMIT', async () => {
    const { db, zhangId } = await office();
    const heard: string[][] = [];
    const stop = db.onCommit((t) => heard.push([...t].sort()));
    db.write(zhangId, (tx) => {
      tx.sqlite.prepare('INSERT INTO user_prefs (user_id, key, value, updated_at) VALUES (?, ?, ?, 1)').run(zhangId, 'a', '1');
      try {
        db.write(zhangId, (inner) => {
          inner.sqlite.prepare("UPDATE users SET display_name = '张三丰' WHERE id = ?").run(zhangId);
          throw new Error('inner fails');
        });
      } catch {
        // The inner savepoint is rolled back; the outer write goes on.
      }
      db.write(zhangId, (inner) => inner.sqlite.prepare('INSERT INTO user_prefs (user_id, key, value, updated_at) VALUES (?, ?, ?, 1)').run(zhangId, 'b', '1'));
      expect(heard).toEqual([]);
    });
    stop();
    expect(heard).toEqual([['user_prefs']]);
  });

  it('a multi-turn transaction (begin) tells its tables at its COMMIT', async () => {
    const { db, zhangId } = await office();
    const heard: string[][] = [];
    const stop = db.onCommit((t) => heard.push([...t].sort()));
    const open = db.begin(zhangId);
    open.tx.sqlite.prepare('INSERT INTO user_prefs (user_id, key, value, updated_at) VALUES (?, ?, ?, 1)').run(zhangId, 'a', '1');
    await new Promise((r) => setTimeout(r, 5));
    expect(heard).toEqual([]);
    open.commit();
    stop();
    expect(heard).toEqual([['user_prefs']]);
  });

  it('a statement outside write() is told on the next turn of the event loop, a bare transaction once it has ended', async () => {
    const { db, zhangId } = await office();
    // Only the connection itself (Db.maintenance) can write outside write(): the types allow nothing else.
    const heard = await noticesDuring(db, () =>
      db.maintenance((sqlite) => {
        sqlite.prepare('INSERT INTO user_prefs (user_id, key, value, updated_at) VALUES (?, ?, ?, 1)').run(zhangId, 'a', '1');
        sqlite.transaction(() => sqlite.prepare("UPDATE users SET display_name = '张三丰' WHERE id = ?").run(zhangId))();
      }),
    );
    expect(heard).toHaveLength(1);
    expect(heard[0]).toEqual(expect.arrayContaining(['user_prefs', 'users', 'change_log']));
  });

  it('the import process’s connection (secondary) has no change triggers, and its commits change nothing in the primary one’s', async () => {
    const { db, zhangId } = await office();
    const temp = db.sqlite.prepare("SELECT count(*) AS n FROM sqlite_temp_master WHERE type = 'trigger' AND name LIKE 'tuoke_touched_%'").get() as { n: number };
    expect(temp.n).toBe(trackedTables(db.sqlite).length * 3);
    const other = openDatabase(join(ws!.dir, 'tuoke.db'), ws!.host.workspace.openKey(), { clock: ws!.clock, migrationsFolder: sourceMigrationsFolder(), secondary: true });
    try {
      expect((other.sqlite.prepare("SELECT count(*) AS n FROM sqlite_temp_master WHERE type = 'trigger'").get() as { n: number }).n).toBe(0);
      const heard = await noticesDuring(db, () =>
        other.write(zhangId, (tx) => tx.sqlite.prepare('INSERT INTO user_prefs (user_id, key, value, updated_at) VALUES (?, ?, ?, 1)').run(zhangId, 'a', '1')),
      );
      expect(heard).toEqual([]);
    } finally {
      other.close();
    }
  });

  it('the search index’s FTS tables have no triggers of their own; their content tables are tracked', async () => {
    const { db } = await office();
    const tracked = trackedTables(db.sqlite);
    expect(tracked).toEqual(expect.arrayContaining(['customers', 'search_docs', 'search_keys']));
    expect(tracked.some((t) => t.startsWith('search_trgm') || t.startsWith('search_grams'))).toBe(false);
    expect(tracked.some((t) => t.startsWith('sqlite_'))).toBe(false);
  });
});

describe('the host tells windows', () => {
  it('a call’s result names the tables its own writes changed; every listener hears them gathered', async () => {
    const { ws, zhang } = await office();
    const feed = changeFeed(ws.host.workspace, ws.host.registry);
    const heard: string[][] = [];
    feed.onChange((t) => heard.push(t));
    const created = await feed.invoke(zhang, 'customers.create', { fields: { name: '宁波推送测试有限公司' }, confirmDuplicates: false });
    expect(created.ok).toBe(true);
    expect(created.changed).toEqual(expect.arrayContaining(['customers', 'customer_events', 'change_log']));
    const read = await feed.invoke(zhang, 'customers.list', { filter: {} });
    expect(read.changed).toBeUndefined();
    await expect.poll(() => heard).toEqual([created.changed]);
  });
});

describe('exchange.commit', () => {
  it('tells the orders, visits and contact-log tables it wrote', async () => {
    const ids = { zhangCust: '' };
    const pcs = await twoPcs(async (a) => {
      await a.call('users.create', OFFICE.zhang);
      const zhang = await a.login('zhang', 'zhang-pass-1');
      ids.zhangCust = (await a.call('customers.create', { fields: { name: '杭州交换通知公司' }, confirmDuplicates: false }, zhang)).id;
    });
    cleanup = pcs.dispose;
    const { a, b } = pcs;
    const zhangA = await a.login('zhang', 'zhang-pass-1');
    const DAY = 24 * 60 * 60 * 1000;
    const o = await a.call('orders.create', { customerId: ids.zhangCust, orderDate: '2026-11-20', dueDate: '2026-12-20', lines: [{ product: '电机', quantity: 4, unitPrice: 25_000 }] }, zhangA);
    await a.call('orders.addPayment', { orderId: o.id, paidOn: '2026-11-21', amount: 40_000 }, zhangA);
    await a.call('activities.create', { customerId: ids.zhangCust, type: 'call_out', occurredAt: a.clock.now() - DAY, summary: '催款' }, zhangA);
    await a.call('visits.create', { fields: { customerId: ids.zhangCust, plannedAt: a.clock.now() + DAY, purpose: '回访' }, submit: true }, zhangA);
    const file = join(a.dir, 'a.xlsx');
    await a.exportTo(file);
    const feed = changeFeed(b.host.workspace, b.host.registry);
    const pushed: string[][] = [];
    feed.onChange((t) => pushed.push(t));
    const preview = await feed.invoke(b.session, 'exchange.analyze', { fileName: 'a.xlsx', dataBase64: readFileSync(file).toString('base64') });
    expect(preview.ok).toBe(true);
    const before = digest(b.db);
    const committed = await feed.invoke(b.session, 'exchange.commit', { token: (preview as { value: { token: string } }).value.token });
    expect(committed.ok).toBe(true);
    const changed = changedBetween(before, digest(b.db));
    expect(changed).toEqual(expect.arrayContaining(['orders', 'order_lines', 'payments', 'customer_sales', 'visits', 'activities', 'customers']));
    // Its own result and the notice every window hears name them all (and possibly a table whose rows were only rewritten as they were).
    expect(committed.changed).toEqual(expect.arrayContaining(changed));
    await expect.poll(() => pushed.flat()).toEqual(expect.arrayContaining(changed));
  });
});

describe('a lead import', () => {
  const fixture = resolve('../shared/fixtures/spreadsheets/company_list_libreoffice.xlsx');

  /** Uploads the fixture, analyses it and commits it; resolves when the job is done. */
  const importFixture = async (w: TestWorkspace, manager: Session, defaultDecision: 'skip' | 'fill' | 'new') => {
    const bytes = readFileSync(fixture);
    const { uploadId } = await w.call(manager, 'import.upload', { fileName: 'list.xlsx', offset: 0, chunkBase64: bytes.toString('base64'), final: true });
    const info = await w.call(manager, 'import.sheets', { uploadId });
    const sheetIndex = info.sheets.find((s) => s.offered)!.index;
    const preview = await w.call(manager, 'import.preview', { uploadId, sheetIndex });
    await w.call(manager, 'import.analyze', { uploadId, sheetIndex, headerRow: preview.headerRow, targets: preview.targets, unmappedToNotes: true });
    const tagId = (await w.call(manager, 'tags.create', { name: `展会${defaultDecision}` })).id;
    const { jobId } = await w.call(manager, 'import.commit', { uploadId, decisions: {}, defaultDecision, assignment: { mode: 'pool' }, tagIds: [tagId] });
    const job = await finishedImport(w, manager, jobId);
    expect(job.state).toBe('done');
    await w.call(manager, 'import.discard', { uploadId });
    return job;
  };

  const managerOf = async (w: TestWorkspace) => {
    const admin = await w.loginAs(ADMIN.username, ADMIN.password);
    await w.call(admin, 'users.create', OFFICE.wang);
    return w.loginAs('wang', 'wang-pass-1');
  };

  it('committed on the window’s own connection, touches only the tables the import process’s commit is announced with', async () => {
    ws = await createTestWorkspace();
    const manager = await managerOf(ws);
    const heard = new Set<string>();
    ws.host.workspace.db!.onCommit((t) => t.forEach((x) => heard.add(x)));
    const before = digest(ws.host.workspace.db!);
    await importFixture(ws, manager, 'new');
    // Again, the same file: existing customers filled in.
    await importFixture(ws, manager, 'fill');
    const changed = changedBetween(before, digest(ws.host.workspace.db!)).filter((t) => t !== 'tags' && t !== 'user_prefs');
    expect(changed).toEqual(expect.arrayContaining(['customers', 'import_batches', 'customer_tags']));
    // tags.create and the analysis' remembered column mapping (user_prefs) are other writes.
    expect([...heard].filter((t) => t !== 'tags' && t !== 'user_prefs').sort()).toEqual(expect.arrayContaining(changed));
    for (const t of heard) if (t !== 'tags' && t !== 'user_prefs') expect(IMPORT_COMMIT_TABLES).toContain(t);
  });

  it('committed in the import process, is told in the window’s process when the job is done', async () => {
    const spawn = forkImportProcess(new URL('../../src-main/services/import/process.ts', import.meta.url), ['--import', 'tsx']);
    ws = await createTestWorkspace({ importProcess: spawn });
    const manager = await managerOf(ws);
    const heard: string[][] = [];
    ws.host.workspace.onChange((t) => heard.push([...t].sort()));
    await importFixture(ws, manager, 'new');
    expect(heard).toContainEqual([...IMPORT_COMMIT_TABLES].sort());
  });
});
