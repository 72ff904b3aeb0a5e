import type { userChannels } from '../../../src-shared/contract/users';
import { listLoginHistory } from '../auth/loginHistory';
import type { ModuleContext, ModuleHandlers } from '../module';
import { createAccount, setPasswordByAdmin } from './accounts';
import { deactivateUser, listUsers, updateUser } from './users';

/** Handlers for src-shared/contract/users.ts (the registry allows admins only, except the directory). */
export const userHandlers = ({ ws, db, read }: ModuleContext): ModuleHandlers<typeof userChannels> => ({
  'users.list': () => listUsers(read()),
  'users.create': (input, { user }) => createAccount(ws, db(), user, input),
  'users.update': async (input, { user, session }) => {
    const updated = await updateUser(ws, db(), user.id, input);
    if (updated.id === user.id) session.user = updated;
    return updated;
  },
  'users.deactivate': (input, { user }) => deactivateUser(ws, db(), user.id, input.id),
  'users.activate': (input, { user }) => setPasswordByAdmin(ws, db(), user, input, true),
  'users.resetPassword': (input, { user }) => setPasswordByAdmin(ws, db(), user, input, false),
  'loginHistory.list': (input) => listLoginHistory(read(), input),
  'users.directory': () => listUsers(read()).map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, active: u.active })),
});
