import type { Page } from '@playwright/test';
import { join, resolve } from 'node:path';
import { api, dayFromToday, go, logInAs, expect, snap, startBridgeProcess, test, type BridgeProcess } from './bridge';

/**
 * What a new office met in its first week: the screens behave as a person expects.
 */

const admin = { username: 'wangfang', name: '王芳', password: 'Admin-pass-2026' };
const password = 'Office-pass-2026';
const customerName = '宁波东海机械制造有限公司';

/** A fresh workspace of 杭州星辰贸易有限公司 with its administrator 王芳, made through the API on the page's session. */
const createWorkspace = (page: Page) =>
  api(page, 'setup.create', { companyName: '杭州星辰贸易有限公司', adminUsername: admin.username, adminDisplayName: admin.name, password: admin.password, locale: 'zh-CN' });

/** A fresh office with 张三 (sales) and his customer in 宁波北仑 with two contacts; ends logged in as 张三. */
const setUpOffice = async (page: Page, bridge: BridgeProcess): Promise<string> => {
  await page.goto(bridge.url);
  await createWorkspace(page);
  await api(page, 'auth.login', { username: admin.username, password: admin.password });
  await api(page, 'users.create', { username: 'zhangsan', displayName: '张三', role: 'sales', password });
  await api(page, 'auth.logout', {});
  await api(page, 'auth.login', { username: 'zhangsan', password });
  // 55 of his customers whose names sort first: the one planned for is not among the 50 the picker lists.
  for (let i = 0; i < 55; i += 1)
    await api(page, 'customers.create', { fields: { name: `A${String(i).padStart(2, '0')}贸易有限公司` }, tagIds: [], confirmDuplicates: true });
  const customer = await api<{ id: string }>(page, 'customers.create', {
    fields: { name: customerName, provinceCode: '33', cityCode: '3302', districtCode: '330206', address: '新碶街道明州路 88 号' },
    tagIds: [],
    confirmDuplicates: true,
  });
  await api(page, 'contacts.create', { customerId: customer.id, fields: { name: '周建国', title: '总经理', isDecisionMaker: true, mobile: '13905741234' } });
  await api(page, 'auth.logout', {});
  await page.reload();
  await logInAs(page, 'zhangsan', password, '张三');
  return customer.id;
};

