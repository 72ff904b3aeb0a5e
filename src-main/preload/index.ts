import { contextBridge, ipcRenderer } from 'electron';
import { isChannel } from '../../src-shared/contract';
import { INVOKE_CHANNEL } from '../app/ipcChannel';

/**
 * The whole bridge between the renderer and the main process: one `invoke`
 * for contract channels. The main process validates and authorises every
 * call again; this check only keeps a renderer bug from reaching odd names.
 */
contextBridge.exposeInMainWorld('api', {
  invoke: (channel: unknown, input: unknown): Promise<unknown> => {
    if (!isChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: String(channel) } });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, input);
  },
});
