import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { api, expect, snap, test, type BridgeProcess } from './bridge';

const password = 'Demo-pass-2026';

type Office = { users: Record<'zhangwei' | 'lisi' | 'zhaoliu', string>; customers: Record<string, string> };

/**
 * An office set up through the API (the UI of set-up and users is covered by
 * foundation.spec.ts): an admin, a manager, two salespeople and six customers
 * — two each for 李四 and 赵六, two in the pool; one of 李四's is lost.
 */
const setUpOffice = async (page: Page, bridge: BridgeProcess): Promise<Office> => {
  await page.goto(bridge.url);
  await api(page, 'setup.create', {
    companyName: '杭州星辰贸易有限公司',
    adminUsername: 'wangfang',
    adminDisplayName: '王芳',
    password,
    locale: 'zh-CN',
  });
  await api(page, 'auth.login', { username: 'wangfang', password });
  const users = {} as Office['users'];
  for (const [username, displayName, role] of [
    ['zhangwei', '张伟', 'manager'],
    ['lisi', '李四', 'sales'],
    ['zhaoliu', '赵六', 'sales'],
  ] as const) {
    users[username] = (await api<{ id: string }>(page, 'users.create', { username, displayName, role, password })).id;
  }
  const customers: Office['customers'] = {};
  const create = async (name: string, ownerId: string | null, phone: string) => {
    customers[name] = (
      await api<{ id: string }>(page, 'customers.create', { fields: { name, phone, industry: '制造业' }, ownerId, confirmDuplicates: true })
    ).id;
  };
  await create('杭州东方机械有限公司', users.lisi, '13800138001');
  await create('宁波海纳电子有限公司', users.lisi, '057188881234');
  await create('苏州恒达物流有限公司', users.zhaoliu, '13800138003');
  await create('南京瑞丰食品有限公司', users.zhaoliu, '13800138004');
  await create('温州远航建材有限公司', null, '13800138005');
  await create('合肥天成医药有限公司', null, '13800138006');
  await api(page, 'customers.setStatus', { ids: [customers['宁波海纳电子有限公司']], status: 'lost', lostReason: '价格原因' });
  await api(page, 'auth.logout', {});
  return { users, customers };
};

