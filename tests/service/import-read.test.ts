import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { looksLikeMangledNumber } from '../../src-shared/rules/creditCode';
import {
  cellText,
  columnsForHeaderRow,
  createMergeFiller,
  detectHeader,
  listSheets,
  numberText,
  offeredSheets,
  readPreview,
  readRows,
  rowRole,
  sniffFile,
  type Cell,
  type ReadOptions,
  type ReadResult,
  type SheetRow,
} from '../../src-main/services/import/read';
import { formatKind } from '../../src-main/services/import/read/cells';
import { sniffDelimiter } from '../../src-main/services/import/read/csv';
import { rejectionCode as errorCode } from '../helpers/errors';

const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures/spreadsheets');
const fixture = (name: string): string => path.join(FIXTURES, name);

const tmp = mkdtempSync(path.join(tmpdir(), 'tuoke-import-read-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));


/** A zip of deflated entries, written by hand so a test can build packages no spreadsheet program would. */
function zipOf(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.from(content, 'utf8');
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const SML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

async function readAll(file: string, sheet = 0, options?: ReadOptions): Promise<{ rows: SheetRow[]; result: ReadResult }> {
  const rows: SheetRow[] = [];
  const result = await readRows(file, sheet, (row) => void rows.push(row), options);
  return { rows, result };
}

const rowAt = (rows: SheetRow[], index: number): SheetRow | undefined => rows.find((r) => r.index === index);
const cellAt = (rows: SheetRow[], index: number, col: number): Cell | undefined => rowAt(rows, index)?.cells[col];
const textAt = (rows: SheetRow[], index: number, col: number): string => cellText(cellAt(rows, index, col));

async function headerOf(file: string, sheet = 0) {
  const preview = await readPreview(file, sheet);
  return { ...detectHeader(preview.rows, preview.merges), preview };
}

describe('sniffFile', () => {
  it('tells xlsx, xls and csv apart by content, not by name', async () => {
    expect(await sniffFile(fixture('company_list_libreoffice.xlsx'))).toEqual({ kind: 'xlsx' });
    expect(await sniffFile(fixture('hutool__aaa.xls'))).toEqual({ kind: 'xls' });
    expect(await sniffFile(fixture('company_list_utf16le_tab.csv'))).toEqual({ kind: 'csv' });
    const renamed = path.join(tmp, 'really-a-workbook.csv');
    copyFileSync(fixture('readxl__iris-google-doc.xlsx'), renamed);
    expect(await sniffFile(renamed)).toEqual({ kind: 'xlsx' });
  });

  it('rejects an empty file as FILE_EMPTY', async () => {
    const empty = path.join(tmp, 'empty.xlsx');
    writeFileSync(empty, '');
    expect(await errorCode(sniffFile(empty))).toBe('FILE_EMPTY');
  });

  it('takes text under a .txt name for a CSV, but not binary junk', async () => {
    const txt = path.join(tmp, 'list.txt');
    writeFileSync(txt, '名称\t电话\n甲公司\t010-12345678\n');
    expect(await sniffFile(txt)).toEqual({ kind: 'csv' });
    const junk = path.join(tmp, 'junk.bin');
    writeFileSync(junk, Buffer.from([1, 2, 3, 0, 0, 7, 8, 200, 201, 0]));
    expect(await errorCode(sniffFile(junk))).toBe('FILE_NOT_SPREADSHEET');
  });
});

describe('readers on the fixture files', () => {
  it('readxl__Ekaterinburg_IP_9.xlsx: header on row 4 below a merged title, 2191 data rows, footer is a note', async () => {
    const sheets = await listSheets(fixture('readxl__Ekaterinburg_IP_9.xlsx'));
    expect(sheets).toEqual([{ name: 'СПАРК - Список', index: 0, state: 'visible', kind: 'worksheet' }]);
    const header = await headerOf(fixture('readxl__Ekaterinburg_IP_9.xlsx'));
    expect(header.headerRow).toBe(4);
    expect(header.headerRows).toBe(1);
    expect(header.columns).toHaveLength(11);
    // The Latin K among Cyrillic letters is shown as written.
    expect(header.columns[3]?.name).toBe('О\u004BВЭД');
    expect(header.columns.map((c) => c.name)).toContain('ОГРНИП');

    const { rows, result } = await readAll(fixture('readxl__Ekaterinburg_IP_9.xlsx'));
    expect(result.merges).toContainEqual({ top: 2197, bottom: 2197, left: 0, right: 10 });
    const body = rows.filter((r) => r.index >= header.dataStartRow);
    const data = body.filter((r) => rowRole(r, header, result.merges) === 'data');
    expect(data).toHaveLength(2191);
    expect(data[0]?.index).toBe(5);
    expect(data[data.length - 1]?.index).toBe(2195);
    expect(rowRole(rowAt(rows, 2197)!, header, result.merges)).toBe('note');
    // Ids and dates are text, kept as written.
    expect(cellAt(rows, 5, 5)).toEqual({ type: 'text', text: '666400272572' });
    expect(cellAt(rows, 5, 6)).toEqual({ type: 'text', text: '304667414800060' });
    expect(cellAt(rows, 5, 1)).toEqual({ type: 'text', text: '27.05.2004' });
    // Column K keeps its spaces: trimming is the cleaning step's job.
    expect(data.some((r) => /^ .* $/.test(cellText(r.cells[10])))).toBe(true);
  });

  it('calamine__issue_530.xlsx: backslash entry names, header at C4 below a key/value preamble, 1 data row', async () => {
    const file = fixture('calamine__issue_530.xlsx');
    expect(await sniffFile(file)).toEqual({ kind: 'xlsx' });
    expect((await listSheets(file)).map((s) => s.name)).toEqual(['出勤分类组织汇总表']);
    const header = await headerOf(file);
    expect(header.headerRow).toBe(4);
    expect(header.columns[0]).toMatchObject({ index: 2, letter: 'C', name: '领域' });
    expect(header.columns).toHaveLength(12);
    const { rows } = await readAll(file);
    const data = rows.filter((r) => r.index >= header.dataStartRow);
    expect(data.map((r) => r.index)).toEqual([5]);
    // Counts stored as shared-string text stay text.
    expect(data[0]?.cells.slice(2).every((c) => c.type === 'text')).toBe(true);
    expect(textAt(rows, 1, 0)).toBe('报表导出人：');
  });

  it('tealeg__wpsBlankLineTest.xlsx: missing <row> elements do not shift data', async () => {
    const { rows } = await readAll(fixture('tealeg__wpsBlankLineTest.xlsx'));
    expect(rows.map((r) => r.index)).toEqual([1, 3, 5]);
    expect(cellAt(rows, 1, 0)).toEqual({ type: 'text', text: '编号' });
    expect(cellAt(rows, 3, 0)).toEqual({ type: 'text', text: '编号' });
    expect(cellAt(rows, 5, 0)?.type).toBe('empty');
    expect(cellAt(rows, 5, 2)).toEqual({ type: 'text', text: '编号' });
  });

  it('hutool__read_row_npe.xlsx: 20-digit text ids exact, no blank rows from the styled row 2003', async () => {
    const { rows, result } = await readAll(fixture('hutool__read_row_npe.xlsx'));
    expect(result.rowCount).toBe(4);
    expect(result.lastRow).toBe(4);
    const header = detectHeader(rows, result.merges);
    expect(header.headerRow).toBe(1);
    expect(header.columns.map((c) => c.name)).toEqual(['Test Data']);
    expect(rows.slice(1).map((r) => r.cells[0])).toEqual([
      { type: 'text', text: '20220331215854083057' },
      { type: 'text', text: '20220331220030430799' },
      { type: 'text', text: '20220331220644309468' },
    ]);
  });

  it('hutool__priceIndex.xls: WPS BIFF8, 11 columns with trimmed names, 4 data rows', async () => {
    const file = fixture('hutool__priceIndex.xls');
    expect(await sniffFile(file)).toEqual({ kind: 'xls' });
    expect(await listSheets(file)).toEqual([{ name: 'sheet1', index: 0, state: 'visible', kind: 'worksheet' }]);
    const header = await headerOf(file);
    expect(header.headerRow).toBe(1);
    expect(header.columns.map((c) => c.name)).toEqual([
      '指数名称', '指数值', '涨跌*', '涨跌幅', '开盘', '最高', '最低', '昨收', '昨收涨跌', '昨收涨跌率', '备注',
    ]);
    const { rows } = await readAll(file);
    const data = rows.filter((r) => r.index >= header.dataStartRow);
    expect(data).toHaveLength(4);
    expect(data.map((r) => textAt(rows, r.index, 0))).toEqual(['DME', 'ICE Brent', 'WTI', 'w指数']);
    expect(cellAt(rows, 2, 3)).toMatchObject({ type: 'number', value: 0.2857 });
  });

  it('hutool__aaa.xls: 3 sheets, half-empty rows, dates and time-only cells', async () => {
    const file = fixture('hutool__aaa.xls');
    expect((await listSheets(file)).map((s) => s.name)).toEqual(['Sheet1', '校园入学', 'Sheet3']);
    const sheet1 = await readAll(file, 0);
    expect(sheet1.rows.map((r) => r.index)).toEqual([1, 2, 3, 4, 6]);
    expect(cellAt(sheet1.rows, 4, 0)?.type).toBe('empty');
    expect(cellAt(sheet1.rows, 4, 1)).toEqual({ type: 'text', text: '女' });
    expect(cellAt(sheet1.rows, 2, 3)).toMatchObject({ type: 'number', value: 33.2 });

    const school = await readAll(file, 1);
    expect(cellAt(school.rows, 2, 3)).toMatchObject({ type: 'date', date: '2017-03-02', time: null });
    expect(cellAt(school.rows, 2, 4)).toMatchObject({ type: 'time', time: '12:32:12', elapsed: false });
    expect(cellAt(school.rows, 3, 4)).toMatchObject({ type: 'time', time: '23:23:00' });
    expect(school.rows.flatMap((r) => r.cells).some((c) => c.type === 'date' && c.date.startsWith('1899'))).toBe(false);

    expect((await readAll(file, 2)).result.rowCount).toBe(0);
  });

  it('readxl__iris-google-doc.xlsx: 150 rows × 5 columns, numbers stay numbers', async () => {
    const { rows } = await readAll(fixture('readxl__iris-google-doc.xlsx'));
    const header = detectHeader(rows.slice(0, 30), []);
    expect(header.columns.map((c) => c.name)).toEqual(['Sepal.Length', 'Sepal.Width', 'Petal.Length', 'Petal.Width', 'Species']);
    const data = rows.filter((r) => r.index >= header.dataStartRow);
    expect(data).toHaveLength(150);
    expect(data.every((r) => r.cells.length === 5 && r.cells.slice(0, 4).every((c) => c.type === 'number'))).toBe(true);
    expect(data[0]?.cells[0]).toMatchObject({ type: 'number', value: 5.1 });
    expect(data[149]?.cells[4]).toEqual({ type: 'text', text: 'virginica' });
  });

  it('tealeg__namespaced.xlsx: x:-prefixed parts, a wrong <dimension>, 2 rows × 13 columns', async () => {
    const { rows, result } = await readAll(fixture('tealeg__namespaced.xlsx'));
    expect(result.rowCount).toBe(2);
    expect(rows[0]?.cells).toHaveLength(13);
    expect(rows[0]?.cells.every((c) => cellText(c) === 'w')).toBe(true);
    expect(textAt(rows, 2, 12)).toBe('');
    expect(textAt(rows, 2, 11)).toBe('w');
  });

  it('calamine__date_1904.xlsx: honours date1904 and reads [hh]:mm:ss as elapsed time', async () => {
    const { rows } = await readAll(fixture('calamine__date_1904.xlsx'));
    expect(cellAt(rows, 1, 0)).toMatchObject({ type: 'date', date: '2021-01-01' });
    expect(cellAt(rows, 2, 0)).toMatchObject({ type: 'date', date: '2021-01-02' });
    expect(cellAt(rows, 3, 0)).toMatchObject({ type: 'time', time: '255:10:10', elapsed: true });
  });

  it('readxl__big-texty-numbers-xlsx.xlsx: cached formula values, 2147483648 exact, column B text', async () => {
    const { rows } = await readAll(fixture('readxl__big-texty-numbers-xlsx.xlsx'));
    expect(cellAt(rows, 4, 0)).toMatchObject({ type: 'number', value: 2147483648, raw: '2147483648' });
    expect(cellAt(rows, 7, 0)).toMatchObject({ type: 'number', value: -2147483649 });
    expect(numberText(cellAt(rows, 4, 0) as { value: number; raw: string })).toBe('2147483648');
    expect(rows.slice(1).map((r) => r.cells[1])).toEqual([
      { type: 'text', text: 'blah blah' },
      { type: 'text', text: '2147483647' },
      { type: 'text', text: '2147483648' },
      { type: 'text', text: '2147483649' },
      { type: 'text', text: '-2147483648' },
      { type: 'text', text: '-2147483649' },
    ]);
  });

  it('calamine__any_sheets.xlsx: offers only the visible worksheet, never reads the chartsheet', async () => {
    const file = fixture('calamine__any_sheets.xlsx');
    const sheets = await listSheets(file);
    expect(sheets.map((s) => [s.name, s.state, s.kind])).toEqual([
      ['Visible', 'visible', 'worksheet'],
      ['Hidden', 'hidden', 'worksheet'],
      ['VeryHidden', 'veryHidden', 'worksheet'],
      ['Chart', 'visible', 'chartsheet'],
    ]);
    expect(offeredSheets(sheets).map((s) => s.name)).toEqual(['Visible']);
    const { rows } = await readAll(file, 0);
    expect(rows.map((r) => r.index)).toEqual([1, 2, 3, 5]);
    expect(rows.slice(0, 3).flatMap((r) => r.cells.map((c) => (c.type === 'number' ? c.value : null)))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(textAt(rows, 5, 0)).toMatch(/^This workbook contains 4 sheets/);
    expect(await errorCode(readAll(file, 3))).toBe('FILE_UNSUPPORTED');
  });

  it('readxl__skipping.xlsx: the header is on row 3 of every sheet, the blank row after it is skipped', async () => {
    const file = fixture('readxl__skipping.xlsx');
    const sheets = await listSheets(file);
    expect(sheets).toHaveLength(3);
    for (const sheet of sheets) {
      const header = await headerOf(file, sheet.index);
      expect(header.headerRow, sheet.name).toBe(3);
      expect(header.columns.map((c) => c.name)).toEqual(['var1', 'var2']);
      const { rows } = await readAll(file, sheet.index);
      const data = rows.filter((r) => r.index >= header.dataStartRow);
      expect(data.map((r) => r.index)).toEqual([5, 7]);
      expect(data.map((r) => textAt(rows, r.index, 1))).toEqual(['v2,2', 'v4,2']);
    }
  });

  it('readxl__richtext-coloured.xlsx: rich-text runs are joined', async () => {
    const file = fixture('readxl__richtext-coloured.xlsx');
    const { rows } = await readAll(file);
    expect(textAt(rows, 1, 0)).toBe('abcd');
    expect(textAt(rows, 2, 0)).toBe('tvalrval1rval2');
    expect(textAt(rows, 2, 1)).toBe('rval1rval2');
    expect((await readAll(file, 1)).result.rowCount).toBe(0);
    expect((await readAll(file, 2)).result.rowCount).toBe(0);
  });

  it('calamine__issue_174.xlsx: skips 49,174 phantom styled cells cheaply, 11 columns, 1 data row', { timeout: 10_000 }, async () => {
    const { rows, result } = await readAll(fixture('calamine__issue_174.xlsx'));
    expect(result.rowCount).toBe(2);
    expect(result.lastRow).toBe(2);
    expect(rows.every((r) => r.cells.length === 11)).toBe(true);
    const header = detectHeader(rows, []);
    expect(header.columns).toHaveLength(11);
    expect(header.columns[4]?.name).toBe('City');
    expect(header.columns[10]?.name).toBe('Your Company');
    expect(textAt(rows, 2, 10)).toBe('My Company?');
    expect(cellAt(rows, 2, 7)).toMatchObject({ type: 'number', value: 1.201 });
  });

  it('calamine__merged_range.xlsx: rows 1–2 are one header; data merges are reported, filled only on request', async () => {
    const file = fixture('calamine__merged_range.xlsx');
    const header = await headerOf(file, 0);
    expect([header.headerRow, header.headerRows, header.dataStartRow]).toEqual([1, 2, 3]);
    // C1:D2 is one field: D is not a column of its own.
    expect(header.columns.map((c) => [c.letter, c.name])).toEqual([
      ['A', 'A1'], ['B', 'B1'], ['C', 'C1'], ['E', 'E1'], ['F', 'F1'], ['G', 'G1'], ['H', 'H1'],
    ]);

    const sheet2 = await readAll(file, 1);
    const header2 = detectHeader(sheet2.rows, sheet2.result.merges);
    // A1:A4 and F1:H4 reach into the data: the header still ends where B1:B2 and E1:E2 end.
    expect([header2.headerRow, header2.headerRows]).toEqual([1, 2]);
    expect(sheet2.result.merges).toContainEqual({ top: 3, bottom: 4, left: 2, right: 3 });
    // Unfilled: the covered cells are empty, as in the file.
    expect(cellAt(sheet2.rows, 4, 2)?.type).toBe('empty');
    const fill = createMergeFiller(sheet2.result.merges);
    const filled = sheet2.rows.map(fill);
    expect(textAt(filled, 4, 2)).toBe('C3');
    expect(textAt(filled, 4, 3)).toBe('C3');
    expect(textAt(filled, 3, 0)).toBe('A1');
    expect(textAt(filled, 4, 7)).toBe('F1');
  });

  it('calamine__too_small.xls: a 68-byte text placeholder is not a valid Excel file', async () => {
    expect(await errorCode(sniffFile(fixture('calamine__too_small.xls')))).toBe('FILE_NOT_SPREADSHEET');
    expect(await errorCode(readAll(fixture('calamine__too_small.xls')))).toBe('FILE_NOT_SPREADSHEET');
  });

  it('calamine__pass_protected.xlsx: an encrypted OLE package is reported as password-protected', async () => {
    expect(await errorCode(sniffFile(fixture('calamine__pass_protected.xlsx')))).toBe('FILE_PASSWORD_PROTECTED');
    expect(await errorCode(listSheets(fixture('calamine__pass_protected.xlsx')))).toBe('FILE_PASSWORD_PROTECTED');
  });

  it('company_list_libreoffice.xlsx: 201 non-blank data rows, mangled numbers visible as numbers', async () => {
    const file = fixture('company_list_libreoffice.xlsx');
    expect((await listSheets(file)).map((s) => s.name)).toEqual(['企业名录']);
    const { rows, result } = await readAll(file);
    const header = detectHeader(rows.slice(0, 30), result.merges);
    expect(header.headerRow).toBe(1);
    expect(header.columns.map((c) => c.name)).toEqual([
      '企业名称', '统一社会信用代码', '法定代表人', '联系电话', '地址', '所属行业', '成立日期', '注册资本', '经营范围',
    ]);
    const data = rows.filter((r) => r.index > 1);
    expect(data).toHaveLength(201);
    expect(rowAt(rows, 102)).toBeUndefined();
    expect(result.lastRow).toBe(203);

    // Credit codes that became floats: numbers whose literal shows the exponent, flagged by the cleaning rule.
    const numericCodes = data.map((r) => r.cells[1]).filter((c) => c?.type === 'number');
    expect(numericCodes).toHaveLength(8);
    for (const c of numericCodes) {
      expect(c?.type === 'number' && c.raw).toMatch(/^9\.\d+E\+0*17$/);
      expect(c?.type === 'number' && looksLikeMangledNumber(c.raw)).toBe(true);
    }
    expect(cellAt(rows, 15, 1)).toMatchObject({ type: 'number', raw: '9.1310115897362E+017' });

    // Phones that became numbers: shown without .0, 20 of them lost a leading 0.
    const numericPhones = data.map((r) => r.cells[3]).filter((c): c is Extract<Cell, { type: 'number' }> => c?.type === 'number');
    expect(numericPhones).toHaveLength(108);
    // The CSV of the same list has the phones as typed: 20 numeric ones lost a leading 0, nothing else.
    const csv = await readAll(fixture('company_list_utf8_bom.csv'));
    const lostZero = data.filter((r) => r.cells[3]?.type === 'number' && textAt(csv.rows, r.index, 3).startsWith('0'));
    expect(lostZero).toHaveLength(20);
    for (const r of lostZero) expect('0' + textAt(rows, r.index, 3)).toBe(textAt(csv.rows, r.index, 3));
    expect(numberText(cellAt(rows, 3, 3) as Extract<Cell, { type: 'number' }>)).toBe('2758608214');
    expect(numberText(cellAt(rows, 2, 3) as Extract<Cell, { type: 'number' }>)).toBe('14795630945');

    // Dates are converted under both number formats; yyyymmdd values stay plain integers.
    expect(cellAt(rows, 3, 6)).toMatchObject({ type: 'date', date: '2004-10-14' });
    const dateCells = data.map((r) => r.cells[6]);
    expect(dateCells.filter((c) => c?.type === 'date')).toHaveLength(187);
    expect(dateCells.filter((c) => c?.type === 'number')).toHaveLength(7);

    expect(textAt(rows, 79, 4)).toContain('\n');
    expect(textAt(rows, 19, 0)).toContain('䶮');
    expect(textAt(rows, 60, 0)).toContain('𠮷');
    expect(textAt(rows, 114, 0)).toContain('䶮');
    expect(textAt(rows, 9, 0)).toBe(' 青岛市嘉堃实业有限公司  ');
    expect(textAt(rows, 154, 8)).toHaveLength(10500);
    expect(textAt(rows, 35, 1)).toBe(textAt(rows, 123, 1));
  });

  describe('the three CSV encodings of the same list', () => {
    const files = [
      ['company_list_gb18030.csv', 'gb18030', ','],
      ['company_list_utf8_bom.csv', 'utf-8', ','],
      ['company_list_utf16le_tab.csv', 'utf-16le', '\t'],
    ] as const;
    const texts = new Map<string, string[][]>();

    for (const [name, encoding, delimiter] of files) {
      it(`${name}: ${encoding}, ${delimiter === ',' ? 'comma' : 'tab'}, 203 records with exact values`, async () => {
        const { rows, result } = await readAll(fixture(name));
        expect(result.csv).toEqual({ encoding, delimiter });
        expect(result.lastRow).toBe(203);
        // 202 non-blank records: the header and 201 companies (record 102 is blank).
        expect(rows).toHaveLength(202);
        expect(rowAt(rows, 102)).toBeUndefined();
        expect(rows.every((r) => r.cells.every((c) => c.type === 'text' || c.type === 'empty'))).toBe(true);
        expect(cellAt(rows, 1, 0)).toEqual({ type: 'text', text: '企业名称' });
        const header = detectHeader(rows.slice(0, 30), []);
        expect(header.columns).toHaveLength(9);
        expect(textAt(rows, 3, 3)).toBe('02758608214');
        expect(rows.slice(1).every((r) => /^[0-9A-Z]{18}$/.test(textAt(rows, r.index, 1)))).toBe(true);
        expect(textAt(rows, 79, 4)).toBe('江苏省苏州市昆山市工业大道6740号\n（仓库：苏州市工业园区物流园36号）');
        expect(textAt(rows, 19, 0)).toBe('深圳市䶮拓电子有限公司');
        expect(textAt(rows, 60, 0)).toBe('武汉市𠮷鑫供应链管理有限公司');
        expect(rows.some((r) => r.cells.some((c) => c.type === 'text' && c.text.includes('\ufffd')))).toBe(false);
        texts.set(name, rows.map((r) => [String(r.index), ...r.cells.map(cellText)]));
      });
    }

    it('gives the same records whatever the encoding, and the same names as the xlsx', async () => {
      const [gb, utf8, utf16] = files.map(([name]) => texts.get(name));
      expect(gb).toBeDefined();
      expect(utf8).toEqual(gb);
      expect(utf16).toEqual(gb);
      const { rows } = await readAll(fixture('company_list_libreoffice.xlsx'));
      expect(rows.map((r) => textAt(rows, r.index, 0))).toEqual(gb!.map((r) => r[1]));
    });
  });

  it('company_list_merged_header_openpyxl.xlsx: two-row header combined, hidden row flagged, 合计 row raw', async () => {
    const file = fixture('company_list_merged_header_openpyxl.xlsx');
    const sheets = await listSheets(file);
    expect(sheets.map((s) => [s.name, s.state])).toEqual([
      ['客户名录', 'visible'],
      ['字典', 'hidden'],
      ['填写说明', 'visible'],
    ]);
    expect(offeredSheets(sheets).map((s) => s.name)).toEqual(['客户名录', '填写说明']);

    const header = await headerOf(file);
    expect([header.headerRow, header.headerRows, header.dataStartRow]).toEqual([1, 2, 3]);
    expect(header.columns.map((c) => c.fullName)).toEqual([
      '序号',
      '企业基本信息/企业名称',
      '企业基本信息/统一社会信用代码',
      '企业基本信息/法定代表人',
      '联系方式/联系电话',
      '联系方式/地址',
      '工商登记信息/所属行业',
      '工商登记信息/成立日期',
      '工商登记信息/注册资本(万元)',
      '备注',
    ]);
    expect(header.columns[7]).toMatchObject({ name: '成立日期', group: '工商登记信息', letter: 'H' });

    const { rows, result } = await readAll(file);
    const body = rows.filter((r) => r.index >= header.dataStartRow);
    const data = body.filter((r) => rowRole(r, header, result.merges) === 'data');
    expect(data).toHaveLength(40);
    expect(data.map((r) => r.index)).toEqual(Array.from({ length: 40 }, (_, i) => i + 3));
    expect(data.filter((r) => r.hidden).map((r) => r.index)).toEqual([10]);
    expect(textAt(rows, 10, 9)).toBe('已注销，行已隐藏');

    const total = rowAt(rows, 43)!;
    expect(rowRole(total, header, result.merges)).toBe('total');
    expect(cellText(total.cells[0])).toBe('合计');
    // =COUNTA(…) and =SUM(…) without a cached value read as empty.
    expect(total.cells[2]?.type ?? 'empty').toBe('empty');
    expect(total.cells[8]?.type ?? 'empty').toBe('empty');

    expect(cellAt(rows, 3, 7)).toMatchObject({ type: 'date', date: '2022-11-13' });
    expect(cellAt(rows, 8, 7)).toEqual({ type: 'text', text: '不详' });
    expect(cellAt(rows, 4, 4)).toEqual({ type: 'text', text: '02758608214' });
    expect(textAt(rows, 14, 9)).toHaveLength(10505);
  });

  it('truncated_company_list.xlsx: no central directory is a damaged file', async () => {
    expect(await errorCode(sniffFile(fixture('truncated_company_list.xlsx')))).toBe('FILE_DAMAGED');
    expect(await errorCode(readAll(fixture('truncated_company_list.xlsx')))).toBe('FILE_DAMAGED');
  });

  it('zip_without_workbook.xlsx: a zip without a workbook part is not a workbook', async () => {
    expect(await errorCode(sniffFile(fixture('zip_without_workbook.xlsx')))).toBe('FILE_NOT_WORKBOOK');
    expect(await errorCode(listSheets(fixture('zip_without_workbook.xlsx')))).toBe('FILE_NOT_WORKBOOK');
  });
});

describe('packages no spreadsheet program writes', () => {
  it('follows _rels/.rels to a workbook outside xl/ and reads every cell type', async () => {
    const file = path.join(tmp, 'root-parts.xlsx');
    writeFileSync(
      file,
      zipOf({
        '_rels/.rels': `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/officeDocument" Target="/book.xml"/></Relationships>`,
        'book.xml': `<workbook xmlns="${SML}" xmlns:r="${REL}"><sheets><sheet name="名单" sheetId="1" r:id="s1"/></sheets></workbook>`,
        '_rels/book.xml.rels': `<Relationships xmlns="${PKG}"><Relationship Id="s1" Type="${REL}/worksheet" Target="data/list.xml"/><Relationship Id="st" Type="${REL}/styles" Target="fmt.xml"/></Relationships>`,
        'fmt.xml': `<styleSheet xmlns="${SML}"><numFmts><numFmt numFmtId="200" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="200"/><xf numFmtId="31"/><xf numFmtId="20"/></cellXfs></styleSheet>`,
        'data/list.xml':
          `<worksheet xmlns="${SML}"><cols><col min="2" max="3" hidden="1"/></cols><sheetData>` +
          '<row r="2"><c t="inlineStr"><is><t>第一行_x000A_第二行</t></is></c><c t="b"><v>1</v></c><c t="e"><v>#DIV/0!</v></c>' +
          '<c s="1"><v>45000</v></c><c s="2"><v>45000.5</v></c><c s="3"><v>0.75</v></c><c t="d"><v>2024-05-06T07:08:09</v></c></row>' +
          '<row><c r="B3"><v>13800138000</v></c><c r="C3" t="s"><v>99</v></c><c r="D3" t="inlineStr"><is><t>  </t></is></c></row>' +
          '<row r="4" hidden="true"><c r="A4" t="inlineStr"><is><t>&#19968;&amp;&lt;</t></is></c></row>' +
          '</sheetData></worksheet>',
      }),
    );
    expect(await sniffFile(file)).toEqual({ kind: 'xlsx' });
    expect(await listSheets(file)).toEqual([{ name: '名单', index: 0, state: 'visible', kind: 'worksheet' }]);
    const { rows, result } = await readAll(file);
    expect(result.hiddenColumns).toEqual([1, 2]);
    expect(rows.map((r) => [r.index, r.hidden])).toEqual([
      [2, false],
      [3, false],
      [4, true],
    ]);
    expect(rows[0]?.cells).toEqual([
      { type: 'text', text: '第一行\n第二行' },
      { type: 'boolean', value: true },
      { type: 'error', code: '#DIV/0!' },
      { type: 'date', date: '2023-03-15', time: null, serial: 45000, format: 'yyyy"年"m"月"d"日"' },
      { type: 'date', date: '2023-03-15', time: null, serial: 45000.5, format: 'yyyy"年"m"月"d"日"' },
      { type: 'time', time: '18:00:00', seconds: 64800, elapsed: false, serial: 0.75, format: 'h:mm' },
      { type: 'date', date: '2024-05-06', time: '07:08:09', serial: NaN, format: 'iso' },
    ]);
    // A missing shared string and whitespace are kept as they are, the row is not blank.
    expect(rows[1]?.cells.map((c) => c.type)).toEqual(['empty', 'number', 'empty', 'text']);
    expect(rows[2]?.cells).toEqual([{ type: 'text', text: '一&<' }]);
  });

  it('keeps date1904 when an extension repeats workbookPr, and ignores extension content in sheets', async () => {
    const file = path.join(tmp, 'date1904-ext.xlsx');
    writeFileSync(
      file,
      zipOf({
        'xl/workbook.xml':
          `<workbook xmlns="${SML}"><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1"/></sheets>` +
          '<extLst><ext uri="{x}"><x15:workbookPr xmlns:x15="urn:x15" chartTrackingRefBase="1"/></ext></extLst></workbook>',
        'xl/styles.xml': `<styleSheet xmlns="${SML}"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
        'xl/worksheets/sheet1.xml':
          `<worksheet xmlns="${SML}"><sheetData><row r="1"><c r="A1" s="1"><v>42735</v></c></row></sheetData>` +
          '<extLst><ext uri="{y}"><x14:sparklineGroups xmlns:x14="urn:x14" xmlns:xm="urn:xm"><x14:sparklineGroup><x14:sparklines>' +
          '<x14:sparkline><xm:f>S!A1:A1</xm:f><xm:sqref>B1</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup>' +
          '</x14:sparklineGroups></ext></extLst></worksheet>',
      }),
    );
    const { rows } = await readAll(file);
    expect(rows).toEqual([{ index: 1, hidden: false, cells: [{ type: 'date', date: '2021-01-01', time: null, serial: 42735, format: 'yyyy/m/d' }] }]);
  });

  it('rejects a Word document renamed .xlsx as not a workbook', async () => {
    const file = path.join(tmp, 'letter.xlsx');
    writeFileSync(
      file,
      zipOf({
        '_rels/.rels': `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
        'word/document.xml': '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
      }),
    );
    expect(await errorCode(sniffFile(file))).toBe('FILE_NOT_WORKBOOK');
  });

  it('reports a part whose data does not match its checksum as damaged', async () => {
    const good = zipOf({
      'xl/workbook.xml': `<workbook xmlns="${SML}"><sheets><sheet name="S" sheetId="1"/></sheets></workbook>`,
      'xl/worksheets/sheet1.xml': `<worksheet xmlns="${SML}"><sheetData><row r="1"><c t="inlineStr"><is><t>完整的数据</t></is></c></row></sheetData></worksheet>`,
    });
    const file = path.join(tmp, 'fallback.xlsx');
    writeFileSync(file, good);
    // No relationships at all: the conventional part names are used.
    expect((await readAll(file)).rows[0]?.cells).toEqual([{ type: 'text', text: '完整的数据' }]);
    // The name's last occurrence is in the central directory, 46 bytes after the start of its entry.
    const central = good.lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 46;
    const damaged = Buffer.from(good);
    damaged.writeUInt32LE(0x12345678, central + 16); // the sheet's CRC-32
    // The workbook still opens: only reading the sheet finds the damage.
    writeFileSync(file, damaged);
    expect(await listSheets(file)).toHaveLength(1);
    expect(await errorCode(readAll(file))).toBe('FILE_DAMAGED');
  });
});

describe('readRows', () => {
  it('stops at maxRows but still reports merges found after the data', async () => {
    const preview = await readPreview(fixture('readxl__Ekaterinburg_IP_9.xlsx'), 0, { maxRows: 10 });
    expect(preview.rows).toHaveLength(10);
    expect(preview.result.stoppedEarly).toBe(true);
    expect(preview.merges).toEqual([
      { top: 2, bottom: 2, left: 0, right: 10 },
      { top: 2197, bottom: 2197, left: 0, right: 10 },
    ]);
  });

  it('waits for an async handler and can be cancelled', async () => {
    const controller = new AbortController();
    let seen = 0;
    const reading = readRows(
      fixture('readxl__Ekaterinburg_IP_9.xlsx'),
      0,
      async () => {
        seen++;
        await new Promise((resolve) => setImmediate(resolve));
        if (seen === 100) controller.abort();
      },
      { signal: controller.signal },
    );
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBeLessThan(2194);
  });

  it('lets the user choose another header row', async () => {
    const preview = await readPreview(fixture('calamine__issue_530.xlsx'), 0);
    const chosen = columnsForHeaderRow(preview.rows, preview.merges, 1);
    expect(chosen.columns.map((c) => c.name)).toEqual(['报表导出人:', '于国栋']);
    expect(chosen.dataStartRow).toBe(2);
  });
});

describe('number formats and delimiters', () => {
  it('classifies number formats as dates, times, durations or numbers', () => {
    expect(formatKind('yyyy"年"m"月"d"日"')).toBe('date');
    expect(formatKind('m/d/yy')).toBe('date');
    expect(formatKind('yyyy\\-mm\\-dd')).toBe('date');
    expect(formatKind('yyyy-mm-dd h:mm:ss')).toBe('datetime');
    expect(formatKind('h:mm')).toBe('time');
    expect(formatKind('上午/下午h"时"mm"分"')).toBe('time');
    expect(formatKind('[hh]:mm:ss')).toBe('elapsed');
    expect(formatKind('mmm')).toBe('date');
    expect(formatKind('General')).toBe('number');
    expect(formatKind('0.00_ ')).toBe('number');
    expect(formatKind('#,##0.00"元";[Red]-#,##0.00"元"')).toBe('number');
    expect(formatKind('0.00E+00')).toBe('number');
    expect(formatKind('@')).toBe('number');
  });

  it('shows numbers as typed, expanding exponents from the stored literal', () => {
    expect(numberText({ value: 9.1310115897362e17, raw: '9.1310115897362E+017' })).toBe('913101158973620000');
    expect(numberText({ value: 13800138000, raw: '13800138000' })).toBe('13800138000');
    expect(numberText({ value: 1.201, raw: '1.2010000000000001' })).toBe('1.201');
    expect(numberText({ value: 3, raw: '3.0' })).toBe('3');
  });

  it('sniffs comma, tab and semicolon delimiters, ignoring quoted ones', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(sniffDelimiter('名称\t地址\n"甲,乙"\t北京,朝阳\n丙\t上海\n')).toBe('\t');
    expect(sniffDelimiter('a;b\n"1;x";2\n3;4\n')).toBe(';');
    expect(sniffDelimiter('only one column\nsecond\n')).toBe(',');
  });
});
