import type { Page } from '@playwright/test';
import { api, logInAs, expect, snap, test } from './bridge';

const company = '杭州星辰贸易有限公司';
const admin = { username: 'wangfang', name: '王芳', password: 'Admin-pass-2026' };

const logIn = (page: Page): Promise<void> => logInAs(page, admin.username, admin.password, admin.name);

test.describe('backup and restore', () => {
  test('an administrator backs up, adds a customer, restores the backup and is sent back to login', async ({ page, bridge }) => {
    // An empty workspace, set up through the wizard
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
    await logIn(page);

    await api(page, 'customers.create', { fields: { name: '备份前客户' }, confirmDuplicates: false });

    // 设置 → 备份与恢复: no backups yet, the default folder inside the data folder
    await page.getByRole('link', { name: '设置' }).click();
    await page.getByRole('tab', { name: '备份与恢复' }).click();
    await expect(page.getByText('备份文件夹中还没有备份')).toBeVisible();
    await expect(page.getByTestId('backup-dir')).toContainText(bridge.dataDir);
    const retention = page.getByLabel('自动备份保留天数');
    await expect(retention).toHaveValue('30 天');
    await snap(page, 'backup-01-empty');

    // The settings form is checked by the shared schema
    await retention.fill('');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('请输入 1 到 3650 之间的整数')).toBeVisible();
    await retention.fill('60');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('备份设置已保存')).toBeVisible();
    expect(await api<{ retentionDays: number }>(page, 'backup.settings', {})).toMatchObject({ retentionDays: 60 });

    // A manual backup: a notification with the file name, and a row of kind 手动
    await page.getByRole('button', { name: '立即备份' }).click();
    const done = page.getByText(/^备份完成：tuoke-[0-9a-f]{12}-n[0-9a-f]{12}-\d{8}-\d{6}-manual\.tkbak$/);
    await expect(done).toBeVisible();
    const fileName = (await done.textContent())!.replace('备份完成：', '');
    const row = page.getByTestId(`backup-row-${fileName}`);
    await expect(row).toContainText('手动');
    await expect(row).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expect(row).toContainText(/\d+\.\d{2} MB/);
    await expect(page.getByText('共 1 个备份')).toBeVisible();
    await snap(page, 'backup-02-made');

    // Work goes on after the backup
    await api(page, 'customers.create', { fields: { name: '备份后客户' }, confirmDuplicates: false });

    // Restore: a strong confirmation; the word 恢复 must be typed
    await row.getByRole('button', { name: '恢复' }).click();
    const dialog = page.getByRole('dialog', { name: '恢复备份' });
    await expect(dialog).toContainText('所有人（包括您）都会被退出登录');
    await expect(dialog).toContainText('“恢复前”备份');
    const confirm = dialog.getByRole('button', { name: '确认恢复' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('请输入“恢复”两个字以确认').fill('恢');
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('请输入“恢复”两个字以确认').fill('恢复');
    await expect(confirm).toBeEnabled();
    await snap(page, 'backup-03-confirm');
    await confirm.click();

    // The result, then the only way on is the login screen
    const result = page.getByRole('dialog', { name: '恢复完成' });
    await expect(result).toBeVisible();
    const table = result.getByTestId('restore-result');
    await expect(table.getByRole('row', { name: /客户数量/ })).toContainText('1');
    await expect(table.getByRole('row', { name: /用户数量/ })).toContainText('1');
    await expect(table.getByRole('row', { name: /恢复前备份/ })).toContainText(/tuoke-[0-9a-f]{12}-n[0-9a-f]{12}-\d{8}-\d{6}-before-restore\.tkbak/);
    await snap(page, 'backup-04-restored');
    await result.getByRole('button', { name: '去登录' }).click();
    await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
    await snap(page, 'backup-05-login');

    // Logged in again: only the customer from before the backup is there
    await logIn(page);
    const customers = await api<{ rows: { name: string }[]; total: number }>(page, 'customers.list', {});
    expect(customers.rows.map((c) => c.name)).toEqual(['备份前客户']);
    await page.getByRole('link', { name: '客户', exact: true }).click();
    await expect(page.getByText('备份前客户')).toBeVisible();
    await expect(page.getByText('备份后客户')).toHaveCount(0);

    // The current data of before the restore is kept as a 恢复前 backup next to the manual one
    await page.getByRole('link', { name: '设置' }).click();
    await page.getByRole('tab', { name: '备份与恢复' }).click();
    await expect(page.getByText('共 2 个备份')).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: '恢复前' })).toHaveCount(1);
    await expect(page.getByTestId(`backup-row-${fileName}`)).toContainText('手动');
    await snap(page, 'backup-06-after-restore');

    // The panel in English
    await page.getByText('English').click();
    await expect(page.getByRole('tab', { name: 'Backup & restore' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Back up now' })).toBeVisible();
    await expect(page.getByText('Before restore')).toBeVisible();
    await snap(page, 'backup-07-en');
  });
});
