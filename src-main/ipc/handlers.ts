import { AppError } from '../../src-shared/errors';
import type { Db } from '../db/connection';
import { integrityCheck } from '../db/connection';
import { schemaLevel } from '../db/migrate';
import {
  changePassword,
  clearLockout,
  createWorkspace,
  login,
  logout,
  recoverWithKey,
  rotateRecoveryKey,
} from '../services/auth/auth';
import { listLoginHistory, loginsOfUser } from '../services/auth/loginHistory';
import { getSettings, updateSettings } from '../services/settings/settings';
import {
  createUser,
  deactivateUser,
  findUserById,
  getUserRow,
  listUsers,
  setUserPassword,
  toUserInfo,
  updateUser,
} from '../services/users/users';
import type { Workspace } from '../services/workspace/workspace';
import type { Handlers } from './registry';
import type { Session } from './session';

const openDb = (ws: Workspace): Db => {
  const db = ws.db;
  if (!db) throw new AppError('UNAUTHENTICATED');
  return db;
};

const endSession = (ws: Workspace, session: Session): void => {
  if (session.user) {
    logout(ws, session.user);
    session.user = null;
  }
};

/**
 * Brings a session's user up to date before each call: a role change or a
 * deactivation made from another window applies at once, not at that user's
 * next login. A user who no longer exists or is inactive is logged out.
 */
export const refreshSession = (ws: Workspace, session: Session): void => {
  const current = session.user;
  if (!current) return;
  const db = ws.db;
  const row = db ? findUserById(db, current.id) : undefined;
  if (!row || !row.active) {
    endSession(ws, session);
    return;
  }
  session.user = toUserInfo(row, current.lastLoginAt);
};

/** The main process's handlers, one per contract channel, over one workspace. */
export const createHandlers = (ws: Workspace): Handlers => ({
  'app.status': (_input, { session }) => ({
    initialized: ws.isInitialized(),
    session: session.user && ws.db ? { user: session.user, companyName: getSettings(ws.db).companyName } : null,
  }),

  'setup.create': (input) => createWorkspace(ws, input),

  'auth.login': async (input, { session }) => {
    endSession(ws, session);
    const { db, user } = await login(ws, input);
    session.user = user;
    return { user, companyName: getSettings(db).companyName };
  },

  'auth.recover': async (input, { session }) => {
    endSession(ws, session);
    const { db, user } = await recoverWithKey(ws, input);
    session.user = user;
    return { user, companyName: getSettings(db).companyName };
  },

  'auth.logout': (_input, { session }) => {
    endSession(ws, session);
    return null;
  },

  'auth.changePassword': async (input, { user }) => {
    await changePassword(ws, user, input);
    return null;
  },

  'auth.myLogins': (_input, { user }) => loginsOfUser(openDb(ws), user.id, 10),

  'users.list': () => listUsers(openDb(ws)),
  'users.create': (input, { user }) => createUser(ws, openDb(ws), user.id, input),
  'users.update': (input, { user, session }) => {
    const updated = updateUser(openDb(ws), user.id, input);
    if (updated.id === user.id) session.user = updated;
    return updated;
  },
  'users.deactivate': (input, { user }) => deactivateUser(ws, openDb(ws), user.id, input.id),
  'users.activate': async (input, { user }) => {
    const result = await setUserPassword(ws, openDb(ws), user.id, input, true);
    clearLockout(ws, result.username);
    return result;
  },
  'users.resetPassword': async (input, { user }) => {
    const db = openDb(ws);
    const result = await setUserPassword(ws, db, user.id, input, false);
    clearLockout(ws, getUserRow(db, input.id).username);
    return result;
  },

  'loginHistory.list': (input) => listLoginHistory(openDb(ws), input),

  'settings.get': () => getSettings(openDb(ws)),
  'settings.update': (input, { user }) => updateSettings(openDb(ws), user.id, input),

  'system.check': () => {
    const db = openDb(ws);
    const level = schemaLevel(db.sqlite, ws.migrationsFolder);
    return {
      integrity: integrityCheck(db),
      schemaVersion: level.applied,
      appSchemaVersion: level.known,
      userCount: listUsers(db).length,
    };
  },

  'system.rotateRecoveryKey': (input, { user }) => rotateRecoveryKey(ws, user, input.password),
});
