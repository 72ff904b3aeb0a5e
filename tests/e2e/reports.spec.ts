import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { E2E_TZ, expect, snap, test, type BridgeProcess, type Now } from './bridge';

const password = 'Demo-pass-2026';
const outputDir = resolve('test-output');
mkdirSync(resolve(outputDir, 'downloads'), { recursive: true });

/**
 * Demo data (customers, contacts, contact log, visits, orders, weekly reports) written straight into the bridge's
 * workspace, dated around the test's today (the demo seeder with the test's clock).
 */
const seedDemo = (bridge: BridgeProcess, now: Now, customers: number) =>
  new Promise<void>((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', resolve('tests/e2e/seed-pinned.ts'), '--data-dir', bridge.dataDir, '--customers', String(customers)],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TUOKE_PASSWORD: password, TZ: E2E_TZ, TUOKE_TEST_NOW: new Date(now()).toISOString() } },
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`seedDemo exited with ${code}: ${stderr}`))));
  });

const login = async (page: Page, bridge: BridgeProcess, username: string) => {
  await page.goto(bridge.url);
  await page.getByLabel('用户名').fill(username);
  await page.getByRole('textbox', { name: '密码', exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('link', { name: '报表' }).click();
  await expect(page.getByTestId('reports-page')).toBeVisible();
};

const openTab = async (page: Page, kind: string) => {
  await page.getByTestId(`report-tab-${kind}`).click();
  await expect(page.getByText('正在计算…')).toHaveCount(0);
};

/** Charts are SVG drawn by recharts: each chart box holds one with drawn shapes. */
const expectChart = async (page: Page, testId: string) => {
  const svg = page.getByTestId(testId).locator('svg.recharts-surface').first();
  await expect(svg).toBeVisible();
};

/** pdftotext lays CJK text out with spaces of its own: compare without whitespace. */
const flat = (s: string): string => s.replace(/\s+/g, '');

/**
 * The report page printed on A4 (what window.print() gives), with its pages as PNG for people to look at:
 * the text of the whole document, checked to carry the forms' page frame on every page (the company,
 * the report's title and "第 N 页 / 共 M 页").
 */
const printPdf = async (page: Page, name: string, title?: string): Promise<string> => {
  const file = resolve(outputDir, `${name}.pdf`);
  await page.pdf({ path: file, format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '18mm', left: '15mm', right: '15mm' } });
  expect(statSync(file).size).toBeGreaterThan(5_000);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, resolve(outputDir, name)]);
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]);
  const pages = Array.from({ length: count }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-']).toString());
  pages.forEach((p, i) => {
    expect(flat(p), `${name} page ${i + 1}`).toContain(`第${i + 1}页/共${count}页`);
    expect(flat(p), `${name} page ${i + 1}`).toContain(flat(company));
    if (title) expect(flat(p), `${name} page ${i + 1}`).toContain(flat(title));
  });
  return pages.join('\n\f\n');
};

/** The demo office's name (seed-pinned.ts). */
const company = '演示贸易有限公司';

