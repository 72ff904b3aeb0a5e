// Workbooks are written in the office's local time; the office PCs run in China.
process.env.TZ = 'Asia/Shanghai';

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/ipc/session';
import { safeFileName, sheetNamer } from '../../src-main/services/export/columns';
import type { ExportedFile } from '../../src-shared/customers/types';
import { creditCode } from '../helpers/customers';
import { ADMIN, DEFAULT_TEST_NOW, OFFICE, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

/** Monday 2026-11-23 09:00 in Shanghai. */
const NOW = DEFAULT_TEST_NOW;
const DAY = 86_400_000;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

let ws: TestWorkspace;
let admin: Session;
let manager: Session;
let zhang: Session;
let dir: string;
let customerId: string;
let zhangId: string;

/** Reads an exported file back with ExcelJS (an independent reader of the written XML). */
const readBack = async (file: ExportedFile): Promise<ExcelJS.Workbook> => {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(path, Buffer.from(file.dataBase64, 'base64'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
};

/** The column of a sheet whose header is `header` (1-based), failing when there is none. */
const columnOf = (sheet: ExcelJS.Worksheet, header: string): number => {
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  const i = headers.indexOf(header);
  expect(i, `${sheet.name} has ${header} (headers: ${headers.join(', ')})`).toBeGreaterThanOrEqual(0);
  return i + 1;
};

/** The cell under `header` in a row (the first data row unless told). */
const cellOf = (sheet: ExcelJS.Worksheet, header: string, rowIndex = 2): ExcelJS.Cell => sheet.getRow(rowIndex).getCell(columnOf(sheet, header));

beforeAll(async () => {
  ws = await createTestWorkspace({ now: NOW });
  dir = mkdtempSync(join(tmpdir(), 'tuoke-forms-'));
  admin = await ws.loginAs(ADMIN.username, ADMIN.password);
  await ws.call(admin, 'users.create', OFFICE.wang);
  zhangId = (await ws.call(admin, 'users.create', OFFICE.zhang)).id;
  manager = await ws.loginAs(OFFICE.wang.username, OFFICE.wang.password);
  zhang = await ws.loginAs(OFFICE.zhang.username, OFFICE.zhang.password);
  const customer = await ws.call(zhang, 'customers.create', {
    fields: {
      name: '北京星辰贸易有限公司',
      creditCode: creditCode('91110105MA01ABCD1'),
      source: 'cold_call',
      provinceCode: '11',
      cityCode: '1101',
      districtCode: '110105',
      registeredCapital: 5_000_000,
      foundedOn: '2015-06-01',
      phone: '010-88886666',
    },
    confirmDuplicates: true,
  });
  customerId = customer.id;
  const contact = await ws.call(zhang, 'contacts.create', { customerId, fields: { name: '赵经理', title: '采购经理', mobile: '13800138000', birthday: '1985-12-01' } });
  await ws.call(zhang, 'activities.create', { customerId, contactId: contact.id, type: 'call_out', occurredAt: NOW - 2 * DAY, summary: '电话介绍新品' });
  await ws.call(zhang, 'orders.create', {
    customerId,
    orderDate: '2026-11-20',
    dueDate: '2026-12-20',
    contractNo: 'HT-2026-001',
    lines: [{ product: '不锈钢阀门 DN50', quantity: 3, unitPrice: 12_345 }],
  });
});

afterAll(() => {
  ws.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('the plain full export is for people to read', () => {
  it('has translated headers, names instead of ids, labels instead of codes, dates, times and yuan as typed cells', async () => {
    const wb = await readBack(await ws.call(manager, 'exchange.exportPlain', {}));
    // No sheet has a raw column name for a header, and no cell anywhere holds an id.
    for (const sheet of wb.worksheets) {
      const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      for (const h of headers) expect(h, `${sheet.name}: ${h}`).not.toMatch(/^[a-z]+(_[a-z]+)*$/);
      sheet.eachRow((row, n) => {
        row.eachCell((cell) => expect(String(cell.value), `${sheet.name} row ${n}`).not.toMatch(UUID));
      });
    }

    const customers = wb.getWorksheet('客户')!;
    expect(cellOf(customers, '客户来源').value).toBe('电话开发');
    expect(cellOf(customers, '客户状态').value).toBe('首次成交');
    expect([cellOf(customers, '省份').value, cellOf(customers, '城市').value, cellOf(customers, '区县').value]).toEqual(['北京市', '北京市', '朝阳区']);
    expect(cellOf(customers, '负责人').value).toBe('张三');
    const founded = cellOf(customers, '成立日期');
    expect(founded.value).toBeInstanceOf(Date);
    expect((founded.value as Date).toISOString().slice(0, 10)).toBe('2015-06-01');
    expect(founded.numFmt).toBe('yyyy-mm-dd');
    const capital = cellOf(customers, '注册资本（元）');
    expect(capital.value).toBe(5_000_000);
    expect(capital.numFmt).toContain('¥');
    // A time as the office's wall clock: created at 09:00 in Shanghai reads 09:00.
    const created = cellOf(customers, '创建时间');
    expect(created.value).toBeInstanceOf(Date);
    expect((created.value as Date).toISOString().slice(0, 16)).toBe('2026-11-23T09:00');

    const users = wb.getWorksheet('用户')!;
    const roles = (users.getColumn(columnOf(users, '角色')).values as unknown[]).slice(2);
    expect(roles).toEqual(expect.arrayContaining(['管理员', '经理', '业务员']));
    expect(cellOf(users, '启用').value).toBe('是');

    const contacts = wb.getWorksheet('联系人')!;
    expect(cellOf(contacts, '客户').value).toBe('北京星辰贸易有限公司');
    expect(cellOf(contacts, '生日').value).toBeInstanceOf(Date);
    expect(cellOf(contacts, '手机').value).toBe('13800138000');

    // 客户动态: times as times, the event as a sentence (never epoch ms or JSON).
    const events = wb.getWorksheet('客户动态')!;
    const at = cellOf(events, '时间');
    expect(at.value).toBeInstanceOf(Date);
    expect(at.numFmt).toBe('yyyy-mm-dd hh:mm');
    const texts = (events.getColumn(columnOf(events, '内容')).values as unknown[]).slice(2).map(String);
    expect(texts).toContain('联系记录：去电；电话介绍新品');
    for (const text of texts) expect(text).not.toMatch(/[{}"]/);
    expect((events.getColumn(columnOf(events, '事件')).values as unknown[]).slice(2)).toContain('录入客户');

    const activities = wb.getWorksheet('联系记录')!;
    expect(cellOf(activities, '联系方式').value).toBe('去电');
    expect(cellOf(activities, '业务员').value).toBe('张三');
    expect(cellOf(activities, '联系人').value).toBe('赵经理');
    expect(cellOf(activities, '投诉').value).toBe('否');

    // Money kept in fen is written in yuan with ¥.
    const orders = wb.getWorksheet('成交记录')!;
    const amount = cellOf(orders, '金额');
    expect(amount.value).toBe(370.35);
    expect(amount.numFmt).toBe('¥#,##0.00');
    expect(cellOf(orders, '成交日期').value).toBeInstanceOf(Date);
    const lines = wb.getWorksheet('成交明细')!;
    expect(cellOf(lines, '单价').value).toBe(123.45);
    expect(cellOf(lines, '订单（合同号）').value).toBe('HT-2026-001');
  });

  it('is in English for a session in English: headers, labels and events', async () => {
    const english = await ws.loginAs(OFFICE.wang.username, OFFICE.wang.password);
    english.locale = 'en';
    const wb = await readBack(await ws.call(english, 'exchange.exportPlain', {}));
    for (const sheet of wb.worksheets) {
      for (const h of (sheet.getRow(1).values as unknown[]).slice(1).map(String)) expect(h, `${sheet.name}: ${h}`).not.toMatch(/^[a-z]+(_[a-z]+)*$|[\u4e00-\u9fff]/);
    }
    // (The sheets keep the exchange's names, which are the same in every language.)
    expect(cellOf(wb.getWorksheet('客户')!, 'Lead source').value).toBe('Cold call');
    expect(cellOf(wb.getWorksheet('联系记录')!, 'Channel').value).toBe('Outgoing call');
    const events = wb.getWorksheet('客户动态')!;
    expect((events.getColumn(columnOf(events, 'Details')).values as unknown[]).slice(2)).toContain('Contact: Outgoing call; 电话介绍新品');
  });
});

describe('report workbooks', () => {
  it('writes percentages as numbers with a % format and cuts long sheet names at a phrase', async () => {
    const wb = await readBack(await ws.call(manager, 'reports.export', { report: 'abc', filter: { period: { kind: 'month', anchor: '2026-11-15' } } }));
    const grades = wb.getWorksheet('ABC 等级分布')!;
    const share = cellOf(grades, '占比');
    expect(share.value).toBe(1);
    expect(share.numFmt).toBe('0.0%');
    expect(cellOf(grades, '销售额').value).toBe(370.35);
    for (const sheet of wb.worksheets) {
      expect(sheet.name.length).toBeLessThanOrEqual(31);
      expect(sheet.name).not.toMatch(/[[\]:*?/\\]/);
    }
    // A title of 30 characters is whole (it used to be cut at 28, mid-phrase).
    expect(wb.worksheets.map((w) => w.name)).toContain('投入高、销售低的客户（联系 + 拜访多，等级 C 或无成交）');
    const info = wb.getWorksheet('说明')!;
    expect(info.getRow(5).getCell(2).value).toBeInstanceOf(Date);
  });

  it('writes the whole 同比环比 sheet as numbers: amounts in yuan, counts, signed changes and rates', async () => {
    const wb = await readBack(await ws.call(manager, 'reports.export', { report: 'comparison', filter: { period: { kind: 'month', anchor: '2026-11-15' } } }));
    const sheet = wb.worksheets[1]!;
    const metric = columnOf(sheet, '指标');
    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, n) => n > 1 && rows.set(String(row.getCell(metric).value), row));
    const sales = rows.get('销售额')!;
    expect(sales.getCell(columnOf(sheet, '本期')).value).toBe(370.35);
    expect(sales.getCell(columnOf(sheet, '本期')).numFmt).toContain('¥');
    expect(sales.getCell(columnOf(sheet, '环比变化')).value).toBe(370.35);
    expect(sales.getCell(columnOf(sheet, '环比变化')).numFmt).toMatch(/^\+¥/);
    for (const row of rows.values()) {
      for (const header of ['本期', '上期', '环比变化', '去年同期', '同比变化']) {
        expect(typeof row.getCell(columnOf(sheet, header)).value, `${String(row.getCell(metric).value)} ${header}`).toBe('number');
      }
      const rate = row.getCell(columnOf(sheet, '环比增长率'));
      if (rate.value !== null) {
        expect(typeof rate.value).toBe('number');
        expect(rate.numFmt).toBe('0.0%');
      }
    }
  });

  it('names the weekly report’s file without slashes', async () => {
    const file = await ws.call(zhang, 'reports.export', { report: 'salesReport', key: { kind: 'week', anchor: '2026-11-23', userId: zhangId } });
    expect(file.fileName).toBe('销售周报-2026-11-23_2026-11-29.xlsx');
    expect(file.fileName).not.toMatch(/[\\/:*?"<>|]/);
  });

  it('writes a contact’s birthday in the greeting list as a date', async () => {
    const wb = await readBack(await ws.call(zhang, 'activities.exportGreetings', { days: 30, today: '2026-11-23' }));
    const sheet = wb.worksheets[0]!;
    const birthday = cellOf(sheet, '生日');
    expect(birthday.value).toBeInstanceOf(Date);
    expect((birthday.value as Date).toISOString().slice(0, 10)).toBe('1985-12-01');
  });
});

describe('safe names', () => {
  it('makes sheet names Excel accepts: ≤31 characters, cut at a phrase, unique, no []:*?/\\', () => {
    const name = sheetNamer();
    expect(name('投入高、销售低的客户（联系 + 拜访多，等级 C 或无成交）')).toBe('投入高、销售低的客户（联系 + 拜访多，等级 C 或无成交）');
    expect(name('投入高、销售低的客户（联系 + 拜访多、等级 C 或没有任何成交记录）')).toBe('投入高、销售低的客户');
    expect(name('近三个月内联系次数最多的客户，按负责人和客户等级分组排列的明细表')).toBe('近三个月内联系次数最多的客户');
    expect(name('销售日报/周报/月报')).toBe('销售日报 周报 月报');
    expect(name('客户')).toBe('客户');
    expect(name('客户')).toBe('客户(2)');
    expect(name('a:b*c?d[e]f\\g')).toBe('a b c d e f g');
    const long = name('Customers by sales, receivables and contacts in the period');
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long).toBe('Customers by sales, receivables');
    expect(name('一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三')).toHaveLength(31);
  });

  it('makes file names every file system accepts', () => {
    expect(safeFileName('销售日报/周报/月报-2026-11-23')).toBe('销售日报_周报_月报-2026-11-23');
    expect(safeFileName('a\\b:c*d?e"f<g>h|i')).toBe('a_b_c_d_e_f_g_h_i');
  });
});
