import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { AppError } from '../../src-shared/errors';
import type { Clock } from '../../src-shared/clock';
import { dirname } from 'node:path';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { nodeIdFor } from './node';
import { installAuditTriggers, registerAuditFunctions } from './audit';
import { ChangeTracker, type CommitListener } from './changes';
import { runMigrations } from './migrate';
import { installSearchIndex, registerSearchFunctions } from './searchIndex';
import * as schema from './schema';

export type Orm = BetterSQLite3Database<typeof schema>;

/**
 * What the service modules add to a connection, assembled by the host from every module
 * (src-main/host.ts, hooksOf). The database layer calls none of them itself; services call
 * them through `db.hooks` inside their writes, so a hook can never be read before its module
 * was loaded (the table-hook import cycle this replaced).
 */
export type DbHooks = {
  /** A primary open, after migrations: the modules' triggers (the exchange's change stamps). */
  install(sqlite: Database.Database): void;
  /**
   * Customers whose rows moved or whose standing changed (merged, merge undone, into or out of the
   * recycle bin — here or through an exchange): every module recomputes what it derives per
   * customer. Called inside the write that changed them.
   */
  customersChanged(db: Db, actorId: string | null, customerIds: string[]): void;
  /** Why a customer must not be purged (the first module that objects, e.g. HAS_ORDERS), or null. */
  purgeBlocker(sqlite: Database.Database, customerId: string): string | null;
  /** Deletes the module rows that hang off a customer's own rows (last module first), inside the purge. */
  purgeModuleRows(sqlite: Database.Database, customerId: string): void;
  /**
   * Once per exchange import (and per conflict resolution) inside its transaction, with the records
   * of one table it added, changed or deleted: the module owning the table recomputes what this PC
   * derives from them (totals, grades, …), which the merge writes only as plain rows.
   */
  afterExchangeImport(db: Db, table: string, actorId: string, recordIds: string[]): void;
};

/**
 * For connections that never run a service write with module effects: the import process (it
 * inserts new customers only), a backup's check copy, tools. A hook called on one throws instead
 * of silently skipping what a module derives.
 */
export const secondaryHooks: DbHooks = {
  install: () => {},
  customersChanged: () => {
    throw new Error('module hooks are not available on a secondary connection');
  },
  purgeBlocker: () => {
    throw new Error('module hooks are not available on a secondary connection');
  },
  purgeModuleRows: () => {
    throw new Error('module hooks are not available on a secondary connection');
  },
  afterExchangeImport: () => {
    throw new Error('module hooks are not available on a secondary connection');
  },
};

export type Db = {
  readonly sqlite: Database.Database;
  /** The service modules' hooks (see DbHooks). */
  readonly hooks: DbHooks;
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
  /**
   * Calls `listener` after every committed transaction of this connection with the names of the
   * tables it inserted into, updated or deleted from (changes.ts): after the outermost COMMIT of
   * write/begin, never after a rollback; a write outside them on the next turn of the event loop.
   * Only a primary connection tracks changes (a secondary one never calls it). Returns the function
   * that stops listening.
   */
  onCommit(listener: CommitListener): () => void;
  close(): void;
};

export type OpenOptions = {
  clock: Clock;
  migrationsFolder: string;
  /** Create the file if missing (only set-up does this). */
  create?: boolean;
  /** Page-cache ceiling in MiB (default 128). The import worker's second connection takes less: its RSS adds to the app's. */
  cacheMiB?: number;
} & (
  | {
      secondary?: false;
      /** The service modules' hooks, assembled by the host (hooksOf in src-main/host.ts). */
      hooks: DbHooks;
    }
  | {
      /**
       * A second connection to a database the first one already migrated (an
       * import worker): skip migrations and trigger re-creation, which would
       * only change the schema under the first connection's feet.
       */
      secondary: true;
      /** Default secondaryHooks: a hook called on this connection throws. */
      hooks?: DbHooks;
    }
);

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
    const changes = new ChangeTracker(sqlite);
    if (!options.secondary) {
      runMigrations(sqlite, options.migrationsFolder);
      installAuditTriggers(sqlite);
      options.hooks.install(sqlite);
      installSearchIndex(sqlite);
      // Last: the migrations and trigger installs above are no one's change.
      changes.install();
    }

    const orm = drizzle(sqlite, { schema });
    const db: Db = {
      sqlite,
      hooks: options.hooks ?? secondaryHooks,
      orm,
      clock: options.clock,
      write<T>(actorId: string | null, fn: () => T): T {
        const previous = actor;
        actor = actorId;
        const tracked = changes.enter();
        let committed = false;
        try {
          const result = sqlite.transaction(fn)();
          committed = true;
          return result;
        } finally {
          actor = previous;
          changes.leave(tracked, committed);
        }
      },
      begin(actorId) {
        if (sqlite.inTransaction) throw new Error('a transaction is already open on this connection');
        const previous = actor;
        sqlite.exec('BEGIN IMMEDIATE');
        actor = actorId;
        const tracked = changes.enter();
        let ended = false;
        const end = (sql: 'COMMIT' | 'ROLLBACK'): void => {
          let committed = false;
          try {
            if (sqlite.inTransaction) {
              sqlite.exec(sql);
              committed = sql === 'COMMIT';
            }
          } finally {
            actor = previous;
            if (!ended) changes.leave(tracked, committed);
            ended = true;
          }
        };
        return { commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
      },
      onCommit: (listener) => changes.listen(listener),
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
