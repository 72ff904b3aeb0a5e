import { and, asc, eq, ne } from 'drizzle-orm';
import { AppError } from '../../../src-shared/errors';
import type { Role } from '../../../src-shared/roles';
import type { CreateUserInput, SetPasswordInput, UpdateUserInput } from '../../../src-shared/schemas';
import type { UserInfo } from '../../../src-shared/types';
import type { Db, ReadDb, WriteDb } from '../../db/connection';
import { users } from '../../db/schema';
import { withoutUserSlot, withUserSlot, writeKeyring } from '../../keyring/keyring';
import { usernameKey } from '../../keyring/usernameKey';
import { lastLogins } from '../auth/loginHistory';
import { newId } from '../ids';
import { userCan } from '../policy/policy';
import { markRekeyPending, rekeyAfterChange } from '../rekey/rekey';
import type { Workspace } from '../workspace/workspace';

type UserRow = typeof users.$inferSelect;

export const toUserInfo = (row: UserRow, lastLoginAt: number | null = null): UserInfo => ({
  id: row.id,
  username: row.username,
  displayName: row.displayName,
  role: row.role,
  active: row.active,
  createdAt: row.createdAt,
  lastLoginAt,
  can: userCan(row),
});

export const findUserByName = (db: ReadDb, username: string): UserRow | undefined =>
  db.orm.select().from(users).where(eq(users.usernameKey, usernameKey(username))).get();

export const findUserById = (db: ReadDb, id: string): UserRow | undefined =>
  db.orm.select().from(users).where(eq(users.id, id)).get();

export const getUserRow = (db: ReadDb, id: string): UserRow => {
  const row = findUserById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
};

export const getUser = (db: ReadDb, id: string): UserInfo => toUserInfo(getUserRow(db, id), lastLogins(db).get(id) ?? null);

export const listUsers = (db: ReadDb): UserInfo[] => {
  const last = lastLogins(db);
  return db.orm
    .select()
    .from(users)
    .orderBy(asc(users.createdAt))
    .all()
    .map((r) => toUserInfo(r, last.get(r.id) ?? null));
};

/** Inserts the user row; the caller writes its key slot in the same transaction. */
export const insertUser = (
  tx: WriteDb,
  actorId: string | null,
  input: { id?: string; username: string; displayName: string; role: Role },
): UserRow => {
  if (findUserByName(tx, input.username)) throw new AppError('USERNAME_TAKEN', { username: input.username });
  const now = tx.clock.now();
  const row: UserRow = {
    id: input.id ?? newId(),
    createdAt: now,
    createdBy: actorId,
    updatedAt: now,
    updatedBy: actorId,
    username: input.username.normalize('NFKC').trim(),
    usernameKey: usernameKey(input.username),
    displayName: input.displayName,
    role: input.role,
    active: true,
  };
  tx.orm.insert(users).values(row).run();
  return row;
};

const otherActiveAdmins = (db: ReadDb, exceptId: string): number =>
  db.orm
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true), ne(users.id, exceptId)))
    .all().length;

/**
 * Creates a user and its key slot. The slot is wrapped first (slow scrypt,
 * outside any transaction); the row insert and the key-slot file write then
 * happen inside one transaction, so a failure in either leaves neither.
 */
export const createUser = (ws: Workspace, db: Db, actorId: string, input: CreateUserInput): Promise<UserInfo> =>
  ws.withKeyringLock(async () => {
    if (findUserByName(db, input.username)) throw new AppError('USERNAME_TAKEN', { username: input.username });
    const keyring = await withUserSlot(ws.keyring(), usernameKey(input.username), input.password, ws.openKey(), ws.scrypt);
    const row = db.write(actorId, (tx) => {
      const inserted = insertUser(tx, actorId, input);
      writeKeyring(ws.dataDir, keyring);
      return inserted;
    });
    return toUserInfo(row);
  });

const rank: Record<Role, number> = { sales: 1, manager: 2, admin: 3 };

/**
 * Saves a user's name and role. Taking a role away (admin → manager or sales,
 * manager → sales) re-keys the workspace afterwards (services/rekey): what
 * the person could reach before stays in the copies they may have made, not
 * in today's database file.
 */
export const updateUser = (ws: Workspace, db: Db, actorId: string, input: UpdateUserInput): Promise<UserInfo> =>
  ws.withKeyringLock(async () => {
    let demoted = false;
    const updated = db.write(actorId, (tx) => {
      const row = getUserRow(tx, input.id);
      if (row.role === 'admin' && input.role !== 'admin' && row.active && otherActiveAdmins(tx, row.id) === 0) {
        throw new AppError('LAST_ADMIN');
      }
      // Saving an unchanged form is not a change: no new stamp, so the change log stays quiet.
      if (row.displayName === input.displayName && row.role === input.role) return getUser(tx, input.id);
      demoted = row.active && rank[input.role] < rank[row.role];
      if (demoted) markRekeyPending(ws, tx, 'demoted');
      tx.orm
        .update(users)
        .set({ displayName: input.displayName, role: input.role, updatedAt: tx.clock.now(), updatedBy: actorId })
        .where(eq(users.id, input.id))
        .run();
      return getUser(tx, input.id);
    });
    if (demoted) await rekeyAfterChange(ws, db, { reason: 'demoted' });
    return updated;
  });

/**
 * Deactivating removes the user's key slot at once (the password no longer
 * opens this keyring), then re-keys the workspace, so the key that person's
 * old slot unwraps (from a backup made before) no longer opens today's file.
 * The deactivation stands even if the re-key is refused (an import has the
 * database open): it stays pending and is retried (see keys.status).
 */
export const deactivateUser = (ws: Workspace, db: Db, actorId: string, id: string): Promise<UserInfo> =>
  ws.withKeyringLock(async () => {
    const { user, usernameKey: departed } = db.write(actorId, (tx) => {
      const row = getUserRow(tx, id);
      if (row.role === 'admin' && otherActiveAdmins(tx, row.id) === 0) throw new AppError('LAST_ADMIN');
      markRekeyPending(ws, tx, 'deactivated');
      tx.orm.update(users).set({ active: false, updatedAt: tx.clock.now(), updatedBy: actorId }).where(eq(users.id, id)).run();
      writeKeyring(ws.dataDir, withoutUserSlot(ws.keyring(), row.usernameKey));
      return { user: getUser(tx, id), usernameKey: row.usernameKey };
    });
    await rekeyAfterChange(ws, db, { reason: 'deactivated', removeUsernameKeys: [departed] });
    return user;
  });

/** Gives the user a new password slot (reset), and activates the account if it was deactivated. */
export const setUserPassword = (
  ws: Workspace,
  db: Db,
  actorId: string,
  input: SetPasswordInput,
  activate: boolean,
): Promise<UserInfo> =>
  ws.withKeyringLock(async () => {
    const row = getUserRow(db, input.id);
    if (!activate && !row.active) throw new AppError('USER_INACTIVE');
    const keyring = await withUserSlot(ws.keyring(), row.usernameKey, input.newPassword, ws.openKey(), ws.scrypt);
    return db.write(actorId, (tx) => {
      if (activate && !row.active) {
        tx.orm.update(users).set({ active: true, updatedAt: tx.clock.now(), updatedBy: actorId }).where(eq(users.id, row.id)).run();
      }
      writeKeyring(ws.dataDir, keyring);
      return getUser(tx, row.id);
    });
  });
