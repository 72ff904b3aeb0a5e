import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { forkImportProcess, type ImportProcess } from '../../src-main/services/import/remote';
import { ADMIN, OFFICE, createTestWorkspace, type TestWorkspace, finishedImport } from '../helpers/workspace';

const fixture = resolve('../shared/fixtures/spreadsheets/company_list_libreoffice.xlsx');
const entry = new URL('../../src-main/services/import/process.ts', import.meta.url);

let ws: TestWorkspace | undefined;
afterEach(() => ws?.dispose());

// This file's temp folder is its own: other test files (other worker processes) start import processes too,
// and each of those sweeps the upload folders of processes that are gone, which would race the
// "a killed process's folder is still there" check below. Forked import processes inherit it.
const sharedTmp = process.env.TMPDIR;
beforeAll(() => {
  process.env.TMPDIR = mkdtempSync(join(tmpdir(), 'tuoke-import-process-test-'));
});
afterAll(() => {
  const own = process.env.TMPDIR!;
  if (sharedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = sharedTmp;
  rmSync(own, { recursive: true, force: true });
});

/** A workspace whose imports run in real forked import processes, with the office's manager logged in; `started` and `exits` record the processes. */
const officeWithImportProcess = async () => {
  const started: ImportProcess[] = [];
  const exits: (number | null)[] = [];
  const spawn = forkImportProcess(entry, ['--import', 'tsx']);
  ws = await createTestWorkspace({
    importProcess: () => {
      const p = spawn();
      started.push(p);
      p.onExit((code) => exits.push(code));
      return p;
    },
  });
  const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
  await ws.call(admin, 'users.create', OFFICE.wang);
  const manager = await ws.loginAs('wang', 'wang-pass-1');
  return { ws, started, exits, admin, manager };
};

describe('the import process', () => {
  it('reads, analyses and commits in a process of its own, which ends once the upload is discarded', async () => {
    const { ws, started, exits, admin, manager } = await officeWithImportProcess();

    const bytes = readFileSync(fixture);
    const { uploadId } = await ws.call(manager, 'import.upload', { fileName: 'company_list_libreoffice.xlsx', offset: 0, chunkBase64: bytes.toString('base64'), final: true });
    expect(started).toHaveLength(1);
    expect(started[0]!.pid).not.toBe(process.pid);
    const info = await ws.call(manager, 'import.sheets', { uploadId });
    const sheetIndex = info.sheets.find((s) => s.offered)!.index;
    const preview = await ws.call(manager, 'import.preview', { uploadId, sheetIndex });
    const analysis = await ws.call(manager, 'import.analyze', { uploadId, sheetIndex, headerRow: preview.headerRow, targets: preview.targets, unmappedToNotes: true });
    expect(analysis.fresh).toBeGreaterThan(0);

    // Another user cannot see the upload: the process checks ownership as the window's process did.
    const other = await ws.invoke(admin, 'import.sheets', { uploadId });
    expect(other).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const { jobId } = await ws.call(manager, 'import.commit', { uploadId, decisions: {}, assignment: { mode: 'pool' } });
    const job = await finishedImport(ws, manager, jobId);
    expect(job.state).toBe('done');
    expect(job.summary!.created).toBe(analysis.fresh + analysis.inFileDuplicates - job.summary!.skipped);
    // Written by the import process's connection, seen by the window's.
    expect((await ws.call(manager, 'customers.list', { filter: { owner: 'pool' } })).total).toBe(job.summary!.created);
    await expect(ws.invoke(admin, 'import.progress', { jobId })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    expect(exits).toEqual([]);
    await ws.call(manager, 'import.discard', { uploadId });
    await expect.poll(() => exits, { timeout: 10_000 }).toEqual([0]);
    // The finished job is still reported after its process ended; a new upload starts a new process.
    expect((await ws.call(manager, 'import.progress', { jobId })).state).toBe('done');
    const again = await ws.call(manager, 'import.upload', { fileName: 'x.csv', offset: 0, chunkBase64: Buffer.from('企业名称\n新公司\n').toString('base64'), final: true });
    expect(started).toHaveLength(2);
    await ws.call(manager, 'import.discard', { uploadId: again.uploadId });
    await expect.poll(() => exits, { timeout: 10_000 }).toEqual([0, 0]);
  });

  it('removes the uploads of an import process that was killed when the next one starts', async () => {
    const { ws, started, exits, manager } = await officeWithImportProcess();
    const uploadsOf = (pid: number | undefined) => readdirSync(tmpdir()).filter((n) => n.startsWith(`tuoke-import-${pid}-`));
    // A folder of a process that is still running (this one) is never swept.
    const ours = join(tmpdir(), `tuoke-import-${process.pid}-test`);
    mkdirSync(ours, { recursive: true });
    try {
      // Half an upload, then the process dies without a chance to clean up.
      const bytes = readFileSync(fixture);
      const first = await ws.call(manager, 'import.upload', { fileName: 'list.xlsx', offset: 0, chunkBase64: bytes.subarray(0, 1000).toString('base64'), final: false });
      const killed = started[0]!;
      const dirs = uploadsOf(killed.pid);
      expect(dirs).toHaveLength(1);
      expect(readdirSync(join(tmpdir(), dirs[0]!))).toEqual(['list.xlsx']);
      process.kill(killed.pid!, 'SIGKILL');
      await expect.poll(() => exits.length, { timeout: 10_000 }).toBe(1);
      expect(uploadsOf(killed.pid)).toHaveLength(1);

      // The next import process removes it. The upload is unknown there (its process is gone), whatever the folder.
      const again = await ws.call(manager, 'import.upload', { fileName: 'x.csv', offset: 0, chunkBase64: Buffer.from('企业名称\n新公司\n').toString('base64'), final: true });
      expect(started).toHaveLength(2);
      expect(uploadsOf(killed.pid)).toEqual([]);
      expect(uploadsOf(started[1]!.pid)).toHaveLength(1);
      expect(existsSync(ours)).toBe(true);
      await expect(ws.invoke(manager, 'import.upload', { uploadId: first.uploadId, fileName: 'list.xlsx', offset: 1000, chunkBase64: 'AA==', final: true })).resolves.toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      await ws.call(manager, 'import.discard', { uploadId: again.uploadId });
      expect(uploadsOf(started[1]!.pid)).toEqual([]);
    } finally {
      rmSync(ours, { recursive: true, force: true });
    }
  });
});
