import type { Db, ReadDb } from '../../db/connection';
import type { UserInfo } from '../../../src-shared/types';
import type { ChangePasswordInput, LoginInput, RecoverInput } from '../../../src-shared/schemas';
import type { Session } from '../../ipc/session';
import { getSettings } from '../settings/settings';
import { findUserById, toUserInfo } from '../users/users';
import type { Workspace } from '../workspace/workspace';
import { changePassword, login, logout, recoverWithKey } from './auth';
import { mustChangePassword, setMustChangePassword } from './passwordChange';

/** Ends a session's login (the workspace closes when the last one ends). */
export const endSession = (ws: Workspace, session: Session): void => {
  if (session.user) {
    logout(ws, session.user);
    session.user = null;
  }
};

/** A session's user, flagged when an administrator set the password and it must be changed first. */
export const withPasswordChange = (db: ReadDb, user: UserInfo): UserInfo => (mustChangePassword(db, user.id) ? { ...user, mustChangePassword: true } : user);

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
  session.user = withPasswordChange(db!, toUserInfo(row, current.lastLoginAt));
};

/** Logs a session in (ending whoever was logged in on it first). */
export const loginSession = async (ws: Workspace, session: Session, input: LoginInput) => {
  endSession(ws, session);
  const { db, user } = await login(ws, input);
  const flagged = withPasswordChange(db, user);
  session.user = flagged;
  return { user: flagged, companyName: getSettings(db).companyName };
};

/** Logs a session in with the recovery key. */
export const recoverSession = async (ws: Workspace, session: Session, input: RecoverInput) => {
  endSession(ws, session);
  const { db, user } = await recoverWithKey(ws, input);
  session.user = user;
  return { user, companyName: getSettings(db).companyName };
};

/** Changes one's own password; a password an administrator set no longer has to be changed. */
export const changeOwnPassword = async (ws: Workspace, session: Session, user: UserInfo, input: ChangePasswordInput, db: () => Db): Promise<null> => {
  await changePassword(ws, user, input);
  setMustChangePassword(db(), user.id, false);
  session.user = withPasswordChange(db(), user);
  return null;
};
