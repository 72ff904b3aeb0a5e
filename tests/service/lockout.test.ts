import { afterEach, describe, expect, it } from 'vitest';
import { lockoutPolicy } from '../../src-main/keyring/authState';
import type { Session } from '../../src-main/ipc/session';
import { ADMIN, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

const MINUTE = 60_000;
const SALES = { username: 'zhangsan', password: 'zhangsan-pass-1' };

let ws: TestWorkspace;
afterEach(() => ws?.dispose());

/** A workspace with one sales user besides the admin, and nobody logged in. */
const workspaceWithSales = async (): Promise<TestWorkspace> => {
  ws = await createTestWorkspace();
  const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
  await ws.addUser(admin, SALES.username, 'sales', SALES.password);
  await ws.call(admin, 'auth.logout', {});
  return ws;
};

const tryLogin = (username: string, password: string, session: Session = ws.host.session()) =>
  ws.invoke(session, 'auth.login', { username, password });

const failTimes = async (n: number, username: string): Promise<string[]> => {
  const codes: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const r = await tryLogin(username, `wrong-${i}`);
    codes.push(r.ok ? 'ok' : r.error.code);
  }
  return codes;
};

describe('login lockout', () => {
  it('follows the documented policy: 5 wrong passwords, 15 minutes', () => {
    expect(lockoutPolicy).toEqual({ maxFailures: 5, lockMs: 15 * MINUTE });
  });

  it('locks the account after 5 wrong passwords, even against the correct one', async () => {
    await workspaceWithSales();
    expect(await failTimes(5, SALES.username)).toEqual([
      'WRONG_PASSWORD',
      'WRONG_PASSWORD',
      'WRONG_PASSWORD',
      'WRONG_PASSWORD',
      'ACCOUNT_LOCKED',
    ]);
    const sixth = await tryLogin(SALES.username, SALES.password);
    expect(sixth).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED', params: { minutes: 15 } } });
    expect(!sixth.ok && sixth.error.message).toContain('15');
    expect(ws.host.workspace.db).toBeNull();
  });

  it('loses no count when wrong passwords arrive at the same time from several windows', async () => {
    await workspaceWithSales();
    const results = await Promise.all(Array.from({ length: 7 }, (_, i) => tryLogin(SALES.username, `wrong-${i}`)));
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'WRONG_PASSWORD')).toHaveLength(4);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED')).toHaveLength(3);
  });

  it('stays locked after a restart of the app', async () => {
    await workspaceWithSales();
    await failTimes(5, SALES.username);
    ws.restart();
    expect(await tryLogin(SALES.username, SALES.password)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
  });

  it('counts the lock down in minutes and lifts it after 15 minutes', async () => {
    await workspaceWithSales();
    await failTimes(5, SALES.username);
    ws.clock.advance(10 * MINUTE);
    expect(await tryLogin(SALES.username, SALES.password)).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED', params: { minutes: 5 } },
    });
    ws.clock.advance(5 * MINUTE - 1);
    expect(await tryLogin(SALES.username, SALES.password)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    ws.clock.advance(1);
    const session = ws.host.session();
    expect(await tryLogin(SALES.username, SALES.password, session)).toMatchObject({ ok: true });
    expect(session.user?.username).toBe(SALES.username);
  });

  it('gives a fresh count of 5 once a lock has run out', async () => {
    await workspaceWithSales();
    await failTimes(5, SALES.username);
    ws.clock.advance(15 * MINUTE);
    expect(await failTimes(5, SALES.username)).toEqual([
      'WRONG_PASSWORD',
      'WRONG_PASSWORD',
      'WRONG_PASSWORD',
      'WRONG_PASSWORD',
      'ACCOUNT_LOCKED',
    ]);
  });

  it('resets the count when a correct password follows 4 wrong ones', async () => {
    await workspaceWithSales();
    expect(await failTimes(4, SALES.username)).toEqual(Array(4).fill('WRONG_PASSWORD'));
    const session = ws.host.session();
    await ws.call(session, 'auth.login', SALES);
    await ws.call(session, 'auth.logout', {});
    expect(await failTimes(4, SALES.username)).toEqual(Array(4).fill('WRONG_PASSWORD'));
    await ws.loginAs(SALES.username, SALES.password);
  });

  it('counts wrong passwords of one account whatever the case of the typed name', async () => {
    await workspaceWithSales();
    await failTimes(3, SALES.username);
    expect(await failTimes(2, SALES.username.toUpperCase())).toEqual(['WRONG_PASSWORD', 'ACCOUNT_LOCKED']);
  });

  it('does not lock other users when one account is locked', async () => {
    await workspaceWithSales();
    await failTimes(5, SALES.username);
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    expect(admin.user?.role).toBe('admin');
    expect(await tryLogin(SALES.username, SALES.password)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
  });

  it('never locks a user name that has no account', async () => {
    await workspaceWithSales();
    expect(await failTimes(7, 'nobody')).toEqual(Array(7).fill('WRONG_PASSWORD'));
  });

  it('moves failures made while the database was closed into the login history, naming the user', async () => {
    await workspaceWithSales();
    ws.clock.advance(MINUTE);
    const t0 = ws.clock.now();
    await failTimes(5, SALES.username); // 4 × failure, 1 × locked
    ws.clock.advance(MINUTE);
    await tryLogin(SALES.username, SALES.password); // locked
    ws.restart();
    ws.clock.advance(MINUTE);
    await tryLogin('nobody', 'whatever-1'); // failure, no such user

    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    const { rows, total } = await ws.call(admin, 'loginHistory.list', { limit: 500, offset: 0 });
    const since = rows.filter((r) => r.at >= t0).map((r) => ({ kind: r.kind, username: r.username }));
    // Newest first.
    expect(since).toEqual([
      { kind: 'success', username: ADMIN.username },
      { kind: 'failure', username: null },
      { kind: 'locked', username: SALES.username },
      { kind: 'locked', username: SALES.username },
      ...Array(4).fill({ kind: 'failure', username: SALES.username }),
    ]);
    expect(total).toBe(rows.length);
    const userId = (await ws.call(admin, 'users.list', {})).find((u) => u.username === SALES.username)?.id;
    expect(rows.filter((r) => r.username === SALES.username).every((r) => r.userId === userId)).toBe(true);

    // Moved, not copied: the next login does not bring them in again.
    await ws.call(admin, 'auth.logout', {});
    const again = await ws.loginAs(ADMIN.username, ADMIN.password);
    const after = await ws.call(again, 'loginHistory.list', { limit: 500, offset: 0 });
    expect(after.rows.filter((r) => r.kind !== 'success' && r.kind !== 'logout')).toHaveLength(7);
  });

  it('records failures straight into the history while the database is open', async () => {
    await workspaceWithSales();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    await failTimes(2, SALES.username);
    await tryLogin('ghost', 'whatever-1');
    const { rows } = await ws.call(admin, 'loginHistory.list', { limit: 3, offset: 0 });
    expect(rows.map((r) => [r.kind, r.username])).toEqual([
      ['failure', null],
      ['failure', SALES.username],
      ['failure', SALES.username],
    ]);
  });

  it('records a wrong password for a user name that does not exist with username null', async () => {
    await workspaceWithSales();
    await tryLogin('no-such-person', 'whatever-1');
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    const { rows } = await ws.call(admin, 'loginHistory.list', { limit: 10, offset: 0 });
    const failure = rows.find((r) => r.kind === 'failure');
    expect(failure).toMatchObject({ username: null, userId: null });
    expect(JSON.stringify(rows)).not.toContain('no-such-person');
  });

  it('lifts the lockout when an administrator resets the password', async () => {
    await workspaceWithSales();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    await failTimes(5, SALES.username);
    expect(await tryLogin(SALES.username, SALES.password)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    const id = (await ws.call(admin, 'users.list', {})).find((u) => u.username === SALES.username)!.id;
    await ws.call(admin, 'users.resetPassword', { id, newPassword: 'reset-by-admin' });
    expect(await tryLogin(SALES.username, SALES.password)).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    const session = ws.host.session();
    expect(await tryLogin(SALES.username, 'reset-by-admin', session)).toMatchObject({ ok: true });
  });
});
