import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import * as XLSX from '@e965/xlsx';
import { api, expect, snap, test, type BridgeProcess } from './bridge';

const company = '杭州星辰贸易有限公司';
const admin = { username: 'wangfang', name: '王芳', password: 'Admin-pass-2026' };
const password = 'Demo-pass-2026';
const fixture = resolve('../shared/fixtures/spreadsheets/company_list_libreoffice.xlsx');
const passwordProtected = resolve('../shared/fixtures/spreadsheets/calamine__pass_protected.xlsx');
const mergedHeader = resolve('../shared/fixtures/spreadsheets/company_list_merged_header_openpyxl.xlsx');
const zipWithoutWorkbook = resolve('../shared/fixtures/spreadsheets/zip_without_workbook.xlsx');
const outputDir = resolve('test-output/downloads');

const logIn = async (page: Page, username: string, pass: string) => {
  await page.getByLabel('用户名').fill(username);
  await page.getByRole('textbox', { name: '密码', exact: true }).fill(pass);
  await page.getByRole('button', { name: '登录' }).click();
};

/**
 * An office: the administrator made through the set-up wizard, a manager
 * (张伟) and two salespeople (张三, 李四) through the API; then the manager
 * logs in and opens 导入导出.
 */
const setUpOffice = async (page: Page, bridge: BridgeProcess) => {
  await page.goto(bridge.url);
  await page.getByLabel('公司名称').fill(company);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('管理员用户名').fill(admin.username);
  await page.getByLabel('管理员姓名').fill(admin.name);
  await page.getByRole('textbox', { name: '密码', exact: true }).fill(admin.password);
  await page.getByLabel('再次输入密码').fill(admin.password);
  await page.getByRole('button', { name: '创建工作区' }).click();
  await page.getByLabel('我已打印或抄写了恢复密钥，并妥善保管').check();
  await page.getByRole('button', { name: '完成，去登录' }).click();
  await logIn(page, admin.username, admin.password);
  await expect(page.getByTestId('current-user')).toHaveText(admin.name);
  const ids: Record<string, string> = {};
  for (const [username, displayName, role] of [
    ['zhangwei', '张伟', 'manager'],
    ['zhangsan', '张三', 'sales'],
    ['lisi', '李四', 'sales'],
  ] as const) {
    ids[username] = (await api<{ id: string }>(page, 'users.create', { username, displayName, role, password })).id;
  }
  await page.getByRole('button', { name: '退出登录' }).click();
  await logIn(page, 'zhangwei', password);
  await expect(page.getByTestId('current-user')).toHaveText('张伟');
  await page.getByRole('link', { name: '导入导出' }).click();
  await expect(page.getByRole('tab', { name: '导入客户' })).toBeVisible();
  return ids;
};

/** Drops a file on the wizard's drop zone the way a file manager does (an HTML5 drop with a DataTransfer). */
const dropFile = async (page: Page, path: string) => {
  const base64 = readFileSync(path).toString('base64');
  const name = basename(path);
  await page.getByTestId('import-drop-zone').evaluate(
    (zone, [data, fileName]) => {
      const bytes = Uint8Array.from(atob(data!), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], fileName!));
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    [base64, name] as const,
  );
};

const stat = (page: Page, key: string) => page.getByTestId(`import-stat-${key}`);

/** Upload → sheet → mapping → analysis, checking what the wizard shows for the LibreOffice company list. */
const uploadAndAnalyse = async (page: Page) => {
  await page.locator('input[type=file]').setInputFiles(fixture);
  await expect(page.getByTestId('import-header-row')).toHaveText('表头在第 1 行');
  await expect(page.getByRole('combobox', { name: '工作表' })).toHaveValue('企业名录');
  await expect(page.getByTestId('import-top-row').first()).toContainText('统一社会信用代码');
  await page.getByRole('button', { name: '下一步' }).click();
  // Mapping: preselected from the Chinese headers.
  const mapping = page.getByTestId('import-mapping');
  await expect(mapping).toBeVisible();
  for (const [header, target] of [
    ['企业名称', '企业名称'],
    ['统一社会信用代码', '统一社会信用代码'],
    ['联系电话', '电话'],
    ['成立日期', '成立日期'],
    ['经营范围', '企业简介 / 经营范围'],
  ]) {
    await expect(mapping.getByRole('combobox', { name: header, exact: true })).toHaveValue(target!);
  }
  await expect(page.getByRole('checkbox', { name: '未映射的列写入备注' })).toBeChecked();
};

