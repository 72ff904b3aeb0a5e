import type { Page } from '@playwright/test';
import { api, quietNotifications, go, logInAs, expect, snap, test, dayFromToday, DAY, type BridgeProcess, type Now } from './bridge';

const company = '杭州星辰贸易有限公司';
const admin = { username: 'wangfang', name: '王芳', password: 'Admin-pass-2026' };
const password = 'Office-pass-2026';
/** A fresh office with salesperson 张三 owning one customer with a contact whose birthday is in 3 days, and an overdue task. */
const setUpOffice = async (page: Page, bridge: BridgeProcess, now: Now): Promise<{ customerId: string }> => {
  await page.goto(bridge.url);
  await api(page, 'setup.create', { companyName: company, adminUsername: admin.username, adminDisplayName: admin.name, password: admin.password, locale: 'zh-CN' });
  await api(page, 'auth.login', { username: admin.username, password: admin.password });
  await api(page, 'users.create', { username: 'zhangsan', displayName: '张三', role: 'sales', password });
  await api(page, 'users.create', { username: 'liujl', displayName: '刘经理', role: 'manager', password });
  await api(page, 'auth.logout', {});
  await api(page, 'auth.login', { username: 'zhangsan', password });
  const c = await api<{ id: string }>(page, 'customers.create', {
    fields: { name: '宁波海曙精工机械有限公司', address: '宁波市海曙区中山西路 88 号' },
    tagIds: [],
    confirmDuplicates: true,
  });
  await api(page, 'contacts.create', {
    customerId: c.id,
    fields: { name: '赵建国', title: '采购经理', mobile: '13800138000', birthday: `1976-${dayFromToday(now, 3).slice(5)}` },
  });
  await api(page, 'activities.createTask', { customerId: c.id, title: '回访上周的报价', dueAt: now() - 2 * DAY });
  await api(page, 'auth.logout', {});
  await page.reload();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  return { customerId: c.id };
};

const logIn = (page: Page, username: string, displayName: string): Promise<void> => logInAs(page, username, password, displayName);

