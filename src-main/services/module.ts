import type BetterSqlite3 from 'better-sqlite3';
import type { TableModule } from '../db/columns';
import type { Db } from '../db/connection';
import type { Clock } from './clock';

/**
 * A table hook: what a domain does inside a write when records it derives from changed. Hooks
 * run in the writing transaction; a hook that throws rolls the whole write back.
 */
export type ModuleHooks = {
  /** After migrations on a primary open: the domain's triggers. */
  install?: (sqlite: BetterSqlite3.Database) => void;
  /** Customers moved or changed standing (merge, undo, recycle bin, here or by an exchange): recompute what the domain derives per customer. */
  customersChanged?: (db: Db, actorId: string | null, customerIds: string[]) => void;
  /** Why a customer must not be purged (a reason code such as HAS_ORDERS), or null. */
  blocksPurge?: (sqlite: BetterSqlite3.Database, customerId: string) => string | null;
  /** Deletes the domain's rows that hang off a purged customer's own rows (steps, notifications, derived figures). */
  purge?: (sqlite: BetterSqlite3.Database, customerId: string) => void;
  /** Per exchanged table of the domain (by SQL name): the records an exchange import added, changed or deleted. */
  afterExchangeImport?: Record<string, (db: Db, actorId: string, recordIds: string[]) => void>;
};

/** Work the host runs on a rhythm while the workspace is open (`host.runJobs()`, which the Electron shell calls hourly). */
export type ModuleJob = {
  name: string;
  /** 'hourly': on every tick; the job itself decides whether anything is due (e.g. a new grading period). */
  every: 'hourly';
  run: (db: Db, clock: Clock) => void | Promise<void>;
};

/**
 * One domain's main-process side (src-main/services/<domain>/module.ts): its tables, its database
 * hooks and its background jobs. Its channels' handlers are in the same folder
 * (`handlers.ts`), typed by src-shared/contract/<domain>.ts; the host assembles both.
 */
export type ServiceModule = {
  name: string;
  tables?: TableModule;
  hooks?: ModuleHooks;
  jobs?: ModuleJob[];
};
