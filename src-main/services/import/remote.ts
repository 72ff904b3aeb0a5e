import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AppError, type ErrorCode, type ErrorParams } from '../../../src-shared/errors';
import type { ImportJobState } from '../../../src-shared/import/types';
import type { Viewer } from '../customers/access';
import type { Workspace } from '../workspace/workspace';
import type { JobUpdate } from './jobs';
import type { ImportCall, ImportService } from './service';
import { sweepOrphanUploads, UPLOAD_LIMITS } from './uploads';

/**
 * Window's process → import process. `now` is the workspace clock's time:
 * the import process keeps no time of its own, so the idle limit of uploads
 * follows the same clock as everything else. `sweep` only brings the time
 * (idle uploads are removed with each message) and is answered like a call.
 */
export type ToImportProcess =
  | { type: 'init'; dbFile: string; keyHex: string; migrationsFolder: string; now: number }
  | { type: 'call'; id: number; method: ImportCall; args: unknown[]; now: number }
  | { type: 'sweep'; id: number; now: number }
  | { type: 'exit' };

/** An error as it crosses: an AppError keeps its code and parameters; anything else is an internal error. */
export type WireError = { code: ErrorCode | null; params?: ErrorParams | undefined; message: string };

/** Import process → window's process. `idle`: no uploads and no running commit left there. */
export type FromImportProcess =
  | { type: 'reply'; id: number; ok: true; value: unknown; idle: boolean }
  | { type: 'reply'; id: number; ok: false; error: WireError; idle: boolean }
  | { type: 'job'; job: JobUpdate }
  | { type: 'fatal'; error: WireError };

/** A running import process, whichever way it was started. */
export type ImportProcess = {
  /** The operating system's process id (for the benchmark's memory figures). */
  pid: number | undefined;
  post(m: ToImportProcess): void;
  onMessage(fn: (m: FromImportProcess) => void): void;
  onExit(fn: (code: number | null) => void): void;
  kill(): void;
};

/** Starts an import process: Electron's utilityProcess in the app, child_process.fork elsewhere. */
export type SpawnImportProcess = () => ImportProcess;

/**
 * A Node child process running `entry` (the bundled importProcess.js, or
 * process.ts with execArgv ['--import', 'tsx'] in a checkout): for the
 * test bridge, the tests and the benchmark.
 */