test.describe('a new office’s first week', () => {
  test('计划拜访 from a customer card opens the form with that customer chosen and the place taken from its address', async ({ page, bridge }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    const customerId = await setUpOffice(page, bridge);
    await go(page, `/customers/${customerId}`);
    await page.getByRole('button', { name: '计划拜访' }).first().click();
    await expect(page.getByRole('heading', { name: '计划拜访' })).toBeVisible();
    // The required 客户 field shows the customer (before: empty, though the contacts were its own).
    await expect(page.getByTestId('customer-picker')).toHaveValue(customerName);
    await expect(page.getByRole('checkbox', { name: /周建国/ })).toBeVisible();
    // The place defaults to the customer's address; a person can still type another.
    await expect(page.getByLabel('地点')).toHaveValue('浙江省宁波市北仑区新碶街道明州路 88 号');
    await snap(page, 'first-week-01-plan-visit-from-card');
    await page.getByLabel('地点').fill('客户展厅');
    await expect(page.getByLabel('地点')).toHaveValue('客户展厅');
  });

  test('an empty office says what to do first; the export is on the 导入导出 page too; toasts keep clear of the header; filters do not outlive a logout', async ({ page, bridge }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(bridge.url);
    await createWorkspace(page);
    await page.reload();
    await logInAs(page, admin.username, admin.password, admin.name);

    // No customer yet: the list says so and offers both ways in.
    await go(page, '/customers');
    const start = page.getByTestId('customer-list-start');
    await expect(start).toContainText('还没有客户');
    await expect(start.getByRole('link', { name: '新建客户' })).toBeVisible();
    await expect(start.getByRole('link', { name: '导入名录' })).toBeVisible();
    await snap(page, 'first-week-02-empty-list');
    await start.getByRole('link', { name: '导入名录' }).click();
    await expect(page.getByRole('tab', { name: '导入客户' })).toBeVisible();

    // The 导入导出 page exports too.
    await api(page, 'customers.create', { fields: { name: customerName, phone: '0574-8688 1234' }, tagIds: [], confirmDuplicates: true });
    await page.getByRole('tab', { name: '导出' }).click();
    await page.getByRole('button', { name: '导出' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: /客户/ }).first().click();
    expect((await downloading).suggestedFilename()).toMatch(/\.xlsx$/);
    // The notification sits at the bottom, clear of the language switch and 退出登录.
    const toast = page.locator('.mantine-Notifications-notification').first();
    await expect(toast).toBeVisible();
    const box = (await toast.boundingBox())!;
    const logout = (await page.getByRole('button', { name: '退出登录' }).boundingBox())!;
    expect(box.y).toBeGreaterThan(logout.y + logout.height);
    await snap(page, 'first-week-03-export-from-import-page');

    // A filter set before logging out is not applied at the next login.
    await go(page, '/customers');
    await page.getByTestId('filter-status').click();
    await page.getByRole('checkbox', { name: '流失', exact: true }).check();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('customer-total')).toHaveText('共 0 个客户');
    await page.getByRole('button', { name: '退出登录' }).click();
    await logInAs(page, admin.username, admin.password, admin.name);
    await go(page, '/customers');
    await expect(page.getByTestId('customer-total')).toHaveText('共 1 个客户');
    await expect(page.getByTestId('filter-status')).toHaveText('状态');
  });

  test('a new PC joins the office from a backup on the first-run screen, with a salesperson’s password', async ({ page, bridge, now }) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    // The office PC: a salesperson, a customer, a backup.
    const customerId = await setUpOffice(page, bridge);
    await api(page, 'auth.logout', {});
    await api(page, 'auth.login', { username: admin.username, password: admin.password });
    const backup = await api<{ fileName: string }>(page, 'backup.create', {});
    const file = join(bridge.dataDir, 'backups', backup.fileName);

    // The new PC: nothing on it yet.
    const second = await startBridgeProcess(now);
    try {
      await page.goto(second.url);
      await expect(page.getByTestId('join-offer')).toBeVisible();
      await page.getByRole('button', { name: '从备份恢复' }).click();
      await expect(page.getByRole('heading', { name: '从备份恢复' })).toBeVisible();
      await page.locator('input[type="file"]').setInputFiles(file);
      await expect(page.getByText(backup.fileName)).toBeVisible();
      await page.getByLabel('用户名', { exact: true }).fill('zhangsan');
      await page.getByLabel('密码', { exact: true }).fill('wrong-password-1');
      await page.getByRole('button', { name: '开始恢复' }).click();
      await expect(page.getByText('用户名、密码或恢复密钥打不开这个备份')).toBeVisible();
      await page.getByLabel('密码', { exact: true }).fill(password);
      await page.getByRole('button', { name: '开始恢复' }).click();
      await expect(page.getByTestId('join-done')).toContainText('56 个客户，2 个用户');
      await snap(page, 'first-week-04-joined-from-backup');
      await page.getByRole('button', { name: '去登录' }).click();
      await logInAs(page, 'zhangsan', password, '张三');
      await go(page, `/customers/${customerId}`);
      await expect(page.getByRole('heading', { name: customerName })).toBeVisible();
    } finally {
      await second.stop();
    }
  });

  test('the card and the ABC report each say which period their grade is taken over', async ({ page, bridge, now }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    const customerId = await setUpOffice(page, bridge);
    await api(page, 'orders.create', {
      customerId,
      orderDate: dayFromToday(now, -10),
      dueDate: dayFromToday(now, 20),
      contractNo: 'HT-ABC-1',
      lines: [{ product: '工业齿轮油 18L', quantity: 10, unitPrice: 45_000 }],
    });
    await go(page, `/customers/${customerId}`);
    await page.getByTestId('summary-grade').hover();
    await expect(page.getByRole('tooltip')).toContainText(/按 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2} 的成交额评定/);
    await snap(page, 'first-week-05-card-grade-period');
    await api(page, 'auth.logout', {});
    await page.reload();
    await logInAs(page, admin.username, admin.password, admin.name);
    await go(page, '/reports');
    await page.getByTestId('report-tab-abc').click();
    await expect(page.getByTestId('abc-period-note')).toContainText('客户卡片和客户列表上的 ABC 等级按滚动期间');
  });

  test('import: a second file that cannot be read leaves nothing to continue with; an .ods from LibreOffice is read like its .xlsx', async ({ page, bridge }) => {
    await page.goto(bridge.url);
    await createWorkspace(page);
    await page.reload();
    await logInAs(page, admin.username, admin.password, admin.name);
    await go(page, '/import');
    const file = page.locator('input[type=file]');
    const next = page.getByRole('button', { name: '下一步' });
    await file.setInputFiles(resolve('../shared/fixtures/spreadsheets/company_list_libreoffice.xlsx'));
    await expect(page.getByTestId('import-header-row')).toHaveText('表头在第 1 行');
    await page.getByRole('button', { name: '上一步' }).click();
    await expect(next).toBeEnabled();
    // The second file is refused: the first one is no longer offered, and there is no 下一步 until a file reads.
    await file.setInputFiles(resolve('../shared/fixtures/spreadsheets/zip_without_workbook.xlsx'));
    await expect(page.getByTestId('import-file-error')).toContainText('这个文件不是 Excel 工作簿');
    await expect(next).toHaveCount(0);
    await snap(page, 'first-week-import-rejected-second-file');
    await file.setInputFiles(resolve('tests/fixtures/company_list_libreoffice.ods'));
    await expect(page.getByTestId('import-header-row')).toHaveText('表头在第 1 行');
    await expect(page.getByTestId('import-file-error')).toHaveCount(0);
    await snap(page, 'first-week-import-ods');
  });

  test('a long customer form goes to its first invalid field; the 仍然保存 prompt comes into view', async ({ page, bridge }) => {
    await page.goto(bridge.url);
    await createWorkspace(page);
    await api(page, 'auth.login', { username: admin.username, password: admin.password });
    await api(page, 'customers.create', { fields: { name: '宁波海纳电子有限公司' }, tagIds: [], confirmDuplicates: true });
    await api(page, 'auth.logout', {});
    await page.reload();
    await logInAs(page, admin.username, admin.password, admin.name);
    await go(page, '/customers/new');
    await page.getByLabel('企业名称').fill('宁波海纳电子有限公司');
    await page.getByLabel('邮箱', { exact: true }).fill('not-an-email');
    await page.getByLabel('企业名称').focus();
    await page.getByRole('button', { name: '保存客户' }).click();
    const email = page.getByLabel('邮箱', { exact: true });
    await expect(email).toBeFocused();
    await expect(email).toBeInViewport();
    await expect(page.getByText('邮箱格式不对')).toBeInViewport();
    await snap(page, 'first-week-form-first-error');
    await email.fill('');
    await page.getByRole('button', { name: '保存客户' }).click();
    const prompt = page.getByTestId('duplicates-confirm');
    await expect(prompt).toBeInViewport({ ratio: 0.9 });
    await expect(prompt.getByRole('button', { name: '仍然保存' })).toBeInViewport();
    await snap(page, 'first-week-form-duplicate-prompt');
  });
});
