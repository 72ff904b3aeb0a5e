import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/ipc/session';
import { ADMIN, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

let ws: TestWorkspace;
afterEach(() => ws?.dispose());

const loggedInAdmin = async (): Promise<Session> => {
  ws = await createTestWorkspace();
  return ws.loginAs(ADMIN.username, ADMIN.password);
};

const slotCount = (): number =>
  Object.keys((JSON.parse(readFileSync(join(ws.dir, 'keyring.json'), 'utf8')) as { users: object }).users).length;

const tryLogin = (username: string, password: string) => ws.invoke(ws.host.session(), 'auth.login', { username, password });

describe('users.create', () => {
  it('lets an admin create sales and manager users who can then log in with their role', async () => {
    const admin = await loggedInAdmin();
    const sales = await ws.call(admin, 'users.create', { username: 'zhangsan', displayName: '张三', role: 'sales', password: 'zhangsan-pass' });
    const manager = await ws.call(admin, 'users.create', { username: 'lisi', displayName: '李四', role: 'manager', password: 'lisi-pass-12' });
    expect(sales).toMatchObject({ username: 'zhangsan', displayName: '张三', role: 'sales', active: true, lastLoginAt: null });
    expect(manager).toMatchObject({ username: 'lisi', role: 'manager', active: true });
    expect(slotCount()).toBe(3);

    const s = await ws.loginAs('zhangsan', 'zhangsan-pass');
    expect(s.user).toMatchObject({ id: sales.id, role: 'sales', displayName: '张三' });
    const m = await ws.loginAs('lisi', 'lisi-pass-12');
    expect(m.user).toMatchObject({ id: manager.id, role: 'manager' });

    const list = await ws.call(admin, 'users.list', {});
    expect(list.map((u) => u.username)).toEqual([ADMIN.username, 'zhangsan', 'lisi']);
    expect(list.find((u) => u.username === 'zhangsan')?.lastLoginAt).toBe(ws.clock.now());
  });

  it('keeps a user name that differs only in case or full-width forms unique ("ＡＤＭＩＮ" clashes with "admin")', async () => {
    const admin = await loggedInAdmin();
    for (const username of ['ＡＤＭＩＮ', 'Admin', 'ADMIN', ' admin ']) {
      const result = await ws.invoke(admin, 'users.create', { username, displayName: '冒名', role: 'admin', password: 'imposter-pass' });
      expect(result, username).toMatchObject({ ok: false, error: { code: 'USERNAME_TAKEN' } });
    }
    await ws.addUser(admin, 'wangwu', 'sales');
    expect(await ws.invoke(admin, 'users.create', { username: 'ＷａｎｇＷｕ', displayName: '王五', role: 'sales', password: 'other-pass-1' })).toMatchObject({
      ok: false,
      error: { code: 'USERNAME_TAKEN', message: '用户名“ＷａｎｇＷｕ”已被使用' },
    });
    expect((await ws.call(admin, 'users.list', {})).map((u) => u.username)).toEqual([ADMIN.username, 'wangwu']);
    expect(slotCount()).toBe(2);
  });

  it('stores a full-width user name in its half-width form and lets it log in either way', async () => {
    const admin = await loggedInAdmin();
    const created = await ws.call(admin, 'users.create', { username: 'ＺＨＡＯ６', displayName: '赵六', role: 'sales', password: 'zhao6-pass-1' });
    expect(created.username).toBe('ZHAO6');
    expect((await ws.loginAs('zhao6', 'zhao6-pass-1')).user?.id).toBe(created.id);
    expect((await ws.loginAs('ＺＨＡＯ６', 'zhao6-pass-1')).user?.id).toBe(created.id);
  });

  it('accepts Chinese user names', async () => {
    const admin = await loggedInAdmin();
    await ws.call(admin, 'users.create', { username: '张三丰', displayName: '张三丰', role: 'sales', password: 'taiji-pass-1' });
    expect((await ws.loginAs('张三丰', 'taiji-pass-1')).user?.username).toBe('张三丰');
  });
});

describe('users.deactivate and users.activate', () => {
  it('removes the key slot of a deactivated user, and activation with a new password lets them in again', async () => {
    const admin = await loggedInAdmin();
    const sales = await ws.addUser(admin, 'zhangsan', 'sales', 'zhangsan-pass');
    expect(slotCount()).toBe(2);

    const deactivated = await ws.call(admin, 'users.deactivate', { id: sales.id });
    expect(deactivated.active).toBe(false);
    expect(slotCount()).toBe(1);
    expect(await tryLogin('zhangsan', 'zhangsan-pass')).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    ws.restart();
    expect(await tryLogin('zhangsan', 'zhangsan-pass')).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });

    const admin2 = await ws.loginAs(ADMIN.username, ADMIN.password);
    const activated = await ws.call(admin2, 'users.activate', { id: sales.id, newPassword: 'welcome-back-1' });
    expect(activated.active).toBe(true);
    expect(slotCount()).toBe(2);
    expect(await tryLogin('zhangsan', 'zhangsan-pass')).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    expect((await ws.loginAs('zhangsan', 'welcome-back-1')).user?.id).toBe(sales.id);
  });

  it('refuses to reset the password of a deactivated user (activation is the way back)', async () => {
    const admin = await loggedInAdmin();
    const sales = await ws.addUser(admin, 'zhangsan', 'sales');
    await ws.call(admin, 'users.deactivate', { id: sales.id });
    expect(await ws.invoke(admin, 'users.resetPassword', { id: sales.id, newPassword: 'sneaky-pass-1' })).toMatchObject({
      ok: false,
      error: { code: 'USER_INACTIVE' },
    });
    expect(slotCount()).toBe(1);
  });

  it('answers NOT_FOUND for an id that is no user', async () => {
    const admin = await loggedInAdmin();
    const id = '01890000-0000-7000-8000-000000000000';
    expect(await ws.invoke(admin, 'users.deactivate', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await ws.invoke(admin, 'users.update', { id, displayName: '某人', role: 'sales' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('the last active admin', () => {
  it('cannot be deactivated or demoted (LAST_ADMIN)', async () => {
    const admin = await loggedInAdmin();
    const id = admin.user!.id;
    expect(await ws.invoke(admin, 'users.deactivate', { id })).toMatchObject({
      ok: false,
      error: { code: 'LAST_ADMIN', message: '至少要保留一个在用的管理员' },
    });
    expect(await ws.invoke(admin, 'users.update', { id, displayName: ADMIN.displayName, role: 'manager' })).toMatchObject({
      ok: false,
      error: { code: 'LAST_ADMIN' },
    });
    expect((await ws.call(admin, 'users.list', {}))[0]).toMatchObject({ role: 'admin', active: true });
    expect(slotCount()).toBe(1);
  });

  it('counts only active admins: a deactivated second admin does not make the first removable', async () => {
    const admin = await loggedInAdmin();
    const second = await ws.addUser(admin, 'admin2', 'admin');
    await ws.call(admin, 'users.deactivate', { id: second.id });
    expect(await ws.invoke(admin, 'users.deactivate', { id: admin.user!.id })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
    expect(await ws.invoke(admin, 'users.update', { id: admin.user!.id, displayName: 'x', role: 'sales' })).toMatchObject({
      ok: false,
      error: { code: 'LAST_ADMIN' },
    });
  });

  it('can be demoted once another admin is active, and may still rename themselves', async () => {
    const admin = await loggedInAdmin();
    const id = admin.user!.id;
    await ws.call(admin, 'users.update', { id, displayName: '王总', role: 'admin' });
    expect(admin.user?.displayName).toBe('王总');
    await ws.addUser(admin, 'admin2', 'admin');
    const demoted = await ws.call(admin, 'users.update', { id, displayName: '王总', role: 'manager' });
    expect(demoted.role).toBe('manager');
    expect(admin.user?.role).toBe('manager');
    expect(await ws.invoke(admin, 'users.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('role limits on user administration', () => {
  it('refuses a sales user the user list (FORBIDDEN)', async () => {
    const admin = await loggedInAdmin();
    await ws.addUser(admin, 'zhangsan', 'sales', 'zhangsan-pass');
    const sales = await ws.loginAs('zhangsan', 'zhangsan-pass');
    expect(await ws.invoke(sales, 'users.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ws.invoke(sales, 'users.create', { username: 'friend', displayName: '朋友', role: 'admin', password: 'friend-pass' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('lets every user see their own recent logins', async () => {
    const admin = await loggedInAdmin();
    await ws.addUser(admin, 'zhangsan', 'sales', 'zhangsan-pass');
    const sales = await ws.loginAs('zhangsan', 'zhangsan-pass');
    const mine = await ws.call(sales, 'auth.myLogins', {});
    expect(mine.map((e) => [e.kind, e.username])).toEqual([['success', 'zhangsan']]);
  });
});

describe('loginHistory.list', () => {
  it('is for admins only', async () => {
    const admin = await loggedInAdmin();
    await ws.addUser(admin, 'lisi', 'manager', 'lisi-pass-12');
    await ws.addUser(admin, 'zhangsan', 'sales', 'zhangsan-pass');
    for (const [name, password] of [
      ['lisi', 'lisi-pass-12'],
      ['zhangsan', 'zhangsan-pass'],
    ] as const) {
      const session = await ws.loginAs(name, password);
      expect(await ws.invoke(session, 'loginHistory.list', { limit: 10, offset: 0 }), name).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });

  it('lists successful logins and logouts, newest first, page by page', async () => {
    const admin = await loggedInAdmin();
    await ws.addUser(admin, 'zhangsan', 'sales', 'zhangsan-pass');
    ws.clock.advance(60_000);
    const sales = await ws.loginAs('zhangsan', 'zhangsan-pass');
    ws.clock.advance(60_000);
    await ws.call(sales, 'auth.logout', {});
    expect(sales.user).toBeNull();

    const page = await ws.call(admin, 'loginHistory.list', { limit: 2, offset: 0 });
    expect(page.rows.map((r) => [r.kind, r.username])).toEqual([
      ['logout', 'zhangsan'],
      ['success', 'zhangsan'],
    ]);
    expect(page.total).toBe(3);
    const rest = await ws.call(admin, 'loginHistory.list', { limit: 2, offset: 2 });
    expect(rest.rows.map((r) => [r.kind, r.username])).toEqual([['success', ADMIN.username]]);
    // Defaults apply when the page is not given.
    expect((await ws.call(admin, 'loginHistory.list', {})).rows).toHaveLength(3);
  });
});

describe('logout', () => {
  it('closes the database when the last session logs out, and keeps it open while another remains', async () => {
    const admin = await loggedInAdmin();
    await ws.addUser(admin, 'zhangsan', 'sales', 'zhangsan-pass');
    const sales = await ws.loginAs('zhangsan', 'zhangsan-pass');
    await ws.call(sales, 'auth.logout', {});
    expect(ws.host.workspace.db).not.toBeNull();
    expect(await ws.invoke(sales, 'settings.get', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await ws.call(admin, 'auth.logout', {});
    expect(ws.host.workspace.db).toBeNull();
  });

  it('logs the previous user out when a window logs in as someone else', async () => {
    const admin = await loggedInAdmin();
    await ws.addUser(admin, 'zhangsan', 'sales', 'zhangsan-pass');
    await ws.call(admin, 'auth.login', { username: 'zhangsan', password: 'zhangsan-pass' });
    expect(admin.user?.username).toBe('zhangsan');
    await ws.call(admin, 'auth.logout', {});
    expect(ws.host.workspace.db).toBeNull();
  });
});

describe('a change to a logged-in user', () => {
  it('ends the open session of a user who is deactivated: their next call is UNAUTHENTICATED', async () => {
    const admin = await loggedInAdmin();
    const sales = await ws.addUser(admin, 'zhangsan', 'sales', 'zhangsan-pass');
    const window = await ws.loginAs('zhangsan', 'zhangsan-pass');
    await ws.call(admin, 'users.deactivate', { id: sales.id });
    expect(await ws.invoke(window, 'settings.get', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(window.user).toBeNull();
    // The ended session let go of the database: the admin's logout closes it.
    await ws.call(admin, 'auth.logout', {});
    expect(ws.host.workspace.db).toBeNull();
  });

  it('applies a new role to the open session of the user at once', async () => {
    const admin = await loggedInAdmin();
    const second = await ws.addUser(admin, 'admin2', 'admin', 'admin2-pass-1');
    const window = await ws.loginAs('admin2', 'admin2-pass-1');
    expect(await ws.invoke(window, 'users.list', {})).toMatchObject({ ok: true });
    await ws.call(admin, 'users.update', { id: second.id, displayName: '前管理员', role: 'sales' });
    expect(await ws.invoke(window, 'users.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(window.user).toMatchObject({ role: 'sales', displayName: '前管理员' });
    const status = await ws.call(window, 'app.status', {});
    expect(status.session?.user.role).toBe('sales');
  });
});
