/**
 * Files from other programs: OpenDocument spreadsheets (LibreOffice; WPS's "save as ODF"),
 * HTML tables (web directories, old systems; named .html or .xls), WPS's own .et/.ett, and an
 * exchange workbook someone re-saved in another format.
 *
 * tests/fixtures/company_list_libreoffice.ods is the shared company_list_libreoffice.xlsx
 * converted by LibreOffice 25 (`soffice --headless --convert-to ods`).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cellText, listSheets, readRows, sniffFile, type SheetRow } from '../../src-main/services/import/read';
import { readExchangeWorkbook } from '../../src-main/services/exchange/workbook';
import { rejectionCode } from '../helpers/errors';
import { ADMIN, OFFICE, createTestWorkspace, type TestWorkspace, finishedImport } from '../helpers/workspace';

const ods = path.resolve(__dirname, '../fixtures/company_list_libreoffice.ods');
const shared = (name: string) => path.resolve(__dirname, '../../../shared/fixtures/spreadsheets', name);
const tmp = mkdtempSync(path.join(tmpdir(), 'tuoke-import-formats-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const texts = async (file: string): Promise<string[][]> => {
  const rows: SheetRow[] = [];
  await readRows(file, 0, (r) => void rows.push(r));
  return rows.map((r) => r.cells.map((c) => cellText(c)));
};

/** A GBK-encoded HTML table as Chinese web directories export it. */
const htmlTable = (charsetMeta: boolean) =>
  iconv.encode(
    `<html><head>${charsetMeta ? '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' : ''}</head><body>
<table border="1"><tr><th>企业名称</th><th>法定代表人</th><th>注册资本</th><th>联系电话</th></tr>
<tr><td>杭州明远机械有限公司</td><td>王建国</td><td>500</td><td>0571-88886666</td></tr>
<tr><td>宁波海纳电子有限公司</td><td>李海</td><td>1000</td><td>13905740000</td></tr>
</table></body></html>`,
    'gbk',
  );

describe('OpenDocument spreadsheets (.ods)', () => {
  it('are read like the .xlsx they were saved from: same sheets, same rows, same cell texts', async () => {
    expect(await sniffFile(ods)).toEqual({ kind: 'ods' });
    const xlsx = shared('company_list_libreoffice.xlsx');
    expect((await listSheets(ods)).map((s) => [s.name, s.state, s.kind])).toEqual((await listSheets(xlsx)).map((s) => [s.name, s.state, s.kind]));
    const fromOds = await texts(ods);
    const fromXlsx = await texts(xlsx);
    expect(fromOds.length).toBe(fromXlsx.length);
    expect(fromOds.length).toBeGreaterThan(200);
    expect(fromOds).toEqual(fromXlsx);
  });

  it('are refused by size beyond what reading them whole may take', async () => {
    const big = path.join(tmp, 'big.ods');
    writeFileSync(big, Buffer.concat([readFileSync(ods), Buffer.alloc(25 * 1024 * 1024)]));
    expect(await rejectionCode(sniffFile(big))).toBe('FILE_TOO_LARGE');
  });
});

describe('HTML tables', () => {
  it.each([
    ['名录.html', true],
    ['名录.xls', true],
    ['名录.htm', false],
  ])('%s (GBK, charset declared: %s) is read as a table with its Chinese text', async (name, meta) => {
    const file = path.join(tmp, name);
    writeFileSync(file, htmlTable(meta));
    expect(await sniffFile(file)).toEqual({ kind: 'html' });
    const rows = await texts(file);
    expect(rows).toEqual([
      ['企业名称', '法定代表人', '注册资本', '联系电话'],
      ['杭州明远机械有限公司', '王建国', '500', '0571-88886666'],
      ['宁波海纳电子有限公司', '李海', '1000', '13905740000'],
    ]);
  });
});

describe('WPS .et/.ett', () => {
  it('holding a BIFF workbook (as WPS writes for compatibility) are read', async () => {
    const file = path.join(tmp, '名录.et');
    copyFileSync(shared('hutool__aaa.xls'), file);
    expect(await sniffFile(file)).toEqual({ kind: 'xls' });
    expect((await texts(file)).length).toBeGreaterThan(0);
  });

  it('in WPS’s own format get their own answer: save as .xlsx in WPS', async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'ETDocument', Buffer.from('not a BIFF stream'));
    for (const name of ['名录.et', '模板.ett']) {
      const file = path.join(tmp, name);
      writeFileSync(file, XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
      expect(await rejectionCode(sniffFile(file))).toBe('FILE_WPS_FORMAT');
    }
  });
});

describe('an exchange workbook saved in another format', () => {
  it.each([
    ['.ods', ods],
    ['.xls', shared('hutool__aaa.xls')],
  ])('(%s) is told to be the .xlsx Tuoke exported, not called damaged', async (_kind, file) => {
    const env = { workspaceId: 'w', officeKey: Buffer.alloc(32), nodeId: 'n' } as unknown as Parameters<typeof readExchangeWorkbook>[1];
    expect(await rejectionCode(readExchangeWorkbook(file, env, []))).toBe('EXCHANGE_NOT_XLSX');
  });
});

describe('importing an .ods through the wizard', () => {
  let ws: TestWorkspace | undefined;
  afterEach(() => ws?.dispose());

  it('uploads, previews with the header found, and commits the leads', async () => {
    ws = await createTestWorkspace();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    await ws.call(admin, 'users.create', OFFICE.wang);
    const manager = await ws.loginAs('wang', 'wang-pass-1');
    const bytes = readFileSync(ods);
    const { uploadId } = await ws.call(manager, 'import.upload', { fileName: '名录.ods', offset: 0, chunkBase64: bytes.toString('base64'), final: true });
    const info = await ws.call(manager, 'import.sheets', { uploadId });
    expect(info.kind).toBe('ods');
    const sheetIndex = info.sheets.find((s) => s.offered)!.index;
    const preview = await ws.call(manager, 'import.preview', { uploadId, sheetIndex });
    expect(preview.targets).toContain('name');
    const analysis = await ws.call(manager, 'import.analyze', { uploadId, sheetIndex, headerRow: preview.headerRow, targets: preview.targets, unmappedToNotes: true });
    expect(analysis.fresh).toBeGreaterThan(100);
    const { jobId } = await ws.call(manager, 'import.commit', { uploadId, decisions: {}, assignment: { mode: 'pool' } });
    const job = await finishedImport(ws, manager, jobId);
    expect(job.state).toBe('done');
    expect((await ws.call(manager, 'customers.list', { filter: { owner: 'pool' } })).total).toBe(job.summary!.created);
    expect(job.summary!.created).toBeGreaterThan(100);
  });
});