test.describe('contact log, follow-ups and greetings', () => {
  test('log a contact from the card, see it on the timeline, complete a task on the dashboard, see greetings, log a complaint from search', async ({
    page,
    bridge,
    context,
    now,
  }) => {
    await context.grantPermissions(['notifications']);
    const { customerId } = await setUpOffice(page, bridge, now);
    await logIn(page, 'zhangsan', '张三');

    // The dashboard: the overdue task, the first-contact clock has not run out, the birthday in 3 days.
    const tasks = page.getByTestId('dashboard-tasks');
    await expect(tasks.getByText('回访上周的报价')).toBeVisible();
    await expect(tasks.getByTestId('task-overdue')).toHaveText('已逾期 2 天');
    await expect(page.getByTestId('dashboard-first-contacts').getByText('没有逾期未首次联系的客户')).toBeVisible();
    // (Holidays of the coming week, 元旦 or 春节, are listed too, on days of their own.)
    const greetings = page.getByTestId('dashboard-greetings');
    await expect(greetings.getByTestId('greeting-row').filter({ hasText: '赵建国' })).toContainText('3 天后');
    await snap(page, 'activities-dashboard');

    // Log a call from the customer card, with a follow-up date.
    await go(page, `/customers/${customerId}`);
    await page.getByTestId('log-contact').click();
    const dialog = page.getByRole('dialog', { name: /记录联系/ });
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('log-contact-save').click();
    await expect(dialog.getByText('必填')).toBeVisible();
    await dialog.getByTestId('log-contact-type').click();
    await page.getByRole('option', { name: '来电' }).click();
    await dialog.getByTestId('log-contact-person').click();
    await page.getByRole('option', { name: /赵建国/ }).click();
    await dialog.getByTestId('log-contact-summary').fill('客户来电询问 CNC 配件交期，已报价');
    await dialog.getByLabel('结果').fill('有意向');
    await dialog.getByLabel('下一步').fill('寄样品');
    await dialog.getByTestId('log-contact-follow-up').fill(dayFromToday(now, 1));
    await snap(page, 'activities-log-dialog');
    await dialog.getByTestId('log-contact-save').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('联系记录已保存')).toBeVisible();

    // The timeline shows it as a sentence; the contact log and the tasks list it; the header shows the next follow-up.
    await page.getByRole('tab', { name: '动态' }).click();
    const logged = page.getByTestId('event-activity_logged');
    await expect(logged).toContainText('联系记录：来电');
    await expect(logged).toContainText('客户来电询问 CNC 配件交期，已报价');
    await quietNotifications(page);
    await snap(page, 'activities-timeline');
    await page.getByRole('tab', { name: '联系记录 (1)' }).click();
    await expect(page.getByTestId('activity-row')).toContainText('赵建国');
    // Correct the outcome.
    await page.getByTestId('activity-edit').click();
    const edit = page.getByRole('dialog', { name: /修改联系记录/ });
    await expect(edit.getByTestId('log-contact-summary')).toHaveValue('客户来电询问 CNC 配件交期，已报价');
    await edit.getByLabel('结果').fill('有意向，下周下单');
    await edit.getByTestId('log-contact-save').click();
    await expect(edit).toBeHidden();
    await expect(page.getByTestId('activity-row')).toContainText('结果：有意向，下周下单');
    await page.getByRole('tab', { name: /回访任务/ }).click();
    await expect(page.getByTestId('task-row').filter({ hasText: '寄样品' })).toBeVisible();
    await snap(page, 'activities-card-tasks');

    // Complete the overdue task on the dashboard.
    await go(page, '/');
    await expect(tasks.getByText('回访上周的报价')).toBeVisible();
    await tasks.getByTestId('task-row').filter({ hasText: '回访上周的报价' }).getByTestId('task-done').click();
    await expect(page.getByText('任务已完成')).toBeVisible();
    await expect(tasks.getByText('回访上周的报价')).toBeHidden();
    await expect(tasks.getByText('今天没有到期的回访任务')).toBeVisible();
    await quietNotifications(page);
    await snap(page, 'activities-dashboard-done');

    // The greeting list, with the contact's phone and the customer's address.
    await go(page, '/follow-ups?tab=greetings');
    const row = page.getByTestId('greeting-row').filter({ hasText: '赵建国' });
    await expect(row).toContainText('138 0013 8000');
    await expect(row).toContainText('宁波市海曙区中山西路 88 号');
    await expect(row).toContainText('生日');
    await snap(page, 'activities-greetings');
    // The export has every row listed: the birthday, and any holiday of the coming week.
    const listed = await page.getByTestId('greeting-row').count();
    const download = page.waitForEvent('download');
    await page.getByTestId('greetings-export').click();
    expect((await download).suggestedFilename()).toBe(`关怀提醒-${dayFromToday(now, 0)}.xlsx`);
    await expect(page.getByText(`已导出 ${listed} 行`)).toBeVisible();

    // Reminders: the permission was granted, so the switch says so (no prompt, no crash).
    await page.getByRole('tab', { name: '我的回访任务' }).click();
    await expect(page.getByTestId('notify-on')).toBeVisible();

    // Log a complaint straight from a search hit, then move it to 处理中 on the complaints tab.
    await page.getByTestId('global-search').fill('海曙精工');
    const hit = page.getByTestId('search-hit').first();
    await expect(hit).toContainText('宁波海曙精工机械有限公司');
    await hit.getByTestId('search-log-contact').click();
    const fromSearch = page.getByRole('dialog', { name: /记录联系 — 宁波海曙精工机械有限公司/ });
    await expect(fromSearch).toBeVisible();
    await fromSearch.getByTestId('log-contact-summary').fill('第二批配件包装破损');
    await fromSearch.getByTestId('log-contact-complaint').click();
    await fromSearch.getByTestId('log-contact-severity').click();
    await page.getByRole('option', { name: '较重' }).click();
    await fromSearch.getByTestId('log-contact-save').click();
    await expect(fromSearch).toBeHidden();
    // The card warns of the unresolved complaint.
    await go(page, `/customers/${customerId}`);
    await expect(page.getByTestId('open-complaints')).toContainText('未解决投诉 1 条');
    await quietNotifications(page);
    await snap(page, 'activities-card-complaint');
    await go(page, '/follow-ups');
    await page.getByRole('tab', { name: '投诉' }).click();
    const complaint = page.getByTestId('activity-row').filter({ hasText: '第二批配件包装破损' });
    await expect(complaint.getByTestId('complaint-status')).toHaveText('待处理');
    await complaint.getByTestId('complaint-start').click();
    await expect(complaint.getByTestId('complaint-status')).toHaveText('处理中');
    await complaint.getByTestId('complaint-resolve').click();
    const resolve = page.getByRole('dialog', { name: '解决投诉' });
    await resolve.getByLabel('处理结果').fill('补发 20 件并承担运费');
    await resolve.getByRole('button', { name: '保存' }).click();
    await expect(complaint.getByTestId('complaint-status')).toHaveText('已解决');
    await expect(complaint).toContainText('处理结果：补发 20 件并承担运费');
    await quietNotifications(page);
    await snap(page, 'activities-complaints');

    // Every contact in one list, filtered by kind.
    await page.getByRole('tab', { name: '联系记录' }).click();
    await expect(page.getByTestId('activity-row')).toHaveCount(2);
    await page.getByTestId('log-filter-type').click();
    await page.getByRole('option', { name: '来电' }).click();
    await expect(page.getByTestId('activity-row')).toHaveCount(1);
    await expect(page.getByTestId('activity-row')).toContainText('客户来电询问 CNC 配件交期');
    await snap(page, 'activities-contact-log');

    // The same in English: the timeline's sentences and the contact log.
    await page.getByText('English', { exact: true }).click();
    await go(page, `/customers/${customerId}?tab=timeline`);
    await expect(page.getByTestId('event-activity_logged').first()).toContainText('Complaint: Outgoing call');
    await expect(page.getByTestId('event-activity_logged').last()).toContainText('Contact: Incoming call');
    await expect(page.getByTestId('event-complaint_status').last()).toContainText('Complaint: Open → Handling');
    await expect(page.getByTestId('event-complaint_status').first()).toContainText('Complaint: Handling → Resolved');
    await snap(page, 'activities-timeline-en');
  });
});

