import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../src-shared/errors';
import type { CommitListener } from '../../db/changes';
import { DB_FILE, openDatabase, type Db, type DbHooks, type ReadDb } from '../../db/connection';
import { writeFileAtomic } from '../../keyring/atomicFile';
import { defaultScrypt, type ScryptParams } from '../../keyring/crypto';
import { readKeyring, type Keyring } from '../../keyring/keyring';
import type { Clock } from '../clock';
import { backupSettings, recoverInterruptedRestore, sweepBackupLeftovers } from '../backup/backup';
import { assertWorkspaceLockHeld, WorkspaceLock, type LockProgram } from './lock';

export type WorkspaceOptions = {
  dataDir: string;
  clock: Clock;
  migrationsFolder: string;
  /** scrypt cost for new password slots; tests lower it, the app keeps the default. */
  scrypt?: ScryptParams;
  /** Who this process is, as others see it in WORKSPACE_LOCKED (default 'tool'). */
  program?: LockProgram;
  /** The service modules' database hooks, assembled by the host (src-main/host.ts, `hooksOf`). */
  hooks: DbHooks;
};

/**
 * Written before a set-up creates the database and removed once its key slots
 * are written: only a database beside this marker may be deleted by the next
 * set-up. A database without key slots and without the marker is someone's
 * data whose keyring.json went missing, never an orphan.
 */
export const SETUP_MARKER = 'setup.pending';

/**
 * One workspace = one data folder: the encrypted database and its key-slot
 * file. The database is open only while at least one session is logged in;
 * the key lives in memory only that long.
 */
export class Workspace {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly migrationsFolder: string;
  readonly scrypt: ScryptParams;
  readonly hooks: DbHooks;
  private opened: { db: Db; key: Buffer; holders: number; release: () => void } | null = null;
  private keyringQueue: Promise<unknown> = Promise.resolve();
  private readonly lock: WorkspaceLock;
  private generationCounter = 0;
  private readonly changeListeners = new Set<CommitListener>();

