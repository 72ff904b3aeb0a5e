import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError, errorCode } from '../../../src-shared/errors';
import type { KeyStatus, KeyUserRef, RekeyOutcome, RekeyPhase, RekeyReason } from '../../../src-shared/contract/keys';
import type Database from 'better-sqlite3';
import type { Db, ReadDb, WriteDb } from '../../db/connection';
import { users } from '../../db/schema';
import { readJsonIfExists, writeFileAtomic } from '../../keyring/atomicFile';
import {
  isLegacySlot,
  promoteNextKeyring,
  removeNextKeyring,
  resealedFor,
  slotId,
  withNewRecoveryKey,
  writeNextKeyring,
  type Keyring,
} from '../../keyring/keyring';
import { createBackup } from '../backup/backup';
import type { Workspace } from '../workspace/workspace';
import { officeSecret } from '../exchange/service';

/**
 * Re-key: the workspace gets a new random database key, so a key unwrapped
 * from an old copy of the key slots (a departed user's password or an old
 * recovery key, from a backup made before) no longer opens today's tuoke.db.
 *
 *   1. a backup through the backup service (old key, old slots);
 *   2. a fresh key, sealed to every remaining slot's public key, written as
 *      keyring.next.json (atomic);
 *   3. SQLCipher re-encrypts the file (PRAGMA rekey, in WAL mode: see
 *      rekeyConnection): one transaction, whose commit point is its commit
 *      frame in the WAL;
 *   4. keyring.next.json replaces keyring.json (atomic).
 *
 * A crash at any moment leaves the file under the old key (with
 * keyring.json) or the new one (with keyring.next.json): the next unlock
 * decides by which key actually opens the file and finishes the job
 * (unlock.ts). A pending mark (rekey.pending) records that a re-key was
 * asked for until one completes, so an interrupted or refused one is retried.
 */
const PENDING_FILE = 'rekey.pending';

const pendingSchema = z.object({ reason: z.string(), since: z.number(), error: z.string().nullable() });

type Progress = { reason: RekeyReason; phase: RekeyPhase; startedAt: number };
type State = { running: Progress | null; last: RekeyOutcome | null };
const states = new WeakMap<Workspace, State>();
const stateOf = (ws: Workspace): State => {
  let s = states.get(ws);
  if (!s) {
    s = { running: null, last: null };
    states.set(ws, s);
  }
  return s;
};

export type RekeyPending = NonNullable<KeyStatus['pending']>;

export const readPending = (dataDir: string): RekeyPending | null => {
  try {
    const parsed = pendingSchema.safeParse(readJsonIfExists(join(dataDir, PENDING_FILE)));
    return parsed.success ? { ...parsed.data, reason: parsed.data.reason as RekeyReason } : null;
  } catch {
    // A damaged mark still means a re-key was asked for.
    return { reason: 'resumed', since: 0, error: null };
  }
};

export const hasPending = (dataDir: string): boolean => existsSync(join(dataDir, PENDING_FILE));

const writePending = (dataDir: string, pending: RekeyPending): void => writeFileAtomic(join(dataDir, PENDING_FILE), `${JSON.stringify(pending)}\n`);

const clearPending = (dataDir: string): void => rmSync(join(dataDir, PENDING_FILE), { force: true });

/**
 * Records that a re-key is owed, for a change that asks for one: inside that
 * change's write (`_tx`, which only a write has), before it commits, so no
 * crash can leave the change committed without the mark (a mark whose change
 * then rolled back only costs one re-key more at the next login).
 */
export const markRekeyPending = (ws: Workspace, _tx: WriteDb, reason: RekeyReason): void => {
  if (!hasPending(ws.dataDir)) writePending(ws.dataDir, { reason, since: ws.clock.now(), error: null });
};

/** Slot id → the user it belongs to, for the users of the database. */
const slotOwners = (db: ReadDb, keyring: Keyring): Map<string, { id: string; username: string; displayName: string; active: boolean }> => {
  const rows = db.orm.select({ id: users.id, username: users.username, usernameKey: users.usernameKey, displayName: users.displayName, active: users.active }).from(users).all();
  return new Map(rows.map((r) => [slotId(keyring, r.usernameKey), r]));
};