test.describe('lead import', () => {
  test('a manager imports the LibreOffice company list, reviews the duplicate, downloads the problem list and undoes the batch', async ({
    page,
    bridge,
  }) => {
    await setUpOffice(page, bridge);
    await expect(page.getByText('把表格文件拖到这里')).toBeVisible();
    await snap(page, 'import-01-file');

    // A password-protected workbook is refused with its own message; nothing is imported.
    await page.locator('input[type=file]').setInputFiles(passwordProtected);
    await expect(page.getByTestId('import-file-error')).toContainText('文件设置了打开密码');
    await expect(page.getByTestId('import-file-error')).toContainText('没有导入任何数据');
    await snap(page, 'import-02-password-protected');

    // Dropped onto the drop zone: a zip that holds no workbook is refused too.
    await dropFile(page, zipWithoutWorkbook);
    await expect(page.getByTestId('import-file-error')).toContainText('这个文件不是 Excel 工作簿');

    await page.locator('input[type=file]').setInputFiles(fixture);
    await expect(page.getByTestId('import-header-row')).toHaveText('表头在第 1 行');
    await snap(page, 'import-03-sheet-and-header');

    // Clicking another row makes it the header; clicking row 1 again puts it back.
    await page.getByTestId('import-top-row').nth(2).click();
    await expect(page.getByTestId('import-header-row')).toHaveText('表头在第 3 行');
    await page.getByTestId('import-top-row').first().click();
    await expect(page.getByTestId('import-header-row')).toHaveText('表头在第 1 行');

    await page.getByRole('button', { name: '上一步' }).click();
    await expect(page.getByTestId('import-current-file')).toContainText('company_list_libreoffice.xlsx');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    const mapping = page.getByTestId('import-mapping');
    await expect(mapping.getByRole('combobox', { name: '企业名称', exact: true })).toHaveValue('企业名称');
    await expect(mapping.getByRole('combobox', { name: '统一社会信用代码', exact: true })).toHaveValue('统一社会信用代码');
    await expect(mapping.getByRole('combobox', { name: '联系电话', exact: true })).toHaveValue('电话');
    await expect(page.getByRole('checkbox', { name: '未映射的列写入备注' })).toBeChecked();
    await snap(page, 'import-04-mapping');

    // Preview: 201 rows, 200 new, 1 duplicate within the file (rows 35 and 123, same credit code).
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(stat(page, 'total')).toContainText('201');
    await expect(stat(page, 'fresh')).toContainText('200');
    await expect(stat(page, 'inFile')).toContainText('1');
    await expect(stat(page, 'inDb')).toContainText('0');
    const group = page.getByTestId('import-group');
    await expect(group).toHaveCount(1);
    await expect(group).toContainText('第 35、123 行');
    await expect(group).toContainText('信用代码、企业名称、电话相同');
    await expect(group).toContainText('文件内重复');
    await expect(group.getByRole('radio', { name: '跳过' })).toBeChecked();
    // The mangled credit codes are reported in the user's words.
    await expect(page.getByTestId('import-records').getByText(/末位已丢失，无法恢复/).first()).toBeVisible();
    await snap(page, 'import-05-preview-duplicates');

    // Assignment: the pool by default, lead source 工商名录 by default.
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByRole('radio', { name: '放入公海' })).toBeChecked();
    await expect(page.getByRole('combobox', { name: '客户来源' })).toHaveValue('工商名录');
    await expect(page.getByTestId('import-estimate')).toContainText('预计新建 200 个客户，补全 0 个已有客户，跳过 1 行');
    await snap(page, 'import-06-assignment');

    await page.getByTestId('import-start').click();
    const report = page.getByTestId('import-report');
    await expect(report).toBeVisible({ timeout: 30_000 });
    await expect(stat(page, 'created')).toContainText('200');
    await expect(stat(page, 'skipped')).toContainText('1');
    await snap(page, 'import-07-report');

    // The problem list: a real xlsx, saved by the browser's download.
    mkdirSync(outputDir, { recursive: true });
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载问题清单' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('导入问题.xlsx');
    const saved = resolve(outputDir, 'import-problems.xlsx');
    await download.saveAs(saved);
    expect(statSync(saved).size).toBeGreaterThan(1000);
    expect(readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK');
    const workbook = XLSX.read(readFileSync(saved));
    const problems = XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets[workbook.SheetNames[0]!]!, { header: 1 });
    expect(problems[0]!.slice(0, 4)).toEqual(['原行号', '结果', '原因', '企业名称']);
    expect(problems.length).toBeGreaterThan(1);

    // The customers are in the list.
    await page.getByRole('link', { name: '查看客户列表' }).click();
    await expect(page.getByTestId('customer-total')).toHaveText('共 200 个客户');
    await snap(page, 'import-08-customer-list');

    // 导入记录: undo the batch; every customer it made goes again.
    await page.getByRole('link', { name: '导入导出' }).click();
    await page.getByRole('tab', { name: '导入记录' }).click();
    const batch = page.getByTestId('import-batch');
    await expect(batch).toHaveCount(1);
    await expect(batch).toContainText('company_list_libreoffice.xlsx');
    await expect(batch).toContainText('张伟');
    await expect(batch).toContainText('有效');
    await snap(page, 'import-09-batches');
    await batch.getByRole('button', { name: '撤销' }).click();
    const dialog = page.getByRole('dialog', { name: '撤销导入' });
    await expect(dialog).toContainText('company_list_libreoffice.xlsx');
    await page.waitForTimeout(300); // the modal's fade-in, for the screenshot
    await snap(page, 'import-10-undo-confirm');
    await dialog.getByRole('button', { name: '撤销' }).click();
    await expect(page.getByTestId('import-undo-result')).toContainText('删除了 200 个客户');
    await expect(batch).toContainText('已于');
    await expect(batch.getByRole('button', { name: '撤销' })).toHaveCount(0);
    await snap(page, 'import-11-undone');
    await page.getByRole('link', { name: '客户' }).click();
    await expect(page.getByTestId('customer-total')).toHaveText('共 0 个客户');
  });

  test('a list balanced between two salespeople, imported again, shows every company as already owned', async ({ page, bridge }) => {
    await setUpOffice(page, bridge);
    await uploadAndAnalyse(page);
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(stat(page, 'fresh')).toContainText('200');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('radio', { name: '均衡分配给几位业务员' }).check();
    await expect(page.getByTestId('import-start')).toBeDisabled();
    await page.getByTestId('import-assign-users').click();
    await page.getByRole('option', { name: '张三' }).click();
    await page.getByRole('option', { name: '李四' }).click();
    await page.keyboard.press('Escape');
    await snap(page, 'import-12-assignment-balanced');
    await page.getByTestId('import-start').click();
    await expect(stat(page, 'created')).toContainText('200', { timeout: 30_000 });
    await page.getByRole('button', { name: '导入另一个文件' }).click();

    // The same file again: all 201 rows are already in the database, each group names its owner.
    await uploadAndAnalyse(page);
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(stat(page, 'inDb')).toContainText('201');
    await expect(stat(page, 'fresh')).toContainText('0');
    const groups = page.getByTestId('import-group');
    await expect(groups.first().getByTestId('import-group-owner')).toHaveText(/^已由 (张三|李四) 负责$/);
    await page.getByTestId('import-all-fill').click();
    await expect(groups.first().getByRole('radio', { name: '补全空字段' })).toBeChecked();
    await snap(page, 'import-13-already-in-database');
    // The same screen in English.
    await page.getByText('English').click();
    await expect(groups.first().getByTestId('import-group-owner')).toHaveText(/^Owned by (张三|李四)$/);
    await snap(page, 'import-14-already-in-database-en');
    await page.getByText('简体中文').click();

    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByTestId('import-estimate')).toContainText('预计新建 0 个客户');
    await page.getByTestId('import-start').click();
    await expect(stat(page, 'created')).toContainText('0', { timeout: 30_000 });
    await snap(page, 'import-15-second-report');
    await page.getByRole('link', { name: '查看客户列表' }).click();
    await expect(page.getByTestId('customer-total')).toHaveText('共 200 个客户');
  });

  test('a long import shows its progress and can be cancelled, leaving the database unchanged', async ({ page, bridge }) => {
    // 30,000 invented companies: about 2 MB, so the upload takes several 1 MB chunks and the commit takes a while.
    mkdirSync(outputDir, { recursive: true });
    const big = resolve(outputDir, 'big-company-list.csv');
    const lines = ['企业名称,联系电话,地址'];
    for (let i = 0; i < 30_000; i += 1) lines.push(`测试企业${String(i).padStart(5, '0')}号有限公司,1380000${String(i).padStart(4, '0')},浙江省杭州市西湖区文三路${i}号`);
    writeFileSync(big, `${lines.join('\r\n')}\r\n`);

    await setUpOffice(page, bridge);
    await page.locator('input[type=file]').setInputFiles(big);
    await expect(page.getByTestId('import-header-row')).toHaveText('表头在第 1 行', { timeout: 30_000 });
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(stat(page, 'total')).toContainText('30,000', { timeout: 60_000 });
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByTestId('import-start').click();

    const cancel = page.getByTestId('import-cancel');
    await expect(cancel).toBeEnabled();
    // The worker reports every 500 rows: wait for the first report so the bar has moved.
    await expect(page.getByText(/正在导入：[1-9][\d,]* \/ 30,000/)).toBeVisible({ timeout: 30_000 });
    await snap(page, 'import-16-progress');
    await cancel.click();
    await expect(page.getByTestId('import-cancelled')).toHaveText('导入已取消，数据库没有任何改动。', { timeout: 30_000 });
    await snap(page, 'import-17-cancelled');

    await page.getByRole('tab', { name: '导入记录' }).click();
    await expect(page.getByText('还没有导入记录')).toBeVisible();
    await page.getByRole('link', { name: '客户' }).click();
    await expect(page.getByTestId('customer-total')).toHaveText('共 0 个客户');
  });

  test('more duplicate groups than the wizard lists: "set all to" reaches the groups not listed', async ({ page, bridge }) => {
    // 600 companies, each listed twice (two directory exports pasted together): 600 groups within the file.
    mkdirSync(outputDir, { recursive: true });
    const twice = resolve(outputDir, 'listed-twice.csv');
    const lines = ['企业名称,联系电话'];
    for (let copy = 0; copy < 2; copy += 1) for (let i = 0; i < 600; i += 1) lines.push(`重复企业${String(i).padStart(3, '0')}号有限公司,1390000${String(i).padStart(4, '0')}`);
    writeFileSync(twice, `${lines.join('\r\n')}\r\n`);

    await setUpOffice(page, bridge);
    await page.locator('input[type=file]').setInputFiles(twice);
    await expect(page.getByTestId('import-header-row')).toHaveText('表头在第 1 行', { timeout: 30_000 });
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(stat(page, 'inFile')).toContainText('600', { timeout: 30_000 });
    await expect(page.getByRole('heading', { name: '重复的客户（600 组）' })).toBeVisible();
    const truncated = page.getByTestId('import-groups-truncated');
    await expect(truncated).toHaveText('共 600 组，只列出前 500 组；其余 100 组按“跳过”处理，可用上方的“全部设为”更改。');
    await page.getByTestId('import-all-new').click();
    await expect(truncated).toContainText('其余 100 组按“作为新客户导入”处理');
    await snap(page, 'import-21-groups-beyond-the-list');
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByTestId('import-estimate')).toContainText('预计新建 1,200 个客户，补全 0 个已有客户，跳过 0 行');
    // Back, and all of them skipped after all: the 100 groups not listed must be skipped too (700 created if they were not).
    await page.getByRole('button', { name: '上一步' }).click();
    await page.getByTestId('import-all-skip').click();
    await expect(truncated).toContainText('其余 100 组按“跳过”处理');
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByTestId('import-estimate')).toContainText('预计新建 600 个客户，补全 0 个已有客户，跳过 600 行');
    await page.getByTestId('import-start').click();
    await expect(stat(page, 'created')).toContainText('600', { timeout: 60_000 });
    await expect(stat(page, 'skipped')).toContainText('600');
    await page.getByRole('link', { name: '查看客户列表' }).click();
    await expect(page.getByTestId('customer-total')).toHaveText('共 600 个客户');
  });

  test('a two-row merged header: hidden sheets on request, the hidden row flagged, the total row skipped', async ({ page, bridge }) => {
    await setUpOffice(page, bridge);
    await page.locator('input[type=file]').setInputFiles(mergedHeader);
    const sheet = page.getByRole('combobox', { name: '工作表' });
    await expect(sheet).toHaveValue('客户名录');
    await expect(page.getByTestId('import-header-row')).toBeVisible();
    await sheet.click();
    await expect(page.getByRole('option', { name: /字典/ })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await page.getByRole('checkbox', { name: '显示隐藏工作表' }).check();
    await sheet.click();
    await expect(page.getByRole('option', { name: '字典（隐藏）' })).toBeVisible();
    await snap(page, 'import-18-hidden-sheets');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByTestId('import-mapping')).toBeVisible();
    await snap(page, 'import-19-merged-header-mapping');
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(stat(page, 'total')).toContainText('40');
    await expect(stat(page, 'hidden')).toContainText('1');
    await expect(stat(page, 'totals')).toContainText('1');
    await expect(page.getByTestId('import-records').getByText('无法识别的日期：不详').first()).toBeVisible();
    await expect(page.getByTestId('import-records').getByText('该行在原表中是隐藏的')).toBeVisible();
    await snap(page, 'import-20-merged-header-preview');
  });
});
