import type { Page } from '@playwright/test';
import { expect, quietNotifications, go, logInAs, snap, test, type BridgeProcess } from './bridge';

const company = '杭州星辰贸易有限公司';
const admin = { username: 'wangfang', name: '王芳', password: 'Admin-pass-2026' };
const password = 'Office-pass-2026';
const people = [
  { username: 'zhangsan', displayName: '张三', role: 'sales' },
  { username: 'lisi', displayName: '李四', role: 'sales' },
  { username: 'liujl', displayName: '刘经理', role: 'manager' },
] as const;

type Result = { ok: true; value: unknown } | { ok: false; error: { code: string } };

/** Calls the app's API from inside the page, as the page's own session. */
const invoke = async <T = unknown>(page: Page, channel: string, input: unknown): Promise<T> => {
  const result = await page.evaluate(
    ([c, i]) => (window as unknown as { api: { invoke(c: string, i: unknown): Promise<Result> } }).api.invoke(c as string, i),
    [channel, input] as const,
  );
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value as T;
};

/** A fresh office: the workspace, an administrator, two salespeople and a manager; ends on the login page. */
const setUpOffice = async (page: Page, bridge: BridgeProcess): Promise<void> => {
  await page.goto(bridge.url);
  await invoke(page, 'setup.create', {
    companyName: company,
    adminUsername: admin.username,
    adminDisplayName: admin.name,
    password: admin.password,
    locale: 'zh-CN',
  });
  await invoke(page, 'auth.login', { username: admin.username, password: admin.password });
  for (const p of people) await invoke(page, 'users.create', { ...p, password });
  await invoke(page, 'auth.logout', {});
  await page.reload();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
};

const logIn = (page: Page, username: string, displayName: string): Promise<void> => logInAs(page, username, password, displayName);

/** Creates a customer through the API as `username` and logs out again. */
const recordAs = async (page: Page, username: string, input: Record<string, unknown>): Promise<string> => {
  await invoke(page, 'auth.login', { username, password });
  const created = await invoke<{ id: string }>(page, 'customers.create', { tagIds: [], confirmDuplicates: true, ...input });
  await invoke(page, 'auth.logout', {});
  return created.id;
};

