import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../src-main/ipc/session';
import { manualClock } from '../../src-main/services/clock';
import { forkImportProcess, remoteImports, type ImportProcess } from '../../src-main/services/import/remote';
import { inlineRunner, type JobRunner } from '../../src-main/services/import/jobs';
import { localImports } from '../../src-main/services/import/service';
import { UPLOAD_LIMITS } from '../../src-main/services/import/uploads';
import { ImportSessions } from '../../src-main/services/import/wizard';
import { ADMIN, OFFICE, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

const fixture = resolve(__dirname, '../../../shared/fixtures/spreadsheets/company_list_utf8_bom.csv');
const entry = new URL('../../src-main/services/import/process.ts', import.meta.url);
const HOUR = 60 * 60 * 1000;

let ws: TestWorkspace | undefined;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  ws?.dispose();
  ws = undefined;
});

/** Where an upload of these sessions is kept (private: the tests look at the disk). */
const folderOf = (sessions: ImportSessions, uploadId: string): string => (sessions as unknown as { uploads: Map<string, { dir: string }> }).uploads.get(uploadId)!.dir;

/** The upload folders in the temp folder that process `pid` made. */
const foldersOf = (pid: number): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith(`tuoke-import-${pid}-`));

/** A workspace (imports in this process unless `importProcess` is given) with the manager 王经理 and the administrator logged in. */
const office = async (options: Parameters<typeof createTestWorkspace>[0] = {}): Promise<{ ws: TestWorkspace; admin: Session; manager: Session }> => {
  ws = await createTestWorkspace(options);
  const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
  await ws.call(admin, 'users.create', OFFICE.wang);
  const manager = await ws.loginAs(OFFICE.wang.username, OFFICE.wang.password);
  return { ws, admin, manager };
};

const csv = Buffer.from('企业名称,电话\n杭州甲乙贸易有限公司,0571-88880000\n', 'utf8');
const uploadCsv = (w: TestWorkspace, session: Session, fileName = '名单.csv', bytes: Buffer = csv) =>
  w.invoke(session, 'import.upload', { fileName, offset: 0, chunkBase64: bytes.toString('base64'), final: true });

describe('an upload’s name', () => {
  it('must be a file’s name: "..", a path, control characters or more than 255 characters are VALIDATION, and leave nothing behind', async () => {
    const { ws, manager } = await office();
    const before = foldersOf(process.pid).length;
    for (const name of ['..', '.', '...', ' ', 'a/b.csv', '../../etc/passwd', 'a\\b.csv', 'C:\\名单.csv', 'x\u0000.csv', 'x\n.csv', 'x'.repeat(256)]) {
      const r = await uploadCsv(ws, manager, name);
      expect(r, JSON.stringify(name)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(!r.ok && r.error.message).toContain('fileName');
    }
    expect(foldersOf(process.pid)).toHaveLength(before);
  });

  it('may be long in Chinese (a Windows name of 200 characters is 600 bytes) and keeps its extension', async () => {
    const { ws, manager } = await office();
    const name = `${'浙江省杭州市企业名录'.repeat(20)}.csv`;
    const { uploadId } = await ws.call(manager, 'import.upload', { fileName: name, offset: 0, chunkBase64: csv.toString('base64'), final: true });
    const info = await ws.call(manager, 'import.sheets', { uploadId });
    expect(info).toMatchObject({ fileName: name, kind: 'csv' });
    expect(info.sheets[0]!.name.endsWith('企业名录')).toBe(true);
  });
});

describe('how many uploads, and how large', () => {
  it('keeps at most 4 per user: a fifth removes that user’s least recently used', async () => {
    const { ws, manager } = await office();
    const before = foldersOf(process.pid).length;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await ws.call(manager, 'import.upload', { fileName: `名单${i}.csv`, offset: 0, chunkBase64: csv.toString('base64'), final: true })).uploadId);
    // The first is used again, so the second is the least recently used.
    await ws.call(manager, 'import.sheets', { uploadId: ids[0]! });
    const fifth = await ws.call(manager, 'import.upload', { fileName: '名单4.csv', offset: 0, chunkBase64: csv.toString('base64'), final: true });
    expect(await ws.invoke(manager, 'import.sheets', { uploadId: ids[1]! })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    for (const id of [ids[0]!, ids[2]!, ids[3]!, fifth.uploadId]) expect((await ws.invoke(manager, 'import.sheets', { uploadId: id })).ok).toBe(true);
    expect(foldersOf(process.pid)).toHaveLength(before + 4);
  });

  it('refuses a file over the per-file limit and uploads over the total, with their own messages', async () => {
    // Lowered for this test (the real 512 MB and 1 GB would be gigabytes of disk); this process runs the imports.
    const limits = UPLOAD_LIMITS as { fileBytes: number; totalBytes: number };
    const saved = { ...limits };
    cleanups.push(() => Object.assign(limits, saved));
    limits.fileBytes = 3 * 1024 * 1024;
    limits.totalBytes = 4 * 1024 * 1024;
    const { ws, manager } = await office();
    const mb = (n: number): Buffer => Buffer.concat([csv, Buffer.alloc(n * 1024 * 1024 - csv.length, 0x20)]);

    const tooBig = await uploadCsv(ws, manager, '大.csv', mb(4));
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'UPLOAD_TOO_LARGE', params: { limit: 3 } } });
    // Chunk by chunk, the file's total counts.
    const first = await ws.call(manager, 'import.upload', { fileName: '分块.csv', offset: 0, chunkBase64: mb(2).toString('base64'), final: false });
    const more = await ws.invoke(manager, 'import.upload', { uploadId: first.uploadId, fileName: '分块.csv', offset: first.size, chunkBase64: mb(2).toString('base64'), final: true });
    expect(more).toMatchObject({ ok: false, error: { code: 'UPLOAD_TOO_LARGE' } });

    const full = await uploadCsv(ws, manager, '第二个.csv', mb(3));
    expect(full).toMatchObject({ ok: false, error: { code: 'UPLOADS_FULL', params: { limit: 4 } } });
    expect(!full.ok && full.error.message).toContain('4 MB');
  });
});