/** Logs in through the login page and opens the customer list from the navigation. */
const openListAs = async (page: Page, bridge: BridgeProcess, username: string) => {
  await page.goto(bridge.url);
  await page.getByLabel('用户名').fill(username);
  await page.getByRole('textbox', { name: '密码', exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('link', { name: '客户' }).click();
  await expect(page.getByTestId('customer-row').first()).toBeVisible();
};

const rows = (page: Page) => page.getByTestId('customer-row');
const row = (page: Page, name: string) => rows(page).filter({ hasText: name });
const total = (page: Page) => page.getByTestId('customer-total');
const quickView = (page: Page, label: string) => page.getByTestId('quick-views').getByText(label, { exact: true }).click();

test.describe('customer list', () => {
  test('a manager sees every customer, narrows them by status, and the chosen columns stay after a reload', async ({ page, bridge }) => {
    await setUpOffice(page, bridge);
    await openListAs(page, bridge, 'zhangwei');

    await expect(total(page)).toHaveText('共 6 个客户');
    await expect(rows(page)).toHaveCount(6);
    await expect(row(page, '杭州东方机械有限公司').locator('[data-col="owner"]')).toHaveText('李四');
    await expect(row(page, '温州远航建材有限公司').locator('[data-col="owner"]')).toHaveText('公海');
    // Phones are grouped for reading, stored as digits.
    await expect(row(page, '宁波海纳电子有限公司').locator('[data-col="phone"]')).toHaveText('0571-8888 1234');
    await snap(page, 'list-01-manager-all');

    await page.getByTestId('filter-status').click();
    await page.getByRole('checkbox', { name: '流失', exact: true }).check();
    await page.keyboard.press('Escape');
    await expect(total(page)).toHaveText('共 1 个客户');
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText('宁波海纳电子有限公司');
    await expect(page.getByTestId('filter-status')).toHaveText('状态：流失');
    await snap(page, 'list-02-filter-status');
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect(total(page)).toHaveText('共 6 个客户');

    // Sorting by name: the header toggles the direction.
    const nameHeader = page.getByRole('columnheader', { name: '企业名称' });
    await nameHeader.click();
    await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
    await nameHeader.click();
    await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');

    await page.getByRole('button', { name: '显示列' }).click();
    await page.getByTestId('column-chooser').getByRole('checkbox', { name: '统一社会信用代码' }).check();
    await page.getByTestId('column-chooser').getByRole('checkbox', { name: '创建时间' }).check();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('columnheader', { name: '统一社会信用代码' })).toBeVisible();
    await page.reload();
    await expect(rows(page).first()).toBeVisible();
    await expect(page.getByRole('columnheader', { name: '统一社会信用代码' })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: '创建时间' })).toBeAttached();
    await snap(page, 'list-03-columns-after-reload');
  });

  test('a manager bulk-assigns two pool customers to a salesperson', async ({ page, bridge }) => {
    await setUpOffice(page, bridge);
    await openListAs(page, bridge, 'zhangwei');

    await quickView(page, '公海');
    await expect(total(page)).toHaveText('共 2 个客户');
    await row(page, '温州远航建材有限公司').getByRole('checkbox').check();
    await row(page, '合肥天成医药有限公司').getByRole('checkbox').check();
    await expect(page.getByTestId('selection-count')).toHaveText('已选 2 个');
    await page.getByRole('button', { name: '分配', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '分配 2 个客户' });
    await dialog.getByRole('combobox', { name: '分配给' }).click();
    await page.getByRole('option', { name: '李四（业务员）' }).click();
    await dialog.getByLabel('原因').fill('展会线索');
    await snap(page, 'list-04-assign-dialog');
    await dialog.getByRole('button', { name: '分配' }).click();
    await expect(page.getByText('分配：已处理 2 个')).toBeVisible();
    // The pool is empty now; in the whole list both belong to 李四.
    await expect(total(page)).toHaveText('共 0 个客户');
    await quickView(page, '全部');
    await expect(row(page, '温州远航建材有限公司').locator('[data-col="owner"]')).toHaveText('李四');
    await expect(row(page, '合肥天成医药有限公司').locator('[data-col="owner"]')).toHaveText('李四');
    await snap(page, 'list-05-after-assign');

    // Overdue first contacts: nothing yet (assigned today), and the note explains the rule.
    await quickView(page, '首次联系超期');
    await expect(page.getByText('还没有任何联系记录', { exact: false }).first()).toBeVisible();
    await expect(page.getByText('没有超期的客户')).toBeVisible();
  });

  test('a salesperson sees only their own and pool customers, and claims one from the pool', async ({ page, bridge }) => {
    await setUpOffice(page, bridge);
    await openListAs(page, bridge, 'lisi');

    await expect(total(page)).toHaveText('共 4 个客户');
    await expect(row(page, '苏州恒达物流有限公司')).toHaveCount(0);
    await expect(row(page, '南京瑞丰食品有限公司')).toHaveCount(0);
    // No manager-only actions or views for sales.
    await expect(page.getByRole('button', { name: '分配', exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '离职交接' })).toHaveCount(0);
    await expect(page.getByTestId('quick-views').getByText('首次联系超期')).toHaveCount(0);
    await snap(page, 'list-06-sales-all');

    await quickView(page, '公海');
    await expect(total(page)).toHaveText('共 2 个客户');
    await row(page, '温州远航建材有限公司').getByRole('checkbox').check();
    await page.getByRole('button', { name: '认领' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '认领' }).click();
    await expect(page.getByText('认领：已处理 1 个')).toBeVisible();
    await expect(total(page)).toHaveText('共 1 个客户');

    await quickView(page, '我的客户');
    await expect(total(page)).toHaveText('共 3 个客户');
    await expect(row(page, '温州远航建材有限公司').locator('[data-col="owner"]')).toHaveText('李四');
    await snap(page, 'list-07-sales-after-claim');
  });

  test('a salesperson exports the list they see to an xlsx, and only their own and pool customers are in it', async ({ page, bridge }) => {
    const office = await setUpOffice(page, bridge);
    await openListAs(page, bridge, 'lisi');
    await expect(total(page)).toHaveText('共 4 个客户');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    await page.getByRole('menuitem', { name: '导出客户' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^客户-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const saved = resolve('test-output/downloads', `list-export-${download.suggestedFilename()}`);
    await download.saveAs(saved);
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.read(readFileSync(saved));
    const sheetRows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    expect(sheetRows[0]![0]).toBe('企业名称');
    expect(sheetRows.slice(1).map((r) => r[0]).sort()).toEqual(
      ['杭州东方机械有限公司', '宁波海纳电子有限公司', '温州远航建材有限公司', '合肥天成医药有限公司'].sort(),
    );
    await expect(page.getByText(/已导出 4 个客户/)).toBeVisible();
    await snap(page, 'list-13-exported');

    // The contacts of the same customers, with the company first.
    const customerId = office.customers['杭州东方机械有限公司']!;
    await api(page, 'contacts.create', { customerId, fields: { name: '周采购', title: '采购经理', mobile: '13905710001' } });
    const contactsDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    await page.getByRole('menuitem', { name: '导出联系人' }).click();
    const contactsFile = await contactsDownload;
    expect(contactsFile.suggestedFilename()).toMatch(/^联系人-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const savedContacts = resolve('test-output/downloads', `list-export-${contactsFile.suggestedFilename()}`);
    await contactsFile.saveAs(savedContacts);
    const cwb = XLSX.read(readFileSync(savedContacts));
    const contactRows = XLSX.utils.sheet_to_json<unknown[]>(cwb.Sheets[cwb.SheetNames[0]!]!, { header: 1 });
    expect(cwb.SheetNames[0]).toBe('联系人');
    expect(contactRows[0]!.slice(0, 3)).toEqual(['企业名称', '姓名', '职务']);
    expect(contactRows.slice(1)).toContainEqual(expect.arrayContaining(['杭州东方机械有限公司', '周采购', '采购经理', '139 0571 0001']));
    await expect(page.getByText(/已导出 \d+ 个联系人/)).toBeVisible();
  });

  test('a deleted customer goes to the recycle bin and comes back from it', async ({ page, bridge }) => {
    await setUpOffice(page, bridge);
    await openListAs(page, bridge, 'zhangwei');

    await row(page, '苏州恒达物流有限公司').getByRole('checkbox').check();
    await page.getByRole('button', { name: '删除', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '删除' }).click();
    await expect(page.getByText('删除：已处理 1 个')).toBeVisible();
    await expect(total(page)).toHaveText('共 5 个客户');
    await expect(row(page, '苏州恒达物流有限公司')).toHaveCount(0);

    await page.getByRole('link', { name: '回收站' }).click();
    const binRow = page.getByTestId('recycle-row').filter({ hasText: '苏州恒达物流有限公司' });
    await expect(binRow).toBeVisible();
    await expect(binRow).toContainText('赵六');
    await snap(page, 'list-08-recycle-bin');
    await binRow.getByRole('button', { name: '恢复' }).click();
    await expect(page.getByText('恢复：已处理 1 个')).toBeVisible();
    await expect(page.getByText('回收站是空的')).toBeVisible();

    await page.getByRole('link', { name: '返回客户列表' }).click();
    await expect(total(page)).toHaveText('共 6 个客户');
    await expect(row(page, '苏州恒达物流有限公司').locator('[data-col="owner"]')).toHaveText('赵六');
  });

  test('a manager creates a tag in Settings, tags two customers and filters by the tag', async ({ page, bridge }) => {
    await setUpOffice(page, bridge);
    await openListAs(page, bridge, 'zhangwei');

    await page.getByRole('link', { name: '设置' }).click();
    await page.getByRole('tab', { name: '标签' }).click();
    await page.getByRole('button', { name: '添加标签' }).click();
    await page.getByRole('dialog').getByLabel('名称').fill('重点跟进');
    await page.getByRole('radio', { name: '红', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('tag-row-重点跟进')).toBeVisible();
    await snap(page, 'list-09-tags-panel');

    await page.getByRole('link', { name: '客户' }).click();
    await row(page, '杭州东方机械有限公司').getByRole('checkbox').check();
    await row(page, '合肥天成医药有限公司').getByRole('checkbox').check();
    await page.getByRole('button', { name: '加/去标签' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: '加上这些标签' }).click();
    await page.getByRole('option', { name: '重点跟进' }).click();
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect(page.getByText('加/去标签：已处理 2 个')).toBeVisible();
    await expect(row(page, '杭州东方机械有限公司').locator('[data-col="tags"]')).toHaveText('重点跟进');

    await page.getByRole('combobox', { name: '分组/标签' }).click();
    await page.getByRole('option', { name: '重点跟进' }).click();
    await expect(total(page)).toHaveText('共 2 个客户');
  });

  test('10,000 demo customers scroll in a virtualised table', async ({ page, bridge }) => {
    test.setTimeout(180_000);
    // The demo seeder writes straight into the bridge's (still empty) workspace folder.
    await new Promise<void>((done, fail) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', resolve('src-main/devtools/seedDemo.ts'), '--data-dir', bridge.dataDir, '--customers', '10000'],
        { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TUOKE_PASSWORD: password } },
      );
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`seedDemo exited with ${code}: ${stderr}`))));
    });
    await openListAs(page, bridge, 'chenjing');
    await expect(total(page)).toHaveText('共 10,000 个客户');
    // Only the rows in view are in the DOM.
    expect(await rows(page).count()).toBeLessThan(80);
    await snap(page, 'list-10-demo-10000');

    await page.getByTestId('customer-table').evaluate((el) => (el.scrollTop = 5000 * 34));
    await expect(page.locator('[aria-rowindex="5002"]')).toBeVisible();
    await expect(page.locator('[data-loading]')).toHaveCount(0);
    await expect(page.locator('[aria-rowindex="5002"]')).toHaveAttribute('data-testid', 'customer-row');
    await snap(page, 'list-11-demo-scrolled');

    await quickView(page, '首次联系超期');
    await expect(page.getByTestId('overdue-table')).toBeVisible();
    await snap(page, 'list-12-demo-overdue');
  });
});
