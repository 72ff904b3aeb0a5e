import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../src-shared/errors';
import type { Workspace } from '../workspace/workspace';
import type { JobRunner } from './session';
import type { WorkerInput, WorkerMessage } from './worker';

/**
 * A JobRunner that commits in a worker thread. `entry` is the worker script:
 * the bundled worker.js in the app; in a checkout, worker.ts run through tsx
 * (execArgv carries the loader into the worker).
 */
export const workerRunner =
  (ws: Workspace, entry: URL, execArgv: string[] = []): JobRunner =>
  // The worker opens its own connection, so the caller's `db` is not used here.
  (_db, viewer, records, analysis, options) =>
    new Promise((resolve, reject) => {
      const cancel = new SharedArrayBuffer(4);
      const flag = new Int32Array(cancel);
      const { shouldCancel, onProgress, ...plain } = options;
      const data: WorkerInput = {
        dbFile: ws.dbFile,
        keyHex: ws.openKey().toString('hex'),
        migrationsFolder: ws.migrationsFolder,
        viewer: { id: viewer.id, role: viewer.role },
        records,
        analysis: { ...analysis, groupOf: [...analysis.groupOf] },
        options: plain,
        cancel,
      };
      const worker = new Worker(entry, { workerData: data, execArgv });
      // The parent learns of a cancel request by polling its own job flag.
      const poll = setInterval(() => {
        if (shouldCancel?.()) Atomics.store(flag, 0, 1);
      }, 50);
      let settled = false;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearInterval(poll);
        fn();
      };
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') onProgress?.(m.done, m.total);
        else if (m.type === 'done') finish(() => resolve(m.summary));
        else finish(() => reject(new AppError(m.code as ErrorCode, undefined, m.message)));
      });
      worker.on('error', (e) => finish(() => reject(e)));
      worker.on('exit', (code) => finish(() => reject(new Error(`import worker exited with ${code}`))));
    });
