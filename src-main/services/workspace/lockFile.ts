import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { errorCode } from '../../../src-shared/errors';

/**
 * Cross-process locks as exclusive-create files, for Windows, macOS and Linux
 * alike: whoever creates the file (O_CREAT|O_EXCL, atomic on local disks and
 * SMB) holds the lock, and the file says who that is.
 *
 * Why not proper-lockfile (in node_modules through electron-builder): it
 * declares a lock stale when its mtime is not refreshed for `stale` ms, and the
 * refresh runs on a timer. A holder whose event loop is busy in a long
 * synchronous SQLite call (VACUUM INTO or integrity_check of a large
 * database, a migration) or a laptop that sleeps would lose its lock while
 * still writing, which is the very thing the lock must prevent. Here a lock
 * is stale only when its holder is provably gone: same host, and its process
 * is not running or the PC was restarted since; or the file was copied along
 * with its folder (it names another folder). A lock held on another host in
 * this very folder (a folder on a share, or one copied to the same path on
 * another PC) is never broken automatically: the error names that PC.
 */
export const holderSchema = z.object({
  token: z.string(),
  pid: z.number().int(),
  host: z.string(),
  program: z.string(),
  /** When the holder took the lock (the holder's clock, ms), for people. */
  since: z.number(),
  /** Boot time of the holder's PC in whole minutes (real clock): a lock from before the last restart is stale. */
  boot: z.number().int(),
  /** The real path of the folder the lock was taken in: a lock file copied with its folder to another path is stale. */
  dir: z.string(),
});
export type LockHolder = z.infer<typeof holderSchema>;

/** Boot time in whole minutes; a lock whose boot differs by more than this belongs to an earlier run of the PC. */
const BOOT_SLACK_MINUTES = 2;
const bootMinute = (): number => Math.round((Date.now() - uptime() * 1000) / 60_000);

/** Tokens of the locks this process holds (a lock file naming our own pid but none of these is a leftover of an earlier process with that pid). */
const ownTokens = new Set<string>();

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return errorCode(e) === 'EPERM';
  }
};

/** Whether a holder is provably gone. Another host's holder cannot be checked: it is never stale here. */
export const holderGone = (holder: LockHolder, file: string): boolean => {
  if (holder.dir !== realDir(dirname(file))) return true;
  if (holder.host !== hostname()) return false;
  if (Math.abs(holder.boot - bootMinute()) > BOOT_SLACK_MINUTES) return true;
  if (holder.pid === process.pid) return !ownTokens.has(holder.token);
  return !pidAlive(holder.pid);
};

export type ReadLock = { holder: LockHolder | null; ageMs: number } | null;

/** The lock file's holder (null if its content is not readable yet or damaged), or null when there is no lock file. */
export const readLock = (file: string): ReadLock => {
  let raw: string;
  let ageMs: number;
  try {
    ageMs = Date.now() - statSync(file).mtimeMs;
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return null;
    throw e;
  }
  try {
    const parsed = holderSchema.safeParse(JSON.parse(raw));
    return { holder: parsed.success ? parsed.data : null, ageMs };
  } catch {
    return { holder: null, ageMs };
  }
};

/** A file that has no readable holder this long after it was written was left by a crash between create and write. */
const UNREADABLE_STALE_MS = 10_000;

/**
 * Tries once to create the lock file. Returns the new holder, or the current
 * holder (null if unreadable) when someone else has it. A provably stale lock
 * is removed and the create tried again.
 */
export const tryLock = (
  file: string,
  who: { program: string; since: number },
  options: { staleAfterMs?: number } = {},
): { ok: true; holder: LockHolder } | { ok: false; holder: LockHolder | null } => {
  const holder: LockHolder = {
    token: randomBytes(12).toString('hex'),
    pid: process.pid,
    host: hostname(),
    program: who.program,
    since: who.since,
    boot: bootMinute(),
    dir: realDir(dirname(file)),
  };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (e) {
      if (errorCode(e) !== 'EEXIST') throw e;
      const current = readLock(file);
      if (!current) continue; // released meanwhile: try again
      const stale = current.holder
        ? holderGone(current.holder, file) || (options.staleAfterMs !== undefined && current.ageMs > options.staleAfterMs)
        : current.ageMs > UNREADABLE_STALE_MS;
      if (!stale) return { ok: false, holder: current.holder };
      // Removed only if it is still the same stale file (another process may have broken it and locked anew meanwhile).
      removeIf(file, (h) => (current.holder ? h?.token === current.holder.token : h === null));
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(holder));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    ownTokens.add(holder.token);
    return { ok: true, holder };
  }
  const current = readLock(file);
  return { ok: false, holder: current?.holder ?? null };
};

const removeIf = (file: string, test: (holder: LockHolder | null) => boolean): void => {
  const current = readLock(file);
  if (current && test(current.holder)) rmSync(file, { force: true });
};

/** Removes the lock file if it is still ours. */
export const unlock = (file: string, holder: LockHolder): void => {
  ownTokens.delete(holder.token);
  removeIf(file, (h) => h?.token === holder.token);
};

const sleepSync = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/** Thrown by withFileLock when the lock stays taken for `timeoutMs`. */
export class LockTimeout extends Error {
  constructor(readonly holder: LockHolder | null) {
    super('lock timeout');
  }
}

/**
 * Runs a short synchronous critical section (a read-modify-write of a small
 * file) under an exclusive-create lock, waiting for other processes for up to
 * `timeoutMs`. A holder never keeps it longer than one fsynced write, so a lock
 * file older than `staleAfterMs` is a crash's leftover, on any host.
 */
export const withFileLock = <T>(file: string, fn: () => T, options: { timeoutMs?: number; staleAfterMs?: number } = {}): T => {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const who = { program: 'lock', since: Date.now() };
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    const got = tryLock(file, who, { staleAfterMs: options.staleAfterMs ?? 30_000 });
    if (got.ok) {
      try {
        return fn();
      } finally {
        unlock(file, got.holder);
      }
    }
    if (Date.now() > deadline) throw new LockTimeout(got.holder);
    sleepSync(wait + Math.random() * wait);
  }
};

/** The folder's real path (so two spellings of one folder are one key), creating it if needed. */
export const realDir = (dir: string): string => {
  mkdirSync(dir, { recursive: true });
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
};
