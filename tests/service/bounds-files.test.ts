import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { errorCode } from '../../src-shared/errors';
import { cellText, columnLetter, readRows, sniffFile } from '../../src-main/services/import/read';
import { openXlsx, readXlsxHead } from '../../src-main/services/import/read/xlsx';
import { LIMITS } from '../../src-main/services/import/read/limits';
import { SharedStrings } from '../../src-main/services/import/read/strings';
import { ADMIN, OFFICE, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';
import { compressible, peakRssGrowth, repeated, sharedStrings, sheetXml, workbookParts, writeZip } from './bounds-zip';

const tmp = mkdtempSync(path.join(tmpdir(), 'tuoke-bounds-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string): string => path.join(tmp, name);

/** The code of the error a promise rejects with (undefined when it resolves). */
const codeOf = async (promise: Promise<unknown>): Promise<string | undefined> => {
  try {
    await promise;
  } catch (e) {
    return errorCode(e) ?? String(e);
  }
  return undefined;
};

const readAll = async (f: string): Promise<number> => {
  let rows = 0;
  await readRows(f, 0, () => void rows++);
  return rows;
};

/** Lowers a limit for one test: building real files at the real limit would take minutes. */
const lowered = <K extends keyof typeof LIMITS>(key: K, value: number): (() => void) => {
  const limits = LIMITS as Record<K, number>;
  const was = limits[key];
  limits[key] = value;
  return () => void (limits[key] = was);
};

/** A sheet of two cells that point into the shared-string table. */
const SHEET_OF_STRINGS = sheetXml(['<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>']);

/** 64 KB shared strings, each a run of A: 48,000 of them are the reported 3 GB table. */
const BIG_STRING = Buffer.from(`<si><t>${'A'.repeat(65_536)}</t></si>`);

describe('zip packages that unpack into far more than they are', () => {
  it('refuses a 5 MB .xlsx with 3 GB of shared strings at once, holding no more than a few MB', async () => {
    const bomb = file('bomb-3gb.xlsx');
    writeZip(bomb, workbookParts(SHEET_OF_STRINGS, sharedStrings(BIG_STRING, 48_000)));
    expect(readFileSync(bomb).length).toBeLessThan(6e6);
    const { error, mb } = await peakRssGrowth(() => readAll(bomb));
    expect((error as { code?: string }).code).toBe('FILE_TOO_LARGE');
    expect(mb).toBeLessThan(64);
    // The check is the zip's own: sniffing the file already refuses it.
    expect(await codeOf(sniffFile(bomb))).toBe('FILE_TOO_LARGE');
  });

  it('stops a part that inflates past the size its directory states, with bounded memory', async () => {
    const liar = file('bomb-understated.xlsx');
    // 1.5 GB of shared strings that claim to be 100 KB.
    writeZip(liar, workbookParts(SHEET_OF_STRINGS, sharedStrings(BIG_STRING, 24_000)), { claim: { 'xl/sharedStrings.xml': 100_000 } });
    const { error, mb } = await peakRssGrowth(() => readAll(liar));
    expect((error as { code?: string }).code).toBe('FILE_DAMAGED');
    expect(mb).toBeLessThan(64);
  });

  it('refuses a part that compresses more than 200 to 1, though it is small enough', async () => {
    const dense = file('dense.xlsx');
    // 13 MB of shared strings in 20 KB: 660 to 1.
    writeZip(dense, workbookParts(SHEET_OF_STRINGS, sharedStrings(BIG_STRING, 200, { crc: true })));
    expect(await codeOf(readAll(dense))).toBe('FILE_TOO_LARGE');
  });

  it('refuses parts that add up to more than 2 GiB unpacked', async () => {
    // Five 500 MB parts at about 120 to 1 (none of them read by a spreadsheet reader).
    const unit = Buffer.from(compressible(1 << 20, 500));
    const parts = [...workbookParts(sheetXml(['<c r="A1" t="inlineStr"><is><t>名称</t></is></c>'])), ...[1, 2, 3, 4, 5].map((n) => repeated(`xl/media/video${n}.bin`, unit, 500))];
    const many = file('many.xlsx');
    writeZip(many, parts);
    expect(await codeOf(readAll(many))).toBe('FILE_TOO_LARGE');
  });

  it('refuses directory entries that share one piece of data (an overlapping-entries bomb)', async () => {
    const overlap = file('overlap.xlsx');
    const unit = Buffer.from(compressible(1 << 20, 500));
    writeZip(overlap, [...workbookParts(sheetXml(['<c r="A1" t="inlineStr"><is><t>名称</t></is></c>'])), repeated('xl/media/a.bin', unit, 100)], {
      // 11 × 105 MB: under the 2 GiB of all parts, but packed into ten times the file's size.
      alias: Array.from({ length: 10 }, (_, i) => ({ name: `xl/media/copy${i}.bin`, of: 'xl/media/a.bin' })),
    });
    expect(await codeOf(readAll(overlap))).toBe('FILE_DAMAGED');
  });

  it('refuses a shared-string table beyond 128 million characters, before it holds much more', async () => {
    // 400 MB of strings at about 120 to 1: under the part and ratio limits, over the characters.
    const unit = Buffer.from(`<si><t>${compressible(65_536, 500)}</t></si>`);
    const table = file('sst-chars.xlsx');
    writeZip(table, workbookParts(SHEET_OF_STRINGS, sharedStrings(unit, 6_100)));
    const { error, mb } = await peakRssGrowth(() => readAll(table));
    expect((error as { code?: string }).code).toBe('FILE_TOO_LARGE');
    // 128 M characters are 256 MB: the table stops there (unbounded, it took 800 MB and more).
    expect(mb).toBeLessThan(600);
  });

  it('caps the shared-string table by strings and by characters', () => {
    const byCount = new SharedStrings(3, 100);
    for (const s of ['a', 'b', 'c']) byCount.push(s);
    expect(() => byCount.push('d')).toThrow(expect.objectContaining({ code: 'FILE_TOO_LARGE' }));
    const byChars = new SharedStrings(100, 10);
    byChars.push('12345');
    byChars.push('67890');
    expect(() => byChars.push('x')).toThrow(expect.objectContaining({ code: 'FILE_TOO_LARGE' }));
    expect(byChars.get(1)).toBe('67890');
  });
});

describe('what one sheet may hold', () => {
  it('refuses a cell with more than a million characters, even in pieces', async () => {
    const pieces = Array.from({ length: 300 }, () => `${'长'.repeat(3_500)}<![CDATA[x]]>`).join('');
    const f = file('long-cell.xlsx');
    writeZip(f, workbookParts(sheetXml([`<c r="A1" t="inlineStr"><is><t>${pieces}</t></is></c>`])));
    expect(await codeOf(readAll(f))).toBe('FILE_TOO_LARGE');
  });

  it('refuses one text of more than 8 million characters before the parser holds it', async () => {
    const f = file('long-text.xlsx');
    writeZip(f, workbookParts(sheetXml([`<c r="A1" t="inlineStr"><is><t>${compressible(9_000_000, 100)}</t></is></c>`])));
    const { error, mb } = await peakRssGrowth(() => readAll(f));
    expect((error as { code?: string }).code).toBe('FILE_TOO_LARGE');
    expect(mb).toBeLessThan(200);
  });

  it('refuses elements nested a thousand deep as a damaged file', async () => {
    const f = file('deep.xlsx');
    writeZip(f, workbookParts(sheetXml([`<c r="A1"><v>1</v></c>${'<x>'.repeat(1000)}${'</x>'.repeat(1000)}`])));
    expect(await codeOf(readAll(f))).toBe('FILE_DAMAGED');
  });

  it('refuses a sheet with more than 500,000 merged ranges', async () => {
    const merges = Array.from({ length: 500_001 }, (_, i) => `<mergeCell ref="A${2 * i + 2}:B${2 * i + 2}"/>`).join('');
    const sheet = sheetXml(['<c r="A1" t="inlineStr"><is><t>名称</t></is></c>']).replace('</sheetData>', `</sheetData><mergeCells>${merges}</mergeCells>`);
    const f = file('merges.xlsx');
    writeZip(f, workbookParts(sheet));
    expect(await codeOf(readAll(f))).toBe('FILE_TOO_LARGE');
    // A preview stops reading rows early, then finds merges by scanning: the same limit holds there.
    expect(await codeOf(readRows(f, 0, () => undefined, { maxRows: 1 }))).toBe('FILE_TOO_LARGE');
  });

  it('refuses a sheet with more cells than the limit', async () => {
    const restore = lowered('sheetCells', 1_000);
    try {
      const f = file('cells.xlsx');
      writeZip(f, workbookParts(sheetXml(Array.from({ length: 101 }, (_, r) => Array.from({ length: 10 }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${r + 1}"><v>${r}</v></c>`).join('')))));
      expect(await codeOf(readAll(f))).toBe('FILE_TOO_LARGE');
    } finally {
      restore();
    }
  });
});

describe('text and .xls files', () => {
  it('refuses a CSV with more than 1,048,576 records', async () => {
    const f = file('rows.csv');
    writeFileSync(f, `企业名称\n${'a\n'.repeat(1_048_576)}`);
    expect(await codeOf(readAll(f))).toBe('FILE_TOO_LARGE');
  });

  it('refuses a CSV record of more than 8 million characters (an unclosed quote)', async () => {
    const f = file('quote.csv');
    writeFileSync(f, `企业名称,电话\n"${'甲'.repeat(3_000_000)}`);
    const { error, mb } = await peakRssGrowth(() => readAll(f));
    expect((error as { code?: string }).code).toBe('FILE_TOO_LARGE');
    expect(mb).toBeLessThan(300);
  });

  it('refuses an .xls larger than 128 MB before reading it', async () => {
    const f = file('huge.xls');
    const fd = openSync(f, 'w');
    writeSync(fd, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    writeSync(fd, Buffer.alloc(1), 0, 1, 129 * 1024 * 1024);
    closeSync(fd);
    const { error, mb } = await peakRssGrowth(() => readAll(f));
    expect((error as { code?: string }).code).toBe('FILE_TOO_LARGE');
    expect(mb).toBeLessThan(64);
  });
});

describe('a lead import of a zip bomb', () => {
  let ws: TestWorkspace | undefined;
  afterEach(() => ws?.dispose());

  it('is refused with a localized FILE_TOO_LARGE and changes nothing', async () => {
    ws = await createTestWorkspace();
    const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
    await ws.call(admin, 'users.create', OFFICE.wang);
    const manager = await ws.loginAs(OFFICE.wang.username, OFFICE.wang.password);
    const bomb = file('import-bomb.xlsx');
    writeZip(bomb, workbookParts(SHEET_OF_STRINGS, sharedStrings(BIG_STRING, 48_000)));
    const { uploadId } = await ws.call(manager, 'import.upload', { fileName: '客户名单.xlsx', offset: 0, chunkBase64: readFileSync(bomb).toString('base64'), final: true });

    const { result, mb } = await peakRssGrowth(async () => [await ws!.invoke(manager, 'import.sheets', { uploadId }), await ws!.invoke(manager, 'import.preview', { uploadId, sheetIndex: 0 })]);
    for (const r of result!) {
      expect(r).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
      expect(!r.ok && r.error.message).toContain('压缩炸弹');
    }
    expect(mb).toBeLessThan(64);
    expect((await ws.call(manager, 'customers.list', {})).total).toBe(0);
    expect(await ws.call(manager, 'import.batches', {})).toEqual([]);
  });
});

describe('readXlsxHead (the first rows without the whole string table)', () => {
  it('reads rows that use 200,000 different shared strings', async () => {
    const cols = 10_000;
    const rows = Array.from({ length: 20 }, (_, r) =>
      Array.from({ length: cols }, (_, c) => `<c r="${columnLetter(c)}${r + 1}" t="s"><v>${r * cols + c}</v></c>`).join(''),
    );
    const strings = Buffer.from(Array.from({ length: 20 * cols }, (_, i) => `<si><t>文${i}</t></si>`).join(''));
    const f = file('head.xlsx');
    writeZip(f, workbookParts(sheetXml(rows), sharedStrings(strings, 1, { crc: true })));
    const head = await readXlsxHead(await openXlsx(f), 0, 100);
    expect(head).toHaveLength(20);
    expect(cellText(head[19]!.cells[cols - 1])).toBe(`文${20 * cols - 1}`);
  });
});
