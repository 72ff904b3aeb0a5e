import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../src-shared/errors';
import type { ImportRecord } from '../../../src-shared/import/record';
import type { Workspace } from '../workspace/workspace';
import { planImport } from './commit';
import type { JobRunner } from './session';
import type { ToWorker, WorkerInput, WorkerMessage } from './worker';

/** Batches sent and not yet written: one being written, one waiting. The reader waits beyond that. */
const IN_FLIGHT = 2;

/**
 * A JobRunner that commits in a worker thread, streaming the records to it
 * as the source reads them: this thread reads and cleans the next rows while
 * the worker writes, and no more than IN_FLIGHT batches are ever copied and
 * waiting. `entry` is the worker script: the bundled importWorker.js in the
 * app; in a checkout, worker.ts run through tsx (execArgv carries the loader).
 */
export const workerRunner =
  (ws: Workspace, entry: URL, execArgv: string[] = []): JobRunner =>
  // The worker opens its own connection, so the caller's `db` is not used here.
  (_db, viewer, source, analysis, options) =>
    new Promise((resolve, reject) => {
      const cancel = new SharedArrayBuffer(4);
      const flag = new Int32Array(cancel);
      const { shouldCancel, onProgress, decisions, defaultDecision, ...plain } = options;
      const data: WorkerInput = {
        dbFile: ws.dbFile,
        keyHex: ws.openKey().toString('hex'),
        migrationsFolder: ws.migrationsFolder,
        viewer: { id: viewer.id, role: viewer.role },
        // The decisions applied here: the worker gets what to do with each row, not the duplicate groups.
        plan: planImport(analysis, decisions, defaultDecision),
        options: plain,
        cancel,
      };
      const worker = new Worker(entry, { workerData: data, execArgv });
      const send = (m: ToWorker): void => worker.postMessage(m);
      // The parent learns of a cancel request by polling its own job flag.
      const poll = setInterval(() => {
        if (shouldCancel?.()) Atomics.store(flag, 0, 1);
      }, 50);
      let settled = false;
      let inFlight = 0;
      let wake: (() => void) | undefined;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearInterval(poll);
        wake?.();
        fn();
      };
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') onProgress?.(m.done, m.total);
        else if (m.type === 'taken') {
          inFlight -= 1;
          wake?.();
        } else if (m.type === 'done') finish(() => resolve(m.summary));
        else finish(() => reject(new AppError(m.code as ErrorCode, undefined, m.message)));
      });
      worker.on('error', (e) => finish(() => reject(e)));
      worker.on('exit', (code) => finish(() => reject(new Error(`import worker exited with ${code}`))));

      const stopped = (): Error => new Error('import worker stopped');
      const emit = async (records: ImportRecord[]): Promise<void> => {
        while (inFlight >= IN_FLIGHT && !settled) await new Promise<void>((r) => (wake = r));
        wake = undefined;
        if (settled) throw stopped();
        inFlight += 1;
        send({ type: 'rows', records });
      };
      source(emit).then(
        () => {
          if (!settled) send({ type: 'end' });
        },
        (e: unknown) => {
          // The read failed: the worker rolls back and reports it; a read stopped by the worker's own end is not news.
          if (!settled) send({ type: 'stop', message: e instanceof Error ? e.message : String(e) });
        },
      );
    });
