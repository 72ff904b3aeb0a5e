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

/** The drizzle database over the connection, with everything: only a write's `tx` (WriteDb) has it. */
export type Orm = BetterSQLite3Database<typeof schema>;

/**
 * The drizzle database for reading: select, the relational queries, counts and raw reads. No
 * insert, update, delete, run, transaction, `with` (whose builder inserts, updates and deletes) or
 * cache invalidation. A type only: at run time it is the same drizzle object as Orm.
 */
export type ReadOrm = Omit<Orm, 'insert' | 'update' | 'delete' | 'run' | 'transaction' | 'with' | '$cache'>;

/**
 * A prepared statement that can only be read from: better-sqlite3's Statement without run() (and
 * without `database`, the full connection). Its SQL is not checked: a SELECT is the read's
 * business (better-sqlite3's own `reader`/`readonly` flags tell at run time).
 */
export type ReadStatement<P extends unknown[] = unknown[], R = unknown> = {
  readonly source: string;
  readonly reader: boolean;
  get(...params: P): R | undefined;
  all(...params: P): R[];
  iterate(...params: P): IterableIterator<R>;
  pluck(toggleState?: boolean): ReadStatement<P, R>;
  expand(toggleState?: boolean): ReadStatement<P, R>;
  raw(toggleState?: boolean): ReadStatement<P, R>;
  bind(...params: P): ReadStatement<P, R>;
  columns(): Database.ColumnDefinition[];
  safeIntegers(toggleState?: boolean): ReadStatement<P, R>;
};

/**
 * The better-sqlite3 connection for reading: prepare() gives statements without run(); no exec,
 * transaction, pragma, function, backup, close… A type only: at run time it is the same
 * connection (so a statement cache keyed by it is shared by reads and writes).
 */
export type ReadSqlite = {
  readonly open: boolean;
  readonly inTransaction: boolean;
  readonly name: string;
  // The bind parameters' constraint is better-sqlite3's own (an array, or one object of named ones).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  prepare<P extends unknown[] | {} = unknown[], R = unknown>(source: string): P extends unknown[] ? ReadStatement<P, R> : ReadStatement<[P], R>;
};

/**
 * What reading needs: a connection that cannot write (ReadSqlite, ReadOrm), the clock, and one
 * read transaction for reads that must see one state of the database (a consistent snapshot while
 * other connections write). A Db, a WriteDb and the read handlers' connection all are one.
 */
export type ReadDb = {
  readonly sqlite: ReadSqlite;
  readonly orm: ReadOrm;
  readonly clock: Clock;
  /**
   * Runs `fn` in one read transaction (inside a write: in the write's own, as it is). `fn` reads
   * through this ReadDb; it must not be async (no transaction may span an await).
   */
  snapshot<T>(fn: () => T): T;
};

/** Only connection.ts can make a WriteDb: the brand's key is not exported. */
const writeBrand: unique symbol = Symbol('WriteDb');

/**
 * The connection inside one write (Db.write's and Db.begin's `tx`): everything, the full
 * better-sqlite3 connection and drizzle database, and the modules' hooks. Branded, so that a Db
 * or a ReadDb is not one: a function that writes and must run inside a write takes a WriteDb,
 * and only a write's callback has one to give it.
 */
export type WriteDb = {
  readonly sqlite: Database.Database;
  readonly orm: Orm;
  readonly clock: Clock;
  /** The service modules' hooks (see DbHooks). */
  readonly hooks: DbHooks;
  snapshot<T>(fn: () => T): T;
  readonly [writeBrand]: true;
};

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
   * customer. Inside the write that changed them.
   */
  customersChanged(tx: WriteDb, actorId: string | null, customerIds: string[]): void;
  /** Why a customer must not be purged (the first module that objects, e.g. HAS_ORDERS), or null. */
  purgeBlocker(sqlite: ReadSqlite, customerId: string): string | null;
  /** Deletes the module rows that hang off a customer's own rows (last module first), inside the purge. */
  purgeModuleRows(sqlite: Database.Database, customerId: string): void;
  /**
   * Once per exchange import (and per conflict resolution) inside its transaction, with the records
   * of one table it added, changed or deleted: the module owning the table recomputes what this PC
   * derives from them (totals, grades, …), which the merge writes only as plain rows.
   */
  afterExchangeImport(tx: WriteDb, table: string, actorId: string, recordIds: string[]): void;
};

