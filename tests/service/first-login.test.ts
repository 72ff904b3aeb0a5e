import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

/**
 * A password an administrator set (a new account, a reset, a re-activation) must be replaced at the
 * person's first login before anything else, in the main process: every other channel is refused.
 */

let ws: TestWorkspace;
afterEach(() => ws?.dispose());

describe('a password set by an administrator', () => {
  it('must be changed first: until then every channel but the password change and logout is refused', async () => {
    ws = await createTestWorkspace();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    const zhao = await ws.call(admin, 'users.create', { username: 'zhao', displayName: '赵六', role: 'sales', password: 'set-by-admin-1', mustChangePassword: true });

    const s = ws.host.session();
    const login = await ws.call(s, 'auth.login', { username: 'zhao', password: 'set-by-admin-1' });
    expect(login.user.mustChangePassword).toBe(true);
    expect(await ws.invoke(s, 'customers.list', { filter: {}, sort: { field: 'name', dir: 'asc' }, limit: 10 })).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_CHANGE_REQUIRED' },
    });
    expect(await ws.invoke(s, 'customers.create', { fields: { name: '不该建成的公司' }, confirmDuplicates: true })).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    expect(await ws.call(s, 'app.status', {})).toMatchObject({ session: { user: { mustChangePassword: true } } });

    await ws.call(s, 'auth.changePassword', { currentPassword: 'set-by-admin-1', newPassword: 'only-zhao-knows-1' });
    expect((await ws.call(s, 'app.status', {})).session?.user.mustChangePassword).toBeUndefined();
    expect((await ws.invoke(s, 'customers.list', { filter: {}, sort: { field: 'name', dir: 'asc' }, limit: 10 })).ok).toBe(true);

    // A reset by the administrator asks again; one without the flag (a script's default) does not.
    await ws.call(admin, 'users.resetPassword', { id: zhao.id, newPassword: 'reset-by-admin-2', mustChangePassword: true });
    const again = ws.host.session();
    expect((await ws.call(again, 'auth.login', { username: 'zhao', password: 'reset-by-admin-2' })).user.mustChangePassword).toBe(true);
    // The session that was already open is held to it on its next call too.
    expect(await ws.invoke(s, 'customers.list', { filter: {}, sort: { field: 'name', dir: 'asc' }, limit: 10 })).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    await ws.call(admin, 'users.resetPassword', { id: zhao.id, newPassword: 'reset-by-admin-3' });
    const third = ws.host.session();
    expect((await ws.call(third, 'auth.login', { username: 'zhao', password: 'reset-by-admin-3' })).user.mustChangePassword).toBeUndefined();
  });

  it('an administrator resetting their own password is not asked to change it again', async () => {
    ws = await createTestWorkspace();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    await ws.call(admin, 'users.resetPassword', { id: admin.user!.id, newPassword: 'admin-new-pass-1', mustChangePassword: true });
    const s = ws.host.session();
    expect((await ws.call(s, 'auth.login', { username: ADMIN.username, password: 'admin-new-pass-1' })).user.mustChangePassword).toBeUndefined();
  });
});
