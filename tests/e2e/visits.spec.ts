import type { Page } from '@playwright/test';
import { localDate } from '../../src-shared/dates';
import { api, quietNotifications, go, logInAs, expect, snap, test, dayFromToday, DAY, type BridgeProcess, type Now } from './bridge';

const company = '杭州星辰贸易有限公司';
const admin = { username: 'wangfang', name: '王芳', password: 'Admin-pass-2026' };
const password = 'Office-pass-2026';
const people = [
  { username: 'zhangsan', displayName: '张三', role: 'sales' },
  { username: 'liujl', displayName: '刘经理', role: 'manager' },
] as const;
const customerName = '宁波东海机械制造有限公司';

/** A fresh office (admin, a salesperson, a manager) and 张三's customer with two contacts, one the decision-maker; ends on the login page. */
const setUpOffice = async (page: Page, bridge: BridgeProcess): Promise<string> => {
  await page.goto(bridge.url);
  await api(page, 'setup.create', { companyName: company, adminUsername: admin.username, adminDisplayName: admin.name, password: admin.password, locale: 'zh-CN' });
  await api(page, 'auth.login', { username: admin.username, password: admin.password });
  for (const p of people) await api(page, 'users.create', { ...p, password });
  await api(page, 'auth.logout', {});
  await api(page, 'auth.login', { username: 'zhangsan', password });
  const customer = await api<{ id: string }>(page, 'customers.create', { fields: { name: customerName }, tagIds: [], confirmDuplicates: true });
  await api(page, 'contacts.create', { customerId: customer.id, fields: { name: '周建国', title: '总经理', isDecisionMaker: true, mobile: '13905741234' } });
  await api(page, 'contacts.create', { customerId: customer.id, fields: { name: '孙丽', title: '采购主管' } });
  await api(page, 'auth.logout', {});
  await page.reload();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  return customer.id;
};

const logIn = (page: Page, username: string, displayName: string): Promise<void> => logInAs(page, username, password, displayName);

/** The Monday (weeks start on Monday) of the week of a local date. */
const mondayOf = (date: string): string => {
  const d = new Date(`${date}T12:00`);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return localDate(d);
};

/** On the week view, moves to next week when tomorrow is in it (today is a Sunday). */
const showTomorrowsWeek = async (page: Page, now: Now, nextWeek: string): Promise<void> => {
  const tomorrow = dayFromToday(now, 1);
  if (mondayOf(tomorrow) !== mondayOf(dayFromToday(now, 0))) await page.getByRole('button', { name: nextWeek }).click();
  await expect(page.getByTestId('week-range')).toContainText(mondayOf(tomorrow));
};

const switchUser = async (page: Page, username: string, displayName: string): Promise<void> => {
  await api(page, 'auth.logout', {});
  await page.goto(page.url().split('#')[0]!);
  await page.reload();
  await logIn(page, username, displayName);
};

