/**
 * Worker-thread entry for an import commit: its own connection to the
 * workspace database and one write transaction, open while the parent sends
 * the records in batches (acknowledging each, so that no more than a couple
 * wait in memory); progress messages to the parent, and a shared flag the
 * parent sets to cancel. The window stays responsive while a 100,000-row
 * import writes, and the parent reads the next rows while this thread writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportRecord } from '../../../src-shared/import/record';
import { isAppError } from '../../../src-shared/errors';
import { openDatabase, type Db } from '../../db/connection';
import { systemClock } from '../clock';
import type { Viewer } from '../customers/access';
import { beginImport, type CommitOptions, type ImportPlan, type ImportSummary } from './commit';

export type WorkerInput = {
  dbFile: string;
  keyHex: string;
  migrationsFolder: string;
  viewer: Viewer;
  plan: ImportPlan;
  options: Omit<CommitOptions, 'shouldCancel' | 'onProgress' | 'decisions' | 'defaultDecision'>;
  cancel: SharedArrayBuffer;
};

/** Parent → worker: a batch of records, the end of them, or a stop (the parent could not read on). */
export type ToWorker = { type: 'rows'; records: ImportRecord[] } | { type: 'end' } | { type: 'stop'; message: string };

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'taken' }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'error'; code: string; message: string };

/**
 * Checkpoints the import's WAL frames into the database file (PASSIVE: never
 * waits for, nor blocks, the window's connection). A failure here loses
 * nothing: the frames stay in the WAL for the next checkpoint.
 */
const checkpoint = (db: Db): void => {
  try {
    db.sqlite.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // The next connection's checkpoint does it.
  }
};

const input = workerData as WorkerInput;
const port = parentPort!;
const post = (m: WorkerMessage): void => port.postMessage(m);
const postError = (e: unknown): void => post({ type: 'error', code: isAppError(e) ? e.code : 'INTERNAL', message: e instanceof Error ? e.message : String(e) });
const flag = new Int32Array(input.cancel);

let db: Db | undefined;
let finish: ((error?: unknown) => void) | undefined;
try {
  db = openDatabase(input.dbFile, Buffer.from(input.keyHex, 'hex'), {
    clock: systemClock,
    migrationsFolder: input.migrationsFolder,
    secondary: true,
    // 32 MiB rather than the window's 128: the import appends (time-ordered ids, the search index in one
    // go at the end), so a bigger cache bought nothing measurable at 100,000 rows but ~200 MB of RSS (bench:import).
    cacheMiB: Number(process.env.TUOKE_WORKER_CACHE_MIB) || 32,
  });
  const tx = db.begin(input.viewer.id);
  const open = db;
  // If this throws, the catch below closes the connection, which rolls the transaction back.
  const batch = beginImport(db, input.viewer, input.plan, {
    ...input.options,
    shouldCancel: () => Atomics.load(flag, 0) === 1,
    onProgress: (done, total) => post({ type: 'progress', done, total }),
  });
  const fail = (e: unknown): void => {
    batch.abort();
    tx.rollback();
    postError(e);
  };
  finish = (error) => {
    finish = undefined;
    try {
      if (error !== undefined) fail(error);
      else {
        const summary = batch.finish();
        // The import is done once COMMIT returns (synchronous=FULL: it is on disk, in the WAL). Copying the
        // WAL into the database (as large as what the import wrote) follows, after the window is told.
        open.sqlite.pragma('wal_autocheckpoint=0');
        tx.commit();
        post({ type: 'done', summary });
        checkpoint(open);
      }
    } catch (e) {
      fail(e);
    } finally {
      open.close();
      port.close();
    }
  };
  port.on('message', (m: ToWorker) => {
    if (!finish) return;
    if (m.type === 'end') return finish();
    if (m.type === 'stop') return finish(new Error(m.message));
    try {
      batch.add(m.records);
      post({ type: 'taken' });
    } catch (e) {
      finish(e);
    }
  });
} catch (e) {
  postError(e);
  db?.close();
  port.close();
}
