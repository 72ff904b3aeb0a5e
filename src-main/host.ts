import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Locale } from '../src-shared/roles';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channels, contract, type Channel } from '../src-shared/contract';
import { AppError } from '../src-shared/errors';
import { createRegistry, type Handlers, type Logger, type Registry } from './ipc/registry';
import { newSession, type Session } from './ipc/session';
import { systemClock, type Clock } from './services/clock';
import { Workspace } from './services/workspace/workspace';
import { remoteImports, type SpawnImportProcess } from './services/import/remote';
import { ImportSessions, inlineRunner, localImports, sweepOrphanUploads, type ImportService } from './services/import/session';
import { refreshSession } from './services/auth/sessions';
import { backupIfDue } from './services/backup/backup';
import type { DbHooks, ReadDb } from './db/connection';
import { changeFeed, type ChangeFeed } from './changeFeed';
import type { ModuleContext, ServiceModule } from './services/module';
import { authModule } from './services/auth/module';
import { usersModule } from './services/users/module';
import { backupModule } from './services/backup/module';
import { keysModule } from './services/rekey/module';
import { prefsModule } from './services/prefs/module';
import { tagsModule } from './services/tags/module';
import { searchModule } from './services/search/module';
import { printModule } from './services/print/module';
import { settingsModule } from './services/settings/module';
import { customersModule } from './services/customers/module';
import { importModule } from './services/import/module';
import { activitiesModule } from './services/activities/module';
import { visitsModule } from './services/visits/module';
import { ordersModule } from './services/orders/module';
import { reportsModule } from './services/reports/module';
import { exchangeModule } from './services/exchange/module';
import type { ScryptParams } from './keyring/crypto';
import type { Printer } from './services/print/printer';
import type { LockProgram } from './services/workspace/lock';

/**
 * Every domain, in dependency order (users before customers, customers before what hangs off
 * them). The one place the domains meet: their tables are listed by src-main/db/schema.ts, their
 * hooks, jobs and handlers are assembled here.
 */
export const serviceModules: readonly ServiceModule[] = [
  authModule,
  usersModule,
  settingsModule,
  backupModule,
  keysModule,
  prefsModule,
  customersModule,
  tagsModule,
  importModule,
  searchModule,
  activitiesModule,
  visitsModule,
  ordersModule,
  reportsModule,
  exchangeModule,
  printModule,
];

/**
 * Every module's handlers as the registry's one map. Two modules handling the same channel, or a
 * channel of the contract that no module handles, stop the host from starting.
 */
export const assembleHandlers = (modules: readonly ServiceModule[], ctx: ModuleContext): Handlers => {
  const out: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const m of modules)
    for (const [channel, handler] of Object.entries(m.handlers?.(ctx) ?? {})) {
      if (owner.has(channel)) throw new Error(`two modules handle ${channel}: ${owner.get(channel)} and ${m.name}`);
      owner.set(channel, m.name);
      out[channel] = handler;
    }
  const missing = channels.filter((c) => !owner.has(c));
  if (missing.length) throw new Error(`no module handles ${missing.join(', ')}`);
  const extra = [...owner.keys()].filter((c) => !(channels as string[]).includes(c));
  if (extra.length) throw new Error(`handlers for channels the contract does not declare: ${extra.join(', ')}`);
  return out as Handlers;
};

/** The read channels: their contract names the tables they read (ChannelDef.reads), and they change nothing. */
const readChannels: readonly Channel[] = channels.filter((c) => (contract[c] as { reads?: unknown }).reads !== undefined);

/**
 * Runs each read channel's handler in `reading` (the channel's name), where the host's ctx.db()
 * refuses: a read handler has only ctx.read(), a ReadDb, and a slip (a read handler reaching for
 * the writing connection) fails its call instead of writing.
 */
export const guardReads = (handlers: Handlers, reading: AsyncLocalStorage<Channel>): Handlers => {
  const out: Record<string, unknown> = { ...handlers };
  for (const channel of readChannels) {
    const handler = handlers[channel] as (...args: unknown[]) => unknown;
    out[channel] = (...args: unknown[]) => reading.run(channel, () => handler(...args));
  }
  return out as Handlers;
};

