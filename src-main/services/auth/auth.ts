import { randomBytes } from 'node:crypto';
import { AppError } from '../../../src-shared/errors';
import type { ChangePasswordInput, LoginInput, RecoverInput, SetupInput } from '../../../src-shared/schemas';
import type { LoginEventKind, UserInfo } from '../../../src-shared/types';
import type { Db } from '../../db/connection';
import {
  afterFailure,
  afterSuccess,
  lockedFor,
  readAuthState,
  withPendingEvent,
  writeAuthState,
} from '../../keyring/authState';
import {
  newKeyring,
  slotId,
  unlockRecovery,
  unlockUserSlot,
  withNewRecoveryKey,
  withUserSlot,
  writeKeyring,
} from '../../keyring/keyring';
import { usernameKey } from '../../keyring/usernameKey';
import { newId } from '../ids';
import { writeSetting } from '../settings/settings';
import { findUserByName, getUser, insertUser } from '../users/users';
import type { Workspace } from '../workspace/workspace';
import { flushPendingEvents, recordLoginEvent } from './loginHistory';

/**
 * Set-up: a new random database key, the database with the first admin and
 * the company name, then the key-slot file. The key-slot file is written
 * last: until it exists the workspace does not exist, and a set-up that died
 * half-way is cleaned up by the next one.
 */
export const createWorkspace = (ws: Workspace, input: SetupInput): Promise<{ recoveryKey: string }> =>
  ws.withKeyringLock(async () => {
    if (ws.isInitialized()) throw new AppError('WORKSPACE_EXISTS');
    ws.ensureDir();
    ws.removeOrphanDatabase();
    const dbKey = randomBytes(32);
    const workspaceId = newId();
    const adminId = newId();
    const { keyring: base, recoveryKey } = newKeyring(workspaceId, dbKey);
    const keyring = await withUserSlot(base, usernameKey(input.adminUsername), input.password, dbKey, ws.scrypt);
    const db = ws.createDatabase(dbKey);
    try {
      db.write(adminId, () => {
        insertUser(db, adminId, {
          id: adminId,
          username: input.adminUsername,
          displayName: input.adminDisplayName,
          role: 'admin',
        });
      });
      writeSetting(db, adminId, 'workspaceId', workspaceId);
      writeSetting(db, adminId, 'companyName', input.companyName);
      writeSetting(db, adminId, 'locale', input.locale);
    } finally {
      db.close();
    }
    writeKeyring(ws.dataDir, keyring);
    dbKey.fill(0);
    return { recoveryKey };
  });

/** Records a login event: straight into the history when the database is open, else kept for later. */
const noteEvent = (ws: Workspace, slot: string, kind: 'failure' | 'locked', username: string): void => {
  const db = ws.db;
  const now = ws.clock.now();
  if (db) {
    const user = findUserByName(db, username);
    db.write(null, () => recordLoginEvent(db, { at: now, kind, userId: user?.id ?? null, username: user?.username ?? null }));
  } else {
    writeAuthState(ws.dataDir, withPendingEvent(readAuthState(ws.dataDir), { at: now, kind, slot }));
  }
};

const minutesLeft = (ms: number): number => Math.max(1, Math.ceil(ms / 60_000));

/**
 * Checks a password against the user's key slot, keeping the lockout rule:
 * 5 wrong passwords in a row lock the account for 15 minutes, across restarts.
 * Returns the unwrapped database key.
 */
const verifyPassword = async (ws: Workspace, username: string, password: string): Promise<Buffer> => {
  const keyring = ws.keyring();
  const slot = slotId(keyring, usernameKey(username));
  const locked = lockedFor(readAuthState(ws.dataDir), slot, ws.clock.now());
  if (locked > 0) {
    noteEvent(ws, slot, 'locked', username);
    throw new AppError('ACCOUNT_LOCKED', { minutes: minutesLeft(locked) });
  }
  const key = await unlockUserSlot(keyring, usernameKey(username), password, ws.scrypt);
  if (key) return key;
  const known = Object.prototype.hasOwnProperty.call(keyring.users, slot);
  if (known) {
    const next = afterFailure(readAuthState(ws.dataDir), slot, ws.clock.now());
    writeAuthState(ws.dataDir, next.state);
    noteEvent(ws, slot, next.kind === 'locked' ? 'locked' : 'failure', username);
    if (next.locked) throw new AppError('ACCOUNT_LOCKED', { minutes: minutesLeft(lockedFor(next.state, slot, ws.clock.now())) });
  } else {
    noteEvent(ws, slot, 'failure', username);
  }
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
    const state = readAuthState(ws.dataDir);
    flushPendingEvents(db, keyring, state.pending);
    writeAuthState(ws.dataDir, { ...afterSuccess(state, slot), pending: [] });
    db.write(row.id, () => recordLoginEvent(db, { at: ws.clock.now(), kind, userId: row.id, username: row.username }));
    return { db, user: getUser(db, row.id) };
  } catch (e) {
    ws.release();
    throw e;
  }
};

export const login = (ws: Workspace, input: LoginInput): Promise<{ db: Db; user: UserInfo }> =>
  ws.withKeyringLock(async () => {
    const key = await verifyPassword(ws, input.username, input.password);
    try {
      return enter(ws, key, input.username, 'success');
    } finally {
      key.fill(0);
    }
  });

export const logout = (ws: Workspace, user: UserInfo): void => {
  const db = ws.db;
  if (db) db.write(user.id, () => recordLoginEvent(db, { at: ws.clock.now(), kind: 'logout', userId: user.id, username: user.username }));
  ws.release();
};

/**
 * The recovery key opens the workspace and gives an administrator account a
 * new password (and lifts its lockout).
 */
export const recoverWithKey = (ws: Workspace, input: RecoverInput): Promise<{ db: Db; user: UserInfo }> =>
  ws.withKeyringLock(async () => {
    const keyring = ws.keyring();
    const key = unlockRecovery(keyring, input.recoveryKey);
    if (!key) throw new AppError('INVALID_RECOVERY_KEY');
    try {
      const db = ws.acquire(key);
      let row;
      try {
        row = findUserByName(db, input.username);
        if (!row || row.role !== 'admin') throw new AppError('NOT_FOUND');
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
    const key = await verifyPassword(ws, user.username, input.currentPassword);
    try {
      writeKeyring(ws.dataDir, await withUserSlot(ws.keyring(), usernameKey(user.username), input.newPassword, key, ws.scrypt));
    } finally {
      key.fill(0);
    }
  });

/** Replaces the recovery key after the admin re-enters their password. */
export const rotateRecoveryKey = (ws: Workspace, user: UserInfo, password: string): Promise<{ recoveryKey: string }> =>
  ws.withKeyringLock(async () => {
    const key = await verifyPassword(ws, user.username, password);
    try {
      const { keyring, recoveryKey } = withNewRecoveryKey(ws.keyring(), key);
      writeKeyring(ws.dataDir, keyring);
      return { recoveryKey };
    } finally {
      key.fill(0);
    }
  });

/** An admin reset lifts the user's lockout too. */
export const clearLockout = (ws: Workspace, username: string): void => {
  const slot = slotId(ws.keyring(), usernameKey(username));
  writeAuthState(ws.dataDir, afterSuccess(readAuthState(ws.dataDir), slot));
};
