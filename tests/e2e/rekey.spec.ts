import { api, logInAs, expect, snap, test } from './bridge';

const company = '杭州星辰贸易有限公司';
const admin = { username: 'wangfang', name: '王芳', password: 'Admin-pass-2026' };
const sales = { username: 'zhangsan', displayName: '张三', role: 'sales', password: 'Sales-pass-2026' };

test.describe('re-keying when someone leaves', () => {
  test('deactivating a salesperson changes the database key and the users screen says what that means', async ({ page, bridge }) => {
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
    await logInAs(page, admin.username, admin.password, admin.name);
    await api(page, 'users.create', sales);

    await page.getByRole('link', { name: '设置' }).click();
    await page.getByRole('tab', { name: '用户' }).click();
    // What old copies still open is said before anyone is deactivated.
    await expect(page.getByTestId('old-copies-note')).toContainText('某人离开之前做的备份，仍然可以用此人当时的密码打开');

    await page.getByTestId(`user-row-${sales.username}`).getByRole('button', { name: '停用' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '停用' }).click();
    await expect(page.getByText('用户已停用，该账号不能再登录')).toBeVisible();
    const outcome = page.getByTestId('rekey-outcome');
    await expect(outcome).toContainText('数据库密钥已更换（停用了账号）。旧备份里保存的密钥');
    await expect(outcome).toContainText(/更换前已自动备份：tuoke-.*\.tkbak/);
    await expect(page.getByTestId('rekey-pending')).toHaveCount(0);
    await expect(page.getByTestId('recovery-missing')).toHaveCount(0);
    await snap(page, 'rekey-01-deactivated');

    expect(await api(page, 'keys.status', {})).toMatchObject({ running: null, pending: null, recoveryKeyMissing: false, last: { reason: 'deactivated', needsReset: [] } });
    // The salesperson's password opens nothing now.
    const login = await page.evaluate(
      async ([u, p]) => (window as unknown as { api: { invoke(c: string, i: unknown): Promise<{ ok: boolean; error?: { code: string } }> } }).api.invoke('auth.login', { username: u, password: p }),
      [sales.username, sales.password] as const,
    );
    expect(login).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
  });
});