test.describe('desktop reminders', () => {
  test('a task that falls due while the app is open shows one desktop notification; clicking it opens the customer', async ({ page, bridge, context, now }) => {
    await context.grantPermissions(['notifications']);
    // Record notifications instead of showing them (the page's Notification API, as Electron provides it).
    await page.addInitScript(() => {
      const shown: { title: string; body: string; click: () => void }[] = [];
      (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
      class Recorder {
        static permission = 'granted';
        static requestPermission = () => Promise.resolve('granted');
        onclick: (() => void) | null = null;
        constructor(title: string, options: { body: string }) {
          shown.push({ title, body: options.body, click: () => this.onclick?.() });
        }
      }
      (window as unknown as { Notification: unknown }).Notification = Recorder;
    });
    // The page's clock is already Playwright's (the fixture installed it at the test's instant): fastForward moves it.
    const { customerId } = await setUpOffice(page, bridge, now);
    await api(page, 'auth.login', { username: 'zhangsan', password });
    await api(page, 'activities.createTask', { customerId, title: '下午三点给赵经理回电话', dueAt: now() + 60_000 });
    await api(page, 'auth.logout', {});
    await page.reload();
    await logIn(page, 'zhangsan', '张三');
    const shown = () => page.evaluate(() => (window as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications.map((n) => `${n.title}|${n.body}`));
    // Before it is due: nothing (the task overdue since setup is on the dashboard, not notified).
    await page.clock.fastForward(35_000);
    expect(await shown()).toEqual([]);
    // It falls due: one notification, not repeated on the next polls.
    await page.clock.fastForward(60_000);
    await expect.poll(shown).toEqual(['回访任务到期|宁波海曙精工机械有限公司：下午三点给赵经理回电话']);
    await page.clock.fastForward(60_000);
    expect(await shown()).toHaveLength(1);
    await page.evaluate(() => (window as unknown as { shownNotifications: { click: () => void }[] }).shownNotifications[0]!.click());
    await expect(page).toHaveURL(new RegExp(`/customers/${customerId}\\?tab=tasks`));
    await expect(page.getByTestId('task-row').filter({ hasText: '下午三点给赵经理回电话' })).toBeVisible();
  });
});

test.describe('the customer timeline', () => {
  test('tells the story of visits, orders, payments and surveys in sentences', async ({ page, bridge, now }) => {
    const { customerId } = await setUpOffice(page, bridge, now);
    // Logging in ends the page's previous session.
    const as = (username: string) => api(page, 'auth.login', { username, password });
    await as('zhangsan');
    const visit = await api<{ id: string }>(page, 'visits.create', {
      fields: { customerId, plannedAt: now() + DAY, purpose: '介绍新一代数控刀具' },
      submit: true,
    });
    await as('liujl');
    await api(page, 'visits.approve', { id: visit.id, comment: '带上样品' });
    await as('zhangsan');
    await api(page, 'visits.recordResult', { id: visit.id, doneAt: now(), summary: '见到采购经理，同意试用' });
    const order = await api<{ id: string }>(page, 'orders.create', {
      customerId,
      orderDate: dayFromToday(now, 0),
      dueDate: dayFromToday(now, 30),
      contractNo: 'HT-2026-001',
      lines: [{ product: '数控刀具', quantity: 10, unitPrice: 120_000 }],
    });
    await api(page, 'orders.addPayment', { orderId: order.id, paidOn: dayFromToday(now, 0), amount: 500_000 });
    await api(page, 'activities.createSurvey', { customerId, surveyedAt: now(), quality: 5, delivery: 4, service: 5, brand: 4 });
    await api(page, 'auth.logout', {});
    await page.reload();
    await logIn(page, 'zhangsan', '张三');
    await go(page, `/customers/${customerId}?tab=timeline`);
    const timeline = page.getByTestId('timeline');
    await expect(timeline.getByTestId('event-visit_planned')).toContainText('计划拜访');
    await expect(timeline.getByTestId('event-visit_approved')).toContainText('拜访计划已批准');
    await expect(timeline.getByTestId('event-visit_approved')).toContainText('意见：带上样品');
    await expect(timeline.getByTestId('event-visit_done')).toContainText('完成第 1 次拜访');
    await expect(timeline.getByTestId('event-activity_logged')).toContainText('联系记录：拜访');
    await expect(timeline.getByTestId('event-order_added')).toContainText('新增订单 HT-2026-001');
    await expect(timeline.getByTestId('event-order_added')).toContainText('金额：¥12,000.00');
    await expect(timeline.getByTestId('event-payment_received')).toContainText('收到回款 ¥5,000.00');
    await expect(timeline.getByTestId('event-survey_recorded')).toContainText('满意度调查：平均 4.5 分');
    await snap(page, 'activities-timeline-kinds');

    // The survey tab: the scores and the satisfaction rate (share of 4–5 scores).
    await page.getByRole('tab', { name: '满意度 (1)' }).click();
    await expect(page.getByTestId('survey-rate')).toContainText('满意率 100%');
    await expect(page.getByTestId('survey-table')).toContainText('4.5');
    // Record a second survey through the form: a missing score is refused, then saved.
    await page.getByTestId('survey-new').click();
    const survey = page.getByRole('dialog', { name: /满意度调查/ });
    // Mantine's Rating keeps its radios visually hidden under the stars: click the star's label.
    const rate = async (d: string, v: number) => {
      const id = await survey.getByTestId(`survey-${d}`).getByRole('radio', { name: String(v), exact: true }).getAttribute('id');
      await survey.locator(`label[for="${id}"]`).click();
    };
    await rate('quality', 4);
    await rate('delivery', 2);
    await rate('service', 3);
    await survey.getByTestId('survey-save').click();
    await expect(survey.getByText('格式不对')).toBeVisible();
    await rate('brand', 3);
    await survey.getByLabel('意见和建议').fill('交货太慢');
    await survey.getByTestId('survey-save').click();
    await expect(survey).toBeHidden();
    await expect(page.getByRole('tab', { name: '满意度 (2)' })).toBeVisible();
    // 5 of the 8 scores are 4 or 5 (5, 4, 5, 4 and 4, 2, 3, 3).
    await expect(page.getByTestId('survey-rate')).toContainText('满意率 63%');
    await quietNotifications(page);
    await snap(page, 'activities-surveys');

    // A manager sets how far ahead the greeting list looks; the list follows.
    await page.getByRole('button', { name: '退出登录' }).click();
    await logIn(page, 'liujl', '刘经理');
    await go(page, '/settings/greetings');
    const days = page.getByTestId('greeting-days-setting');
    await expect(days).toHaveValue('7');
    // Out of range is pulled back into 1–60 by the field itself (the main process also refuses it).
    await days.fill('0');
    await days.blur();
    await expect(days).toHaveValue('1');
    await days.fill('14');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('设置已保存')).toBeVisible();
    await snap(page, 'activities-greeting-settings');
    await go(page, '/follow-ups?tab=greetings');
    await expect(page.getByText(/今后 14 天/)).toBeVisible();
  });
});
