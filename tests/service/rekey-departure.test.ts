import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, DB_FILE } from '../../src-main/db/connection';
import { sourceMigrationsFolder } from '../../src-main/db/migrate';
import { recoveryKek, scryptKey, randomBytes, b64, wrapKey } from '../../src-main/keyring/crypto';
import { readKeyring, slotId, unlockRecovery, unlockUserSlot, writeKeyring, type Keyring } from '../../src-main/keyring/keyring';
import { readBackupKeyring, restoreBackup } from '../../src-main/services/backup/backup';
import { keyOpensFile } from '../../src-main/services/rekey/unlock';
import type { Session } from '../../src-main/ipc/session';
import { rawKeyFromRecovery } from '../helpers/rawDb';
import { ADMIN, OFFICE, createTestWorkspace, testScrypt, type TestWorkspace } from '../helpers/workspace';

/**
 * Re-keying when someone leaves: a key unwrapped from an old copy of the key
 * slots (the departed person's password, an old recovery key, from a backup
 * made before) must not open today's tuoke.db, while everyone who remains
 * still logs in with their own password.
 */
let ws: TestWorkspace;
const scratch: string[] = [];
afterEach(() => {
  ws?.dispose();
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'tuoke-rekey-'));
  scratch.push(d);
  return d;
};

/** An office with customers, and a backup copied out of the workspace, as a departing person could keep one. */
const officeWithBackup = async (): Promise<{ admin: Session; keptBackup: string }> => {
  ws = await createTestWorkspace();
  const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
  for (const u of Object.values(OFFICE)) await ws.call(admin, 'users.create', u);
  for (const name of ['杭州甲贸易有限公司', '宁波乙电子有限公司']) await ws.call(admin, 'customers.create', { fields: { name }, confirmDuplicates: false });
  const made = await ws.call(admin, 'backup.create', {});
  const keptBackup = join(tempDir(), made.fileName);
  copyFileSync(join(ws.dir, 'backups', made.fileName), keptBackup);
  ws.clock.advance(60_000);
  return { admin, keptBackup };
};