/** Lets the "saved" notifications fade (they close themselves after a few seconds) so a screenshot shows the page. */
test.describe('the customer card, its form and the global search', () => {
  test('create a customer with two contacts, find it by pinyin initials and by phone tail, edit it, see the change in history and restore the old value', async ({
    page,
    bridge,
  }) => {
    await setUpOffice(page, bridge);
    await logIn(page, 'zhangsan', '张三');

    // The form checks the credit code with the shared schema (GB 32100-2015 check digit).
    await go(page, '/customers/new');
    await expect(page.getByRole('heading', { name: '新建客户' })).toBeVisible();
    await page.getByRole('button', { name: '保存客户' }).click();
    await expect(page.getByText('必填')).toBeVisible();
    await page.getByLabel('企业名称').fill('北京星辰科技有限公司');
    await page.getByLabel('简称').fill('星辰');
    await page.getByLabel('统一社会信用代码').fill('91110105MA01ABCD12');
    await page.getByRole('button', { name: '保存客户' }).click();
    await expect(page.getByText('统一社会信用代码校验位不对，请核对')).toBeVisible();
    await page.getByLabel('统一社会信用代码').fill('91110105MA01ABCD13');
    await page.getByLabel('法定代表人/负责人').fill('赵星辰');
    await page.getByLabel('所属行业').fill('软件和信息技术服务业');
    await page.getByLabel('注册资本（元）').fill('5000000');
    await page.getByLabel('成立日期').fill('2015-06-18');
    await page.getByRole('combobox', { name: '员工规模' }).click();
    await page.getByRole('option', { name: '100–299 人' }).click();
    await page.getByRole('combobox', { name: '客户来源' }).click();
    await page.getByRole('option', { name: '展会' }).click();
    // Regions from the dataset: a municipality's city level is filled in by itself.
    await page.getByRole('combobox', { name: '省份' }).fill('北京');
    await page.getByRole('option', { name: '北京市' }).click();
    await expect(page.getByRole('combobox', { name: '城市' })).toHaveValue('北京市');
    await page.getByRole('combobox', { name: '区县' }).click();
    await page.getByRole('option', { name: '朝阳区' }).click();
    await page.getByLabel('详细地址').fill('建国路 88 号 SOHO 现代城 A 座 1201');
    await page.getByLabel('电话').fill('010-8888 1234');
    await page.getByLabel('邮箱').fill('info@xingchen.example.cn');
    await page.getByLabel('开户银行').fill('招商银行北京分行');
    await page.getByLabel('银行账号').fill('110902345610101');
    await page.getByLabel('采购周期').fill('每季度');
    await page.getByLabel('备注').fill('展会上认识，对 CRM 有兴趣。');
    await snap(page, 'card-01-form-new');
    await page.getByRole('button', { name: '保存客户' }).click();

    // The card: header and the four sections.
    await expect(page.getByTestId('customer-name')).toHaveText('北京星辰科技有限公司');
    const customerUrl = page.url();
    await expect(page.getByTestId('customer-status')).toHaveText('潜在客户');
    await expect(page.getByTestId('customer-owner')).toContainText('张三');
    await expect(page.getByTestId('first-contact-hint')).toHaveText('尚未联系，还剩 7 天');
    await expect(page.getByTestId('field-registeredCapital')).toContainText('¥5,000,000.00');
    await expect(page.getByTestId('field-region')).toContainText('北京市 朝阳区');
    await expect(page.getByTestId('field-phone')).toContainText('010-8888 1234');
    await expect(page.getByTestId('field-bankName')).toContainText('招商银行北京分行');

    // Two contacts, the decision-maker marked.
    await page.getByRole('tab', { name: /联系人/ }).click();
    await page.getByRole('button', { name: '添加联系人' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill('王建国');
    await dialog.getByLabel('职务').fill('总经理');
    await dialog.getByRole('checkbox', { name: '决策人' }).check();
    await dialog.getByLabel('决策角色').fill('最终拍板');
    await dialog.getByRole('textbox', { name: '手机' }).fill('13800138000');
    await dialog.getByRole('textbox', { name: '生日' }).fill('1975-03-08');
    await dialog.getByLabel('兴趣爱好').fill('钓鱼、围棋');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole('button', { name: '添加联系人' }).click();
    await dialog.getByLabel('姓名').fill('李娜');
    await dialog.getByLabel('职务').fill('采购经理');
    await dialog.getByRole('textbox', { name: '手机' }).fill('139 1234 5678');
    await dialog.getByRole('textbox', { name: '邮箱' }).fill('lina@xingchen.example.cn');
    await dialog.getByLabel('微信').fill('lina_cg');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    const rows = page.getByTestId('contact-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('王建国');
    await expect(rows.nth(0).getByTestId('decision-maker')).toBeVisible();
    await expect(rows.nth(0)).toContainText('138 0013 8000');
    await expect(rows.nth(1)).toContainText('李娜');
    await expect(rows.nth(1).getByTestId('decision-maker')).toHaveCount(0);
    await expect(page.getByRole('tab', { name: '联系人 (2)' })).toBeVisible();
    await rows.nth(1).getByRole('button', { name: '编辑联系人' }).click();
    await expect(dialog.getByRole('textbox', { name: '手机' })).toHaveValue('139 1234 5678');
    await dialog.getByLabel('职务').fill('采购总监');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(rows.nth(1)).toContainText('采购总监');
    await snap(page, 'card-03-contacts');

    // The global search: Ctrl+K, pinyin initials, then the last digits of the phone.
    await go(page, '/');
    await page.keyboard.press('Control+K');
    const search = page.getByTestId('global-search');
    await expect(search).toBeFocused();
    await search.fill('bjxc');
    const hit = page.getByTestId('search-hit').filter({ hasText: '北京星辰科技有限公司' });
    await expect(hit.first()).toBeVisible();
    await expect(hit.first()).toContainText('张三');
    await snap(page, 'card-04-search-pinyin');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(customerUrl);
    await search.fill('1234');
    await expect(hit.first()).toBeVisible();
    await snap(page, 'card-05-search-phone-tail');
    await hit.first().click();
    await expect(page).toHaveURL(customerUrl);
    await expect(page.getByTestId('customer-name')).toHaveText('北京星辰科技有限公司');

    // Edit: only the changed fields are sent; the card shows the new values.
    await page.getByRole('link', { name: '编辑' }).click();
    await expect(page.getByRole('heading', { name: '编辑客户：北京星辰科技有限公司' })).toBeVisible();
    await expect(page.getByLabel('电话')).toHaveValue('010-8888 1234');
    await page.getByLabel('简称').fill('星辰科技');
    await page.getByLabel('电话').fill('010-6666 5678');
    await page.getByRole('button', { name: '保存修改' }).click();
    await expect(page.getByTestId('customer-name')).toBeVisible();
    await expect(page.getByTestId('field-shortName')).toContainText('星辰科技');
    await expect(page.getByTestId('field-phone')).toContainText('010-6666 5678');

    // History: the change with old → new values, and the earlier version restored.
    await page.getByRole('tab', { name: '修改记录' }).click();
    const versions = page.getByTestId('history-row');
    await expect(versions).toHaveCount(2);
    await expect(versions.nth(0).getByTestId('change-shortName')).toHaveText('简称：星辰 → 星辰科技');
    await expect(versions.nth(0).getByTestId('change-phone')).toHaveText('电话：010-8888 1234 → 010-6666 5678');
    await snap(page, 'card-06-history');
    await versions.nth(1).getByRole('button', { name: '恢复此版本' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '恢复此版本' }).click();
    await expect(versions).toHaveCount(3);
    await expect(versions.nth(0).getByTestId('change-shortName')).toHaveText('简称：星辰科技 → 星辰');
    await page.getByRole('tab', { name: '资料' }).click();
    await expect(page.getByTestId('field-shortName')).toContainText('星辰');
    await expect(page.getByTestId('field-shortName')).not.toContainText('星辰科技');
    await expect(page.getByTestId('field-phone')).toContainText('010-8888 1234');

    // The timeline tells the story: recorded, owner, contacts, edit, restore.
    await page.getByRole('tab', { name: '动态' }).click();
    await expect(page.getByTestId('event-created')).toContainText('录入客户');
    await expect(page.getByTestId('event-owner_changed')).toContainText('负责人：— → 张三');
    await expect(page.getByTestId('event-updated')).toContainText('修改了 简称、电话');
    await expect(page.getByTestId('event-version_restored')).toContainText('恢复到历史版本');
    await expect(page.getByTestId('event-contact_added')).toHaveCount(2);
    await snap(page, 'card-07-timeline');

    await page.getByRole('tab', { name: '资料' }).click();
    await quietNotifications(page);
    await snap(page, 'card-02-full-card');
  });

  test("as a sales user, the duplicate warning names the other owner and the other owner's customer cannot be opened", async ({
    page,
    bridge,
  }) => {
    await setUpOffice(page, bridge);
    const taken = await recordAs(page, 'zhangsan', {
      fields: { name: '杭州云帆网络科技有限公司', creditCode: '91330106MA2B3C4D5D', phone: '0571-8765 4321' },
    });
    const pool = await recordAs(page, 'liujl', {
      fields: { name: '宁波海曙文具有限公司', bankName: '宁波银行海曙支行', bankAccount: '51010122000123456' },
      ownerId: null,
    });
    await page.reload();
    await logIn(page, 'lisi', '李四');

    // The same company under another legal-form spelling: the warning names its owner, without a link.
    await go(page, '/customers/new');
    await page.getByLabel('企业名称').fill('杭州云帆网络科技股份有限公司');
    const warning = page.getByTestId('duplicates-alert');
    await expect(warning).toContainText('发现 1 个可能重复的客户');
    await expect(warning).toContainText('杭州云帆网络科技有限公司');
    await expect(warning).toContainText('已由 张三 负责');
    await expect(warning).toContainText('相同的企业名称');
    await expect(warning.getByRole('link')).toHaveCount(0);
    await snap(page, 'card-08-duplicate-warning');

    // Saving over a possible duplicate needs an explicit confirmation.
    await page.getByRole('button', { name: '保存客户' }).click();
    const confirm = page.getByTestId('duplicates-confirm');
    await expect(confirm).toContainText('已由 张三 负责');
    await snap(page, 'card-09-duplicate-confirm');
    await confirm.getByRole('button', { name: '仍然保存' }).click();
    await expect(page.getByTestId('customer-name')).toHaveText('杭州云帆网络科技股份有限公司');
    await expect(page.getByTestId('customer-owner')).toContainText('李四');

    // The same credit code is the same company: saving is refused, with the owner named.
    await go(page, '/customers/new');
    await page.getByLabel('企业名称').fill('云帆科技');
    await page.getByLabel('统一社会信用代码').fill('91330106MA2B3C4D5D');
    await expect(page.getByTestId('duplicates-alert')).toContainText('相同的统一社会信用代码');
    await expect(page.getByTestId('duplicates-alert')).toContainText('已由 张三 负责');
    await page.getByRole('button', { name: '保存客户' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '统一社会信用代码与已有客户' })).toHaveText(
      '统一社会信用代码与已有客户“杭州云帆网络科技有限公司”相同（负责人：张三），不能重复录入',
    );
    await snap(page, 'card-10-same-credit-code');

    // 张三's customer cannot be opened by 李四, neither by its address nor from the search.
    await go(page, `/customers/${taken}`);
    await expect(page.getByRole('alert').filter({ hasText: '其他业务员' })).toHaveText('这个客户由其他业务员负责，您不能查看。');
    await expect(page.getByTestId('customer-name')).toHaveCount(0);
    await snap(page, 'card-11-forbidden');
    const search = page.getByTestId('global-search');
    await search.fill('杭州云帆');
    const takenHit = page.getByTestId('search-hit').filter({ hasText: '杭州云帆网络科技有限公司' });
    await expect(takenHit).toContainText('已由 张三 负责');
    await expect(takenHit).toHaveAttribute('data-openable', 'false');
    await snap(page, 'card-12-search-not-openable');
    await takenHit.click({ force: true });
    await expect(page).toHaveURL(new RegExp(`/customers/${taken}$`));
    await expect(page.getByTestId('customer-name')).toHaveCount(0);

    // A pool customer: open to every salesperson, its finances only to its owner; claiming makes 李四 the owner.
    await page.keyboard.press('Escape');
    await go(page, `/customers/${pool}`);
    await expect(page.getByTestId('customer-owner')).toContainText('公海');
    await expect(page.getByTestId('financial-hidden')).toHaveText('财务信息仅负责人和经理可见');
    await expect(page.getByRole('button', { name: '删除' })).toHaveCount(0);
    await snap(page, 'card-13-pool-financial-hidden');
    await page.getByRole('button', { name: '认领' }).click();
    await expect(page.getByTestId('customer-owner')).toContainText('李四');
    await expect(page.getByTestId('field-bankName')).toContainText('宁波银行海曙支行');
    await expect(page.getByTestId('first-contact-hint')).toHaveText('尚未联系，还剩 7 天');
  });

  test('a manager merges a duplicate, undoes the merge, assigns the customer and records a loss and a win-back', async ({ page, bridge }) => {
    await setUpOffice(page, bridge);
    const survivor = await recordAs(page, 'liujl', {
      fields: { name: '深圳海蓝贸易有限公司', phone: '0755-2345 6789', legalRep: '陈海' },
    });
    await invoke(page, 'auth.login', { username: 'liujl', password });
    const duplicate = await invoke<{ id: string }>(page, 'customers.create', {
      fields: { name: '深圳海蓝贸易（集团）有限公司', email: 'sales@hailan.example.cn', legalRep: '陈海波' },
      tagIds: [],
      confirmDuplicates: true,
    });
    await invoke(page, 'contacts.create', { customerId: duplicate.id, fields: { name: '周敏', title: '采购主管', mobile: '13612345678' } });
    await invoke(page, 'auth.logout', {});
    await page.reload();
    await logIn(page, 'liujl', '刘经理');

    // The card points at the duplicate; the merge shows both side by side.
    await go(page, `/customers/${survivor}`);
    const notice = page.getByTestId('card-duplicates');
    await expect(notice).toContainText('深圳海蓝贸易（集团）有限公司');
    await notice.getByRole('button', { name: '合并' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('merge-table')).toContainText('sales@hailan.example.cn');
    // The survivor keeps its own legal representative unless told otherwise; here the other one's is chosen.
    await expect(dialog.getByTestId('merge-legalRep-this')).toBeChecked();
    await dialog.getByTestId('merge-legalRep-other').check();
    await snap(page, 'card-14-merge');
    await dialog.getByRole('button', { name: '合并', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('field-legalRep')).toContainText('陈海波');
    await expect(page.getByTestId('field-email')).toContainText('sales@hailan.example.cn');
    await expect(page.getByRole('tab', { name: '联系人 (1)' })).toBeVisible();

    // The merge is listed and can be undone.
    await page.getByRole('tab', { name: '合并记录' }).click();
    const record = page.getByTestId('merge-row');
    await expect(record).toContainText('“深圳海蓝贸易（集团）有限公司”并入当前客户');
    await record.getByRole('button', { name: '撤销合并' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '撤销合并' }).click();
    await expect(record).toContainText('已于');
    await snap(page, 'card-15-merge-undone');
    await page.getByRole('tab', { name: '资料' }).click();
    await expect(page.getByTestId('field-legalRep')).toContainText('陈海');
    await expect(page.getByTestId('field-legalRep')).not.toContainText('陈海波');
    await expect(page.getByRole('tab', { name: '联系人 (0)' })).toBeVisible();

    // Assign to a salesperson, with the reason on the timeline.
    await page.getByRole('button', { name: '分配' }).click();
    await page.getByRole('dialog').getByRole('combobox', { name: '分配给' }).click();
    await page.getByRole('option', { name: '张三（业务员）' }).click();
    await page.getByRole('dialog').getByLabel('原因').fill('华南区域由张三负责');
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await expect(page.getByTestId('customer-owner')).toContainText('张三');

    // Lost needs a reason; leaving lost is a win-back.
    await page.getByRole('button', { name: '更改状态' }).click();
    await page.getByRole('dialog').getByRole('combobox', { name: '新状态' }).click();
    await page.getByRole('option', { name: '流失', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '更改状态' }).click();
    await expect(page.getByRole('dialog')).toContainText('请填写流失原因');
    await page.getByRole('dialog').getByLabel('流失原因').fill('价格原因，转向竞争对手');
    await page.getByRole('dialog').getByRole('button', { name: '更改状态' }).click();
    await expect(page.getByTestId('customer-status')).toHaveText('流失');
    await page.getByRole('button', { name: '更改状态' }).click();
    await page.getByRole('dialog').getByRole('combobox', { name: '新状态' }).click();
    await page.getByRole('option', { name: '目标客户' }).click();
    await expect(page.getByRole('dialog')).toContainText('将记录为“挽回”');
    await page.getByRole('dialog').getByRole('button', { name: '挽回' }).click();
    await expect(page.getByTestId('customer-status')).toHaveText('目标客户');

    // Tier and VIP.
    await page.getByRole('button', { name: '更多' }).click();
    await page.getByRole('menuitem', { name: '分级 / VIP' }).click();
    await page.getByRole('dialog').getByRole('combobox', { name: '客户分级' }).click();
    await page.getByRole('option', { name: '重要客户' }).click();
    await page.getByRole('dialog').getByLabel('VIP 等级（0–10，可留空）').fill('3');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('VIP 3')).toBeVisible();

    await page.getByRole('tab', { name: '动态' }).click();
    await expect(page.getByTestId('event-owner_changed').first()).toContainText('负责人：刘经理 → 张三');
    await expect(page.getByTestId('event-owner_changed').first()).toContainText('原因：华南区域由张三负责');
    await expect(page.getByTestId('event-status_changed').first()).toContainText('状态：流失 → 目标客户');
    await expect(page.getByTestId('event-status_changed').first()).toContainText('挽回');
    await expect(page.getByTestId('event-merged')).toBeVisible();
    await expect(page.getByTestId('event-merge_undone')).toBeVisible();
    await snap(page, 'card-16-timeline-manager');

    // The card in English.
    await page.getByText('English').click();
    await expect(page.getByRole('tab', { name: 'Timeline' })).toBeVisible();
    await expect(page.getByTestId('event-status_changed').first()).toContainText('Status: Lost → Target');
    await page.getByRole('tab', { name: 'Details' }).click();
    await expect(page.getByTestId('field-legalRep')).toContainText('Legal representative');
    await snap(page, 'card-17-card-en');

    // Deleting moves the customer to the recycle bin and leaves the card.
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await expect(page.getByRole('dialog')).toContainText('Move “深圳海蓝贸易有限公司” to the recycle bin?');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL(/#\/customers$/);
    await expect(invoke(page, 'customers.get', { id: survivor })).rejects.toThrow('NOT_FOUND');
  });
});