  constructor(options: WorkspaceOptions) {
    this.dataDir = options.dataDir;
    this.clock = options.clock;
    this.migrationsFolder = options.migrationsFolder;
    this.scrypt = options.scrypt ?? defaultScrypt;
    this.hooks = options.hooks;
    this.lock = new WorkspaceLock(this.dataDir, options.program ?? 'tool', this.clock);
    // A restore that a crash interrupted is finished or forgotten before anything reads the files, but only
    // while nobody else has the workspace: another process's restore in progress is not ours to undo.
    if (existsSync(this.dataDir)) {
      let release: (() => void) | null = null;
      try {
        release = this.lock.hold();
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'WORKSPACE_LOCKED')) throw e;
      }
      if (release) {
        try {
          recoverInterruptedRestore(this.dataDir);
        } finally {
          release();
        }
      }
    }
  }

  /**
   * Takes a hold on the workspace lock (see lock.ts) and returns the function
   * that drops it. Throws WORKSPACE_LOCKED, naming the holder, when another
   * process (or another Workspace object) has the workspace. The database
   * being open, a set-up, a login and a restore each keep a hold; the CLI
   * keeps one for its whole run.
   */
  hold(): () => void {
    return this.lock.hold();
  }

  /** Throws unless this process holds the workspace lock (for operations that replace files: restore, rekey). */
  assertLocked(): void {
    if (!this.lock.held) throw new AppError('WORKSPACE_NOT_LOCKED');
    assertWorkspaceLockHeld(this.dataDir);
  }

  /**
   * Changes whenever the open database is closed under its sessions (a restore,
   * the host closing): a session remembers the generation it logged in under
   * and counts as logged out once it differs (ipc/session.ts).
   */
  get generation(): number {
    return this.generationCounter;
  }

  get dbFile(): string {
    return join(this.dataDir, DB_FILE);
  }

  isInitialized(): boolean {
    return readKeyring(this.dataDir) !== null;
  }

  keyring(): Keyring {
    const keyring = readKeyring(this.dataDir);
    if (!keyring) throw new AppError('NO_WORKSPACE');
    return keyring;
  }

  ensureDir(): void {
    mkdirSync(this.dataDir, { recursive: true });
  }

  /**
   * Removes the database files of a set-up that was interrupted before its key
   * slots were written, recognised by its marker. Refuses (changing nothing)
   * when a database is there without the marker: that is a workspace whose
   * keyring.json is missing, to be put back or restored from a backup.
   */
  removeInterruptedSetup(): void {
    const marker = join(this.dataDir, SETUP_MARKER);
    if (!existsSync(marker)) {
      if (this.hasDatabaseFile()) throw new AppError('DATABASE_WITHOUT_KEYRING', { dataDir: this.dataDir });
      return;
    }
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${this.dbFile}${suffix}`, { force: true });
    rmSync(marker, { force: true });
  }

  /** Marks a set-up as under way, before its database is created. */
  beginSetup(): void {
    writeFileAtomic(join(this.dataDir, SETUP_MARKER), `${this.clock.now()}\n`);
  }

  /** The set-up is complete (its key slots are written): its database is the workspace's. */
  finishSetup(): void {
    rmSync(join(this.dataDir, SETUP_MARKER), { force: true });
  }

  hasDatabaseFile(): boolean {
    return existsSync(this.dbFile) || existsSync(`${this.dbFile}-wal`);
  }

  /** Opens a new database file (set-up only). */
  createDatabase(key: Buffer): Db {
    return this.tracked(openDatabase(this.dbFile, key, { clock: this.clock, hooks: this.hooks, migrationsFolder: this.migrationsFolder, create: true }));
  }

  /**
   * Hears the tables every committed write changes, whichever database this workspace has open
   * (Db.onCommit), and those another process's commit changed (changed()). Returns the function
   * that stops listening.
   */
  onChange(listener: CommitListener): () => void {
    this.changeListeners.add(listener);
    return () => void this.changeListeners.delete(listener);
  }

  /** Tells the listeners of tables changed: by the open database, or by another connection's commit (the import process). */
  changed(tables: Iterable<string>): void {
    const set: ReadonlySet<string> = new Set(tables);
    if (set.size === 0) return;
    for (const listener of [...this.changeListeners]) {
      try {
        listener(set);
      } catch (e) {
        console.error('a change listener failed', e);
      }
    }
  }

  private tracked(db: Db): Db {
    db.onCommit((tables) => this.changed(tables));
    return db;
  }

  /**
   * Takes a hold on the open database, opening it with `key` if needed. A key
   * that differs from the one already in use is refused, so a slot that
   * unwraps to some other key never gets in.
   */
  acquire(key: Buffer): Db {
    if (this.opened) {
      if (key.length !== this.opened.key.length || !timingSafeEqual(key, this.opened.key)) {
        throw new AppError('WRONG_PASSWORD', undefined, 'slot key differs from the open database key');
      }
      this.opened.holders += 1;
      return this.opened.db;
    }
    // The open database keeps a hold on the workspace lock until it is closed.
    const release = this.lock.hold();
    try {
      recoverInterruptedRestore(this.dataDir);
      if (!existsSync(this.dbFile)) throw new AppError('WORKSPACE_CORRUPT', { detail: DB_FILE }, 'database file missing');
      const db = this.tracked(openDatabase(this.dbFile, key, { clock: this.clock, hooks: this.hooks, migrationsFolder: this.migrationsFolder }));
      this.opened = { db, key: Buffer.from(key), holders: 1, release };
      this.sweepLeftovers(db);
      return db;
    } catch (e) {
      if (!this.opened) release();
      throw e;
    }
  }

  /** What a backup killed half-way left (its snapshot copy, its unfinished file): nobody else's backup can be under way now. */
  private sweepLeftovers(db: ReadDb): void {
    try {
      const dirs = new Set([join(this.dataDir, 'backups'), backupSettings(this, db).dir]);
      for (const dir of dirs) sweepBackupLeftovers(this, dir);
    } catch {
      // A backup folder on an unreachable share: the next open tries again.
    }
  }

  /** Drops a hold; the last one closes the database and forgets the key. */
  release(): void {
    if (!this.opened) return;
    this.opened.holders -= 1;
    if (this.opened.holders <= 0) this.closeDb();
  }

  private closeDb(): void {
    if (!this.opened) return;
    const { db, key, release } = this.opened;
    this.opened = null;
    try {
      db.close();
    } finally {
      key.fill(0);
      release();
    }
  }

  /** The open database, if any session holds it. */
  get db(): Db | null {
    return this.opened?.db ?? null;
  }

  /** The database key, available only while the database is open (to wrap new slots). */
  openKey(): Buffer {
    if (!this.opened) throw new AppError('UNAUTHENTICATED');
    return this.opened.key;
  }

  /**
   * Serialises read-modify-write of the key-slot and auth-state files, whose
   * updates wait on scrypt in between.
   */
  withKeyringLock<T>(fn: () => Promise<T>): Promise<T> {
    // ...and holds the workspace lock meanwhile: key slots and lockout state change only in the process that has the workspace.
    const locked = async (): Promise<T> => {
      const release = this.lock.hold();
      try {
        return await fn();
      } finally {
        release();
      }
    };
    const run = this.keyringQueue.then(locked, locked);
    this.keyringQueue = run.catch(() => undefined);
    return run;
  }

  /**
   * Closes the database under every session (a restore, the host closing).
   * The sessions logged in until now are over: the generation moves on.
   */
  closeAll(): void {
    this.generationCounter += 1;
    if (this.opened) this.opened.holders = 0;
    this.closeDb();
  }

  /** closeAll, and lets go of the workspace lock (the host closing). */
  shutdown(): void {
    this.closeAll();
    this.lock.releaseAll();
  }
}