/** Customers in the open database (the session proves the login; the count, that the data is all there). */
const customerCount = async (session: Session): Promise<number> => {
  expect(session.user).not.toBeNull();
  return (ws.host.workspace.db!.sqlite.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
};

/** Logs everyone out and starts a fresh host on the folder (an app restart). */
const restart = async (...sessions: Session[]): Promise<void> => {
  for (const s of sessions) if (s.user) await ws.call(s, 'auth.logout', {});
  ws.restart();
};

describe('deactivating a user re-keys the workspace', () => {
  it('the departed user’s old password, from a backup made before, no longer opens today’s database', async () => {
    const { admin, keptBackup } = await officeWithBackup();
    const zhangId = (await ws.call(admin, 'users.list', {})).find((u) => u.username === 'zhang')!.id;
    const oldKey = (await unlockUserSlot(await readBackupKeyring(keptBackup), 'zhang', OFFICE.zhang.password, testScrypt))!;
    expect(oldKey).not.toBeNull();
    // Before the deactivation, that key opens the current file: the check below can fail.
    expect(keyOpensFile(join(ws.dir, DB_FILE), oldKey)).toBe(true);

    await ws.call(admin, 'users.deactivate', { id: zhangId });

    expect(keyOpensFile(join(ws.dir, DB_FILE), oldKey)).toBe(false);
    // The old key still opens the backup it came from (it holds the data as it was then).
    const restored = tempDir();
    const preview = await restoreBackup({ dataDir: restored, migrationsFolder: sourceMigrationsFolder(), clock: ws.clock }, keptBackup, oldKey);
    expect(preview.customers).toBe(2);
    const status = await ws.call(admin, 'keys.status', {});
    expect(status).toMatchObject({ running: null, pending: null, recoveryKeyMissing: false, legacySlots: [] });
    expect(status.last).toMatchObject({ reason: 'deactivated', needsReset: [], recoveryKeyMissing: false });
    // The backup made just before the re-key is in the backup folder.
    expect(existsSync(join(ws.dir, 'backups', status.last!.backupFileName))).toBe(true);
  });

  it('everyone who remains logs in afterwards, including people who have not logged in since', async () => {
    const { admin } = await officeWithBackup();
    const zhangId = (await ws.call(admin, 'users.list', {})).find((u) => u.username === 'zhang')!.id;
    await ws.call(admin, 'users.deactivate', { id: zhangId });
    // The admin's session goes on under the new key: writes and a new user's slot work.
    await ws.call(admin, 'customers.create', { fields: { name: '温州丙机械有限公司' }, confirmDuplicates: false });
    await ws.call(admin, 'users.create', { username: 'zhao', displayName: '赵六', role: 'sales', password: 'zhao-pass-1' });
    await restart(admin);

    for (const u of [OFFICE.wang, OFFICE.li, { username: ADMIN.username, password: ADMIN.password }, { username: 'zhao', password: 'zhao-pass-1' }]) {
      const s = await ws.loginAs(u.username, u.password);
      expect(await customerCount(s)).toBe(3);
      await ws.call(s, 'auth.logout', {});
    }
    const departed = await ws.invoke(ws.host.session(), 'auth.login', { username: 'zhang', password: OFFICE.zhang.password });
    expect(departed).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    // And the recovery key printed at set-up opens the new key (its slot was re-sealed).
    const key = rawKeyFromRecovery(ws.dir, ws.recoveryKey);
    expect(keyOpensFile(join(ws.dir, DB_FILE), key)).toBe(true);
  });

  it('taking a role away re-keys too', async () => {
    const { admin, keptBackup } = await officeWithBackup();
    const wangId = (await ws.call(admin, 'users.list', {})).find((u) => u.username === 'wang')!.id;
    const oldKey = (await unlockUserSlot(await readBackupKeyring(keptBackup), 'wang', OFFICE.wang.password, testScrypt))!;
    // A name change alone is no demotion: the key stays.
    await ws.call(admin, 'users.update', { id: wangId, displayName: '王经理（华东）', role: 'manager' });
    expect(keyOpensFile(join(ws.dir, DB_FILE), oldKey)).toBe(true);
    await ws.call(admin, 'users.update', { id: wangId, displayName: '王经理（华东）', role: 'sales' });
    expect(keyOpensFile(join(ws.dir, DB_FILE), oldKey)).toBe(false);
    expect((await ws.call(admin, 'keys.status', {})).last).toMatchObject({ reason: 'demoted' });
    await restart(admin);
    const wang = await ws.loginAs(OFFICE.wang.username, OFFICE.wang.password);
    expect(wang.user?.role).toBe('sales');
  });
});

describe('replacing the recovery key re-keys the workspace', () => {
  it('the old recovery key with an old backup’s slots no longer opens today’s database', async () => {
    const { admin, keptBackup } = await officeWithBackup();
    const oldKey = unlockRecovery(await readBackupKeyring(keptBackup), ws.recoveryKey)!;
    expect(keyOpensFile(join(ws.dir, DB_FILE), oldKey)).toBe(true);

    const { recoveryKey } = await ws.call(admin, 'system.rotateRecoveryKey', { password: ADMIN.password });

    expect(keyOpensFile(join(ws.dir, DB_FILE), oldKey)).toBe(false);
    expect(unlockRecovery(readKeyring(ws.dir)!, ws.recoveryKey)).toBeNull();
    expect(keyOpensFile(join(ws.dir, DB_FILE), rawKeyFromRecovery(ws.dir, recoveryKey))).toBe(true);
    expect((await ws.call(admin, 'keys.status', {})).last).toMatchObject({ reason: 'recovery-rotated' });
    await restart(admin);
    const li = await ws.loginAs(OFFICE.li.username, OFFICE.li.password);
    expect(await customerCount(li)).toBe(2);
  });
});

/** A format-1 slot, as the app wrote before key pairs: the database key wrapped directly under the password key. */
const legacyUserSlot = async (keyring: Keyring, username: string, password: string, dbKey: Buffer): Promise<Keyring> => {
  const id = slotId(keyring, username);
  const salt = randomBytes(16);
  const kek = await scryptKey(password, salt, testScrypt);
  const slot = { kdf: { alg: 'scrypt' as const, ...testScrypt, salt: b64(salt) }, wrapped: wrapKey(dbKey, kek, `tuoke:${keyring.workspaceId}:${id}`) };
  return { ...keyring, format: 1, users: { ...keyring.users, [id]: slot } };
};

const legacyRecoverySlot = (keyring: Keyring, dbKey: Buffer): Keyring => {
  const salt = randomBytes(16);
  const wrapped = wrapKey(dbKey, recoveryKek(randomBytes(20), salt), `tuoke:${keyring.workspaceId}:recovery`);
  return { ...keyring, recovery: { kdf: { alg: 'hkdf-sha256', salt: b64(salt) }, wrapped } };
};

describe('legacy key slots (written before key pairs)', () => {
  it('are upgraded at the user’s next login, and still open', async () => {
    ws = await createTestWorkspace();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    await ws.call(admin, 'users.create', OFFICE.li);
    await restart(admin);
    const key = rawKeyFromRecovery(ws.dir, ws.recoveryKey);
    writeKeyring(ws.dir, await legacyUserSlot(readKeyring(ws.dir)!, 'li', OFFICE.li.password, key));
    const liSlot = (): Record<string, unknown> => readKeyring(ws.dir)!.users[slotId(readKeyring(ws.dir)!, 'li')] as Record<string, unknown>;
    expect(liSlot()).not.toHaveProperty('v');

    const li = await ws.loginAs(OFFICE.li.username, OFFICE.li.password);
    expect(liSlot()).toMatchObject({ v: 2 });
    expect(readKeyring(ws.dir)!.format).toBe(2);
    await restart(li);
    const again = await ws.loginAs(OFFICE.li.username, OFFICE.li.password);
    expect(again.user?.username).toBe('li');
  });

  it('a legacy slot left at a re-key is dropped and its user listed for a password reset, which gives a working slot', async () => {
    const { admin } = await officeWithBackup();
    await restart(admin);
    const key = rawKeyFromRecovery(ws.dir, ws.recoveryKey);
    writeKeyring(ws.dir, await legacyUserSlot(readKeyring(ws.dir)!, 'li', OFFICE.li.password, key));
    const admin2 = await ws.loginAs(ADMIN.username, ADMIN.password);
    const users = await ws.call(admin2, 'users.list', {});
    const li = users.find((u) => u.username === 'li')!;
    expect((await ws.call(admin2, 'keys.status', {})).legacySlots).toEqual([{ id: li.id, username: 'li', displayName: OFFICE.li.displayName }]);

    await ws.call(admin2, 'users.deactivate', { id: users.find((u) => u.username === 'zhang')!.id });

    const status = await ws.call(admin2, 'keys.status', {});
    expect(status.last?.needsReset).toEqual([{ id: li.id, username: 'li', displayName: OFFICE.li.displayName }]);
    expect(status.legacySlots).toEqual([]);
    expect(await ws.invoke(ws.host.session(), 'auth.login', { username: 'li', password: OFFICE.li.password })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    });
    await ws.call(admin2, 'users.resetPassword', { id: li.id, newPassword: 'li-new-pass-1' });
    await restart(admin2);
    const liSession = await ws.loginAs('li', 'li-new-pass-1');
    expect(await customerCount(liSession)).toBe(2);
  });

  it('a legacy recovery slot cannot be re-sealed: the status says a new recovery key is needed, and generating one fixes it', async () => {
    ws = await createTestWorkspace();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    await ws.call(admin, 'users.create', OFFICE.zhang);
    const key = rawKeyFromRecovery(ws.dir, ws.recoveryKey);
    writeKeyring(ws.dir, legacyRecoverySlot(readKeyring(ws.dir)!, key));
    const zhangId = (await ws.call(admin, 'users.list', {})).find((u) => u.username === 'zhang')!.id;

    await ws.call(admin, 'users.deactivate', { id: zhangId });

    const status = await ws.call(admin, 'keys.status', {});
    expect(status.recoveryKeyMissing).toBe(true);
    expect(status.last?.recoveryKeyMissing).toBe(true);
    expect(readKeyring(ws.dir)!.recovery).toBeNull();
    const { recoveryKey } = await ws.call(admin, 'system.rotateRecoveryKey', { password: ADMIN.password });
    expect((await ws.call(admin, 'keys.status', {})).recoveryKeyMissing).toBe(false);
    expect(keyOpensFile(join(ws.dir, DB_FILE), rawKeyFromRecovery(ws.dir, recoveryKey))).toBe(true);
  });
});