/** Writes a file the main process made to a temp folder, hands it over as base64, removes it. */
const tempFile = async (name: string, make: (file: string) => Promise<number>): Promise<{ dataBase64: string; rows: number }> => {
  const dir = mkdtempSync(join(tmpdir(), 'tuoke-file-'));
  try {
    const file = join(dir, name);
    const rows = await make(file);
    return { dataBase64: readFileSync(file).toString('base64'), rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/**
 * The modules' database hooks as one DbHooks (a new object per call: a test may wrap one host's).
 * An exchanged table's after-import hook belongs to the module that declares the table.
 */
export const hooksOf = (modules: readonly ServiceModule[] = serviceModules): DbHooks => {
  const afterImport = new Map<string, NonNullable<NonNullable<ServiceModule['hooks']>['afterExchangeImport']>[string]>();
  for (const m of modules)
    for (const [table, hook] of Object.entries(m.hooks?.afterExchangeImport ?? {})) {
      if (afterImport.has(table)) throw new Error(`two modules declare an after-import hook for ${table}`);
      afterImport.set(table, hook);
    }
  return {
    install: (sqlite) => {
      for (const m of modules) m.hooks?.install?.(sqlite);
    },
    customersChanged: (tx, actorId, customerIds) => {
      for (const m of modules) m.hooks?.customersChanged?.(tx, actorId, customerIds);
    },
    purgeBlocker: (sqlite, customerId) => {
      for (const m of modules) {
        const reason = m.hooks?.blocksPurge?.(sqlite, customerId);
        if (reason) return reason;
      }
      return null;
    },
    // Last module first: what hangs off later modules' rows goes before the rows it hangs off.
    purgeModuleRows: (sqlite, customerId) => {
      for (const m of [...modules].reverse()) m.hooks?.purge?.(sqlite, customerId);
    },
    afterExchangeImport: (tx, table, actorId, recordIds) => afterImport.get(table)?.(tx, actorId, recordIds),
  };
};

export type HostOptions = {
  dataDir: string;
  migrationsFolder: string;
  clock?: Clock;
  scrypt?: ScryptParams;
  logger?: Logger;
  /**
   * How to start the import process (src-main/services/import/process.ts) that reads, analyses
   * and commits lead imports: Electron's utilityProcess in the app, a forked Node process for the
   * bridge and the benchmark. Without it, imports run in this process (CLI, tests).
   */
  importProcess?: SpawnImportProcess;
  /** Printing and PDF through a real browser engine: the Electron shell provides it; without it print.output is unavailable. */
  printer?: Printer;
  /**
   * Who opens the workspace, as another process trying to open it is told
   * (WORKSPACE_LOCKED): 'app', 'cli', 'bridge'; dev tools and tests 'tool'.
   * The workspace lock is taken while the workspace is open (services/workspace/lock.ts).
   */
  program?: LockProgram;
};

export type Host = ChangeFeed & {
  workspace: Workspace;
  registry: Registry;
  /** A new, logged-out session (one per window or tab). */
  session(locale?: Locale): Session;
  /**
   * The automatic backup: makes one if the workspace is open and none was made today, then
   * prunes old ones. The Electron shell calls it hourly and on quit. Never throws: a failed
   * automatic backup is logged, and the next call tries again.
   */
  autoBackup(reason: 'daily' | 'quit'): Promise<void>;
  /**
   * The modules' background jobs (ServiceModule.jobs), e.g. moving the ABC grading period with
   * the calendar. The Electron shell calls it hourly; every login (auth.login, auth.recover) runs
   * it before it answers. Each job runs in turn; a failed job is logged and the others still run.
   * Does nothing while the workspace is locked.
   */
  runJobs(): Promise<void>;
  close(): void;
};

/**
 * What the Electron main process, the CLI and the test bridge share: one
 * workspace and the one handler registry over it.
 */
export const createHost = (options: HostOptions): Host => {
  const workspace = new Workspace({
    dataDir: options.dataDir,
    clock: options.clock ?? systemClock,
    migrationsFolder: options.migrationsFolder,
    ...(options.scrypt ? { scrypt: options.scrypt } : {}),
    ...(options.program ? { program: options.program } : {}),
    hooks: hooksOf(serviceModules),
  });
  const reading = new AsyncLocalStorage<Channel>();
  const read = (): ReadDb => {
    const open = workspace.db;
    if (!open) throw new AppError('UNAUTHENTICATED');
    return open;
  };
  const db = () => {
    const channel = reading.getStore();
    if (channel) throw new Error(`${channel} is a read channel: its handler has ctx.read(), not the writing connection`);
    const open = workspace.db;
    if (!open) throw new AppError('UNAUTHENTICATED');
    return open;
  };
  const runJobs = async (): Promise<void> => {
    for (const m of serviceModules)
      for (const job of m.jobs ?? []) {
        const open = workspace.db;
        if (!open) return;
        try {
          await job.run(open, workspace.clock);
        } catch (e) {
          (options.logger ?? console).error(`job ${m.name}/${job.name} failed`, e);
        }
      }
  };
  // Without an import process (CLI, tests), the import runs in this process and commits on the
  // calling thread; uploads a crashed run left behind are removed first.
  const imports: ImportService = options.importProcess
    ? remoteImports(workspace, options.importProcess)
    : (sweepOrphanUploads(), localImports(new ImportSessions(inlineRunner(db), undefined, workspace.clock), (use) => use(read())));
  const handlers = guardReads(assembleHandlers(serviceModules, { ws: workspace, db, read, tempFile, imports, printer: options.printer, runJobs }), reading);
  const registry = createRegistry(handlers, options.logger, (session) => refreshSession(workspace, session));
  return {
    // invoke (a call with the tables it changed) and onChange (the change notices for every window): changeFeed.ts.
    ...changeFeed(workspace, registry, options.logger),
    workspace,
    registry,
    // Sessions end with the workspace generation they logged in under (a restore ends them all).
    session: (locale) => newSession(randomUUID(), locale, () => workspace.generation),
    autoBackup: async (reason) => {
      const db = workspace.db;
      if (!db) return;
      try {
        await backupIfDue(workspace, db, reason);
      } catch (e) {
        (options.logger ?? console).error('automatic backup failed', e);
      }
    },
    runJobs,
    close: () => {
      imports.close();
      workspace.shutdown();
    },
  };
};
