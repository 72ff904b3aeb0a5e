import * as XLSX from '@e965/xlsx';
import { describe, expect } from 'vitest';
import { customerExportColumnKeys } from '../../src-shared/customers/schemas';
import type { Session } from '../../src-main/ipc/session';
import { it } from '../helpers/office';
import type { TestWorkspace } from '../helpers/workspace';

let ws: TestWorkspace;
let manager: Session;

it.override({ officeMembers: ['wang'] });
it.beforeEach(async ({ office }) => {
  ({ ws, manager } = office);
  await ws.call(manager, 'customers.create', { fields: { name: '杭州甲乙贸易有限公司' }, confirmDuplicates: false });
});

const exportsLogged = (): number =>
  (ws.host.workspace.db!.sqlite.prepare(`SELECT count(*) AS n FROM change_log WHERE table_name = 'exports'`).get() as { n: number }).n;

const headerOf = (base64: string): unknown[] => {
  const wb = XLSX.read(Buffer.from(base64, 'base64'));
  return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 })[0]!;
};

describe('the columns of a customer export', () => {
  it('are only the export’s own: a name every object has is VALIDATION, not INTERNAL, and nothing is exported', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      const r = await ws.invoke(manager, 'customers.export', { columns: ['phone', name] });
      expect(r, name).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(!r.ok && r.error.message).toContain('columns.1');
    }
    expect(exportsLogged()).toBe(0);
  });

  it('are every column of the list, in the order asked for, the name first; lost and assigned dates included', async () => {
    const file = await ws.call(manager, 'customers.export', { columns: ['assignedAt', 'lostAt', 'phone', 'name'] });
    expect(headerOf(file.dataBase64)).toEqual(['企业名称', '分配时间', '流失日期', '电话']);
    const all = await ws.call(manager, 'customers.export', { columns: [] });
    expect(headerOf(all.dataBase64)).toHaveLength(customerExportColumnKeys.length);
    expect(exportsLogged()).toBe(2);
  });
});
