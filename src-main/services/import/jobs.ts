import { randomUUID } from 'node:crypto';
import { AppError } from '../../../src-shared/errors';
import type { ImportRecord } from '../../../src-shared/import/record';
import type { ImportJobState } from '../../../src-shared/import/types';
import type { Db } from '../../db/connection';
import type { Viewer } from '../customers/access';
import type { ImportAnalysis } from './analyze';
import { beginImport, commitImport, planImport, type CommitOptions, type ImportSummary } from './commit';

// The import's commit jobs: the runners that write an import's records, and the jobs' state.

/** A job's state as its owner may see it, with whose it is. */
export type JobUpdate = ImportJobState & { userId: string };

/**
 * The records to write, by batches in file order: `emit` may return a
 * promise, which the source awaits before reading on (backpressure), and
 * throws once the writer has stopped.
 */
export type RecordSource = (emit: (records: ImportRecord[]) => void | Promise<void>) => Promise<void>;

export type JobRunner = (viewer: Viewer, source: RecordSource, analysis: ImportAnalysis, options: CommitOptions) => Promise<ImportSummary>;

/**
 * Runs the commit on the calling thread: collects the records, then writes
 * them in one transaction (which must not span awaits on a shared
 * connection). For the CLI and tests; the import process (process.ts) uses
 * streamingRunner instead.
 */
export const inlineRunner =
  (db: () => Db): JobRunner =>
  async (viewer, source, analysis, options) => {
    const records: ImportRecord[] = [];
    await source((batch) => void records.push(...batch));
    return commitImport(db(), viewer, records, analysis, options);
  };

/**
 * Runs the commit on a connection of its own, opened for it: one write
 * transaction, open while the source reads the file and hands over each
 * batch, so no more than one batch of records is ever in memory. The import
 * process (process.ts) uses it: nothing else uses that connection, so the
 * transaction may span the reads' awaits. Cancel, a failed read or a failed
 * write rolls it back. After COMMIT (synchronous=FULL: the import is on disk,
 * in the WAL) the caller hears of the summary first; the WAL is copied into
 * the database file after that, on the next turn of the event loop.
 */
export const streamingRunner =
  (open: () => Db): JobRunner =>
  async (viewer, source, analysis, options) => {
    const db = open();
    let closeLater = false;
    try {
      const write = db.begin(viewer.id);
      // If beginImport throws, closing the connection (finally) rolls the transaction back.
      const batch = beginImport(write.tx, viewer, planImport(analysis, options.decisions, options.defaultDecision), options);
      try {
        await source((records) => batch.add(records));
        const summary = batch.finish();
        db.maintenance((sqlite) => sqlite.pragma('wal_autocheckpoint=0'));
        write.commit();
        closeLater = true;
        setImmediate(() => {
          try {
            // PASSIVE: never waits for, nor blocks, other connections. A failure loses nothing: the frames stay in the WAL.
            db.maintenance((sqlite) => sqlite.pragma('wal_checkpoint(PASSIVE)'));
          } catch {
            // The next connection's checkpoint does it.
          } finally {
            db.close();
          }
        });
        return summary;
      } catch (e) {
        batch.abort();
        write.rollback();
        throw e;
      }
    } finally {
      if (!closeLater) db.close();
    }
  };

type Job = ImportJobState & { cancel: boolean; userId: string };

/** What a running job gives its runner: the cancel flag and where its progress goes. */
export type JobControl = Required<Pick<CommitOptions, 'shouldCancel' | 'onProgress'>>;

/**
 * The commit jobs of the import wizard: their state, told to `onJob` at
 * every change, and seen or cancelled only by the user who started them.
 */
export class ImportJobs {
  private jobs = new Map<string, Job>();

  constructor(private readonly onJob?: (job: JobUpdate) => void) {}

  /** Some commit is still running. */
  running(): boolean {
    return [...this.jobs.values()].some((j) => j.state === 'running');
  }

  /**
   * Starts a job of `total` records: `run` does the work under the job's
   * control; `settled` is called first when it ends, whichever way.
   */
  start(userId: string, total: number, run: (control: JobControl) => Promise<ImportSummary>, settled: () => void): { jobId: string } {
    const job: Job = { jobId: randomUUID(), state: 'running', done: 0, total, summary: null, error: null, cancel: false, userId };
    this.jobs.set(job.jobId, job);
    this.publish(job);
    run({
      shouldCancel: () => job.cancel,
      onProgress: (done, total) => {
        job.done = done;
        job.total = total;
        this.publish(job);
      },
    }).then(
      (summary) => {
        settled();
        Object.assign(job, { state: 'done', summary, done: job.total });
        this.publish(job);
      },
      (e: unknown) => {
        settled();
        const code = e instanceof AppError ? e.code : 'INTERNAL';
        Object.assign(job, { state: code === 'IMPORT_CANCELLED' ? 'cancelled' : 'failed', error: { code, message: e instanceof Error ? e.message : String(e) } });
        this.publish(job);
      },
    );
    return { jobId: job.jobId };
  }

  progress(viewer: Viewer, jobId: string): ImportJobState {
    const job = this.jobs.get(jobId);
    if (!job || job.userId !== viewer.id) throw new AppError('NOT_FOUND');
    const { cancel: _c, userId: _u, ...state } = job;
    return state;
  }

  cancel(viewer: Viewer, jobId: string): ImportJobState {
    const job = this.jobs.get(jobId);
    if (!job || job.userId !== viewer.id) throw new AppError('NOT_FOUND');
    job.cancel = true;
    return this.progress(viewer, jobId);
  }

  private publish(job: Job): void {
    if (!this.onJob) return;
    const { cancel: _c, ...update } = job;
    this.onJob(update);
  }
}