/** Active users whose slot is still a legacy one. */
export const legacySlotUsers = (db: ReadDb, keyring: Keyring): KeyUserRef[] => {
  const owners = slotOwners(db, keyring);
  return Object.entries(keyring.users)
    .filter(([id, slot]) => isLegacySlot(slot) && owners.get(id)?.active)
    .map(([id]) => {
      const o = owners.get(id)!;
      return { id: o.id, username: o.username, displayName: o.displayName };
    });
};

const isBusy = (e: unknown): boolean => {
  const code = errorCode(e) ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
};

/**
 * Re-encrypts the open database under `newKey` with SQLCipher's rekey, in WAL
 * mode. Measured with the bundled SQLite3 Multiple Ciphers 2.4.0: in
 * journal_mode=DELETE the rekey also writes a new key salt into page 1, and a
 * crash mid-way leaves a hot rollback journal that neither the old key nor
 * the new one can replay (the salt is read before the journal is rolled
 * back): the workspace would open with no key at all. In WAL mode (supported
 * since 2.4.0) the salt is kept and the rekey is one WAL transaction: until
 * its commit frame is written the file opens with the old key, after it only
 * with the new one.
 *
 * Refused with REKEY_BUSY while another connection has the file open (an
 * import process): it would go on reading with the old key. Leaving WAL mode
 * needs the only connection, so a round trip through DELETE mode proves there
 * is none (synchronous: no other work of this process runs until the rekey
 * is done).
 */
const rekeyConnection = (db: Db, newKey: Buffer): void =>
  db.maintenance((sqlite) => rekeySqlite(sqlite, newKey));

const rekeySqlite = (sqlite: Database.Database, newKey: Buffer): void => {
  if (sqlite.inTransaction) throw new AppError('REKEY_BUSY', undefined, 'a transaction is open');
  let mode: unknown;
  try {
    mode = sqlite.pragma('journal_mode=DELETE', { simple: true });
  } catch (e) {
    if (isBusy(e)) throw new AppError('REKEY_BUSY', undefined, String(e));
    throw e;
  }
  const wal = sqlite.pragma('journal_mode=WAL', { simple: true });
  if (mode !== 'delete') throw new AppError('REKEY_BUSY', undefined, `journal mode stayed ${String(mode)}`);
  if (wal !== 'wal') throw new Error(`could not return to WAL mode (${String(wal)})`);
  sqlite.pragma(`rekey="x'${newKey.toString('hex')}'"`);
  // The next read goes through the new key: proves the rekey took.
  sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  // Copy the re-encrypted pages into the main file now, so the WAL holds nothing of either key.
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
};

export type RekeyOptions = {
  reason: RekeyReason;
  /** Users (by usernameKey) whose slots must not survive, on top of every inactive user's. */
  removeUsernameKeys?: string[];
  /** Replace the recovery key too: the new one is returned once. */
  newRecoveryKey?: boolean;
};

export type RekeyRun = { outcome: RekeyOutcome; newKey: Buffer; recoveryKey: string | null };

/**
 * The re-key itself, for a caller that already holds the keyring lock and the
 * open database. Marks the re-key pending first (a crash then leaves it owed);
 * a failure leaves the database under the old or the new key, never neither,
 * and the mark with its error if the re-key was owed before (a deactivation's,
 * a demotion's) or the file already changed. A refused manual re-key or
 * recovery-key rotation that changed nothing owes nothing: its caller gets the
 * error.
 */
