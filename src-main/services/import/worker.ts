/**
 * Worker-thread entry for an import commit: its own connection to the
 * workspace database, one transaction, progress messages to the parent, and
 * a shared flag the parent sets to cancel. The window stays responsive while
 * a 100,000-row import writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportRecord } from '../../../src-shared/import/record';
import { isAppError } from '../../../src-shared/errors';
import { openDatabase } from '../../db/connection';
import { systemClock } from '../clock';
import type { Viewer } from '../customers/access';
import type { ImportAnalysis } from './analyze';
import { commitImport, type CommitOptions } from './commit';

export type WorkerInput = {
  dbFile: string;
  keyHex: string;
  migrationsFolder: string;
  viewer: Viewer;
  records: ImportRecord[];
  analysis: Omit<ImportAnalysis, 'groupOf'> & { groupOf: [number, string][] };
  options: Omit<CommitOptions, 'shouldCancel' | 'onProgress'>;
  cancel: SharedArrayBuffer;
};

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; summary: ReturnType<typeof commitImport> }
  | { type: 'error'; code: string; message: string };

const input = workerData as WorkerInput;
const post = (m: WorkerMessage): void => parentPort!.postMessage(m);
const flag = new Int32Array(input.cancel);
const db = openDatabase(input.dbFile, Buffer.from(input.keyHex, 'hex'), {
  clock: systemClock,
  migrationsFolder: input.migrationsFolder,
  secondary: true,
  // The full 128 MiB cache: at 100,000 rows a 32 MiB cache saved ~120 MB of RSS but made the commit ~35% slower (bench:import).
  cacheMiB: Number(process.env.TUOKE_WORKER_CACHE_MIB) || 128,
});
try {
  const summary = commitImport(db, input.viewer, input.records, { ...input.analysis, groupOf: new Map(input.analysis.groupOf) }, {
    ...input.options,
    shouldCancel: () => Atomics.load(flag, 0) === 1,
    onProgress: (done, total) => post({ type: 'progress', done, total }),
  });
  post({ type: 'done', summary });
} catch (e) {
  post({ type: 'error', code: isAppError(e) ? e.code : 'INTERNAL', message: e instanceof Error ? e.message : String(e) });
} finally {
  db.close();
}
