import { utilityProcess } from 'electron';
import { fileURLToPath } from 'node:url';
import type { FromImportProcess, SpawnImportProcess } from '../services/import/remote';

/**
 * Starts the import process (src-main/services/import/process.ts, bundled as
 * importProcess.js next to this file) as an Electron utility process: a Node
 * process of its own, ended with the app, whose memory never adds to the
 * main process's.
 */
export const utilityImportProcess =
  (entry: URL): SpawnImportProcess =>
  () => {
    const child = utilityProcess.fork(fileURLToPath(entry), [], { serviceName: 'Tuoke import', stdio: 'inherit' });
    let alive = true;
    child.on('exit', () => (alive = false));
    return {
      pid: child.pid,
      post: (m) => {
        if (alive) child.postMessage(m);
      },
      onMessage: (fn) => child.on('message', (m) => fn(m as FromImportProcess)),
      onExit: (fn) => child.on('exit', (code) => fn(code)),
      kill: () => void child.kill(),
    };
  };
