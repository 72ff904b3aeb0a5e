import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeIdFor } from '../../src-main/db/node';
import { SETUP_MARKER } from '../../src-main/services/workspace/workspace';
import { ADMIN, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

let ws: TestWorkspace;
const cleanups: (() => void)[] = [];
afterEach(() => {
  ws?.dispose();
  for (const c of cleanups.splice(0)) c();
});

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const mode = (file: string): number => statSync(file).mode & 0o777;
const posix = process.platform !== 'win32';

const setupInput = { companyName: '新公司', adminUsername: 'newadmin', adminDisplayName: '新管理员', password: 'new-admin-pass-1', locale: 'zh-CN' as const };

describe('set-up never deletes a database', () => {
  it('refuses when tuoke.db is there but keyring.json is missing, changing nothing and pointing to a restore', async () => {
    ws = await createTestWorkspace();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    await ws.call(admin, 'customers.create', { fields: { name: '不能丢的客户' }, confirmDuplicates: false });
    await ws.call(admin, 'auth.logout', {});
    renameSync(join(ws.dir, 'keyring.json'), join(ws.dir, '..', `${ws.dir.split(/[\\/]/).pop()}-keyring-moved.json`));
    cleanups.push(() => rmSync(join(ws.dir, '..', `${ws.dir.split(/[\\/]/).pop()}-keyring-moved.json`), { force: true }));
    const db = join(ws.dir, 'tuoke.db');
    const before = sha(db);
    const files = readdirSync(ws.dir).sort();

    const result = await ws.invoke(ws.host.session(), 'setup.create', setupInput);
    expect(result).toMatchObject({ ok: false, error: { code: 'DATABASE_WITHOUT_KEYRING' } });
    const message = !result.ok ? result.error.message : '';
    expect(message).toContain('keyring.json');
    expect(message).toContain('restore');
    expect(message).toContain('没有改动任何文件');
    expect(sha(db)).toBe(before);
    expect(readdirSync(ws.dir).sort()).toEqual(files);
    expect(existsSync(join(ws.dir, 'keyring.json'))).toBe(false);
  });

  it('finishes the clean-up of a set-up that was interrupted (its marker is there)', async () => {
    ws = await createTestWorkspace();
    rmSync(join(ws.dir, 'keyring.json'));
    writeFileSync(join(ws.dir, SETUP_MARKER), '1\n');
    const result = await ws.invoke(ws.host.session(), 'setup.create', setupInput);
    expect(result.ok).toBe(true);
    expect(existsSync(join(ws.dir, SETUP_MARKER))).toBe(false);
    const fresh = await ws.loginAs(setupInput.adminUsername, setupInput.password);
    expect((await ws.call(fresh, 'customers.list', {})).total).toBe(0);
  });
});

describe('file permissions', () => {
  it.skipIf(!posix)('keeps the database, its WAL and shared-memory files and the backups private (0600)', async () => {
    ws = await createTestWorkspace();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    await ws.call(admin, 'customers.create', { fields: { name: '权限测试客户' }, confirmDuplicates: false });
    const made = await ws.call(admin, 'backup.create', {});
    for (const name of ['tuoke.db', 'tuoke.db-wal', 'tuoke.db-shm', 'keyring.json']) expect([name, mode(join(ws.dir, name))]).toEqual([name, 0o600]);
    expect(mode(join(ws.dir, 'backups', made.fileName))).toBe(0o600);
    await ws.call(admin, 'auth.logout', {});

    // A database from before: made private at the next open.
    for (const name of ['tuoke.db', 'tuoke.db-wal', 'tuoke.db-shm']) if (existsSync(join(ws.dir, name))) chmodSync(join(ws.dir, name), 0o644);
    ws.restart();
    await ws.loginAs(ADMIN.username, ADMIN.password);
    for (const name of ['tuoke.db', 'tuoke.db-wal', 'tuoke.db-shm']) expect([name, mode(join(ws.dir, name))]).toEqual([name, 0o600]);
  });
});

describe('leftovers of a killed backup', () => {
  it('are removed at the next start, in the backup folder and in a shared one, but not another PC’s', async () => {
    ws = await createTestWorkspace();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    const made = await ws.call(admin, 'backup.create', {});
    const shared = mkdtempSync(join(tmpdir(), 'tuoke-share-'));
    cleanups.push(() => rmSync(shared, { recursive: true, force: true }));
    await ws.call(admin, 'backup.updateSettings', { dir: shared, retentionDays: 30 });
    await ws.call(admin, 'auth.logout', {});
    ws.restart();

    const node = nodeIdFor(ws.dir);
    const local = join(ws.dir, 'backups');
    mkdirSync(local, { recursive: true });
    const ours = [
      join(local, `.snapshot-${node}-0a1b2c3d4e5f.db`),
      join(local, '.snapshot-0a1b2c3d4e5f.db'), // an older version's name, in this data folder's own backups folder
      join(local, `${made.fileName.replace('manual', 'before-restore')}.partial`),
      join(local, 'tuoke-20261205-080000-before-restore.tkbak.partial'),
      join(shared, `.snapshot-${node}-ffeeddccbbaa.db`),
      join(shared, `${made.fileName.replace('manual', 'daily')}.partial`),
    ];
    const othersPc = [join(shared, '.snapshot-n0123456789ab-ffeeddccbbaa.db'), join(shared, 'tuoke-0123456789ab-n0123456789ab-20261205-080000-daily.tkbak.partial')];
    for (const f of [...ours, ...othersPc]) writeFileSync(f, 'half a backup');

    await ws.loginAs(ADMIN.username, ADMIN.password);
    expect(ours.filter((f) => existsSync(f))).toEqual([]);
    expect(othersPc.filter((f) => existsSync(f))).toEqual(othersPc);
    expect(existsSync(join(local, made.fileName))).toBe(true);
  });
});