/**
 * For connections that never run a service write with module effects: the import process (it
 * inserts new customers only), a backup's check copy, tools. A hook called on one throws instead
 * of silently skipping what a module derives.
 */
const unavailable = (): never => {
  throw new Error('module hooks are not available on a secondary connection');
};
export const secondaryHooks: DbHooks = {
  install: () => {},
  customersChanged: unavailable,
  purgeBlocker: unavailable,
  purgeModuleRows: unavailable,
  afterExchangeImport: unavailable,
};

/**
 * An open connection, as services get it: reads directly (it is a ReadDb), writes only through
 * write() or begin(), whose `tx` is the one WriteDb.
 */
export type Db = ReadDb & {
  /** The service modules' hooks (see DbHooks). */
  readonly hooks: DbHooks;
  /**
   * Runs `fn` in one transaction with `actorId` as the user the change log
   * records. Everything a service writes goes through here, through `tx`: all or nothing.
   * Nested in another write it is a savepoint of it.
   */
  write<T>(actorId: string | null, fn: (tx: WriteDb) => T): T;
  /**
   * Opens a write transaction that spans several turns of the event loop,
   * for a connection nobody else uses meanwhile (the import worker's own),
   * with `actorId` as the change log's user until it ends. Writes go through
   * `tx`; it ends with exactly one of commit() or rollback().
   */
  begin(actorId: string | null): { tx: WriteDb; commit(): void; rollback(): void };
  /**
   * Calls `listener` after every committed transaction of this connection with the names of the
   * tables it inserted into, updated or deleted from (changes.ts): after the outermost COMMIT of
   * write/begin, never after a rollback; a write outside them on the next turn of the event loop.
   * Only a primary connection tracks changes (a secondary one never calls it). Returns the function
   * that stops listening.
   */
  onCommit(listener: CommitListener): () => void;
  /**
   * Work on the connection itself rather than on rows, which cannot run inside a transaction:
   * WAL checkpoints, VACUUM INTO (a backup's snapshot), the journal mode and SQLCipher's rekey.
   * Not for data: rows change through write().
   */
  maintenance<T>(fn: (sqlite: Database.Database) => T): T;
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
    const hooks = options.hooks ?? secondaryHooks;
    // One read transaction, or the transaction already open (a read inside a write).
    const snapshot = <T>(fn: () => T): T => (sqlite.inTransaction ? fn() : sqlite.transaction(fn)());
    // What every write's callback gets: the same connection, with its writing half.
    const tx: WriteDb = { sqlite, orm, clock: options.clock, hooks, snapshot, [writeBrand]: true };
    const db: Db = {
      sqlite,
      hooks,
      orm,
      clock: options.clock,
      snapshot,
      write<T>(actorId: string | null, fn: (tx: WriteDb) => T): T {
        const previous = actor;
        actor = actorId;
        const tracked = changes.enter();
        let committed = false;
        try {
          const result = sqlite.transaction(() => fn(tx))();
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
        return { tx, commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
      },
      onCommit: (listener) => changes.listen(listener),
      maintenance: (fn) => fn(sqlite),
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

export const integrityCheck = (db: ReadDb): string => {
  const rows = db.sqlite.prepare<[], { integrity_check: string }>('SELECT integrity_check FROM pragma_integrity_check').all();
  return rows.map((r) => r.integrity_check).join('; ');
};
