import { randomBytes } from 'node:crypto';
import { AppError } from '../../../src-shared/errors';
import type { ChangePasswordInput, LoginInput, RecoverInput, SetupInput } from '../../../src-shared/schemas';
import type { LoginEventKind, UserInfo } from '../../../src-shared/types';
import type { Db } from '../../db/connection';
import { afterSuccess, beginAttempt, lockedFor, readAuthState, updateAuthState, withPendingEvent } from '../../keyring/authState';
import {
  newKeyring,
  slotId,
  withUserSlot,
  writeKeyring,
} from '../../keyring/keyring';
import { usernameKey } from '../../keyring/usernameKey';
import { newId } from '../ids';
import { canUseRecoveryKey } from '../policy/policy';
import { rekeyLocked } from '../rekey/rekey';
import { unlockRecoveryForLogin, unlockUserForLogin } from '../rekey/unlock';
import { writeSetting } from '../settings/settings';
import { findUserByName, getUser, insertUser } from '../users/users';
import type { Workspace } from '../workspace/workspace';
import { flushPendingEvents, recordLoginEvent } from './loginHistory';

/**
 * Set-up: a new random database key, the database with the first admin and
 * the company name, then the key-slot file. The key-slot file is written
 * last: until it exists the workspace does not exist. A marker written before
 * the database is created says the database is a set-up's, so a set-up that
 * died half-way is cleaned up by the next one; a database without the marker
 * (a workspace whose keyring.json went missing) is never deleted: the set-up
 * is refused with DATABASE_WITHOUT_KEYRING.
 */
export const createWorkspace = (ws: Workspace, input: SetupInput): Promise<{ recoveryKey: string }> =>
  ws.withKeyringLock(async () => {
    if (ws.isInitialized()) throw new AppError('WORKSPACE_EXISTS');
    ws.ensureDir();
    ws.removeInterruptedSetup();
    const dbKey = randomBytes(32);
    const workspaceId = newId();
    const adminId = newId();
    const { keyring: base, recoveryKey } = newKeyring(workspaceId, dbKey);
    const keyring = await withUserSlot(base, usernameKey(input.adminUsername), input.password, dbKey, ws.scrypt);
    ws.beginSetup();
    const db = ws.createDatabase(dbKey);
    try {
      db.write(adminId, (tx) => {
        insertUser(tx, adminId, {
          id: adminId,
          username: input.adminUsername,
          displayName: input.adminDisplayName,
          role: 'admin',
        });
        writeSetting(tx, adminId, 'workspaceId', workspaceId);
        writeSetting(tx, adminId, 'companyName', input.companyName);
        writeSetting(tx, adminId, 'locale', input.locale);
      });
    } finally {
      db.close();
    }
    writeKeyring(ws.dataDir, keyring);
    ws.finishSetup();
    dbKey.fill(0);
    return { recoveryKey };
  });

/** Records a login event: straight into the history when the database is open, else kept for later. */
const noteEvent = (ws: Workspace, slot: string, kind: 'failure' | 'locked', username: string): void => {
  const db = ws.db;
  const now = ws.clock.now();
  if (db) {
    const user = findUserByName(db, username);
    db.write(null, (tx) => recordLoginEvent(tx, { at: now, kind, userId: user?.id ?? null, username: user?.username ?? null }));
  } else {
    updateAuthState(ws.dataDir, (state) => ({ state: withPendingEvent(state, { at: now, kind, slot }), result: null }));
  }
};

const minutesLeft = (ms: number): number => Math.max(1, Math.ceil(ms / 60_000));

/**
 * Checks a password against the user's key slot, keeping the lockout rule:
 * 5 wrong passwords in a row lock the account for 15 minutes, across restarts.
 * Returns the unwrapped database key.
 *
 * The attempt is counted as a failure before scrypt runs (authState.ts
 * beginAttempt, under the state file's lock) and the count is cleared when the
 * password proves right. So parallel attempts from any number of processes,
 * or a process killed during scrypt, cannot escape the count: between two
 * successes at most 5 passwords of an account are checked, and later
 * attempts are refused without a check until the lock runs out.
 *
 * Exported for the test that runs it from many processes at once; the app
 * reaches it through login and the other functions here.
 */
