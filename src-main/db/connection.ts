import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { AppError } from '../../src-shared/errors';
import type { Clock } from '../services/clock';
import { dirname } from 'node:path';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { installExchangeTriggers } from '../services/exchange/triggers';
import { nodeIdFor } from '../services/exchange/node';
import { installAuditTriggers, registerAuditFunctions } from './audit';
import { runMigrations } from './migrate';
import { installSearchIndex, registerSearchFunctions } from './searchIndex';
import * as schema from './schema';

export type Orm = BetterSQLite3Database<typeof schema>;

export type Db = {
  readonly sqlite: Database.Database;
  readonly orm: Orm;
  readonly clock: Clock;
  /**
   * Runs `fn` in one transaction with `actorId` as the user the change log
   * records. Everything a service writes goes through here: all or nothing.
   */
  write<T>(actorId: string | null, fn: () => T): T;
  /**
   * Opens a write transaction that spans several turns of the event loop,
   * for a connection nobody else uses meanwhile (the import worker's own),
   * with `actorId` as the change log's user until it ends. Ends with exactly
   * one of commit() or rollback().
   */
  begin(actorId: string | null): { commit(): void; rollback(): void };
  close(): void;
};

export type OpenOptions = {
  clock: Clock;
  migrationsFolder: string;
  /** Create the file if missing (only set-up does this). */
  create?: boolean;
  /**
   * A second connection to a database the first one already migrated (an
   * import worker): skip migrations and trigger re-creation, which would
   * only change the schema under the first connection's feet.
   */
  secondary?: boolean;
  /** Page-cache ceiling in MiB (default 128). The import worker's second connection takes less: its RSS adds to the app's. */
  cacheMiB?: number;
};

export const DB_FILE = 'tuoke.db';

const isNotADb = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: string }).code === 'SQLITE_NOTADB';

/**
 * Opens the SQLCipher-encrypted workspace database with a raw 32-byte key
 * (no second key derivation: the key slots already did the slow part), then
 * migrates it and installs the change-log triggers.
 *
 * Throws AppError WRONG_PASSWORD when the key does not decrypt the file (a
 * wrong key is only noticed on the first read), DB_TOO_NEW for a database
 * written by a newer app.
 */
export const openDatabase = (file: string, key: Buffer, options: OpenOptions): Db => {
  if (key.length !== 32) throw new Error('database key must be 32 bytes');
  // Private to the user, like keyring.json: SQLite creates the -wal and -shm files with the database file's mode.
  if (options.create && !existsSync(file)) closeSync(openSync(file, 'wx', 0o600));
  restrictMode(file);
  const sqlite = new Database(file, { fileMustExist: !options.create });
  try {
    sqlite.pragma(`cipher='sqlcipher'`);
    sqlite.pragma('legacy=4');
    sqlite.pragma(`key="x'${key.toString('hex')}'"`);
    try {
      sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (e) {
      if (isNotADb(e)) throw new AppError('WRONG_PASSWORD', undefined, 'database key does not open the file');
      throw e;
    }
    sqlite.pragma('journal_mode=WAL');
    // Files made before they were created private (0600) are made so now.
    for (const suffix of ['-wal', '-shm']) restrictMode(`${file}${suffix}`);
    // A big import leaves a WAL as large as what it wrote: once checkpointed, the next reset trims it to 64 MiB.
    sqlite.pragma(`journal_size_limit=${64 * 1024 * 1024}`);
    // FULL: a commit that returned survives a power cut (WAL + NORMAL may lose the last ones).
    sqlite.pragma('synchronous=FULL');
    sqlite.pragma('foreign_keys=ON');
    sqlite.pragma('busy_timeout=5000');
    // Keep temporary tables and sort spills in memory: a temp file would be plaintext.
    sqlite.pragma('temp_store=MEMORY');
    // 128 MiB page cache (a ceiling, filled as pages are read): every page read from disk is
    // decrypted, and with the 2 MiB default a 100,000-customer import spends most of its time
    // re-reading index pages (bench/search.ts; TOOLCHAIN.md measured 4× faster scans).
    sqlite.pragma(`cache_size=-${(options.cacheMiB ?? 128) * 1024}`);

    let actor: string | null = null;
    sqlite.function('tuoke_actor', { deterministic: false }, () => actor);
    sqlite.function('tuoke_now', { deterministic: false }, () => options.clock.now());
    // This installation's id in LAN exchanges (stamped by the exchange triggers), resolved on first use.
    let node: string | null = null;
    sqlite.function('tuoke_node', { deterministic: false }, () => (node ??= nodeIdFor(dirname(file))));

    // Before migrations: a migration's backfill and the triggers it fires call the search functions.
    registerSearchFunctions(sqlite);
    registerAuditFunctions(sqlite);
    if (!options.secondary) {
      runMigrations(sqlite, options.migrationsFolder);
      installAuditTriggers(sqlite);
      installExchangeTriggers(sqlite);
      installSearchIndex(sqlite);
    }

    const orm = drizzle(sqlite, { schema });
    const db: Db = {
      sqlite,
      orm,
      clock: options.clock,
      write<T>(actorId: string | null, fn: () => T): T {
        const previous = actor;
        actor = actorId;
        try {
          return sqlite.transaction(fn)();
        } finally {
          actor = previous;
        }
      },
      begin(actorId) {
        if (sqlite.inTransaction) throw new Error('a transaction is already open on this connection');
        const previous = actor;
        sqlite.exec('BEGIN IMMEDIATE');
        actor = actorId;
        const end = (sql: string): void => {
          try {
            if (sqlite.inTransaction) sqlite.exec(sql);
          } finally {
            actor = previous;
          }
        };
        return { commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
      },
      close() {
        if (sqlite.open) sqlite.close();
      },
    };
    return db;
  } catch (e) {
    sqlite.close();
    throw e;
  }
};

/** chmod 0600 where the OS has POSIX modes (on Windows it only clears a read-only flag, which 0600 keeps off). */
const restrictMode = (file: string): void => {
  try {
    chmodSync(file, 0o600);
  } catch {
    // Not there (yet): nothing to restrict.
  }
};

export const integrityCheck = (db: Db): string => {
  const rows = db.sqlite.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).join('; ');
};
