import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localDateTime } from '../../src-shared/dates';
import { sourceMigrationsFolder } from '../../src-main/db/migrate';
import { createHost, type Host } from '../../src-main/host';
import { restoreBackup } from '../../src-main/services/backup/backup';
import { manualClock } from '../../src-main/services/clock';
import { assertWorkspaceLockHeld, WORKSPACE_LOCK_FILE, WorkspaceLock } from '../../src-main/services/workspace/lock';
import { ADMIN, testScrypt } from '../helpers/workspace';

/**
 * One process owns a workspace at a time. The app, the CLI and the bridge take
 * the workspace lock while they have it open; anyone else is refused with a
 * message that names the holder.
 */
const NOW = Date.UTC(2026, 11, 6, 2, 30, 0);
const child = resolve(__dirname, 'workspace-child.ts');
const cliEntry = resolve(__dirname, '../../src-main/cli.ts');

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tuoke-lock-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

const openHost = (dataDir: string, program: 'app' | 'cli' | 'bridge' | 'tool'): Host => {
  const host = createHost({ dataDir, migrationsFolder: sourceMigrationsFolder(), clock: manualClock(NOW), scrypt: testScrypt, program, logger: { error: () => undefined } });
  cleanups.push(() => host.close());
  return host;
};

const invoke = (host: Host, session: ReturnType<Host['session']>, channel: string, input: unknown) => host.registry.invoke(session, channel, input);

/** A workspace set up by "the app", with nobody logged in. */
const appWorkspace = async (): Promise<{ dir: string; app: Host }> => {
  const dir = join(tempDir(), 'data');
  const app = openHost(dir, 'app');
  const r = await invoke(app, app.session(), 'setup.create', {
    companyName: '锁测试有限公司',
    adminUsername: ADMIN.username,
    adminDisplayName: ADMIN.displayName,
    password: ADMIN.password,
    locale: 'zh-CN',
  });
  expect(r.ok).toBe(true);
  return { dir, app };
};

const loginAdmin = async (host: Host, locale: 'zh-CN' | 'en' = 'zh-CN') => {
  const session = host.session(locale);
  const result = await invoke(host, session, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  return { session, result };
};

type Run = { code: number | null; out: string; err: string };

const runProcess = (args: string[], env: Record<string, string> = {}): Promise<Run> =>
  new Promise((done) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.once('exit', (code) => done({ code, out, err }));
  });