export const checkPassword = async (ws: Workspace, username: string, password: string): Promise<Buffer> => {
  const keyring = ws.keyring();
  const slot = slotId(keyring, usernameKey(username));
  const known = Object.prototype.hasOwnProperty.call(keyring.users, slot);
  if (known) {
    const now = ws.clock.now();
    const attempt = updateAuthState(ws.dataDir, (state) => {
      const next = beginAttempt(state, slot, now);
      return { state: next.allowed ? next.state : null, result: next };
    });
    if (!attempt.allowed) {
      noteEvent(ws, slot, 'locked', username);
      throw new AppError('ACCOUNT_LOCKED', { minutes: minutesLeft(attempt.lockedMs) }, 'refused before the password was checked');
    }
  }
  // Also upgrades a legacy slot and settles or finishes an interrupted re-key (services/rekey/unlock.ts).
  const key = await unlockUserForLogin(ws, usernameKey(username), password);
  if (key) {
    if (known) updateAuthState(ws.dataDir, (state) => ({ state: afterSuccess(state, slot), result: null }));
    return key;
  }
  // Already counted; the account may be locked now, by this attempt or a parallel one.
  const locked = known ? lockedFor(readAuthState(ws.dataDir), slot, ws.clock.now()) : 0;
  noteEvent(ws, slot, locked > 0 ? 'locked' : 'failure', username);
  if (locked > 0) throw new AppError('ACCOUNT_LOCKED', { minutes: minutesLeft(locked) }, 'password checked and wrong; account locked');
  throw new AppError('WRONG_PASSWORD');
};

/** Opens the database for a user whose slot unwrapped, and checks the account in it. */
const enter = (ws: Workspace, key: Buffer, username: string, kind: LoginEventKind): { db: Db; user: UserInfo } => {
  const db = ws.acquire(key);
  try {
    const row = findUserByName(db, username);
    if (!row) throw new AppError('WRONG_PASSWORD', undefined, 'slot without user row');
    if (!row.active) throw new AppError('USER_INACTIVE');
    const keyring = ws.keyring();
    const slot = slotId(keyring, row.usernameKey);
    updateAuthState(ws.dataDir, (state) => {
      flushPendingEvents(db, keyring, state.pending);
      return { state: { ...afterSuccess(state, slot), pending: [] }, result: null };
    });
    db.write(row.id, (tx) => recordLoginEvent(tx, { at: ws.clock.now(), kind, userId: row.id, username: row.username }));
    return { db, user: getUser(db, row.id) };
  } catch (e) {
    ws.release();
    throw e;
  }
};

export const login = (ws: Workspace, input: LoginInput): Promise<{ db: Db; user: UserInfo }> =>
  ws.withKeyringLock(async () => {
    const key = await checkPassword(ws, input.username, input.password);
    try {
      return enter(ws, key, input.username, 'success');
    } finally {
      key.fill(0);
    }
  });

export const logout = (ws: Workspace, user: UserInfo): void => {
  const db = ws.db;
  if (db) db.write(user.id, (tx) => recordLoginEvent(tx, { at: ws.clock.now(), kind: 'logout', userId: user.id, username: user.username }));
  ws.release();
};

/**
 * The recovery key opens the workspace and gives an administrator account a
 * new password (and lifts its lockout).
 */
export const recoverWithKey = (ws: Workspace, input: RecoverInput): Promise<{ db: Db; user: UserInfo }> =>
  ws.withKeyringLock(async () => {
    const key = await unlockRecoveryForLogin(ws, input.recoveryKey);
    if (!key) throw new AppError('INVALID_RECOVERY_KEY');
    const keyring = ws.keyring();
    try {
      const db = ws.acquire(key);
      let row;
      try {
        row = findUserByName(db, input.username);
        if (!row || !canUseRecoveryKey(row)) throw new AppError('NOT_FOUND');
        if (!row.active) throw new AppError('USER_INACTIVE');
      } finally {
        ws.release();
      }
      writeKeyring(ws.dataDir, await withUserSlot(keyring, row.usernameKey, input.newPassword, key, ws.scrypt));
      return enter(ws, key, input.username, 'recovery');
    } finally {
      key.fill(0);
    }
  });

export const changePassword = (ws: Workspace, user: UserInfo, input: ChangePasswordInput): Promise<void> =>
  ws.withKeyringLock(async () => {
    const key = await checkPassword(ws, user.username, input.currentPassword);
    try {
      writeKeyring(ws.dataDir, await withUserSlot(ws.keyring(), usernameKey(user.username), input.newPassword, key, ws.scrypt));
    } finally {
      key.fill(0);
    }
  });

/**
 * Replaces the recovery key after the admin re-enters their password, with a
 * re-key: the old recovery key, with an old backup's slots, would otherwise
 * still open today's database (services/rekey).
 */
export const rotateRecoveryKey = (ws: Workspace, user: UserInfo, password: string): Promise<{ recoveryKey: string }> =>
  ws.withKeyringLock(async () => {
    const key = await checkPassword(ws, user.username, password);
    key.fill(0);
    const db = ws.db;
    if (!db) throw new AppError('UNAUTHENTICATED');
    const run = await rekeyLocked(ws, db, { reason: 'recovery-rotated', newRecoveryKey: true });
    run.newKey.fill(0);
    return { recoveryKey: run.recoveryKey! };
  });

/** An admin reset lifts the user's lockout too. */
export const clearLockout = (ws: Workspace, username: string): void => {
  const slot = slotId(ws.keyring(), usernameKey(username));
  updateAuthState(ws.dataDir, (state) => ({ state: afterSuccess(state, slot), result: null }));
};
