import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/ipc/session';
import { ADMIN, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

const COMPANY = '星辰测试唯一名称ABC';
const DISPLAY_NAME = '独特姓名';
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** The byte patterns a plaintext copy of `text` would leave in a file. */
const encodings = (text: string): { name: string; bytes: Buffer }[] => {
  const be = Buffer.from(text, 'utf16le');
  be.swap16();
  return [
    { name: 'utf-8', bytes: Buffer.from(text, 'utf8') },
    { name: 'utf-16le', bytes: Buffer.from(text, 'utf16le') },
    { name: 'utf-16be', bytes: be },
  ];
};

/** Which of `texts` appear in `data`, in which encoding ("text/encoding"). */
const plaintextHits = (data: Buffer, texts: string[]): string[] =>
  texts.flatMap((text) => encodings(text).filter((e) => data.includes(e.bytes)).map((e) => `${text}/${e.name}`));

const DB_FILES = ['tuoke.db', 'tuoke.db-wal'];
const SIDE_FILES = ['keyring.json', 'auth-state.json'];

/** Every file in the data folder: none may hold the distinctive strings; the database files must not look like SQLite. */
const expectNothingInClear = (dir: string): void => {
  const files = readdirSync(dir);
  for (const name of files) {
    const data = readFileSync(join(dir, name));
    expect(plaintextHits(data, [COMPANY, DISPLAY_NAME]), name).toEqual([]);
    if (DB_FILES.includes(name)) expect(data.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC), name).toBe(false);
  }
};

let ws: TestWorkspace;
afterEach(() => ws?.dispose());

/** A workspace holding the distinctive company and display names, with a wrong login noted in auth-state.json. */
const workspaceWithSecrets = async (): Promise<{ admin: Session }> => {
  ws = await createTestWorkspace();
  // A failed login while the database is closed writes auth-state.json, so it is scanned too.
  const failed = await ws.invoke(ws.host.session(), 'auth.login', { username: ADMIN.username, password: 'not-the-password' });
  expect(failed.ok).toBe(false);
  const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
  await ws.call(admin, 'settings.update', { companyName: COMPANY });
  await ws.call(admin, 'users.create', { username: 'dutexm', displayName: DISPLAY_NAME, role: 'sales', password: 'sales-pass-1' });
  // The app itself reads them back: the scan below looks for data that is really there.
  expect((await ws.call(admin, 'settings.get', {})).companyName).toBe(COMPANY);
  expect((await ws.call(admin, 'users.list', {})).map((u) => u.displayName)).toContain(DISPLAY_NAME);
  return { admin };
};

describe('encryption at rest', () => {
  it('finds the distinctive strings in a plaintext SQLite file (the scan itself works)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuoke-plain-'));
    try {
      const file = join(dir, 'plain.db');
      const plain = new Database(file);
      plain.exec('CREATE TABLE t (a TEXT)');
      plain.prepare('INSERT INTO t VALUES (?), (?)').run(COMPANY, DISPLAY_NAME);
      plain.close();
      const data = readFileSync(file);
      expect(data.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)).toBe(true);
      expect(plaintextHits(data, [COMPANY, DISPLAY_NAME])).toEqual([`${COMPANY}/utf-8`, `${DISPLAY_NAME}/utf-8`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the database and its WAL unreadable while the database is open', async () => {
    await workspaceWithSecrets();
    expect(existsSync(join(ws.dir, 'tuoke.db-wal'))).toBe(true);
    for (const name of [...DB_FILES, ...SIDE_FILES]) expect(existsSync(join(ws.dir, name)), name).toBe(true);
    expectNothingInClear(ws.dir);
  });

  it('keeps the database unreadable after it is closed', async () => {
    const { admin } = await workspaceWithSecrets();
    await ws.call(admin, 'auth.logout', {});
    expect(ws.host.workspace.db).toBeNull();
    ws.restart();
    for (const name of ['tuoke.db', ...SIDE_FILES]) expect(existsSync(join(ws.dir, name)), name).toBe(true);
    expectNothingInClear(ws.dir);
  });

  it('cannot be read by SQLite without the key (SQLITE_NOTADB)', async () => {
    const { admin } = await workspaceWithSecrets();
    await ws.call(admin, 'auth.logout', {});
    const raw = new Database(join(ws.dir, 'tuoke.db'), { fileMustExist: true, readonly: true });
    try {
      expect(() => raw.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(
        expect.objectContaining({ code: 'SQLITE_NOTADB' }),
      );
    } finally {
      raw.close();
    }
  });
});

describe('login', () => {
  it('refuses a wrong password with WRONG_PASSWORD', async () => {
    ws = await createTestWorkspace();
    const result = await ws.invoke(ws.host.session(), 'auth.login', { username: ADMIN.username, password: 'wrong-password' });
    expect(result).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD', message: '用户名或密码错误' } });
    expect(ws.host.workspace.db).toBeNull();
  });

  it('finds the account whatever the case of the typed user name', async () => {
    ws = await createTestWorkspace();
    const session = await ws.loginAs('ADMIN', ADMIN.password);
    expect(session.user?.username).toBe(ADMIN.username);
  });
});

