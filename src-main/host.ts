import { randomUUID } from 'node:crypto';
import type { Locale } from '../src-shared/roles';
import { createHandlers, refreshSession } from './ipc/handlers';
import { createRegistry, type Logger, type Registry } from './ipc/registry';
import { newSession, type Session } from './ipc/session';
import { systemClock, type Clock } from './services/clock';
import { Workspace } from './services/workspace/workspace';
import type { ScryptParams } from './keyring/crypto';

export type HostOptions = {
  dataDir: string;
  migrationsFolder: string;
  clock?: Clock;
  scrypt?: ScryptParams;
  logger?: Logger;
};

export type Host = {
  workspace: Workspace;
  registry: Registry;
  /** A new, logged-out session (one per window or tab). */
  session(locale?: Locale): Session;
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
  });
  const registry = createRegistry(createHandlers(workspace), options.logger, (session) => refreshSession(workspace, session));
  return {
    workspace,
    registry,
    session: (locale) => newSession(randomUUID(), locale),
    close: () => workspace.closeAll(),
  };
};
