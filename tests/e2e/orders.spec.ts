import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { api, quietNotifications, go, logInAs, expect, snap, test, dayFromToday, type BridgeProcess } from './bridge';

const admin = { username: 'wangfang', name: '王芳', password: 'Admin-pass-2026' };
const password = 'Office-pass-2026';

const setUpOffice = async (page: Page, bridge: BridgeProcess): Promise<void> => {
  await page.goto(bridge.url);
  await api(page, 'setup.create', {
    companyName: '杭州星辰贸易有限公司',
    adminUsername: admin.username,
    adminDisplayName: admin.name,
    password: admin.password,
    locale: 'zh-CN',
  });
  await api(page, 'auth.login', { username: admin.username, password: admin.password });
  await api(page, 'users.create', { username: 'zhangsan', displayName: '张三', role: 'sales', password });
  await api(page, 'users.create', { username: 'liujl', displayName: '刘经理', role: 'manager', password });
  await api(page, 'auth.logout', {});
  await page.reload();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
};

const logIn = (page: Page, username: string, displayName: string): Promise<void> => logInAs(page, username, password, displayName);

test('a salesperson records an order with two lines and a payment on the card, sees totals, receivables and the list, and exports it', async ({ page, bridge, now }) => {
  await setUpOffice(page, bridge);
  await logIn(page, 'zhangsan', '张三');
  const customer = await api<{ id: string }>(page, 'customers.create', { fields: { name: '宁波海曙精密机械有限公司' }, tagIds: [], confirmDuplicates: true });
  // An older order, overdue for 40 days, so the receivables show an ageing bucket besides 未到期.
  await api(page, 'orders.create', {
    customerId: customer.id,
    orderDate: dayFromToday(now, -70),
    dueDate: dayFromToday(now, -40),
    contractNo: 'HT2026-0088',
    lines: [{ product: '工业齿轮油 L-CKC220 18L', quantity: 12, unitPrice: 45_000 }],
  });

  await go(page, `/customers/${customer.id}`);
  await page.getByRole('tab', { name: '成交 (1)' }).click();
  await page.getByTestId('card-add-order').click();
  const dialog = page.getByRole('dialog', { name: '新增成交记录' });
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('order-contract').fill('HT2026-0101');
  await dialog.getByTestId('line-product').first().fill('304 不锈钢球阀 DN50');
  await dialog.getByTestId('line-quantity').first().fill('20');
  await dialog.getByTestId('line-price').first().fill('215.5');
  await dialog.getByTestId('add-line').click();
  await dialog.getByTestId('line-product').nth(1).fill('安装调试服务（次）');
  await dialog.getByTestId('line-quantity').nth(1).fill('1');
  await dialog.getByTestId('line-price').nth(1).fill('3000');
  await expect(dialog.getByTestId('order-total')).toHaveText('合计：¥7,310.00');
  await snap(page, 'orders-form');
  await dialog.getByTestId('order-save').click();
  await expect(dialog).toBeHidden();

  // The strip under the header and the tab follow at once.
  await expect(page.getByRole('tab', { name: '成交 (2)' })).toBeVisible();
  await expect(page.getByTestId('summary-total')).toHaveText('¥12,710.00');
  await expect(page.getByTestId('summary-count')).toHaveText('2');
  await expect(page.getByTestId('summary-receivable')).toHaveText('¥12,710.00');
  await expect(page.getByTestId('summary-overdue')).toHaveText('其中逾期 ¥5,400.00');
  await expect(page.getByTestId('summary-grade')).toHaveText('A');

  // Open the new order and record a payment of ¥3,000.
  await page.getByTestId('order-row').filter({ hasText: 'HT2026-0101' }).click();
  const detail = page.getByTestId('order-detail');
  await expect(detail.getByTestId('detail-amount')).toHaveText('¥7,310.00');
  await detail.getByTestId('add-payment').click();
  await detail.getByTestId('payment-amount').fill('3000');
  await detail.getByTestId('payment-save').click();
  await expect(detail.getByTestId('detail-received')).toHaveText('¥3,000.00');
  await expect(detail.getByTestId('detail-outstanding')).toHaveText('¥4,310.00');
  await expect(detail.getByTestId('payments-table')).toContainText('¥3,000.00');
  await snap(page, 'orders-detail');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('summary-receivable')).toHaveText('¥9,710.00');
  await quietNotifications(page);
  await snap(page, 'orders-card');

  // The order list: both orders with their sums; export to Excel.
  await go(page, '/orders');
  await expect(page.getByRole('heading', { name: '成交记录' })).toBeVisible();
  await expect(page.getByTestId('order-row')).toHaveCount(2);
  await expect(page.getByTestId('orders-totals')).toHaveText('共 2 笔，合计 ¥12,710.00，已收 ¥3,000.00');
  await snap(page, 'orders-list');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('orders-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^成交记录-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const saved = resolve('test-output/downloads', `orders-${download.suggestedFilename()}`);
  await download.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const sheet = wb.getWorksheet('订单')!;
  expect(sheet.getRow(1).getCell(1).value).toBe('成交日期');
  expect(sheet.getRow(2).getCell(2).value).toBe('HT2026-0101');
  expect(sheet.getRow(2).getCell(5).value).toBe(7310);
  expect(sheet.getRow(2).getCell(6).value).toBe(3000);
  expect(wb.getWorksheet('明细')!.rowCount).toBe(4);

  // Receivables with ageing: ¥4,310 not yet due, ¥5,400 31–60 days overdue.
  await go(page, '/receivables');
  await expect(page.getByRole('heading', { name: '应收账款' })).toBeVisible();
  await expect(page.getByTestId('bucket-amount-not_due')).toHaveText('¥4,310.00');
  await expect(page.getByTestId('bucket-amount-d31_60')).toHaveText('¥5,400.00');
  await expect(page.getByTestId('bucket-amount-all')).toHaveText('¥9,710.00');
  await expect(page.getByTestId('receivable-row').first()).toContainText('逾期 40 天');
  await page.getByTestId('bucket-d31_60').click();
  await expect(page.getByTestId('receivable-row')).toHaveCount(1);
  await snap(page, 'orders-receivables');

  // 首页: the receivables card with the overdue part.
  await go(page, '/');
  await expect(page.getByTestId('receivables-card')).toContainText('已逾期 ¥5,400.00');
  await snap(page, 'orders-dashboard');
});