describe('a re-key that cannot run now', () => {
  it('stays pending while another connection has the database open, and the next login finishes it', async () => {
    const { admin, keptBackup } = await officeWithBackup();
    const oldKey = (await unlockUserSlot(await readBackupKeyring(keptBackup), 'zhang', OFFICE.zhang.password, testScrypt))!;
    const users = await ws.call(admin, 'users.list', {});
    // Another connection, like an import process's.
    const other = openDatabase(join(ws.dir, DB_FILE), oldKey, { clock: ws.clock, migrationsFolder: sourceMigrationsFolder(), secondary: true });
    try {
      other.sqlite.prepare('SELECT count(*) FROM customers').get();
      await ws.call(admin, 'users.deactivate', { id: users.find((u) => u.username === 'zhang')!.id });
    } finally {
      other.close();
    }
    const status = await ws.call(admin, 'keys.status', {});
    expect(status.pending).toMatchObject({ reason: 'deactivated', error: 'REKEY_BUSY' });
    // The deactivation itself stands: the slot is gone from the current keyring.
    expect(await unlockUserSlot(readKeyring(ws.dir)!, 'zhang', OFFICE.zhang.password, testScrypt)).toBeNull();
    expect(keyOpensFile(join(ws.dir, DB_FILE), oldKey)).toBe(true);

    await restart(admin);
    const li = await ws.loginAs(OFFICE.li.username, OFFICE.li.password);
    expect(keyOpensFile(join(ws.dir, DB_FILE), oldKey)).toBe(false);
    expect(await customerCount(li)).toBe(2);
    expect(existsSync(join(ws.dir, 'rekey.pending'))).toBe(false);
  });

  it('a new recovery key refused meanwhile changes nothing and leaves nothing owed', async () => {
    const { admin } = await officeWithBackup();
    const key = rawKeyFromRecovery(ws.dir, ws.recoveryKey);
    const keyringBefore = readFileSync(join(ws.dir, 'keyring.json'), 'utf8');
    const other = openDatabase(join(ws.dir, DB_FILE), key, { clock: ws.clock, migrationsFolder: sourceMigrationsFolder(), secondary: true });
    try {
      other.sqlite.prepare('SELECT count(*) FROM customers').get();
      expect(await ws.invoke(admin, 'system.rotateRecoveryKey', { password: ADMIN.password })).toMatchObject({ ok: false, error: { code: 'REKEY_BUSY' } });
    } finally {
      other.close();
    }
    expect(readFileSync(join(ws.dir, 'keyring.json'), 'utf8')).toBe(keyringBefore);
    expect(keyOpensFile(join(ws.dir, DB_FILE), key)).toBe(true);
    expect(await ws.call(admin, 'keys.status', {})).toMatchObject({ pending: null, running: null });
    expect(existsSync(join(ws.dir, 'keyring.next.json'))).toBe(false);
  });

  it('is retried with keys.rekey by an administrator, and refused to others', async () => {
    const { admin, keptBackup } = await officeWithBackup();
    const oldKey = (await unlockUserSlot(await readBackupKeyring(keptBackup), 'li', OFFICE.li.password, testScrypt))!;
    const li = await ws.loginAs(OFFICE.li.username, OFFICE.li.password);
    expect(await ws.invoke(li, 'keys.rekey', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ws.invoke(li, 'keys.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A malformed input (through the registry as the renderer would send it) is refused before anything runs.
    expect(await ws.host.registry.invoke(admin, 'keys.rekey', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(keyOpensFile(join(ws.dir, DB_FILE), oldKey)).toBe(true);
    expect(await ws.call(admin, 'keys.rekey', {})).toMatchObject({ reason: 'manual', needsReset: [] });
    expect(keyOpensFile(join(ws.dir, DB_FILE), oldKey)).toBe(false);
    // li's session shares the open database: it goes on working.
    expect(await customerCount(li)).toBe(2);
  });
});

describe('the keyring file', () => {
  it('keeps each slot’s key pair across a re-key and replaces only the sealed database key', async () => {
    const { admin } = await officeWithBackup();
    const before = readFileSync(join(ws.dir, 'keyring.json'), 'utf8');
    await ws.call(admin, 'keys.rekey', {});
    const after = readFileSync(join(ws.dir, 'keyring.json'), 'utf8');
    const wrappedPrivate = (json: string): string[] => Object.values((JSON.parse(json) as Keyring).users).map((s) => JSON.stringify((s as { privateKey: unknown }).privateKey));
    // Each slot keeps its key pair (the password still opens it); only the sealed database key changes.
    expect(wrappedPrivate(after)).toEqual(wrappedPrivate(before));
    expect(after).not.toBe(before);
  });
});
