import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../src-shared/errors';
import type { ExchangeSummary } from '../../src-shared/exchange/types';
import { createTestWorkspace } from '../helpers/workspace';
import { columnOf, editInExcel, openPc, rowOfId, type Pc } from './exchange-helpers';
import { compressible, partsOf, peakRssGrowth, repeated, writeZip } from './bounds-zip';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** An office PC of its own workspace (a company of its own). */
const pcOf = async (company: string): Promise<Pc> => {
  const ws = await createTestWorkspace({ company });
  ws.host.close();
  const pc = await openPc(ws.dir, ws.clock);
  cleanups.push(() => {
    pc.close();
    rmSync(ws.dir, { recursive: true, force: true });
  });
  return pc;
};

const tmp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tuoke-bounds-x-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

/**
 * The workbook as Excel saves it (every text in one shared-string table, the
 * meta's first), with `extra` strings after its own: `times` copies of a 64 KB
 * string that deflates about 120 to 1, within the readers' limits per part.
 */
const withBigStringTable = async (exported: string, out: string, times: number): Promise<void> => {
  const saved = `${out}.saved.xlsx`;
  await editInExcel(exported, saved, () => undefined);
  const parts = await partsOf(saved);
  const i = parts.findIndex((p) => p.name === 'xl/sharedStrings.xml');
  const own = inflateRawSync(parts[i]!.packed).toString('utf8');
  const head = own.slice(0, own.lastIndexOf('</sst>'));
  parts[i] = repeated('xl/sharedStrings.xml', Buffer.from(`<si><t>${compressible(65_536, 500)}</t></si>`), times, { head, tail: '</sst>' });
  writeZip(out, parts);
};

const analyze = async (pc: Pc, file: string): Promise<Result<ExchangeSummary>> =>
  (await pc.host.registry.invoke(pc.session, 'exchange.analyze', { fileName: 'x.xlsx', dataBase64: readFileSync(file).toString('base64') })) as Result<ExchangeSummary>;

describe('an exchange workbook is checked by its signed meta before anything else is read', () => {
  it('refuses another workspace’s workbook without reading its 470 MB string table', async () => {
    const other = await pcOf('乙公司');
    const here = await pcOf('甲公司');
    await other.call('customers.create', { fields: { name: '乙公司的客户' }, confirmDuplicates: false });
    const dir = tmp();
    await other.exportTo(join(dir, 'other.xlsx'));
    await withBigStringTable(join(dir, 'other.xlsx'), join(dir, 'big.xlsx'), 7_200);

    const { result, mb } = await peakRssGrowth(() => analyze(here, join(dir, 'big.xlsx')));
    expect(result).toMatchObject({ ok: false, error: { code: 'EXCHANGE_OTHER_WORKSPACE' } });
    // Reading the table (its first 128 M characters, then refused) took 300 MB and more.
    expect(mb).toBeLessThan(100);
  });

  it('refuses a workbook whose meta was altered, at the same small cost', async () => {
    const pc = await pcOf('甲公司');
    await pc.call('customers.create', { fields: { name: '甲公司的客户' }, confirmDuplicates: false });
    const dir = tmp();
    await pc.exportTo(join(dir, 'mine.xlsx'));
    await editInExcel(join(dir, 'mine.xlsx'), join(dir, 'altered.xlsx'), (wb) => {
      const ws = wb.getWorksheet('交换信息')!;
      ws.eachRow((row) => {
        if (row.getCell(1).value === 'meta') row.getCell(2).value = String(row.getCell(2).value).replace('"mode":"all"', '"mode":"since"');
      });
    });
    await withBigStringTable(join(dir, 'altered.xlsx'), join(dir, 'big.xlsx'), 7_200);
    const { result, mb } = await peakRssGrowth(() => analyze(pc, join(dir, 'big.xlsx')));
    expect(result).toMatchObject({ ok: false, error: { code: 'EXCHANGE_TAMPERED' } });
    expect(mb).toBeLessThan(100);
  });

  it('still reads a workbook of this workspace saved by Excel, its meta in the shared strings', async () => {
    const pc = await pcOf('甲公司');
    const { id } = await pc.call('customers.create', { fields: { name: '甲公司的客户' }, confirmDuplicates: false });
    const dir = tmp();
    await pc.exportTo(join(dir, 'mine.xlsx'));
    await editInExcel(join(dir, 'mine.xlsx'), join(dir, 'saved.xlsx'), () => undefined);
    const r = await analyze(pc, join(dir, 'saved.xlsx'));
    expect(r.ok).toBe(true);
    expect(r.ok && r.value.counts.unchanged).toBeGreaterThan(0);
    expect(r.ok && r.value.notes).toEqual([]);
    expect(id).toBeTruthy();
  });

  it('refuses a bomb in an exchange workbook as FILE_TOO_LARGE, not as some other file', async () => {
    const pc = await pcOf('甲公司');
    const dir = tmp();
    await pc.exportTo(join(dir, 'mine.xlsx'));
    const parts = await partsOf(join(dir, 'mine.xlsx'));
    parts.push(repeated('xl/sharedStrings.xml', Buffer.from(`<si><t>${'A'.repeat(65_536)}</t></si>`), 48_000, { head: '<sst>', tail: '</sst>' }));
    writeZip(join(dir, 'bomb.xlsx'), parts);
    const r = await analyze(pc, join(dir, 'bomb.xlsx'));
    expect(r).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
  });
});

describe('text from an exchange workbook never reaches the properties every object has', () => {
  it('reads a row whose PC column says "constructor" as edited by hand, not as an internal error', async () => {
    const pc = await pcOf('甲公司');
    const { id } = await pc.call('customers.create', { fields: { name: '原来的名字有限公司' }, confirmDuplicates: false });
    const dir = tmp();
    await pc.exportTo(join(dir, 'mine.xlsx'));
    for (const node of ['constructor', 'toString', '__proto__']) {
      await editInExcel(join(dir, 'mine.xlsx'), join(dir, `${node}.xlsx`), (wb) => {
        const ws = wb.getWorksheet('客户')!;
        const row = ws.getRow(rowOfId(ws, id));
        row.getCell(columnOf(ws, '_pc')).value = node;
        row.getCell(columnOf(ws, 'name')).value = '改过的名字有限公司';
      });
      const r = await analyze(pc, join(dir, `${node}.xlsx`));
      expect(r.ok, `${node}: ${r.ok ? '' : r.error.code}`).toBe(true);
      expect(r.ok && r.value.notes.some((n) => n.kind === 'hand_edited')).toBe(true);
    }
  });
});
