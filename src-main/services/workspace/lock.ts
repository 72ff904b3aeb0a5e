import { hostname } from 'node:os';
import { join } from 'node:path';
import { localDateTime } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import type { Clock } from '../clock';
import { readLock, realDir, tryLock, unlock, type LockHolder } from './lockFile';

/**
 * One process owns a workspace at a time: the app, the CLI, the test bridge
 * (and the dev tools) take this lock while they have the workspace open, so
 * that nobody swaps or rewrites its files under another process (a restore
 * under a running app, two programs writing the lockout file).
 *
 * The lock is the file `workspace.lock` in the data folder, created
 * exclusively and naming its holder (program, pid, host, since when). A
 * holder that is provably gone (same host, process ended or PC restarted) is
 * replaced at once; see lockFile.ts.
 */
export const WORKSPACE_LOCK_FILE = 'workspace.lock';

/** Who takes the lock, as named in the error others see (errors.WORKSPACE_LOCKED, lockPrograms.<program>). */
export type LockProgram = 'app' | 'cli' | 'bridge' | 'tool';

/** Data folders (real paths) whose lock this process holds, with how many holds are open on each. */
const heldHere = new Map<string, number>();

const programs: readonly string[] = ['app', 'cli', 'bridge', 'tool'] satisfies LockProgram[];

const lockedError = (holder: LockHolder | null): AppError =>
  new AppError(
    'WORKSPACE_LOCKED',
    holder
      ? { program: programs.includes(holder.program) ? holder.program : 'tool', pid: holder.pid, host: holder.host, since: localDateTime(holder.since) }
      : { program: 'tool', pid: '?', host: '?', since: '?' },
    'workspace lock held by another process',
  );

/**
 * The lock of one data folder, as held by one Workspace object. Holds are
 * counted: the file is created on the first and removed after the last, so a
 * login, an open database and a restore can each keep it without knowing of
 * the others. Two Workspace objects on one folder in one process exclude each
 * other like two processes do.
 */
export class WorkspaceLock {
  private holder: LockHolder | null = null;
  private holds = 0;
  private epoch = 0;
  private dir: string | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly program: LockProgram,
    private readonly clock: Clock,
  ) {}

  get file(): string {
    return join(this.dataDir, WORKSPACE_LOCK_FILE);
  }

  /** Takes a hold; throws WORKSPACE_LOCKED naming the other holder. Returns the function that drops this hold (once). */
  hold(): () => void {
    if (this.holds === 0) {
      this.dir = realDir(this.dataDir);
      const got = tryLock(this.file, { program: this.program, since: this.clock.now() });
      if (!got.ok) throw lockedError(got.holder);
      this.holder = got.holder;
      heldHere.set(this.dir, (heldHere.get(this.dir) ?? 0) + 1);
    }
    this.holds += 1;
    const epoch = this.epoch;
    let dropped = false;
    return () => {
      // A hold from before releaseAll is gone already: dropping it must not drop a later one.
      if (dropped || epoch !== this.epoch) return;
      dropped = true;
      this.holds -= 1;
      if (this.holds === 0) this.unlockFile();
    };
  }

  private unlockFile(): void {
    if (!this.holder) return;
    unlock(this.file, this.holder);
    this.holder = null;
    if (this.dir) {
      const n = (heldHere.get(this.dir) ?? 1) - 1;
      if (n > 0) heldHere.set(this.dir, n);
      else heldHere.delete(this.dir);
    }
  }

  get held(): boolean {
    return this.holds > 0;
  }

  /** Drops every hold (the host closing); holds taken before are void. */
  releaseAll(): void {
    this.epoch += 1;
    this.holds = 0;
    this.unlockFile();
  }
}

/**
 * Throws unless this process holds the workspace lock of `dataDir` (for
 * operations that replace the workspace's files: restore, rekey).
 */
export const assertWorkspaceLockHeld = (dataDir: string): void => {
  if (heldHere.has(realDir(dataDir))) return;
  const current = readLock(join(dataDir, WORKSPACE_LOCK_FILE));
  if (current?.holder && current.holder.pid !== process.pid) throw lockedError(current.holder);
  throw new AppError('WORKSPACE_NOT_LOCKED', undefined, `workspace lock of ${dataDir} not held by process ${process.pid} on ${hostname()}`);
};