test.describe('visits and meeting minutes', () => {
  test('plan a visit, approve it, record it, write minutes and take them through review to the customer’s confirmation; the dashboard shows and clears each item', async ({
    page,
    bridge,
    now,
  }) => {
    test.setTimeout(180_000);
    const customerId = await setUpOffice(page, bridge);

    // 张三 plans a visit from the customer card.
    await logIn(page, 'zhangsan', '张三');
    await go(page, `/customers/${customerId}`);
    await expect(page.getByTestId('visit-count')).toHaveText('尚未拜访');
    await page.getByRole('button', { name: '计划拜访' }).first().click();
    await expect(page.getByRole('heading', { name: '计划拜访' })).toBeVisible();
    await expect(page.getByTestId('decision-maker-hint')).toHaveText('拜访对象中没有决策人');
    await page.getByRole('checkbox', { name: /孙丽/ }).check();
    await expect(page.getByTestId('decision-maker-hint')).toHaveText('拜访对象中没有决策人');
    await page.getByRole('checkbox', { name: /周建国/ }).check();
    await expect(page.getByTestId('decision-maker-hint')).toHaveText('拜访对象中有决策人');
    // The form suggests tomorrow 09:30.
    await expect(page.getByLabel('计划时间')).toHaveValue(`${dayFromToday(now, 1)}T09:30`);
    await page.getByLabel('地点').fill('宁波市北仑区新碶街道 88 号');
    await page.getByLabel('拜访目的').fill('介绍新一代数控机床，了解明年设备采购计划');
    await page.getByLabel('预期目标').fill('约定到我司工厂参观');
    await page.getByRole('checkbox', { name: '报价单' }).check();
    await page.getByRole('checkbox', { name: '已预约确认' }).check();
    await page.getByRole('checkbox', { name: '已确认决策人' }).check();
    await snap(page, 'visits-01-plan-form');
    await page.getByRole('button', { name: '保存并提交审批' }).click();
    await expect(page.getByRole('heading', { name: /客户走访单 ZF-\d{4}-0001/ })).toBeVisible();
    await expect(page.getByTestId('visit-status')).toHaveText('待审批');
    // Nobody approves their own plan: a salesperson is offered no approve button at all.
    await expect(page.getByTestId('visit-actions').getByRole('button', { name: '批准' })).toHaveCount(0);

    // The week view shows it (in next week's when today is a Sunday).
    await go(page, '/visits');
    await showTomorrowsWeek(page, now, '下一周');
    await expect(page.getByTestId('week-visit')).toContainText(customerName);
    await quietNotifications(page);
    await snap(page, 'visits-02-week');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    expect((await download).suggestedFilename()).toMatch(/^拜访-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await expect(page.getByText(/已导出 1 行/)).toBeVisible();

    // The manager sees it on the dashboard, opens it and approves it.
    await switchUser(page, 'liujl', '刘经理');
    const approvals = page.getByTestId('dashboard-visit-approvals');
    await expect(approvals).toContainText(customerName);
    await snap(page, 'visits-03-manager-dashboard');
    await approvals.getByText(customerName).click();
    await expect(page.getByTestId('decision-maker-hint')).toHaveText('拜访对象中有决策人');
    await page.getByTestId('visit-actions').getByRole('button', { name: '批准' }).click();
    await page.getByRole('dialog').getByLabel('意见').fill('同意，带上新机型的报价');
    await page.getByRole('dialog').getByRole('button', { name: '批准' }).click();
    await expect(page.getByTestId('visit-status')).toHaveText('已批准');
    await expect(page.getByTestId('flow-steps')).toContainText('同意，带上新机型的报价');
    await quietNotifications(page);
    await snap(page, 'visits-03b-visit-approved');
    await go(page, '/');
    await expect(page.getByRole('heading', { name: /刘经理/ })).toBeVisible();
    await expect(page.getByTestId('dashboard-visit-approvals')).toHaveCount(0);

    // 张三 is notified; opening the notification opens the visit and clears it.
    await switchUser(page, 'zhangsan', '张三');
    const notes = page.getByTestId('dashboard-notifications');
    await expect(notes).toContainText('刘经理 批准了您的拜访计划');
    await expect(notes).toContainText('同意，带上新机型的报价');
    await snap(page, 'visits-04-notification');
    await notes.getByText(/批准了您的拜访计划/).click();
    await expect(page.getByTestId('visit-status')).toHaveText('已批准');

    // Recording the result makes it the customer's first visit.
    await page.getByTestId('visit-actions').getByRole('button', { name: '登记拜访结果' }).click();
    const record = page.getByRole('dialog');
    await record.getByLabel('拜访情况').fill('与周总面谈一小时，介绍了新机型，对方对自动换刀很感兴趣');
    await record.getByLabel('拜访结果').fill('同意下月来工厂参观');
    await record.getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('visit-status')).toHaveText('已完成');
    await expect(page.getByText('第 1 次拜访').first()).toBeVisible();
    await expect(page.getByTestId('visit-result')).toContainText('同意下月来工厂参观');
    await go(page, '/');
    await expect(page.getByRole('heading', { name: /张三/ })).toBeVisible();
    await expect(page.getByTestId('dashboard-notifications')).toHaveCount(0);
    await go(page, `/customers/${customerId}`);
    await expect(page.getByTestId('visit-count')).toHaveText('第 1 次拜访');
    await expect(page.getByTestId('visit-summary')).toContainText('开发目标 5 次');
    await quietNotifications(page);
    await snap(page, 'visits-05-card-strip');

    // Minutes from the visit: prefilled, with an action item; the deadline is 2 working days after the meeting.
    await page.getByRole('tab', { name: '拜访与纪要' }).click();
    await page.getByTestId('card-visits').getByText(/ZF-/).click();
    await page.getByTestId('visit-actions').getByRole('button', { name: '写会谈纪要' }).click();
    await expect(page.getByRole('heading', { name: '写会谈纪要' })).toBeVisible();
    await expect(page.getByLabel('客户方参会人员')).toHaveValue(/周建国（总经理）/);
    await expect(page.getByTestId('minutes-due-hint')).toContainText('应在');
    await page.getByLabel('客户现状').fill('现有 12 台老式机床，计划明年更换一半');
    await page.getByLabel('需求与问题').fill('换刀慢、精度下降');
    await page.getByRole('button', { name: '添加待办' }).click();
    await page.getByRole('textbox', { name: '事项' }).fill('发送新机型报价单');
    await page.getByRole('textbox', { name: '负责人' }).fill('张三');
    await snap(page, 'visits-06-minutes-form');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect(page.getByRole('heading', { name: /会谈纪要 JY-\d{4}-0001/ })).toBeVisible();
    await expect(page.getByTestId('minutes-status')).toHaveText('草稿');

    // The draft is due: on the dashboard until submitted.
    await go(page, '/');
    const due = page.getByTestId('dashboard-minutes-due');
    await expect(due).toContainText(customerName);
    await quietNotifications(page);
    await snap(page, 'visits-07-minutes-due');
    await due.getByText(customerName).click();
    await page.getByTestId('minutes-actions').getByRole('button', { name: '提交审核' }).click();
    await expect(page.getByTestId('minutes-status')).toHaveText('待审核');
    await go(page, '/');
    await expect(page.getByRole('heading', { name: /张三/ })).toBeVisible();
    await expect(page.getByTestId('dashboard-minutes-due')).toHaveCount(0);

    // The manager approves the minutes from the approval page; the action item becomes a task.
    await switchUser(page, 'liujl', '刘经理');
    await go(page, '/approvals');
    await expect(page.getByTestId('minutes-queue')).toContainText(customerName);
    await snap(page, 'visits-07b-approval-page');
    await page.getByTestId('minutes-queue').getByText(customerName).click();
    await page.getByTestId('minutes-actions').getByRole('button', { name: '审核通过' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '审核通过' }).click();
    await expect(page.getByTestId('minutes-status')).toHaveText('已审核');
    await expect(page.getByTestId('minutes-actions-table')).toContainText('已生成任务');

    // 张三 sends them to the customer and records the receipt.
    await switchUser(page, 'zhangsan', '张三');
    const minutesNote = page.getByTestId('dashboard-notifications');
    await expect(minutesNote).toContainText('刘经理 审核通过了您的会谈纪要');
    await minutesNote.getByText(/审核通过了您的会谈纪要/).click();
    await page.getByTestId('minutes-actions').getByRole('button', { name: '已发送客户' }).click();
    await page.getByRole('dialog').getByLabel('意见').fill('已通过邮件发送周总');
    await page.getByRole('dialog').getByRole('button', { name: '已发送客户' }).click();
    await expect(page.getByTestId('minutes-status')).toHaveText('已发送客户');
    await page.getByTestId('minutes-actions').getByRole('button', { name: '客户已确认收到' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '客户已确认收到' }).click();
    await expect(page.getByTestId('minutes-status')).toHaveText('客户已确认');
    const steps = page.getByTestId('flow-steps');
    await expect(steps).toContainText('已审核 → 已发送客户');
    await expect(steps).toContainText('已通过邮件发送周总');
    await quietNotifications(page);
    await snap(page, 'visits-08-minutes-confirmed');
    await go(page, '/');
    await expect(page.getByRole('heading', { name: /张三/ })).toBeVisible();
    await expect(page.getByTestId('dashboard-notifications')).toHaveCount(0);
    await expect(page.getByTestId('dashboard-minutes-due')).toHaveCount(0);

    // The same visit sheet in English.
    await go(page, '/visits');
    await page.getByText('English', { exact: true }).click();
    await expect(page.getByRole('heading', { name: 'My visits this week' })).toBeVisible();
    await showTomorrowsWeek(page, now, 'Next week');
    await page.getByTestId('week-visit').click();
    await expect(page.getByTestId('visit-status')).toHaveText('Done');
    await expect(page.getByText('Visit no. 1').first()).toBeVisible();
    await snap(page, 'visits-09-visit-done-en');
  });

  test('a rejected plan needs a reason, reaches the salesperson in red, is edited and resubmitted', async ({ page, bridge, now }) => {
    const customerId = await setUpOffice(page, bridge);
    await api(page, 'auth.login', { username: 'zhangsan', password });
    const plan = await api<{ id: string; formNo: string }>(page, 'visits.create', {
      fields: { customerId, plannedAt: now() + 2 * DAY, purpose: '洽谈年度框架协议' },
      submit: true,
    });
    await api(page, 'auth.logout', {});
    await page.reload();
    await logIn(page, 'liujl', '刘经理');
    await go(page, `/visits/${plan.id}`);
    await page.getByTestId('visit-actions').getByRole('button', { name: '驳回' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '驳回' }).click();
    await expect(dialog.getByText('驳回时请写明原因')).toBeVisible();
    await dialog.getByLabel('意见').fill('还没约到决策人，先电话确认周总的时间');
    await dialog.getByRole('button', { name: '驳回' }).click();
    await expect(page.getByTestId('visit-status')).toHaveText('已驳回');

    await switchUser(page, 'zhangsan', '张三');
    await expect(page.getByTestId('dashboard-notifications')).toContainText('刘经理 驳回了您的拜访计划');
    await page.getByTestId('dashboard-notifications').getByText(/驳回了您的拜访计划/).click();
    await page.getByTestId('visit-actions').getByRole('button', { name: '修改' }).click();
    await expect(page.getByRole('heading', { name: '修改拜访计划' })).toBeVisible();
    await expect(page.getByText('还没约到决策人，先电话确认周总的时间')).toBeVisible();
    await page.getByRole('checkbox', { name: /周建国/ }).check();
    await page.getByRole('checkbox', { name: '已确认决策人' }).check();
    await snap(page, 'visits-10-edit-rejected');
    await page.getByRole('button', { name: '保存并提交审批' }).click();
    await expect(page.getByTestId('visit-status')).toHaveText('待审批');
    await expect(page.getByTestId('flow-steps')).toContainText('已驳回 → 待审批');
    await expect(page.getByTestId('decision-maker-hint')).toHaveText('拜访对象中有决策人');
  });
});