describe('uploads nobody uses', () => {
  it('are removed after two hours idle, by the workspace clock, in the import process', async () => {
    const started: ImportProcess[] = [];
    const spawn = forkImportProcess(entry, ['--import', 'tsx']);
    const { ws, manager } = await office({
      importProcess: () => {
        const p = spawn();
        started.push(p);
        return p;
      },
    });
    const old = await ws.call(manager, 'import.upload', { fileName: '旧.csv', offset: 0, chunkBase64: csv.toString('base64'), final: true });
    const kept = await ws.call(manager, 'import.upload', { fileName: '在用.csv', offset: 0, chunkBase64: csv.toString('base64'), final: true });
    const pid = started[0]!.pid!;
    expect(foldersOf(pid)).toHaveLength(2);

    ws.clock.advance(HOUR + 30 * 60_000);
    await ws.call(manager, 'import.sheets', { uploadId: kept.uploadId });
    ws.clock.advance(HOUR);
    // Any call brings the time: the one unused for 2.5 hours goes, the one used an hour ago stays.
    expect(await ws.invoke(manager, 'import.sheets', { uploadId: old.uploadId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await ws.call(manager, 'import.sheets', { uploadId: kept.uploadId })).fileName).toBe('在用.csv');
    expect(foldersOf(pid)).toHaveLength(1);
  });

  it('are removed by a timer when no call comes', async () => {
    const clock = manualClock();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    cleanups.push(() => vi.useRealTimers());
    const sessions = new ImportSessions(async () => ({}) as never, undefined, clock);
    cleanups.push(() => sessions.discardAll());
    const manager = { id: 'manager-1', role: 'manager' as const };
    const { uploadId } = sessions.upload(manager, { fileName: '名单.csv', offset: 0, chunkBase64: csv.toString('base64'), final: true });
    const dir = folderOf(sessions, uploadId);
    clock.advance(2 * HOUR - 1);
    vi.advanceTimersByTime(UPLOAD_LIMITS.sweepMs);
    expect(existsSync(dir)).toBe(true);
    clock.advance(2);
    vi.advanceTimersByTime(UPLOAD_LIMITS.sweepMs);
    expect(existsSync(dir)).toBe(false);
    expect(sessions.idle()).toBe(true);
    await expect(sessions.sheets(manager, uploadId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('logging out', () => {
  it('removes the user’s uploads (not others’); one a commit still reads goes when the commit ends', async () => {
    const { ws, admin, manager } = await office();
    const db = ws.host.workspace.db!;
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    // The real commit on the real database, started only when the test says so.
    const runner: JobRunner = async (...args) => {
      await gate;
      return inlineRunner(() => db)(...args);
    };
    const sessions = new ImportSessions(runner, undefined, ws.clock);
    cleanups.push(() => sessions.discardAll());
    const service = localImports(sessions, (use) => use(db));
    const wang = manager.user!;
    const up = (viewer: typeof wang, fileName: string, bytes = csv) => service.upload(viewer, { fileName, offset: 0, chunkBase64: bytes.toString('base64'), final: true });

    const idle = await up(wang, '不用的.csv');
    const committing = await up(wang, 'company_list_utf8_bom.csv', readFileSync(fixture));
    const admins = await up(admin.user!, '管理员的.csv');
    const [idleDir, committingDir, adminDir] = [idle, committing, admins].map((u) => folderOf(sessions, u.uploadId)) as [string, string, string];

    const preview = await service.preview(wang, { uploadId: committing.uploadId, sheetIndex: 0 });
    await service.analyze(wang, { uploadId: committing.uploadId, sheetIndex: 0, headerRow: preview.headerRow, targets: preview.targets, unmappedToNotes: true });
    const { jobId } = await service.commit(wang, { uploadId: committing.uploadId, decisions: {}, defaultDecision: 'skip', assignment: { mode: 'pool' }, source: 'trade_directory', tagIds: [] });

    await service.endUser(wang);
    expect(existsSync(idleDir)).toBe(false);
    expect(existsSync(committingDir)).toBe(true);
    expect(existsSync(adminDir)).toBe(true);
    await expect(service.sheets(wang, idle.uploadId)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    open();
    let job = await service.progress(wang, jobId);
    while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 10));
      job = await service.progress(wang, jobId);
    }
    expect(job).toMatchObject({ state: 'done' });
    expect(job.summary!.created).toBeGreaterThan(100);
    expect(existsSync(committingDir)).toBe(false);
    expect(existsSync(adminDir)).toBe(true);
  });

  it('reaches the import process, which ends when nothing is left', async () => {
    const { ws, manager } = await office();
    const started: ImportProcess[] = [];
    const exits: (number | null)[] = [];
    const spawn = forkImportProcess(entry, ['--import', 'tsx']);
    const imports = remoteImports(ws.host.workspace, () => {
      const p = spawn();
      started.push(p);
      p.onExit((code) => exits.push(code));
      return p;
    });
    cleanups.push(() => imports.close());
    await imports.upload(manager.user!, { fileName: '名单.csv', offset: 0, chunkBase64: csv.toString('base64'), final: true });
    const pid = started[0]!.pid!;
    expect(foldersOf(pid)).toHaveLength(1);
    await imports.endUser(manager.user!);
    expect(foldersOf(pid)).toHaveLength(0);
    await vi.waitFor(() => expect(exits).toEqual([0]), { timeout: 10_000 });
  });
});