describe('auth.recover', () => {
  it('opens the workspace with the recovery key, after which only the new password works', async () => {
    ws = await createTestWorkspace();
    const session = ws.host.session();
    const info = await ws.call(session, 'auth.recover', {
      recoveryKey: ws.recoveryKey,
      username: ADMIN.username,
      newPassword: 'brand-new-pass',
    });
    expect(info.user.username).toBe(ADMIN.username);
    expect(session.user?.role).toBe('admin');
    await ws.call(session, 'auth.logout', {});
    ws.restart();

    const old = await ws.invoke(ws.host.session(), 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(old).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    await ws.loginAs(ADMIN.username, 'brand-new-pass');
  });

  it('accepts the recovery key typed in lower case with spaces instead of dashes', async () => {
    ws = await createTestWorkspace();
    const typed = `  ${ws.recoveryKey.toLowerCase().replace(/-/g, ' ')} `;
    const session = ws.host.session();
    await ws.call(session, 'auth.recover', { recoveryKey: typed, username: ADMIN.username, newPassword: 'typed-by-hand' });
    expect(session.user?.username).toBe(ADMIN.username);
  });

  it('refuses a wrong recovery key with INVALID_RECOVERY_KEY and changes no password', async () => {
    ws = await createTestWorkspace();
    const wrong = ws.recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const result = await ws.invoke(ws.host.session(), 'auth.recover', {
      recoveryKey: wrong,
      username: ADMIN.username,
      newPassword: 'never-set-pass',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_RECOVERY_KEY' } });
    await ws.loginAs(ADMIN.username, ADMIN.password);
  });

  it('gives a non-administrator no way in (NOT_FOUND) and keeps their password', async () => {
    ws = await createTestWorkspace();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    await ws.addUser(admin, 'sales1', 'sales', 'sales-pass-1');
    await ws.call(admin, 'auth.logout', {});
    const result = await ws.invoke(ws.host.session(), 'auth.recover', {
      recoveryKey: ws.recoveryKey,
      username: 'sales1',
      newPassword: 'taken-over-1',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(ws.host.workspace.db).toBeNull();
    await ws.loginAs('sales1', 'sales-pass-1');
  });
});

describe('auth.changePassword', () => {
  it('keeps access with the new password and shuts out the old one', async () => {
    ws = await createTestWorkspace();
    const session = await ws.loginAs(ADMIN.username, ADMIN.password);
    await ws.call(session, 'auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'changed-pass-2' });
    await ws.call(session, 'auth.logout', {});
    ws.restart();

    const old = await ws.invoke(ws.host.session(), 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(old).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    await ws.loginAs(ADMIN.username, 'changed-pass-2');
  });

  it('refuses a wrong current password and keeps the old one', async () => {
    ws = await createTestWorkspace();
    const session = await ws.loginAs(ADMIN.username, ADMIN.password);
    const result = await ws.invoke(session, 'auth.changePassword', { currentPassword: 'not-it', newPassword: 'changed-pass-2' });
    expect(result).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    await ws.call(session, 'auth.logout', {});
    await ws.loginAs(ADMIN.username, ADMIN.password);
  });
});

describe('system.rotateRecoveryKey', () => {
  it('replaces the recovery key: the old one stops working and the new one opens the workspace', async () => {
    ws = await createTestWorkspace();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    const { recoveryKey } = await ws.call(admin, 'system.rotateRecoveryKey', { password: ADMIN.password });
    expect(recoveryKey).not.toBe(ws.recoveryKey);
    await ws.call(admin, 'auth.logout', {});
    ws.restart();

    const old = await ws.invoke(ws.host.session(), 'auth.recover', {
      recoveryKey: ws.recoveryKey,
      username: ADMIN.username,
      newPassword: 'after-rotation-1',
    });
    expect(old).toMatchObject({ ok: false, error: { code: 'INVALID_RECOVERY_KEY' } });

    const session = ws.host.session();
    await ws.call(session, 'auth.recover', { recoveryKey, username: ADMIN.username, newPassword: 'after-rotation-2' });
    expect(session.user?.username).toBe(ADMIN.username);
  });

  it('asks for the password again and keeps the old key when it is wrong', async () => {
    ws = await createTestWorkspace();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    const result = await ws.invoke(admin, 'system.rotateRecoveryKey', { password: 'not-my-password' });
    expect(result).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    await ws.call(admin, 'auth.logout', {});
    const session = ws.host.session();
    await ws.call(session, 'auth.recover', { recoveryKey: ws.recoveryKey, username: ADMIN.username, newPassword: 'still-the-key' });
    expect(session.user).not.toBeNull();
  });
});
