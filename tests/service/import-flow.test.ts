import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/ipc/session';
import { ADMIN, OFFICE, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

const fixtures = resolve(__dirname, '../../../shared/fixtures/spreadsheets');

let ws: TestWorkspace;
let manager: Session;
let salesIds: string[];

beforeEach(async () => {
  ws = await createTestWorkspace();
  const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
  await ws.call(admin, 'users.create', OFFICE.wang);
  salesIds = [
    (await ws.call(admin, 'users.create', OFFICE.zhang)).id,
    (await ws.call(admin, 'users.create', OFFICE.li)).id,
  ];
  manager = await ws.loginAs('wang', 'wang-pass-1');
});
afterEach(() => ws.dispose());

/** Uploads a file in 16 KB chunks, as the renderer does. */
const upload = async (name: string): Promise<string> => {
  const bytes = readFileSync(resolve(fixtures, name));
  let uploadId: string | undefined;
  for (let offset = 0; offset < bytes.length || offset === 0; offset += 16_384) {
    const chunk = bytes.subarray(offset, offset + 16_384);
    const r = await ws.call(manager, 'import.upload', {
      ...(uploadId ? { uploadId } : {}),
      fileName: name,
      offset,
      chunkBase64: chunk.toString('base64'),
      final: offset + 16_384 >= bytes.length,
    });
    uploadId = r.uploadId;
    if (offset + 16_384 >= bytes.length) break;
  }
  return uploadId!;
};

const waitForJob = async (jobId: string) => {
  for (let i = 0; i < 600; i += 1) {
    const p = await ws.call(manager, 'import.progress', { jobId });
    if (p.state !== 'running') return p;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('job did not finish');
};

const importFile = async (name: string, decisions: Record<string, 'skip' | 'fill' | 'new'> = {}) => {
  const uploadId = await upload(name);
  const info = await ws.call(manager, 'import.sheets', { uploadId });
  const sheet = info.sheets.find((s) => s.offered)!;
  const preview = await ws.call(manager, 'import.preview', { uploadId, sheetIndex: sheet.index });
  const analysis = await ws.call(manager, 'import.analyze', {
    uploadId,
    sheetIndex: sheet.index,
    headerRow: preview.headerRow,
    targets: preview.targets,
  });
  const { jobId } = await ws.call(manager, 'import.commit', {
    uploadId,
    decisions,
    assignment: { mode: 'balance', userIds: salesIds },
  });
  return { uploadId, info, preview, analysis, job: await waitForJob(jobId) };
};

describe('importing the LibreOffice company list', () => {
  it('maps the columns, flags what spreadsheets broke, imports 200 companies and skips the duplicate', async () => {
    const { preview, analysis, job, uploadId } = await importFile('company_list_libreoffice.xlsx');
    expect(preview.headerRow).toBe(1);
    expect(preview.targets.slice(0, 9)).toEqual([
      'name', 'creditCode', 'legalRep', 'phone', 'address', 'industry', 'foundedOn', 'registeredCapital', 'description',
    ]);
    expect(analysis).toMatchObject({ total: 201, rejected: 0, inFileDuplicates: 1, inDbDuplicates: 0, fresh: 200 });
    const codes = analysis.records.flatMap((r) => r.issues).filter((i) => i.code === 'credit_code_mangled');
    expect(codes.length).toBeGreaterThan(0);
    expect(job).toMatchObject({ state: 'done', summary: { created: 200, skipped: 1 } });
    const list = await ws.call(manager, 'customers.list', { limit: 500 });
    expect(list.total).toBe(200);
    expect(list.rows.every((r) => r.owner !== null && r.source === 'trade_directory')).toBe(true);

    // The error workbook lists the flagged rows with their original row numbers, readable by another reader.
    const file = await ws.call(manager, 'import.errorWorkbook', { uploadId });
    const wb = XLSX.read(Buffer.from(file.dataBase64, 'base64'));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    expect(rows[0]!.slice(0, 4)).toEqual(['原行号', '结果', '原因', '企业名称']);
    expect(rows.length - 1).toBe(file.rows);
    expect(rows.some((r) => String(r[2]).includes('无法恢复'))).toBe(true);
  });

  it('creates no new customers when the same file is imported again, and undo removes exactly the batch', async () => {
    await importFile('company_list_libreoffice.xlsx');
    const second = await importFile('company_list_libreoffice.xlsx');
    expect(second.analysis.inDbDuplicates).toBe(201);
    expect(second.job.summary).toMatchObject({ created: 0 });
    expect((await ws.call(manager, 'customers.list', {})).total).toBe(200);
    const batches = await ws.call(manager, 'import.batches', {});
    expect(batches).toHaveLength(2);
    const undo = await ws.call(manager, 'import.undo', { batchId: batches[1]!.id });
    expect(undo).toEqual({ removed: 200, reverted: 0, touched: [] });
    expect((await ws.call(manager, 'customers.list', {})).total).toBe(0);
  });

  it('imports the GB18030 CSV with the same companies', async () => {
    const { analysis, job } = await importFile('company_list_gb18030.csv');
    expect(analysis).toMatchObject({ total: 201, fresh: 200, inFileDuplicates: 1 });
    expect(job.summary?.created).toBe(200);
    const hit = await ws.call(manager, 'customers.list', { filter: { text: '𠮷' } });
    expect(hit.total).toBeGreaterThan(0);
  });

  it('refuses a sales user and rejects a password-protected file with its own message', async () => {
    const zhang = await ws.loginAs('zhang', 'zhang-pass-1');
    const r = await ws.invoke(zhang, 'import.upload', { fileName: 'a.csv', offset: 0, chunkBase64: '', final: true });
    expect(r.ok ? '' : r.error.code).toBe('FORBIDDEN');
    const uploadId = await upload('calamine__pass_protected.xlsx');
    const sheets = await ws.invoke(manager, 'import.sheets', { uploadId });
    expect(sheets.ok ? '' : sheets.error.code).toBe('FILE_PASSWORD_PROTECTED');
  });
});
