import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../src-shared/errors';
import { DB_FILE, openDatabase, type Db } from '../../db/connection';
import { defaultScrypt, type ScryptParams } from '../../keyring/crypto';
import { readKeyring, type Keyring } from '../../keyring/keyring';
import type { Clock } from '../clock';
import { recoverInterruptedRestore } from '../backup/backup';

export type WorkspaceOptions = {
  dataDir: string;
  clock: Clock;
  migrationsFolder: string;
  /** scrypt cost for new password slots; tests lower it, the app keeps the default. */
  scrypt?: ScryptParams;
};

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
  private opened: { db: Db; key: Buffer; holders: number } | null = null;
  private keyringQueue: Promise<unknown> = Promise.resolve();

  constructor(options: WorkspaceOptions) {
    this.dataDir = options.dataDir;
    this.clock = options.clock;
    this.migrationsFolder = options.migrationsFolder;
    this.scrypt = options.scrypt ?? defaultScrypt;
    // A restore that a crash interrupted is finished or forgotten before anything reads the files.
    recoverInterruptedRestore(this.dataDir);
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

  /** Removes database files that a set-up interrupted before its key slots were written left behind. */
  removeOrphanDatabase(): void {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${this.dbFile}${suffix}`, { force: true });
  }

  hasDatabaseFile(): boolean {
    return existsSync(this.dbFile);
  }

  /** Opens a new database file (set-up only). */
  createDatabase(key: Buffer): Db {
    return openDatabase(this.dbFile, key, { clock: this.clock, migrationsFolder: this.migrationsFolder, create: true });
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
    recoverInterruptedRestore(this.dataDir);
    if (!this.hasDatabaseFile()) throw new AppError('WORKSPACE_CORRUPT', { detail: DB_FILE }, 'database file missing');
    const db = openDatabase(this.dbFile, key, { clock: this.clock, migrationsFolder: this.migrationsFolder });
    this.opened = { db, key: Buffer.from(key), holders: 1 };
    return db;
  }

  /** Drops a hold; the last one closes the database and forgets the key. */
  release(): void {
    if (!this.opened) return;
    this.opened.holders -= 1;
    if (this.opened.holders <= 0) {
      this.opened.db.close();
      this.opened.key.fill(0);
      this.opened = null;
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
    const run = this.keyringQueue.then(fn, fn);
    this.keyringQueue = run.catch(() => undefined);
    return run;
  }

  closeAll(): void {
    if (this.opened) {
      this.opened.db.close();
      this.opened.key.fill(0);
      this.opened = null;
    }
  }
}
