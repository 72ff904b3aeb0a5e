import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReadSqlite } from '../../src-main/db/connection';
import type { Session } from '../../src-main/ipc/session';
import { rowCount, workspaceFingerprint } from '../helpers/rawDb';
import { ADMIN, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

type LogRow = {
  id: number;
  at: number;
  actor_id: string | null;
  table_name: string;
  record_id: string;
  op: 'insert' | 'update' | 'delete';
  before: string | null;
  after: string | null;
};

let ws: TestWorkspace;
afterEach(() => ws?.dispose());

const sqliteOf = (): ReadSqlite => ws.host.workspace.db!.sqlite;

const logRows = (): LogRow[] => sqliteOf().prepare(`SELECT * FROM change_log ORDER BY id`).all() as LogRow[];

const json = (text: string | null): Record<string, unknown> | null => (text === null ? null : (JSON.parse(text) as Record<string, unknown>));

const keyringText = (): string => readFileSync(join(ws.dir, 'keyring.json'), 'utf8');

const loggedInAdmin = async (): Promise<{ admin: Session; adminId: string }> => {
  ws = await createTestWorkspace();
  const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
  return { admin, adminId: admin.user!.id };
};

describe('change log', () => {
  it('records the set-up: the first admin and the settings, as inserts by that admin', async () => {
    const { adminId } = await loggedInAdmin();
    const rows = logRows();
    expect(rows.map((r) => [r.table_name, r.op, r.record_id])).toEqual([
      ['users', 'insert', adminId],
      ['settings', 'insert', 'workspaceId'],
      ['settings', 'insert', 'companyName'],
      ['settings', 'insert', 'locale'],
    ]);
    expect(rows.every((r) => r.actor_id === adminId)).toBe(true);
  });

  it('records a new user as an insert by the acting admin, with the whole row after', async () => {
    const { admin, adminId } = await loggedInAdmin();
    ws.clock.advance(1000);
    const created = await ws.addUser(admin, 'lisi', 'sales');
    const row = logRows().at(-1)!;
    expect(row).toMatchObject({ actor_id: adminId, table_name: 'users', record_id: created.id, op: 'insert', before: null, at: ws.clock.now() });
    expect(json(row.after)).toMatchObject({
      id: created.id,
      username: 'lisi',
      username_key: 'lisi',
      display_name: 'lisi',
      role: 'sales',
      active: 1,
      created_by: adminId,
    });
  });

  it('records users.update with the old name before and the new name after', async () => {
    const { admin, adminId } = await loggedInAdmin();
    const created = await ws.addUser(admin, 'lisi', 'sales');
    const count = logRows().length;
    ws.clock.advance(60_000);
    await ws.call(admin, 'users.update', { id: created.id, displayName: '李四', role: 'manager' });
    const rows = logRows();
    expect(rows).toHaveLength(count + 1);
    const row = rows.at(-1)!;
    expect(row).toMatchObject({ actor_id: adminId, table_name: 'users', record_id: created.id, op: 'update' });
    expect(json(row.before)).toMatchObject({ display_name: 'lisi', role: 'sales' });
    expect(json(row.after)).toMatchObject({ display_name: '李四', role: 'manager', updated_by: adminId, updated_at: ws.clock.now() });
  });

  it('records settings.update with the old and new company name', async () => {
    const { admin, adminId } = await loggedInAdmin();
    await ws.call(admin, 'settings.update', { companyName: '新名字有限公司' });
    const row = logRows().at(-1)!;
    expect(row).toMatchObject({ actor_id: adminId, table_name: 'settings', record_id: 'companyName', op: 'update' });
    expect(json(row.before)).toMatchObject({ value: JSON.stringify('杭州测试贸易有限公司') });
    expect(json(row.after)).toMatchObject({ value: JSON.stringify('新名字有限公司'), updated_by: adminId });
  });

  it('records a delete with the whole row before and the acting user', async () => {
    const { adminId } = await loggedInAdmin();
    const db = ws.host.workspace.db!;
    db.write(adminId, (tx) => tx.sqlite.prepare(`DELETE FROM settings WHERE key = ?`).run('locale'));
    const row = logRows().at(-1)!;
    expect(row).toMatchObject({ actor_id: adminId, table_name: 'settings', record_id: 'locale', op: 'delete', after: null });
    expect(json(row.before)).toMatchObject({ key: 'locale', value: JSON.stringify('zh-CN') });
  });

  it('records the actor only for the write it belongs to', async () => {
    const { adminId } = await loggedInAdmin();
    const db = ws.host.workspace.db!;
    db.write(adminId, (tx) => tx.sqlite.prepare(`UPDATE settings SET value = ? WHERE key = 'locale'`).run('"en"'));
    // A statement outside any write (only the connection itself can run one) has no actor.
    db.maintenance((sqlite) => sqlite.prepare(`UPDATE settings SET value = ? WHERE key = 'locale'`).run('"zh-CN"'));
    expect(logRows().slice(-2).map((r) => r.actor_id)).toEqual([adminId, null]);
  });

  it('writes no row for a users.update that changes nothing, even minutes later', async () => {
    const { admin } = await loggedInAdmin();
    const created = await ws.addUser(admin, 'lisi', 'sales');
    await ws.call(admin, 'users.update', { id: created.id, displayName: '李四', role: 'sales' });
    const before = workspaceFingerprint(sqliteOf(), ws.dir);
    ws.clock.advance(5 * 60_000);
    const same = await ws.call(admin, 'users.update', { id: created.id, displayName: '李四', role: 'sales' });
    expect(same.displayName).toBe('李四');
    expect(workspaceFingerprint(sqliteOf(), ws.dir)).toBe(before);
  });

  it('writes no row for a settings.update that changes nothing, even minutes later', async () => {
    const { admin } = await loggedInAdmin();
    const before = workspaceFingerprint(sqliteOf(), ws.dir);
    ws.clock.advance(5 * 60_000);
    const settings = await ws.call(admin, 'settings.update', { companyName: '杭州测试贸易有限公司' });
    expect(settings.companyName).toBe('杭州测试贸易有限公司');
    expect(workspaceFingerprint(sqliteOf(), ws.dir)).toBe(before);
  });

  it('writes no row for a raw UPDATE that sets the same values', async () => {
    await loggedInAdmin();
    const count = logRows().length;
    ws.host.workspace.db!.write(null, (tx) => tx.sqlite.prepare(`UPDATE users SET display_name = display_name`).run());
    expect(logRows()).toHaveLength(count);
  });
});

describe('a failed write', () => {
  it('leaves change_log, users and keyring.json as they were when the user name is taken', async () => {
    const { admin } = await loggedInAdmin();
    await ws.addUser(admin, 'lisi', 'sales');
    const sqlite = sqliteOf();
    const log = rowCount(sqlite, 'change_log');
    const users = rowCount(sqlite, 'users');
    const keyring = keyringText();
    const before = workspaceFingerprint(sqlite, ws.dir);

    for (const username of ['lisi', 'LISI', 'ｌｉｓｉ']) {
      const result = await ws.invoke(admin, 'users.create', { username, displayName: '另一个李四', role: 'manager', password: 'another-pass-1' });
      expect(result, username).toMatchObject({ ok: false, error: { code: 'USERNAME_TAKEN', params: { username } } });
    }
    expect(rowCount(sqlite, 'change_log')).toBe(log);
    expect(rowCount(sqlite, 'users')).toBe(users);
    expect(keyringText()).toBe(keyring);
    expect(workspaceFingerprint(sqlite, ws.dir)).toBe(before);
  });

  it('leaves no user row and no change-log row when the key-slot file cannot be written', async () => {
    const { admin } = await loggedInAdmin();
    const sqlite = sqliteOf();
    const before = workspaceFingerprint(sqlite, ws.dir);
    // A folder where the atomic writer puts its temp file makes the key-slot write fail.
    const blocker = join(ws.dir, `keyring.json.tmp-${process.pid}`);
    mkdirSync(blocker);
    try {
      const result = await ws.invoke(admin, 'users.create', { username: 'wangwu', displayName: '王五', role: 'sales', password: 'wangwu-pass-1' });
      expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    } finally {
      rmSync(blocker, { recursive: true, force: true });
    }
    expect(workspaceFingerprint(sqlite, ws.dir)).toBe(before);
    // And the name is free for a second try.
    await ws.call(admin, 'users.create', { username: 'wangwu', displayName: '王五', role: 'sales', password: 'wangwu-pass-1' });
    await ws.loginAs('wangwu', 'wangwu-pass-1');
  });

  it('leaves everything as it was when the last admin would be demoted or deactivated', async () => {
    const { admin, adminId } = await loggedInAdmin();
    const sqlite = sqliteOf();
    const before = workspaceFingerprint(sqlite, ws.dir);
    expect(await ws.invoke(admin, 'users.update', { id: adminId, displayName: '新名字', role: 'manager' })).toMatchObject({
      ok: false,
      error: { code: 'LAST_ADMIN' },
    });
    expect(await ws.invoke(admin, 'users.deactivate', { id: adminId })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
    expect(workspaceFingerprint(sqlite, ws.dir)).toBe(before);
  });
});
