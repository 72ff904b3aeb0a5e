import { randomUUID } from 'node:crypto';
import type { Locale } from '../src-shared/roles';
import { createHandlers, refreshSession } from './ipc/handlers';
import { createRegistry, type Logger, type Registry } from './ipc/registry';
import { newSession, type Session } from './ipc/session';
import { systemClock, type Clock } from './services/clock';
import { Workspace } from './services/workspace/workspace';
import { remoteImports, type SpawnImportProcess } from './services/import/remote';
import { backupIfDue } from './services/backup/backup';
import { refreshAbcIfStale } from './services/orders/derived';
import type { ScryptParams } from './keyring/crypto';
import type { Printer } from './services/print/printer';
import type { LockProgram } from './services/workspace/lock';

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
   * automatic backup is logged, and the next call tries again. The daily call also moves the
   * ABC grading period with the calendar (orders/derived.ts refreshAbcIfStale).
   */
  autoBackup(reason: 'daily' | 'quit'): Promise<void>;
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
      // The same daily rhythm moves the ABC period with the calendar, even when nobody opens the order screens.
      if (reason === 'daily' && workspace.db) {
        try {
          refreshAbcIfStale(workspace.db);
        } catch (e) {
          (options.logger ?? console).error('ABC period roll failed', e);
        }
      }
    },
    close: () => {
      imports?.close();
      workspace.shutdown();
    },
  };
};
