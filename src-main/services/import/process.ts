/**
 * The import process: a child of the window's process (Electron's
 * utilityProcess in the app, child_process.fork in a checkout) that does all
 * of a lead import's work on the file: sheets, preview, reading, cleaning,
 * duplicate analysis, the commit and the error workbook. The window's process
 * forwards the import.* calls here (remote.ts) and gets the replies and the
 * commit's progress back; once nothing is left (no upload, no running
 * commit) it tells this process to end, so the memory of a big import goes
 * back to the system instead of staying in the window's process.
 *
 * The database is opened per use: for an analysis, and by the commit (its
 * own connection and one write transaction, streamingRunner). Between calls
 * this process holds no connection to the workspace.
 */
import { setFlagsFromString } from 'node:v8';
import { isAppError } from '../../../src-shared/errors';
import { openDatabase, type Db } from '../../db/connection';
import { systemClock, type Clock } from '../clock';
import type { FromImportProcess, ToImportProcess, WireError } from './remote';
import { streamingRunner } from './jobs';
import { localImports, type ImportService } from './service';
import { sweepOrphanUploads } from './uploads';
import { ImportSessions } from './wizard';

// This process holds little (the analysis' duplicate keys, one batch of records) but makes garbage
// fast (every cell of every row, read twice). V8 grows its heap by up to 4× the live size between
// full collections when it can, which made the garbage most of this process's peak RSS (a 100,000-row
// import: ~120 MB live, 340 MB heap). Growing it by a fifth at most costs a few more collections.
// TUOKE_IMPORT_HEAP_GROWING_PERCENT=0 leaves V8's own growth; another whole number replaces the 20.
const growing = process.env.TUOKE_IMPORT_HEAP_GROWING_PERCENT?.trim();
const growingPercent = growing && /^\d+$/.test(growing) ? Number(growing) : 20;
if (growingPercent > 0) setFlagsFromString(`--heap-growing-percent=${growingPercent}`);

type Port = { post(m: FromImportProcess): void; listen(fn: (m: ToImportProcess) => void): void };

type ParentPort = { on(event: 'message', fn: (e: { data: unknown }) => void): void; postMessage(m: unknown): void };
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

const port: Port = parentPort
  ? // Electron's utilityProcess.
    { post: (m) => parentPort.postMessage(m), listen: (fn) => parentPort.on('message', (e) => fn(e.data as ToImportProcess)) }
  : // A Node child process with an IPC channel.
    { post: (m) => void process.send?.(m), listen: (fn) => process.on('message', (m) => fn(m as ToImportProcess)) };

const toWire = (e: unknown): WireError =>
  isAppError(e) ? { code: e.code, params: e.params, message: e.message } : { code: null, message: e instanceof Error ? e.message : String(e) };

let sessions: ImportSessions | undefined;
let service: ImportService | undefined;

// The workspace's time as the window's process last sent it (each message carries it): uploads
// expire by the same clock as the rest of the app, which tests set by hand.
let parentNow = Date.now();
const parentClock: Clock = { now: () => parentNow };

const end = (): never => {
  sessions?.discardAll();
  process.exit(0);
};

// The window's process is gone (a Node parent that died): nothing is left to do.
process.on('disconnect', end);

port.listen((m) => {
  if (m.type === 'exit') end();
  if ('now' in m) parentNow = m.now;
  if (m.type === 'sweep') {
    sessions?.expire();
    port.post({ type: 'reply', id: m.id, ok: true, value: null, idle: sessions?.idle() ?? true });
  } else if (m.type === 'init') {
    const open = (cacheMiB: number): Db =>
      // The window's connection migrated the database: this one only reads and writes.
      openDatabase(m.dbFile, Buffer.from(m.keyHex, 'hex'), { clock: systemClock, migrationsFolder: m.migrationsFolder, secondary: true, cacheMiB });
    try {
      // A check that the key opens the database, before any call relies on it.
      open(2).close();
    } catch (e) {
      port.post({ type: 'fatal', error: toWire(e) });
      return;
    }
    // Uploads left behind by an import process that crashed or was killed go before new ones come.
    sweepOrphanUploads();
    // 32 MiB for the commit rather than the window's 128: the import appends (time-ordered ids, the search index
    // in one go at the end), so a bigger cache bought nothing measurable at 100,000 rows but ~200 MB of RSS.
    sessions = new ImportSessions(
      streamingRunner(() => open(Number(process.env.TUOKE_IMPORT_CACHE_MIB) || 32)),
      (job) => port.post({ type: 'job', job }),
      parentClock,
    );
    // Each analysis looks the duplicates up through a connection of its own, closed when it ends.
    service = localImports(sessions, async (use) => {
      const db = open(32);
      try {
        return await use(db);
      } finally {
        db.close();
      }
    });
  } else if (m.type === 'call') {
    const s = service;
    const reply = (r: { ok: true; value: unknown } | { ok: false; error: WireError }): void =>
      port.post({ ...r, type: 'reply', id: m.id, idle: sessions?.idle() ?? true });
    if (!s) return reply({ ok: false, error: { code: 'INTERNAL', message: 'import process not initialised' } });
    const fn = s[m.method] as (...args: unknown[]) => Promise<unknown>;
    fn(...m.args).then(
      (value) => reply({ ok: true, value: value ?? null }),
      (e: unknown) => reply({ ok: false, error: toWire(e) }),
    );
  }
});
