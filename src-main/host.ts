import { randomUUID } from 'node:crypto';
import type { Locale } from '../src-shared/roles';
import { createHandlers, refreshSession } from './ipc/handlers';
import { createRegistry, type Logger, type Registry } from './ipc/registry';
import { newSession, type Session } from './ipc/session';
import { systemClock, type Clock } from './services/clock';
import { Workspace } from './services/workspace/workspace';
import { remoteImports, type SpawnImportProcess } from './services/import/remote';
import { backupIfDue } from './services/backup/backup';
import type { DbHooks } from './db/connection';
import type { ServiceModule } from './services/module';
import { usersModule } from './services/users/module';
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
  usersModule,
  settingsModule,
  customersModule,
  importModule,
  activitiesModule,
  visitsModule,
  ordersModule,
  reportsModule,
  exchangeModule,
];

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
    customersChanged: (db, actorId, customerIds) => {
      for (const m of modules) m.hooks?.customersChanged?.(db, actorId, customerIds);
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
    afterExchangeImport: (db, table, actorId, recordIds) => afterImport.get(table)?.(db, actorId, recordIds),
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

export type Host = {
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
   * the calendar. The Electron shell calls it hourly. Each job runs in turn; a failed job is
   * logged and the others still run. Does nothing while the workspace is locked.
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
  const imports = options.importProcess ? remoteImports(workspace, options.importProcess) : undefined;
  const registry = createRegistry(
    createHandlers(workspace, { ...(imports ? { imports } : {}), ...(options.printer ? { printer: options.printer } : {}) }),
    options.logger,
    (session) => refreshSession(workspace, session),
  );
  return {
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
    runJobs: async () => {
      for (const m of serviceModules)
        for (const job of m.jobs ?? []) {
          const db = workspace.db;
          if (!db) return;
          try {
            await job.run(db, workspace.clock);
          } catch (e) {
            (options.logger ?? console).error(`job ${m.name}/${job.name} failed`, e);
          }
        }
    },
    close: () => {
      imports?.close();
      workspace.shutdown();
    },
  };
};
