import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, OFFICE, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

/**
 * A restore replaces the database under every session: they all end (the
 * workspace's generation moves on), and a stale session's logout cannot drop
 * the hold of a login made after the restore.
 */
let ws: TestWorkspace;
afterEach(() => ws?.dispose());

describe('sessions and a restore', () => {
  it('ends every session, and a stale session cannot log out the one that logged in afterwards', async () => {
    ws = await createTestWorkspace();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    await ws.call(admin, 'users.create', { ...OFFICE.wang });
    const made = await ws.call(admin, 'backup.create', {});
    const manager = await ws.loginAs(OFFICE.wang.username, OFFICE.wang.password);
    expect((await ws.invoke(manager, 'customers.list', {})).ok).toBe(true);

    await ws.call(admin, 'backup.restore', { fileName: made.fileName });

    // The admin logs in again at once, before the manager's window makes another call.
    const again = await ws.loginAs(ADMIN.username, ADMIN.password);
    // The manager's session belongs to the database before the restore: it is over.
    expect(await ws.invoke(manager, 'customers.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await ws.invoke(manager, 'app.status', {})).toMatchObject({ ok: true, value: { session: null } });
    // Its logout changes nothing for the admin's new login.
    await ws.invoke(manager, 'auth.logout', {});
    expect(ws.host.workspace.db).not.toBeNull();
    expect((await ws.invoke(again, 'customers.list', {})).ok).toBe(true);

    // Logging in again in the manager's window works as usual.
    await ws.call(manager, 'auth.login', { username: OFFICE.wang.username, password: OFFICE.wang.password });
    expect((await ws.invoke(manager, 'customers.list', {})).ok).toBe(true);
    await ws.call(manager, 'auth.logout', {});
    expect((await ws.invoke(again, 'customers.list', {})).ok).toBe(true);
  });
});
