import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExchangeSummary } from '../../src-shared/exchange/types';
import { runCli } from '../../src-main/cli';
import { ADMIN } from '../helpers/workspace';
import { twoPcs, type Pc } from './exchange-helpers';

/** `cli exchange export|import` between two PCs' data folders (each CLI run is its own host, as on a real PC). */
type Run = { code: number; out: string; err: string };
const cli = async (argv: string[]): Promise<Run> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: { TUOKE_USER: ADMIN.username, TUOKE_PASSWORD: ADMIN.password } });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

let a: Pc;
let b: Pc;
let dispose: () => void;
let shared = '';
let other = '';

beforeAll(async () => {
  ({ a, b, dispose } = await twoPcs(async (pc) => {
    shared = (await pc.call('customers.create', { fields: { name: '命令行客户', phone: '13900000001' }, confirmDuplicates: false })).id;
  }));
  await a.call('customers.update', { id: shared, fields: { phone: '13900000002' } });
  other = (await a.call('customers.create', { fields: { name: '命令行新客户' }, confirmDuplicates: false })).id;
  await b.call('customers.update', { id: shared, fields: { phone: '13900000003' } });
  a.close();
  b.close();
}, 60_000);

afterAll(() => dispose?.());

it('exports on one PC and imports on the other, leaving the conflict pending and listing it in the JSON summary', async () => {
  const file = join(a.dir, 'cli-exchange.xlsx');
  const exported = await cli(['exchange', 'export', '--data-dir', a.dir, '--out', file, '--json']);
  expect(exported.code).toBe(0);
  expect(JSON.parse(exported.out).rows).toBeGreaterThan(2);

  const imported = await cli(['exchange', 'import', file, '--data-dir', b.dir, '--json']);
  expect(imported.err).toBe('');
  expect(imported.code).toBe(0);
  const summary = JSON.parse(imported.out) as ExchangeSummary;
  expect(summary.committed).toBe(true);
  expect(summary.counts.added).toBeGreaterThanOrEqual(1);
  expect(summary.conflicts).toEqual([expect.objectContaining({ table: 'customers', recordId: shared, reason: 'both_changed', columns: expect.arrayContaining(['phone']) })]);

  // Text output in Chinese; a second import changes nothing and the conflict stays pending (not doubled).
  const again = await cli(['exchange', 'import', file, '--data-dir', b.dir]);
  expect(again.code).toBe(0);
  expect(again.out).toContain('冲突已在待处理中: 1');
  expect(again.out).not.toContain('新增');

  const plain = await cli(['exchange', 'export', '--plain', '--data-dir', b.dir, '--out', join(b.dir, 'plain.xlsx')]);
  expect(plain.code).toBe(0);
  // For people: headers in Chinese, people by name, the customer that came from A is there.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(b.dir, 'plain.xlsx'));
  const sheet = wb.getWorksheet('客户')!;
  const headers = (sheet.getRow(1).values as unknown[]).filter(Boolean);
  expect(headers).toEqual(expect.arrayContaining(['企业名称', '电话', '负责人']));
  const nameCol = headers.indexOf('企业名称') + 1;
  const names: unknown[] = [];
  sheet.eachRow((row, n) => n > 1 && names.push(row.getCell(nameCol).value));
  expect(names).toContain('命令行新客户');
  expect(other).toBeTruthy();
});

it('refuses a tampered workbook with a clear message and exit code 1', async () => {
  const file = join(a.dir, 'cli-exchange.xlsx');
  const cut = join(a.dir, 'cut.xlsx');
  writeFileSync(cut, readFileSync(file).subarray(0, 2000));
  const r = await cli(['exchange', 'import', cut, '--data-dir', b.dir]);
  expect(r.code).toBe(1);
  expect(r.err).toContain('不是拓客的数据交换文件');
});
