import { AsyncLocalStorage } from 'node:async_hooks';
import type { Delivered } from '../src-shared/tables';
import type { Logger, Registry } from './ipc/registry';
import type { Session } from './ipc/session';
import type { Workspace } from './services/workspace/workspace';

/** How long a change notice waits for the tables of writes that follow (a loop of small writes makes one notice). */
export const CHANGE_BATCH_MS = 30;

/**
 * What the windows hear of the database's changes: the names of the tables committed writes
 * changed (db/changes.ts), pushed to every window (Electron IPC, the test bridge's event stream),
 * and, with a window's own call, the tables that call changed. Never data.
 */
export type ChangeFeed = {
  /**
   * registry.invoke for a window or tab: the result also names the tables the call's own writes
   * changed (`changed`), so the window refreshes what it shows before the call returns to it.
   */
  invoke(session: Session, channel: unknown, input: unknown): Promise<Delivered<unknown>>;
  /**
   * Hears the tables committed writes change (the open database's, and the import process's
   * commits), gathered over CHANGE_BATCH_MS. Returns the function that stops listening.
   */
  onChange(listener: (tables: string[]) => void): () => void;
};

export const changeFeed = (workspace: Workspace, registry: Registry, logger: Logger = console): ChangeFeed => {
  // The tables each call's own writes change, by the call's async context (calls of several windows interleave).
  const callChanges = new AsyncLocalStorage<Set<string>>();
  const listeners = new Set<(tables: string[]) => void>();
  let gathered: Set<string> | null = null;

  const flush = (): void => {
    const tables = [...(gathered ?? [])].sort();
    gathered = null;
    for (const listener of [...listeners]) {
      try {
        listener(tables);
      } catch (e) {
        logger.error('a change listener failed', e);
      }
    }
  };

  workspace.onChange((tables) => {
    const own = callChanges.getStore();
    if (own) for (const t of tables) own.add(t);
    if (listeners.size === 0) return;
    if (gathered) {
      for (const t of tables) gathered.add(t);
      return;
    }
    gathered = new Set(tables);
    setTimeout(flush, CHANGE_BATCH_MS).unref();
  });

  return {
    invoke: async (session, channel, input) => {
      const changed = new Set<string>();
      const result = await callChanges.run(changed, () => registry.invoke(session, channel, input));
      return changed.size ? { ...result, changed: [...changed].sort() } : result;
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
};
