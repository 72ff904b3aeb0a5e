import { expect, snap, test } from './bridge';

const company = '杭州星辰贸易有限公司';
const admin = { username: 'wangfang', name: '王芳', password: 'Admin-pass-2026' };

test.describe('first run, login and the shell', () => {
  test('set-up wizard → recovery key → login → shell in Chinese, then English', async ({ page, bridge }) => {
    await page.goto(bridge.url);

    // Step 1: company
    await expect(page.getByRole('heading', { name: '欢迎使用拓客' })).toBeVisible();
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByText('必填')).toBeVisible();
    await page.getByLabel('公司名称').fill(company);
    await snap(page, '01-setup-company');
    await page.getByRole('button', { name: '下一步' }).click();

    // Step 2: administrator, with the form validated by the shared schema
    await page.getByLabel('管理员用户名').fill(admin.username);
    await page.getByLabel('管理员姓名').fill(admin.name);
    await page.getByRole('textbox', { name: '密码', exact: true }).fill('short');
    await page.getByLabel('再次输入密码').fill('different');
    await page.getByRole('button', { name: '创建工作区' }).click();
    await expect(page.getByText('密码为 8–128 个字符')).toBeVisible();
    await expect(page.getByText('两次输入的密码不一致')).toBeVisible();
    await page.getByRole('textbox', { name: '密码', exact: true }).fill(admin.password);
    await page.getByLabel('再次输入密码').fill(admin.password);
    await snap(page, '02-setup-admin');
    await page.getByRole('button', { name: '创建工作区' }).click();

    // Step 3: the recovery key, shown once; going on needs the confirmation
    const key = page.getByTestId('recovery-key');
    await expect(key).toHaveText(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    const done = page.getByRole('button', { name: '完成，去登录' });
    await expect(done).toBeDisabled();
    await snap(page, '03-setup-recovery-key');
    await page.getByLabel('我已打印或抄写了恢复密钥，并妥善保管').check();
    await done.click();

    // Login: a wrong password gives the localized error
    await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
    await page.getByLabel('用户名').fill(admin.username);
    await page.getByRole('textbox', { name: '密码', exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');
    await expect(page.getByRole('button', { name: '登录' })).toBeEnabled();
    await snap(page, '04-login-wrong-password');

    await page.getByRole('textbox', { name: '密码', exact: true }).fill(admin.password);
    await page.getByRole('button', { name: '登录' }).click();

    // The shell in Chinese
    await expect(page.getByTestId('company-name')).toHaveText(company);
    await expect(page.getByTestId('current-user')).toHaveText(admin.name);
    await expect(page.getByRole('heading', { name: `您好，${admin.name}` })).toBeVisible();
    await expect(page.getByRole('link', { name: '首页' })).toBeVisible();
    await expect(page.getByRole('link', { name: '设置' })).toBeVisible();
    await expect(page.getByText('管理员').first()).toBeVisible();
    await snap(page, '05-shell-home-zh');

    // Switch to English: the whole shell follows
    await page.getByText('English').click();
    await expect(page.getByRole('heading', { name: `Hello, ${admin.name}` })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Settings' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
    await snap(page, '06-shell-home-en');

    // In English the wrong-password error is English too
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('User name').fill(admin.username);
    await page.getByRole('textbox', { name: 'Password' }).fill('still-wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong user name or password');
    await snap(page, '07-login-wrong-password-en');
  });

  test('an administrator adds a salesperson, who logs in without the admin settings', async ({ page, bridge }) => {
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
    await page.getByLabel('用户名').fill(admin.username);
    await page.getByRole('textbox', { name: '密码', exact: true }).fill(admin.password);
    await page.getByRole('button', { name: '登录' }).click();

    await page.getByRole('link', { name: '设置' }).click();
    await page.getByRole('tab', { name: '用户' }).click();
    await page.getByRole('button', { name: '添加用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('lisi');
    await dialog.getByLabel('姓名').fill('李四');
    await dialog.getByLabel('角色').click();
    await page.getByRole('option', { name: '业务员' }).click();
    await dialog.getByLabel('初始密码').fill('Sales-pass-2026');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('user-row-lisi')).toContainText('李四');
    await expect(page.getByTestId('user-row-lisi')).toContainText('业务员');
    await expect(dialog).toBeHidden();
    await snap(page, '08-settings-users');

    await page.getByRole('tab', { name: '登录记录' }).click();
    await expect(page.getByRole('cell', { name: '登录成功' }).first()).toBeVisible();
    await snap(page, '09-settings-login-history');

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('用户名').fill('lisi');
    await page.getByRole('textbox', { name: '密码', exact: true }).fill('Sales-pass-2026');
    await page.getByRole('button', { name: '登录' }).click();
    // The password the admin set must be replaced first.
    await expect(page.getByRole('heading', { name: '请先设置自己的密码' })).toBeVisible();
    await snap(page, '09b-first-login-change-password');
    await page.getByLabel('当前密码').fill('Sales-pass-2026');
    await page.getByLabel('新密码', { exact: true }).fill('Only-lisi-knows-2026');
    await page.getByLabel('再次输入新密码').fill('Only-lisi-knows-2026');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('current-user')).toHaveText('李四');
    await page.getByRole('link', { name: '设置' }).click();
    await expect(page.getByRole('tab', { name: '我的账号' })).toBeVisible();
    await expect(page.getByRole('tab', { name: '用户' })).toHaveCount(0);
    await expect(page.getByRole('tab', { name: '登录记录' })).toHaveCount(0);
    await snap(page, '10-settings-sales');
  });
});
