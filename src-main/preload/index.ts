import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannel } from '../../src-shared/contract';
import { CHANGES_CHANNEL, INVOKE_CHANNEL } from '../app/ipcChannel';

/** The table names of a change notice, as plain strings (nothing else of the message reaches the page). */
const tablesOf = (notice: unknown): string[] | null => {
  const tables = (notice as { tables?: unknown } | null)?.tables;
  return Array.isArray(tables) ? tables.filter((t): t is string => typeof t === 'string') : null;
};

/**
 * The whole bridge between the renderer and the main process: one `invoke`
 * for contract channels, and `onChange` for the change notices (which tables
 * a committed write changed). The main process validates and authorises every
 * call again; this check only keeps a renderer bug from reaching odd names.
 */
contextBridge.exposeInMainWorld('api', {
  invoke: (channel: unknown, input: unknown): Promise<unknown> => {
    if (!isChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: String(channel) } });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, input);
  },
  onChange: (listener: unknown): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onChange takes a function');
    const handler = (_event: IpcRendererEvent, notice: unknown): void => {
      const tables = tablesOf(notice);
      if (tables) (listener as (tables: string[]) => void)(tables);
    };
    ipcRenderer.on(CHANGES_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(CHANGES_CHANNEL, handler);
  },
});
