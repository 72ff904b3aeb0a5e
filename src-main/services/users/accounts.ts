import type { z } from 'zod';
import type { Db } from '../../db/connection';
import type { createUserInputSchema, setPasswordInputSchema } from '../../../src-shared/schemas';
import type { UserInfo } from '../../../src-shared/types';
import { clearLockout } from '../auth/auth';
import { setMustChangePassword } from '../auth/passwordChange';
import type { Workspace } from '../workspace/workspace';
import { createUser, getUserRow, setUserPassword } from './users';

/**
 * What the users screen does as one step: an account with its first password, which the person
 * must replace at their first login when the administrator says so.
 */
export const createAccount = async (ws: Workspace, db: Db, actor: UserInfo, input: z.output<typeof createUserInputSchema>): Promise<UserInfo> => {
  const { mustChangePassword, ...fields } = input;
  const created = await createUser(ws, db, actor.id, fields);
  setMustChangePassword(db, created.id, mustChangePassword);
  return created;
};

/**
 * A new password set by an administrator (and the account activated, for `activate`): the login
 * lockout of that user name is lifted, and the person must replace the password at their next
 * login when the administrator says so — never for an administrator's own password.
 */
export const setPasswordByAdmin = async (
  ws: Workspace,
  db: Db,
  actor: UserInfo,
  input: z.output<typeof setPasswordInputSchema>,
  activate: boolean,
): Promise<UserInfo> => {
  const { mustChangePassword, ...password } = input;
  const result = await setUserPassword(ws, db, actor.id, password, activate);
  clearLockout(ws, activate ? result.username : getUserRow(db, input.id).username);
  setMustChangePassword(db, input.id, mustChangePassword && input.id !== actor.id);
  return result;
};
