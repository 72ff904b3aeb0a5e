import type { Page } from '@playwright/test';
import { api, dayFromToday, expect, go, logInAs, pinnedContext, snap, test, type BridgeProcess } from './bridge';

/**
 * Change notices: what another session writes shows on a page that is already open, without a
 * reload. Window A is 张三's; the writes come from a second browser context (another session of
 * the same bridge), the manager 刘经理's, through the same channels the app uses.
 */

const password = 'Office-pass-2026';

/** The office, set up through the channels: the administrator, then 张三 (sales) and 刘经理 (manager); logged out again. */
const setUpOffice = async (page: Page, bridge: BridgeProcess): Promise<void> => {
  await page.goto(bridge.url);
  const admin = { adminUsername: 'wangfang', adminDisplayName: '王芳', password: 'Admin-pass-2026' };
  await api(page, 'setup.create', { companyName: '杭州星辰贸易有限公司', ...admin, locale: 'zh-CN' });
  await api(page, 'auth.login', { username: admin.adminUsername, password: admin.password });
  for (const [username, displayName, role] of [['zhangsan', '张三', 'sales'], ['liujl', '刘经理', 'manager']] as const)
    await api(page, 'users.create', { username, displayName, role, password });
  await api(page, 'auth.logout', {});
  await page.reload();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
};

test('the orders list and a customer card show what another session writes, without a reload', async ({ page, bridge, now, browser }) => {
  await setUpOffice(page, bridge);
  await logInAs(page, 'zhangsan', password, '张三');
  const customer = await api<{ id: string }>(page, 'customers.create', { fields: { name: '宁波海曙精密机械有限公司' }, tagIds: [], confirmDuplicates: true });

  // Window A: 张三's orders list, empty for now. A mark on the document tells later that it was never reloaded.
  await go(page, '/orders');
  await expect(page.getByTestId('orders-totals')).toHaveText('共 0 笔，合计 ¥0.00，已收 ¥0.00');
  await page.evaluate(() => ((window as unknown as { liveMark: string }).liveMark = 'same document'));

  // Window B: the manager, in a browser context of their own.
  const other = await pinnedContext(browser, now);
  const b = await other.newPage();
  await b.goto(bridge.url);
  await logInAs(b, 'liujl', password, '刘经理');
  const order = await api<{ id: string }>(b, 'orders.create', {
    customerId: customer.id,
    orderDate: dayFromToday(now, 0),
    dueDate: dayFromToday(now, 30),
    contractNo: 'HT2026-LIVE-01',
    lines: [{ product: '304 不锈钢球阀 DN50', quantity: 20, unitPrice: 21_550 }],
  });

  // A's list shows it.
  await expect(page.getByText('HT2026-LIVE-01')).toBeVisible();
  await expect(page.getByTestId('orders-totals')).toHaveText('共 1 笔，合计 ¥4,310.00，已收 ¥0.00');

  // A payment in B: A's totals follow.
  await api(b, 'orders.addPayment', { orderId: order.id, paidOn: dayFromToday(now, 0), amount: 100_000 });
  await expect(page.getByTestId('orders-totals')).toHaveText('共 1 笔，合计 ¥4,310.00，已收 ¥1,000.00');
  await snap(page, 'live-refresh-orders');

  // A opens the customer's card (in the app, no page load); B renames the customer and logs a call.
  await go(page, `/customers/${customer.id}`);
  await expect(page.getByTestId('customer-name')).toHaveText('宁波海曙精密机械有限公司');
  await expect(page.getByTestId('summary-receivable')).toHaveText('¥3,310.00');
  await api(b, 'customers.update', { id: customer.id, fields: { name: '宁波海曙精密机械股份有限公司' } });
  await expect(page.getByTestId('customer-name')).toHaveText('宁波海曙精密机械股份有限公司');
  await api(b, 'activities.create', { customerId: customer.id, type: 'call_out', occurredAt: now() - 60_000, summary: '电话确认交货时间：下周二上午送到' });
  await expect(page.getByRole('tab', { name: '联系记录 (1)' })).toBeVisible();
  await page.getByRole('tab', { name: '联系记录 (1)' }).click();
  await expect(page.getByText('电话确认交货时间：下周二上午送到')).toBeVisible();
  // B's further payment: the card's strip follows while A reads the contact log.
  await api(b, 'orders.addPayment', { orderId: order.id, paidOn: dayFromToday(now, 0), amount: 331_000 });
  await expect(page.getByTestId('summary-receivable')).toHaveText('¥0.00');
  await snap(page, 'live-refresh-card');

  expect(await page.evaluate(() => (window as unknown as { liveMark?: string }).liveMark)).toBe('same document');
  await other.close();
});
