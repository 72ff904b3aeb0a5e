import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  hasNextKeyring,
  openRecovery,
  openUserSlot,
  promoteNextKeyring,
  readNextKeyring,
  writeKeyring,
  type Keyring,
  type Unlocked,
} from '../../keyring/keyring';
import type { Workspace } from '../workspace/workspace';
import { hasPending, readPending, rekeyLocked } from './rekey';
import { replayCommittedWal } from './walReplay';

/**
 * The unlock path of a login (password or recovery key), run under the
 * keyring lock. Besides opening the slot it:
 *
 * - upgrades a legacy slot to the key-pair kind (the password or recovery key
 *   is known only now), so a later re-key can re-seal it;
 * - settles a re-key that a crash interrupted: keyring.next.json exists, so
 *   the file is under the old key (the rekey's WAL transaction never
 *   committed) or the new one.
 *   It tries the key from keyring.json first, then the one from the next
 *   slots, on the file itself, and keeps the slots that match;
 * - finishes a re-key that is still pending (interrupted before it changed
 *   the file, or refused earlier): the database is opened with the old key
 *   and re-keyed now, backup first, before the user gets in.
 *
 * Returns the database key, or null when this secret opens nothing.
 */
type Opener = (keyring: Keyring) => Promise<Unlocked | null>;

/** Opens `file` with `key` and reads the schema: true when the key decrypts it. */
const readsWith = (file: string, key: Buffer, readonly: boolean): boolean => {
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(file, { fileMustExist: true, readonly });
    sqlite.pragma(`cipher='sqlcipher'`);
    sqlite.pragma('legacy=4');
    sqlite.pragma(`key="x'${key.toString('hex')}'"`);
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    sqlite?.close();
  }
};

/**
 * Whether `key` decrypts the database file, without ever writing to it: a wrong key must not
 * checkpoint a WAL or roll back a journal. Without a WAL or journal beside it, a read-only open
 * answers. With one (a process killed mid-transaction or before its checkpoint), a read-only
 * connection may not read at all (SQLite answers SQLITE_READONLY_RECOVERY when the WAL index has to
 * be rebuilt, which needs write access): then the question is asked of a copy of the files, opened
 * normally, and the copy is removed.
 */
export const keyOpensFile = (file: string, key: Buffer): boolean => {
  const sidecars = ['-wal', '-journal'].filter((s) => (statSync(`${file}${s}`, { throwIfNoEntry: false })?.size ?? 0) > 0);
  if (!sidecars.length) return readsWith(file, key, true);
  const dir = mkdtempSync(join(tmpdir(), 'tuoke-keycheck-'));
  try {
    const copy = join(dir, basename(file));
    copyFileSync(file, copy);
    for (const s of sidecars) copyFileSync(`${file}${s}`, `${copy}${s}`);
    return readsWith(copy, key, false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const unlockWith = async (ws: Workspace, open: Opener, allowResume: boolean): Promise<Buffer | null> => {
  const current = ws.keyring();
  // With the database open in this process no re-key can be half-way (it runs under the same lock, on that connection).
  const settling = ws.db === null && (hasNextKeyring(ws.dataDir) || hasPending(ws.dataDir));
  const fromCurrent = await open(current);
  if (!settling) {
    if (fromCurrent?.upgraded) writeKeyring(ws.dataDir, fromCurrent.upgraded);
    return fromCurrent?.key ?? null;
  }
  const next = hasNextKeyring(ws.dataDir) ? readNextKeyring(ws.dataDir) : null;
  const fromNext = next ? await open(next) : null;
  try {
    let oldOpens = fromCurrent !== null && keyOpensFile(ws.dbFile, fromCurrent.key);
    // Killed between the re-key's commit and its checkpoint: no key reads the file until the committed
    // WAL is copied into it (walReplay.ts explains why); then the new key does.
    if (!oldOpens && (fromCurrent || fromNext) && !(fromNext && keyOpensFile(ws.dbFile, fromNext.key)) && replayCommittedWal(ws.dbFile) > 0)
      oldOpens = fromCurrent !== null && keyOpensFile(ws.dbFile, fromCurrent.key);
    if (!oldOpens && fromNext && next && keyOpensFile(ws.dbFile, fromNext.key)) {
      // The rekey committed before the crash: the next slots are the current ones now.
      promoteNextKeyring(ws.dataDir, fromNext.upgraded ?? next);
      fromCurrent?.key.fill(0);
      if (!hasPending(ws.dataDir) || !allowResume) return Buffer.from(fromNext.key);
      return await resume(ws, fromNext.key, open);
    }
    if (!oldOpens || !fromCurrent) return null;
    if (fromCurrent.upgraded) writeKeyring(ws.dataDir, fromCurrent.upgraded);
    if (!allowResume) return Buffer.from(fromCurrent.key);
    return await resume(ws, fromCurrent.key, open);
  } finally {
    fromNext?.key.fill(0);
  }
};

/** Runs the pending re-key with the database opened under `key`; returns the key the file has afterwards. */
const resume = async (ws: Workspace, key: Buffer, open: Opener): Promise<Buffer | null> => {
  const db = ws.acquire(key);
  let newKey: Buffer | null = null;
  try {
    const run = await rekeyLocked(ws, db, { reason: readPending(ws.dataDir)?.reason ?? 'resumed' });
    newKey = run.newKey;
  } catch (e) {
    console.error('resuming a pending re-key failed; it stays pending', e);
  } finally {
    ws.release();
  }
  if (newKey) return newKey;
  // The re-key failed at some step: settle once more, without another attempt.
  return unlockWith(ws, open, false);
};

/** The database key for a user's password (the login's slot unlock). */
export const unlockUserForLogin = (ws: Workspace, usernameKey: string, password: string): Promise<Buffer | null> =>
  unlockWith(ws, (keyring) => openUserSlot(keyring, usernameKey, password, ws.scrypt), true);

/** The database key for the recovery key. */
export const unlockRecoveryForLogin = (ws: Workspace, recoveryKeyText: string): Promise<Buffer | null> =>
  unlockWith(ws, async (keyring) => openRecovery(keyring, recoveryKeyText), true);
