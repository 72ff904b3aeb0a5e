import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/ipc/session';
import { sourceMigrationsFolder } from '../../src-main/db/migrate';
import { createHost, type Host } from '../../src-main/host';
import { manualClock } from '../../src-main/services/clock';
import { ADMIN, OFFICE, createTestWorkspace, testScrypt, type TestWorkspace } from '../helpers/workspace';

/**
 * A new PC joins the office from a backup on the first-run screen (setup.joinUpload, setup.join):
 * the file in chunks through the registry, a user's password or the recovery key, then the login.
 */

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** The office PC: a workspace with a salesperson and a customer, and a backup of it. */
const officeBackup = async (): Promise<{ ws: TestWorkspace; file: string }> => {
  const ws = await createTestWorkspace();
  cleanups.push(() => ws.dispose());
  const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
  await ws.call(admin, 'users.create', OFFICE.zhang);
  await ws.call(admin, 'customers.create', { fields: { name: '杭州新电脑测试有限公司' }, confirmDuplicates: false });
  const backup = await ws.call(admin, 'backup.create', {});
  return { ws, file: join(ws.dir, 'backups', backup.fileName) };
};

/** The new PC: an app over an empty data folder. */
const newPc = (): { dir: string; host: Host; session: Session } => {
  const dir = mkdtempSync(join(tmpdir(), 'tuoke-join-pc-'));
  const host = createHost({ dataDir: dir, migrationsFolder: sourceMigrationsFolder(), clock: manualClock(), scrypt: testScrypt, logger: { error: () => undefined } });
  cleanups.push(() => {
    host.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, host, session: host.session() };
};

/** Sends a file in chunks of `size` bytes, as the first-run screen does. */
const upload = async (pc: ReturnType<typeof newPc>, file: string, size = 64 * 1024): Promise<string> => {
  const bytes = readFileSync(file);
  let uploadId: string | undefined;
  for (let offset = 0; offset < bytes.length; offset += size) {
    const r = await pc.host.registry.invoke(pc.session, 'setup.joinUpload', {
      ...(uploadId ? { uploadId } : {}),
      offset,
      chunkBase64: bytes.subarray(offset, offset + size).toString('base64'),
    });
    if (!r.ok) throw new Error(r.error.code);
    uploadId = (r.value as { uploadId: string }).uploadId;
  }
  return uploadId!;
};

describe('a new PC joins from a backup on the first-run screen', () => {
  it('restores with a salesperson’s password, then that person logs in and sees the office’s data', async () => {
    const { file } = await officeBackup();
    const pc = newPc();
    expect((await pc.host.registry.invoke(pc.session, 'app.status', {})).ok && pc.host.workspace.isInitialized()).toBe(false);
    const uploadId = await upload(pc, file);
    const r = await pc.host.registry.invoke(pc.session, 'setup.join', { uploadId, username: OFFICE.zhang.username, password: OFFICE.zhang.password });
    expect(r).toMatchObject({ ok: true, value: { customers: 1, users: 2 } });
    expect(pc.host.workspace.isInitialized()).toBe(true);
    // The upload is gone; the person logs in on the new PC.
    expect(readdirSync(tmpdir()).some((n) => n.startsWith(`tuoke-join-${process.pid}-`))).toBe(false);
    const login = await pc.host.registry.invoke(pc.session, 'auth.login', { username: OFFICE.zhang.username, password: OFFICE.zhang.password });
    expect(login.ok).toBe(true);
  });

  it('restores with the recovery key too', async () => {
    const { ws, file } = await officeBackup();
    const pc = newPc();
    const uploadId = await upload(pc, file, 1024 * 1024);
    const r = await pc.host.registry.invoke(pc.session, 'setup.join', { uploadId, recoveryKey: ws.recoveryKey });
    expect(r.ok).toBe(true);
    const login = await pc.host.registry.invoke(pc.session, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(login.ok).toBe(true);
  });

  it('a wrong password, a chunk out of order or an unknown upload changes nothing; a PC that has a workspace refuses', async () => {
    const { ws, file } = await officeBackup();
    const pc = newPc();
    const uploadId = await upload(pc, file);
    const wrong = await pc.host.registry.invoke(pc.session, 'setup.join', { uploadId, username: OFFICE.zhang.username, password: 'not-his-password' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'BACKUP_WRONG_KEY' } });
    expect(existsSync(join(pc.dir, 'tuoke.db'))).toBe(false);
    expect(pc.host.workspace.isInitialized()).toBe(false);
    const gap = await pc.host.registry.invoke(pc.session, 'setup.joinUpload', { uploadId, offset: 1, chunkBase64: 'AAAA' });
    expect(gap).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const unknown = await pc.host.registry.invoke(pc.session, 'setup.join', { uploadId: '0190f0e0-0000-7000-8000-000000000000', recoveryKey: ws.recoveryKey });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // The office PC itself already has a workspace: nobody can replace it through the first-run channels.
    const office = ws.host.session();
    expect(await ws.host.registry.invoke(office, 'setup.joinUpload', { offset: 0, chunkBase64: 'AAAA' })).toMatchObject({ ok: false, error: { code: 'WORKSPACE_EXISTS' } });
    // A malformed input is a validation error before anything runs.
    expect(await pc.host.registry.invoke(pc.session, 'setup.join', { uploadId, username: 'x', password: 'y', recoveryKey: 'z' } as never)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});
