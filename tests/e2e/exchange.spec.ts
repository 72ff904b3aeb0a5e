import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { api, logInAs, expect, pinnedContext, snap, startBridgeProcess, test } from './bridge';

const admin = { username: 'wangfang', name: '王芳', password: 'Admin-pass-2026' };

const logIn = (page: Page): Promise<void> => logInAs(page, admin.username, admin.password, admin.name);

/**
 * Two office PCs, each its own bridge (its own installation) over a copy of one
 * workspace: PC A exports an exchange workbook, PC B imports it (summary, then
 * commit) and settles the conflict on the record both changed, in the UI.
 */
test('export on one PC, import on another, resolve a conflict field by field', async ({ page, bridge, browser, now }) => {
  test.setTimeout(180_000);
  // PC A: the office's workspace with one customer.
  await page.goto(bridge.url);
  await api(page, 'setup.create', { companyName: '杭州星辰贸易有限公司', adminUsername: admin.username, adminDisplayName: admin.name, password: admin.password, locale: 'zh-CN' });
  await api(page, 'auth.login', { username: admin.username, password: admin.password });
  const shared = await api<{ id: string }>(page, 'customers.create', { fields: { name: '宁波海风电器有限公司', phone: '13900000001' }, tagIds: [], confirmDuplicates: true });
  await api(page, 'auth.logout', {});

  // PC B: a copy of A's data folder (as when a PC is set up from the office's files), served by a second bridge.
  const pcB = await startBridgeProcess(now);
  const downloads = mkdtempSync(join(tmpdir(), 'tuoke-e2e-dl-'));
  try {
    for (const name of readdirSync(bridge.dataDir)) cpSync(join(bridge.dataDir, name), join(pcB.dataDir, name), { recursive: true });
    const contextB = await pinnedContext(browser, now, { viewport: { width: 1400, height: 900 } });
    const pageB = await contextB.newPage();

    // Both PCs change the same customer; A also adds one.
    await page.reload();
    await logIn(page);
    await api(page, 'customers.update', { id: shared.id, fields: { phone: '13911112222', address: '宁波市鄞州区天童南路 1 号' } });
    await api(page, 'customers.create', { fields: { name: '杭州新客户科技有限公司' }, tagIds: [], confirmDuplicates: true });
    await pageB.goto(pcB.url);
    await logIn(pageB);
    await api(pageB, 'customers.update', { id: shared.id, fields: { phone: '13933334444' } });

    // A: 数据交换 → export all records.
    await page.getByRole('link', { name: '数据交换' }).click();
    await expect(page.getByRole('heading', { name: '数据交换' })).toBeVisible();
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出交换文件' }).click();
    const file = join(downloads, 'exchange.xlsx');
    await (await downloaded).saveAs(file);
    await expect(page.getByTestId('exchange-export-done')).toBeVisible();
    await expect(page.getByRole('button', { name: '导出交换文件' })).not.toHaveAttribute('data-loading');
    await page.waitForTimeout(300);
    await snap(page, 'exchange-export');

    // B: import → summary first.
    await pageB.getByRole('link', { name: '数据交换' }).click();
    await pageB.getByRole('tab', { name: '导入' }).click();
    await pageB.locator('input[type=file]').setInputFiles(file);
    const summary = pageB.getByTestId('exchange-summary');
    await expect(summary).toContainText('导入前检查结果');
    await expect(summary).toContainText('两边都改过');
    await pageB.waitForTimeout(300);
    await snap(pageB, 'exchange-import-summary');
    // Nothing changed yet: the summary came from a rolled-back run.
    expect((await api<{ customer: { phone: string } }>(pageB, 'customers.get', { id: shared.id })).customer.phone).toBe('13933334444');
    await pageB.getByRole('button', { name: '确认导入' }).click();
    await expect(summary).toContainText('导入完成');
    await snap(pageB, 'exchange-import-committed');
    // B's own change was not overwritten; A's new customer arrived.
    expect((await api<{ customer: { phone: string } }>(pageB, 'customers.get', { id: shared.id })).customer.phone).toBe('13933334444');

    // 首页 says that conflicts wait; its link leads to them.
    await pageB.getByRole('link', { name: '首页' }).click();
    await expect(pageB.getByTestId('exchange-conflicts-card')).toContainText('1 条交换冲突等待处理');
    await snap(pageB, 'exchange-dashboard-card');
    await pageB.getByTestId('exchange-conflicts-card').getByRole('link', { name: '去处理' }).click();
    // The conflict, field by field: take A's phone and A's address.
    await pageB.getByRole('tab', { name: /待处理冲突/ }).click();
    const card = pageB.getByTestId('exchange-conflict');
    await expect(card).toHaveCount(1);
    await expect(card).toContainText('宁波海风电器有限公司');
    await expect(card).toContainText('13911112222');
    await expect(card).toContainText('13933334444');
    const phoneRow = card.getByRole('row').filter({ hasText: '电话' });
    await phoneRow.getByText('交换文件中的值').click();
    const addressRow = card.getByRole('row').filter({ hasText: '详细地址' });
    await addressRow.getByText('交换文件中的值').click();
    await snap(pageB, 'exchange-conflict-choice');
    await pageB.getByRole('button', { name: '应用选择' }).click();
    await expect(pageB.getByTestId('exchange-resolved')).toContainText('已处理 1 条冲突');
    await expect(card).toHaveCount(0);
    const after = await api<{ customer: { phone: string; address: string } }>(pageB, 'customers.get', { id: shared.id });
    expect(after.customer).toMatchObject({ phone: '13911112222', address: '宁波市鄞州区天童南路 1 号' });
    await pageB.getByRole('tab', { name: '交换记录' }).click();
    await expect(pageB.getByTestId('exchange-history')).toContainText('导入');
    await snap(pageB, 'exchange-history');
    await contextB.close();
  } finally {
    await pcB.stop();
    rmSync(downloads, { recursive: true, force: true });
  }
});