test.describe('reports', () => {
  test('a manager opens every report on demo data, filters, exports and prints', async ({ page, bridge, now }) => {
    test.setTimeout(240_000);
    await seedDemo(bridge, now, 1500);
    await login(page, bridge, 'chenjing');

    // 销售日报 opens first, for the team.
    await expect(page.getByTestId('report-title')).toContainText('销售日报（全体（团队））');
    await expectChart(page, 'chart-sales-report');
    await snap(page, 'reports-01-sales-daily-team');

    // The team's weekly report on paper: the frame on every page, and the signature lines with the end of the last table.
    await page.getByTestId('period-picker').getByText('周', { exact: true }).click();
    await expect(page.getByTestId('report-title')).toContainText('销售周报（全体（团队））');
    await expect(page.getByText('正在计算…')).toHaveCount(0);
    const weekly = (await printPdf(page, 'report-sales-weekly-team', '销售周报')).split('\n\f\n');
    const signedAt = weekly.findIndex((p) => flat(p).includes('业务员签字'));
    expect(signedAt, 'the signature lines are printed').toBeGreaterThanOrEqual(0);
    // Not alone: rows of the last table (customers' names) print on the same page.
    expect(flat(weekly[signedAt]!).split('有限公司').length - 1, 'customers on the signature page').toBeGreaterThanOrEqual(3);
    await page.getByTestId('period-picker').getByText('日', { exact: true }).click();

    // The year of the ABC analysis: the Pareto curve and the grades.
    await openTab(page, 'abc');
    await page.getByTestId('period-picker').getByText('年', { exact: true }).click();
    await expect(page.getByTestId('period-range')).toHaveText(/^\d{4}-01-01 至 \d{4}-12-31$/);
    await expectChart(page, 'chart-pareto');
    await expectChart(page, 'chart-grades');
    const before = await page.getByTestId('report-summary').textContent();
    await expect(page.getByTestId('report-table-customers').locator('tbody tr').first()).toBeVisible();
    await snap(page, 'reports-02-abc-year');

    // A filter changes the figures: only customers from trade shows.
    await page.getByTestId('filter-source').click();
    await page.getByRole('option', { name: '展会', exact: true }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('report-summary')).not.toHaveText(before ?? '');
    await snap(page, 'reports-03-abc-trade-show');

    // Export: the downloaded workbook reads back with the report's sheets.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^ABC 分析-\d{4}-01-01_\d{4}-12-31\.xlsx$/);
    const saved = resolve(outputDir, 'downloads', `report-${download.suggestedFilename()}`);
    await download.saveAs(saved);
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.read(readFileSync(saved));
    expect(wb.SheetNames.slice(0, 3)).toEqual(['说明', 'ABC 等级分布', '客户销售排名（前 100）']);
    const info = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['说明']!, { header: 1 });
    expect(info[3]).toEqual(['筛选', '客户来源：展会']);
    const grades = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['ABC 等级分布']!, { header: 1 });
    expect(grades[0]).toEqual(['等级', '客户数', '销售额', '占比']);
    expect(grades.slice(1).map((r) => r[0])).toEqual(['A', 'B', 'C']);
    expect(typeof grades[1]![2]).toBe('number');

    // Print: the report page on A4, with the title, company and filter, without the navigation.
    const text = await printPdf(page, 'report-abc', 'ABC 分析');
    expect(text).toContain('ABC 分析');
    expect(text).toContain('演示贸易有限公司');
    // A manager signs the printed report.
    expect(flat(text)).toContain('审核人（经理签字）');
    expect(text).toContain('客户来源：展会');
    expect(text).not.toContain('导出 Excel');
    expect(text).not.toContain('导入导出');

    for (const [kind, chart] of [
      ['top', 'chart-top-customers'],
      ['comparison', 'chart-comparison-sales'],
      ['statistics', 'chart-statistics'],
      ['churn', 'chart-churn-month'],
      ['funnel', 'chart-funnel'],
      ['receivables', 'chart-ageing'],
      ['service', 'chart-complaints'],
    ] as const) {
      await openTab(page, kind);
      await expect(page.getByTestId('report-printable')).toBeVisible();
      await expect(page.getByTestId(chart)).toBeVisible();
      if (kind !== 'funnel') await expectChart(page, chart);
      await snap(page, `reports-04-${kind}`);
    }

    // Statistics by two dimensions: owner × grade as stacked bars.
    await openTab(page, 'statistics');
    await page.getByTestId('stat-dim2').click();
    await page.getByRole('option', { name: '客户等级' }).click();
    await expect(page.getByTestId('report-table-statistics').locator('thead th').nth(1)).toHaveText('客户等级');
    await expectChart(page, 'chart-statistics');
    await snap(page, 'reports-05-statistics-two-dims');
    const statsText = await printPdf(page, 'report-statistics', '客户统计');
    expect(statsText).toContain('客户统计');

    // 同比/环比 shows "—" rather than Infinity where last period had nothing.
    await openTab(page, 'comparison');
    await expect(page.getByTestId('report-table-comparison')).not.toContainText('Infinity');
    await printPdf(page, 'report-comparison', '同比环比');
  });

  test('a salesperson sees only their own figures, writes the weekly report, and it prints', async ({ page, bridge, now }) => {
    test.setTimeout(180_000);
    await seedDemo(bridge, now, 600);
    await login(page, bridge, 'zhangwei');
    await expect(page.getByTestId('report-title')).toContainText('销售日报（张伟）');
    // No person picker and no owner filter for a salesperson.
    await expect(page.getByTestId('sales-report-person')).toHaveCount(0);
    await page.getByTestId('period-picker').getByText('周', { exact: true }).click();
    await expect(page.getByTestId('report-title')).toContainText('销售周报（张伟）');
    await page.getByTestId('report-summary-text').fill('本周拜访了两家重点客户，确认了下季度需求。');
    await page.getByTestId('report-plan-text').fill('下周完成报价并约见决策人。');
    await page.getByRole('button', { name: '保存' }).click();
    // Saved: the report shows when (the saved text is what the server returned).
    await expect(page.getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} 保存$/)).toBeVisible();
    await expect(page.getByTestId('sales-report-history')).toContainText('本周拜访了两家重点客户');
    await snap(page, 'reports-06-sales-weekly-own');
    const text = await printPdf(page, 'report-sales-weekly', '销售周报');
    expect(text).toContain('销售周报');
    expect(text).toContain('本周拜访了两家重点客户');
    // The signature lines print with the report's last table, never alone on a page.
    const pages = text.split('\n\f\n');
    const signed = pages.findIndex((p) => flat(p).includes('业务员签字'));
    expect(signed, 'the signature lines are printed').toBeGreaterThanOrEqual(0);
    expect(flat(pages[signed]!)).toContain('经理签字');
    expect(flat(pages[signed]!)).toContain('本期联系记录');

    await openTab(page, 'abc');
    await expect(page.getByTestId('filter-owner')).toHaveCount(0);
    await expectChart(page, 'chart-pareto');
    await snap(page, 'reports-07-abc-sales-own');
  });
});