export const rekeyLocked = async (ws: Workspace, db: Db, options: RekeyOptions): Promise<RekeyRun> => {
  // Only the process that owns the workspace (services/workspace/lock.ts) rewrites its key and its files.
  ws.assertLocked();
  const state = stateOf(ws);
  const progress: Progress = { reason: options.reason, phase: 'backup', startedAt: ws.clock.now() };
  state.running = progress;
  const owed = readPending(ws.dataDir);
  const since = owed?.since || progress.startedAt;
  writePending(ws.dataDir, { reason: options.reason, since, error: null });
  let rekeyed = false;
  try {
    // The office's exchange secret stays what it was: kept in the database before the key it was derived from goes.
    officeSecret(db, ws.openKey(), ws.keyring().workspaceId);
    const backup = await createBackup(ws, db, 'manual');

    progress.phase = 'sealing';
    const current = ws.keyring();
    const owners = slotOwners(db, current);
    const removed = new Set((options.removeUsernameKeys ?? []).map((k) => slotId(current, k)));
    // Only slots of active users in this database survive: a departed user's, and any stray one, go.
    const keep = (id: string): boolean => !removed.has(id) && owners.get(id)?.active === true;
    const newKey = randomBytes(32);
    const resealed = resealedFor(current, newKey, keep);
    const droppedLegacy = resealed.droppedLegacy;
    let { keyring: next, recoveryDropped } = resealed;
    let recoveryKey: string | null = null;
    if (options.newRecoveryKey) {
      const rotated = withNewRecoveryKey(next, newKey);
      next = rotated.keyring;
      recoveryKey = rotated.recoveryKey;
      recoveryDropped = false;
    }
    writeNextKeyring(ws.dataDir, next);

    progress.phase = 'rekeying';
    try {
      rekeyConnection(db, newKey);
    } catch (e) {
      // The file is still under the old key (the rekey is one transaction): forget the next slots.
      removeNextKeyring(ws.dataDir);
      throw e;
    }
    // From here the file opens only with the new key. The workspace's copy of the key changes in
    // place: every later slot (a new user, a reset) is sealed to it, and later logins compare with it.
    rekeyed = true;
    ws.openKey().set(newKey);
    promoteNextKeyring(ws.dataDir, next);
    clearPending(ws.dataDir);

    const needsReset = droppedLegacy
      .map((id) => owners.get(id))
      .filter((o): o is NonNullable<typeof o> => !!o)
      .map((o) => ({ id: o.id, username: o.username, displayName: o.displayName }));
    const outcome: RekeyOutcome = { at: ws.clock.now(), reason: options.reason, needsReset, recoveryKeyMissing: recoveryDropped, backupFileName: backup.fileName };
    state.last = outcome;
    progress.phase = 'done';
    return { outcome, newKey, recoveryKey };
  } catch (e) {
    progress.phase = 'failed';
    const code = e instanceof AppError ? e.code : 'INTERNAL';
    if (owed || rekeyed) writePending(ws.dataDir, { reason: owed ? (owed.reason as RekeyReason) : options.reason, since, error: code });
    else clearPending(ws.dataDir);
    throw e;
  } finally {
    state.running = null;
  }
};

/** A re-key under the keyring lock (the keys.rekey channel, and a retry of a pending one). */
export const rekey = (ws: Workspace, db: Db, options: RekeyOptions): Promise<RekeyRun> => ws.withKeyringLock(() => rekeyLocked(ws, db, options));

/**
 * Runs a re-key that an account change asked for (a deactivation, a
 * demotion). The change itself is already committed and stands: if the
 * re-key is refused (an import has the database open) or fails, it stays
 * pending, the status says so, and the next login or keys.rekey retries it.
 */
export const rekeyAfterChange = async (ws: Workspace, db: Db, options: RekeyOptions, log: (message: string, e: unknown) => void = console.error): Promise<void> => {
  try {
    const run = await rekeyLocked(ws, db, options);
    run.newKey.fill(0);
  } catch (e) {
    log(`re-key after ${options.reason} did not complete; it stays pending`, e);
  }
};

export const keyStatus = (ws: Workspace, db: ReadDb): KeyStatus => {
  const state = stateOf(ws);
  const keyring = ws.keyring();
  return {
    running: state.running ? { ...state.running } : null,
    last: state.last,
    pending: readPending(ws.dataDir),
    recoveryKeyMissing: keyring.recovery === null,
    legacySlots: legacySlotUsers(db, keyring),
  };
};