test('a manager sees the rules in 设置 and a salesperson cannot record orders for someone else’s customer', async ({ page, bridge, now }) => {
  await setUpOffice(page, bridge);
  await logIn(page, 'liujl', '刘经理');
  const other = await api<{ id: string }>(page, 'customers.create', { fields: { name: '温州鹿城鞋业有限公司' }, tagIds: [], confirmDuplicates: true });
  await go(page, '/settings');
  await page.getByRole('tab', { name: '成交与等级' }).click();
  await expect(page.getByTestId('rule-abcAPercent')).toHaveValue('80%');
  await expect(page.getByTestId('rule-repeatMinOrders')).toHaveValue('2');
  await snap(page, 'orders-settings');
  await api(page, 'auth.logout', {});
  await page.reload();
  await logIn(page, 'zhangsan', '张三');
  const refused = await page.evaluate(
    async ([id, d]) =>
      (window as unknown as { api: { invoke(c: string, i: unknown): Promise<{ ok: boolean; error?: { code: string } }> } }).api.invoke('orders.create', {
        customerId: id,
        orderDate: d,
        dueDate: d,
        lines: [{ product: '样品', quantity: 1, unitPrice: 100 }],
      }),
    [other.id, dayFromToday(now, 0)] as const,
  );
  expect(refused.ok ? '' : refused.error?.code).toBe('FORBIDDEN');
});