export const forkImportProcess =
  (entry: URL, execArgv: string[] = []): SpawnImportProcess =>
  () => {
    const child = fork(fileURLToPath(entry), [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return {
      pid: child.pid,
      post: (m) => {
        if (child.connected) child.send(m);
      },
      onMessage: (fn) => child.on('message', (m) => fn(m as FromImportProcess)),
      onExit: (fn) => child.on('exit', (code) => fn(code)),
      kill: () => void child.kill(),
    };
  };

/**
 * The tables a lead import's commit writes (commit.ts, and the change-log, exchange-stamp and
 * search-index triggers it fires). The import process's own connection tracks no changes (its
 * commit is 100,000 rows), so the window's process tells these to the workspace's listeners when a
 * commit there is done, as its own connection would have told them. A service test commits an
 * import on the window's connection and checks it touches no other table.
 */
export const IMPORT_COMMIT_TABLES = [
  'customers',
  'contacts',
  'customer_tags',
  'customer_events',
  'import_batches',
  'change_log',
  'exchange_stamps',
  'search_docs',
  'search_keys',
] as const;

const fromWire = (e: WireError): Error => (e.code ? new AppError(e.code, e.params, e.message) : new Error(e.message));

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type Child = { proc: ImportProcess; pending: Map<number, Pending>; jobs: Set<string>; sweeper: ReturnType<typeof setInterval> };

/**
 * The import as the window's process sees it when the work runs in an import
 * process: every call is forwarded there, the process is started on the first
 * call and told to end when it has nothing left (no upload, no running
 * commit), so the memory of a 100,000-row import is never the window
 * process's and goes back to the system when the import ends. Commit
 * progress is pushed here as it happens, so polling it never waits for the
 * import process, which may be busy writing a batch.
 */
export const remoteImports = (ws: Workspace, spawn: SpawnImportProcess): ImportService => {
  // At start-up, not only when the next import begins: a crashed import's copy of a customer list
  // should not wait in the temp folder until someone imports again.
  sweepOrphanUploads();
  let child: Child | undefined;
  let nextId = 1;
  const jobs = new Map<string, JobUpdate>();

  const lost = (c: Child, error: Error): void => {
    clearInterval(c.sweeper);
    if (child === c) child = undefined;
    for (const p of c.pending.values()) p.reject(error);
    c.pending.clear();
    for (const id of c.jobs) {
      const job = jobs.get(id);
      if (job?.state === 'running') jobs.set(id, { ...job, state: 'failed', error: { code: 'INTERNAL', message: error.message } });
    }
  };

  const start = (): Child => {
    if (child) return child;
    // Between calls, the time goes to the import process now and then, so idle uploads go even when nobody calls.
    const sweeper = setInterval(() => {
      if (child !== c) return;
      const id = nextId++;
      c.pending.set(id, { resolve: () => undefined, reject: () => undefined });
      c.proc.post({ type: 'sweep', id, now: ws.clock.now() });
    }, UPLOAD_LIMITS.sweepMs);
    sweeper.unref();
    const c: Child = { proc: spawn(), pending: new Map(), jobs: new Set(), sweeper };
    child = c;
    c.proc.onMessage((m) => {
      if (m.type === 'job') {
        c.jobs.add(m.job.jobId);
        const before = jobs.get(m.job.jobId);
        jobs.set(m.job.jobId, m.job);
        // Committed there: the windows refresh what shows customers (a cancelled or failed commit was rolled back).
        if (m.job.state === 'done' && before?.state !== 'done') ws.changed(IMPORT_COMMIT_TABLES);
      } else if (m.type === 'fatal') {
        lost(c, fromWire(m.error));
        c.proc.kill();
      } else {
        const p = c.pending.get(m.id);
        c.pending.delete(m.id);
        if (m.ok) p?.resolve(m.value);
        else p?.reject(fromWire(m.error));
        // Nothing in flight and nothing left there: the process ends (a later call starts another).
        if (m.idle && c.pending.size === 0 && child === c) {
          child = undefined;
          clearInterval(c.sweeper);
          c.proc.post({ type: 'exit' });
        }
      }
    });
    c.proc.onExit((code) => lost(c, new Error(`import process exited with ${code}`)));
    c.proc.post({ type: 'init', dbFile: ws.dbFile, keyHex: ws.openKey().toString('hex'), migrationsFolder: ws.migrationsFolder, now: ws.clock.now() });
    return c;
  };

  const call = <T>(method: ImportCall, viewer: Viewer, ...args: unknown[]): Promise<T> => {
    const c = start();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      c.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      // Only what authorisation needs crosses, not the whole session user.
      c.proc.post({ type: 'call', id, method, args: [{ id: viewer.id, role: viewer.role }, ...args], now: ws.clock.now() });
    });
  };

  const jobOf = (viewer: Viewer, jobId: string): ImportJobState => {
    const job = jobs.get(jobId);
    if (!job || job.userId !== viewer.id) throw new AppError('NOT_FOUND');
    const { userId: _u, ...state } = job;
    return state;
  };

  return {
    upload: (viewer, input) => call('upload', viewer, input),
    sheets: (viewer, uploadId) => call('sheets', viewer, uploadId),
    preview: (viewer, input) => call('preview', viewer, input),
    analyze: (viewer, input) => call('analyze', viewer, input),
    commit: (viewer, input) => call('commit', viewer, input),
    progress: async (viewer, jobId) => jobOf(viewer, jobId),
    cancel: async (viewer, jobId) => {
      const state = jobOf(viewer, jobId);
      if (state.state === 'running' && child?.jobs.has(jobId)) await call('cancel', viewer, jobId);
      return jobOf(viewer, jobId);
    },
    errorWorkbook: (viewer, uploadId, file, locale) => call('errorWorkbook', viewer, uploadId, file, locale),
    discard: (viewer, uploadId) => call('discard', viewer, uploadId),
    // Without an import process there is no upload to remove.
    endUser: async (viewer) => {
      if (child) await call('endUser', viewer);
    },
    close: () => {
      const c = child;
      if (!c) return;
      child = undefined;
      c.proc.post({ type: 'exit' });
      lost(c, new AppError('IMPORT_CANCELLED'));
    },
  };
};
