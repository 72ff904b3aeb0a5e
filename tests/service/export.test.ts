import * as XLSX from '@e965/xlsx';
import { describe, expect } from 'vitest';
import type { Session } from '../../src-main/ipc/session';
import { creditCode } from '../helpers/customers';
import { it } from '../helpers/office';
import type { TestWorkspace } from '../helpers/workspace';

let ws: TestWorkspace;
let manager: Session;
let zhang: Session;

it.override({ officeMembers: ['wang', 'zhang'] });
it.beforeEach(({ office }) => {
  ({ ws, manager, zhang } = office);
});

/** Reads an exported workbook with SheetJS: a different reader than the ExcelJS writer. */
const readBack = (base64: string) => {
  const wb = XLSX.read(Buffer.from(base64, 'base64'), { cellDates: true, cellNF: true });
  const sheet = wb.Sheets[wb.SheetNames[0]!]!;
  return { wb, sheet, rows: XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true }) };
};

describe('exporting customers to xlsx', () => {
  it('writes a readable sheet: name first, phones and codes as text, dates as dates, frozen bold header', async () => {
    const code = creditCode('91420100MA4K2XY7Q');
    await ws.call(manager, 'customers.create', {
      fields: { name: '武汉长江电子有限公司', creditCode: code, phone: '02758608214', foundedOn: '2005-11-04', registeredCapital: 5_000_000 },
      ownerId: null,
      confirmDuplicates: false,
    });
    const file = await ws.call(manager, 'customers.export', {
      columns: ['creditCode', 'phone', 'foundedOn', 'registeredCapital', 'createdAt', 'owner'],
    });
    expect(file.rows).toBe(1);
    const { wb, sheet, rows } = readBack(file.dataBase64);
    expect(wb.SheetNames[0]).toBe('客户');
    expect(rows[0]).toEqual(['企业名称', '统一社会信用代码', '电话', '成立日期', '注册资本（元）', '创建时间', '负责人']);
    expect(sheet['A2']).toMatchObject({ t: 's', v: '武汉长江电子有限公司' });
    expect(sheet['B2']).toMatchObject({ t: 's', v: code });
    expect(sheet['C2']).toMatchObject({ t: 's', v: '027-5860 8214' });
    expect(sheet['D2']?.t).toBe('d');
    expect((sheet['D2']?.v as Date).toISOString().slice(0, 10)).toBe('2005-11-04');
    expect(sheet['E2']).toMatchObject({ t: 'n', v: 5_000_000 });
    expect(sheet['F2']?.t).toBe('d');
    expect(sheet['G2']?.v).toBe('公海');
    const raw = await import('exceljs');
    const check = new raw.default.Workbook();
    await check.xlsx.load(Buffer.from(file.dataBase64, 'base64') as never);
    const ws1 = check.worksheets[0]!;
    expect(ws1.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws1.getRow(1).font?.bold).toBe(true);
  });

  it('gives a salesperson only their own and pool customers, and writes the export to the change log', async () => {
    await ws.call(manager, 'customers.create', { fields: { name: '经理自己的客户' }, confirmDuplicates: false });
    await ws.call(zhang, 'customers.create', { fields: { name: '张三的客户' }, confirmDuplicates: false });
    const file = await ws.call(zhang, 'customers.export', { columns: [] });
    expect(readBack(file.dataBase64).rows.slice(1).map((r) => r[0])).toEqual(['张三的客户']);
    const log = ws.host.workspace.db!.sqlite.prepare(`SELECT actor_id, after FROM change_log WHERE table_name = 'exports'`).all() as {
      after: string;
    }[];
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!.after)).toMatchObject({ what: 'customers', rows: 1 });
  });
});

describe('exporting contacts to xlsx', () => {
  it('writes the contacts of the customers the viewer can list, company first, phones as text, and logs the export', async () => {
    const mine = await ws.call(zhang, 'customers.create', { fields: { name: '张三的客户有限公司' }, confirmDuplicates: false });
    const theirs = await ws.call(manager, 'customers.create', { fields: { name: '经理的客户有限公司' }, confirmDuplicates: false });
    await ws.call(zhang, 'contacts.create', {
      customerId: mine.id,
      fields: { name: '李采购', title: '采购经理', mobile: '13905710001', isDecisionMaker: true, birthday: '1980-08-15', birthdayLunar: true },
    });
    await ws.call(zhang, 'contacts.create', { customerId: mine.id, fields: { name: '王工', phone: '057188881234' } });
    await ws.call(manager, 'contacts.create', { customerId: theirs.id, fields: { name: '赵总' } });
    const removed = await ws.call(zhang, 'contacts.create', { customerId: mine.id, fields: { name: '已删除的人' } });
    await ws.call(zhang, 'contacts.delete', { id: removed.id });

    const file = await ws.call(zhang, 'contacts.export', {});
    expect(file.rows).toBe(2);
    expect(file.fileName).toMatch(/^联系人-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const { wb, sheet, rows } = readBack(file.dataBase64);
    expect(wb.SheetNames[0]).toBe('联系人');
    expect(rows[0]!.slice(0, 7)).toEqual(['企业名称', '姓名', '职务', '决策人', '决策角色', '手机', '电话']);
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['张三的客户有限公司', '李采购'],
      ['张三的客户有限公司', '王工'],
    ]);
    expect(sheet['F2']).toMatchObject({ t: 's', v: '139 0571 0001' });
    expect(sheet['G3']).toMatchObject({ t: 's', v: '0571-8888 1234' });
    expect(rows[1]![3]).toBe('是');
    expect(rows[1]![9]).toBe('1980-08-15');
    expect(rows[1]![10]).toBe('是');

    // A manager exports everyone's.
    const all = await ws.call(manager, 'contacts.export', { filter: {} });
    expect(readBack(all.dataBase64).rows.slice(1).map((r) => r[1]).sort()).toEqual(['李采购', '王工', '赵总'].sort());
    const log = ws.host.workspace.db!.sqlite.prepare(`SELECT after FROM change_log WHERE table_name = 'exports' ORDER BY id`).all() as { after: string }[];
    expect(log.map((l) => JSON.parse(l.after) as { what: string; rows: number })).toEqual([
      expect.objectContaining({ what: 'contacts', rows: 2 }),
      expect.objectContaining({ what: 'contacts', rows: 3 }),
    ]);
  });
});
