import type BetterSqlite3 from 'better-sqlite3';
import type { TableModule } from '../db/columns';
import type { Db, ReadDb, ReadSqlite, WriteDb } from '../db/connection';
import type { Channel } from '../../src-shared/contract';
import type { Handlers } from '../ipc/registry';
import type { Clock } from './clock';
import type { ImportService } from './import/session';
import type { Printer } from './print/printer';
import type { Workspace } from './workspace/workspace';

/** What a domain's handlers get from the host. */
export type ModuleContext = {
  ws: Workspace;
  /**
   * The open database, for the handlers of channels that change something (they write through
   * db().write); throws UNAUTHENTICATED when the workspace is locked.
   */
  db: () => Db;
  /**
   * The open database for reading only, for the handlers of channels that change nothing (list,
   * get, summary, report, export, …): a ReadDb, so such a handler cannot write, nor call a function
   * that writes. Throws UNAUTHENTICATED when the workspace is locked.
   */
  read: () => ReadDb;
  /** Runs `make(file)` on a fresh temp path and returns the file as base64 (for downloads), removing it after. */
  tempFile: (name: string, make: (file: string) => Promise<number>) => Promise<{ dataBase64: string; rows: number }>;
  /** Lead imports: in the import process (the app, the bridge) or in this one (CLI, tests). */
  imports: ImportService;
  /** Printing and PDF through a real browser engine: the Electron shell's; absent elsewhere. */
  printer: Printer | undefined;
  /** The modules' background jobs (host.runJobs): run after a login, so what they keep up is current when a person starts. */
  runJobs: () => Promise<void>;
};

/** The handlers of one domain's channels (declared in src-shared/contract/<domain>.ts): all of them, each typed by the contract. */
export type ModuleHandlers<C> = { [K in keyof C & Channel]: Handlers[K] };

/**
 * A table hook: what a domain does inside a write when records it derives from changed. Hooks
 * run in the writing transaction; a hook that throws rolls the whole write back.
 */
export type ModuleHooks = {
  /** After migrations on a primary open: the domain's triggers. */
  install?: (sqlite: BetterSqlite3.Database) => void;
  /** Customers moved or changed standing (merge, undo, recycle bin, here or by an exchange): recompute what the domain derives per customer. */
  customersChanged?: (tx: WriteDb, actorId: string | null, customerIds: string[]) => void;
  /** Why a customer must not be purged (a reason code such as HAS_ORDERS), or null. */
  blocksPurge?: (sqlite: ReadSqlite, customerId: string) => string | null;
  /** Deletes the domain's rows that hang off a purged customer's own rows (steps, notifications, derived figures). */
  purge?: (sqlite: BetterSqlite3.Database, customerId: string) => void;
  /** Per exchanged table of the domain (by SQL name): the records an exchange import added, changed or deleted. */
  afterExchangeImport?: Record<string, (tx: WriteDb, actorId: string, recordIds: string[]) => void>;
};

/** Work the host runs on a rhythm while the workspace is open (`host.runJobs()`, which the Electron shell calls hourly). */
export type ModuleJob = {
  name: string;
  /** 'hourly': on every tick; the job itself decides whether anything is due (e.g. a new grading period). */
  every: 'hourly';
  /** Writes through db.write, like a channel that changes something. */
  run: (db: Db, clock: Clock) => void | Promise<void>;
};

/**
 * One domain's main-process side (src-main/services/<domain>/module.ts): its channels' handlers
 * (`handlers.ts` in the same folder, typed by src-shared/contract/<domain>.ts), its tables
 * (src-main/db/tables/<domain>.ts), its database hooks and its background jobs. The host
 * (src-main/host.ts) assembles every module and refuses two that handle the same channel.
 */
export type ServiceModule = {
  name: string;
  handlers?: (ctx: ModuleContext) => Partial<Handlers>;
  tables?: TableModule;
  hooks?: ModuleHooks;
  jobs?: ModuleJob[];
};