describe('the workspace lock', () => {
  it('refuses a second program while the app has the workspace open, naming the app, its process, PC and since when', async () => {
    const { dir, app } = await appWorkspace();
    const { session: admin, result } = await loginAdmin(app);
    expect(result.ok).toBe(true);

    const bridge = openHost(dir, 'bridge');
    const zh = await loginAdmin(bridge);
    expect(zh.result).toMatchObject({ ok: false, error: { code: 'WORKSPACE_LOCKED', params: { program: 'app', pid: process.pid, host: hostname() } } });
    const message = !zh.result.ok ? zh.result.error.message : '';
    expect(message).toContain('拓客桌面程序');
    expect(message).toContain(`进程 ${process.pid}`);
    expect(message).toContain(hostname());
    expect(message).toContain(localDateTime(NOW));
    const en = await loginAdmin(bridge, 'en');
    expect(!en.result.ok && en.result.error.message).toContain(`in use by another program: the Tuoke desktop app (process ${process.pid} on ${hostname()}`);
    // A set-up there is refused the same way and changes nothing.
    expect(await invoke(bridge, bridge.session(), 'setup.create', { companyName: 'x', adminUsername: 'other', adminDisplayName: 'x', password: 'other-pass-1', locale: 'zh-CN' })).toMatchObject({
      ok: false,
      error: { code: 'WORKSPACE_LOCKED' },
    });

    // The app keeps working; once nobody is logged in there, the other program may open the workspace.
    expect((await invoke(app, admin, 'customers.create', { fields: { name: '锁内客户' }, confirmDuplicates: false })).ok).toBe(true);
    await invoke(app, admin, 'auth.logout', {});
    expect((await loginAdmin(bridge)).result.ok).toBe(true);
    expect((await loginAdmin(app)).result).toMatchObject({ ok: false, error: { code: 'WORKSPACE_LOCKED', params: { program: 'bridge' } } });
  });

  it('stops the CLI in another process while the app is open: a restore swaps nothing and the app loses no write', async () => {
    const { dir, app } = await appWorkspace();
    const { session: admin } = await loginAdmin(app);
    const made = await invoke(app, admin, 'backup.create', {});
    expect(made.ok).toBe(true);
    const backupFile = join(dir, 'backups', (made as { value: { fileName: string } }).value.fileName);
    const dbInode = statSync(join(dir, 'tuoke.db')).ino;

    const restore = await runProcess([cliEntry, 'restore', backupFile, '--data-dir', dir], { TUOKE_USER: ADMIN.username, TUOKE_PASSWORD: ADMIN.password });
    expect(restore.code).toBe(1);
    expect(restore.err).toContain('这个工作区正在被另一个程序使用：拓客桌面程序');
    expect(restore.err).toContain(`进程 ${process.pid}`);
    const check = await runProcess([cliEntry, 'check', '--data-dir', dir, '--json', '--lang', 'en'], { TUOKE_USER: ADMIN.username, TUOKE_PASSWORD: ADMIN.password });
    expect(check.code).toBe(1);
    expect(JSON.parse(check.out)).toMatchObject({ ok: false, code: 'WORKSPACE_LOCKED' });

    // The app's database file is the same, and what the app writes now stays.
    expect(statSync(join(dir, 'tuoke.db')).ino).toBe(dbInode);
    expect((await invoke(app, admin, 'customers.create', { fields: { name: '恢复尝试之后的客户' }, confirmDuplicates: false })).ok).toBe(true);
    await invoke(app, admin, 'auth.logout', {});
    app.close();
    const again = openHost(dir, 'app');
    const { session } = await loginAdmin(again);
    const list = await invoke(again, session, 'customers.list', {});
    expect(JSON.stringify(list)).toContain('恢复尝试之后的客户');
    await invoke(again, session, 'auth.logout', {});
    again.close();

    // With the app closed the CLI has the workspace.
    const ok = await runProcess([cliEntry, 'check', '--data-dir', dir], { TUOKE_USER: ADMIN.username, TUOKE_PASSWORD: ADMIN.password });
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(existsSync(join(dir, WORKSPACE_LOCK_FILE))).toBe(false);
    // Three CLI processes, each loading the whole CLI through tsx: slow on a busy 2-core machine.
  }, 240_000);

  it('takes over the lock of a process that was killed', async () => {
    const { dir, app } = await appWorkspace();
    const proc = spawn(process.execPath, ['--import', 'tsx', child, 'hold', dir, String(NOW)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    await new Promise<void>((ready, fail) => {
      proc.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && ready());
      proc.once('exit', () => fail(new Error('holder did not start')));
    });
    expect((await loginAdmin(app)).result).toMatchObject({ ok: false, error: { code: 'WORKSPACE_LOCKED', params: { program: 'tool', pid: proc.pid } } });
    proc.kill('SIGKILL');
    await exited;
    // Its lock file is still there, naming a process that is gone.
    expect(JSON.parse(readFileSync(join(dir, WORKSPACE_LOCK_FILE), 'utf8'))).toMatchObject({ pid: proc.pid });
    expect((await loginAdmin(app)).result.ok).toBe(true);
  }, 120_000);

  it('treats a lock file copied along with its folder as stale', async () => {
    const { dir, app } = await appWorkspace();
    const copy = join(tempDir(), 'copy');
    const { cpSync } = await import('node:fs');
    const { session } = await loginAdmin(app);
    cpSync(dir, copy, { recursive: true });
    expect(existsSync(join(copy, WORKSPACE_LOCK_FILE))).toBe(true);
    await invoke(app, session, 'auth.logout', {});
    const other = openHost(copy, 'app');
    expect((await loginAdmin(other)).result.ok).toBe(true);
  });

  it('is required by a restore, and can be asserted by other file-replacing work', async () => {
    const { dir, app } = await appWorkspace();
    const { session: admin } = await loginAdmin(app);
    const made = (await invoke(app, admin, 'backup.create', {})) as { ok: true; value: { fileName: string } };
    const backupFile = join(dir, 'backups', made.value.fileName);
    assertWorkspaceLockHeld(dir);
    await invoke(app, admin, 'auth.logout', {});
    expect(() => assertWorkspaceLockHeld(dir)).toThrow(expect.objectContaining({ code: 'WORKSPACE_NOT_LOCKED' }));

    // Another program has the workspace: a restore into it is refused before anything is touched.
    const bridge = openHost(dir, 'bridge');
    expect((await loginAdmin(bridge)).result.ok).toBe(true);
    const before = readFileSync(join(dir, 'keyring.json'), 'utf8');
    await expect(restoreBackup(app.workspace, backupFile, Buffer.alloc(32))).rejects.toMatchObject({ code: 'WORKSPACE_LOCKED', params: { program: 'bridge' } });
    await expect(restoreBackup({ dataDir: dir, migrationsFolder: sourceMigrationsFolder(), clock: manualClock(NOW) }, backupFile, Buffer.alloc(32))).rejects.toMatchObject({
      code: 'WORKSPACE_LOCKED',
    });
    expect(readFileSync(join(dir, 'keyring.json'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'tuoke.db.restoring'))).toBe(false);
  });

  it('keeps a hold taken after everything was let go, whatever a hold from before does', () => {
    const dir = join(tempDir(), 'data');
    const lock = new WorkspaceLock(dir, 'tool', manualClock(NOW));
    const early = lock.hold();
    lock.releaseAll();
    expect(existsSync(join(dir, WORKSPACE_LOCK_FILE))).toBe(false);
    const late = lock.hold();
    early();
    expect(lock.held).toBe(true);
    expect(existsSync(join(dir, WORKSPACE_LOCK_FILE))).toBe(true);
    late();
    expect(existsSync(join(dir, WORKSPACE_LOCK_FILE))).toBe(false);
  });

  it('is removed when the program lets go, and stays private (0600)', async () => {
    const { dir, app } = await appWorkspace();
    const { session } = await loginAdmin(app);
    const lock = join(dir, WORKSPACE_LOCK_FILE);
    if (process.platform !== 'win32') expect(statSync(lock).mode & 0o777).toBe(0o600);
    await invoke(app, session, 'auth.logout', {});
    expect(existsSync(lock)).toBe(false);
    // A lock file nobody could have finished writing long ago (a crash between create and write) does not block.
    writeFileSync(lock, '');
    const { utimesSync } = await import('node:fs');
    utimesSync(lock, new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(2020, 0, 1)));
    expect((await loginAdmin(app)).result.ok).toBe(true);
  });
});
