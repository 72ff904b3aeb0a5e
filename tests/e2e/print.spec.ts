import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { pdfOptions } from '../../src-shared/print/page';
import { creditCode } from '../helpers/customers';
import { api, go, expect, snap, test, DAY } from './bridge';

/** The rendered PDFs and their pages as PNG, kept for people to look at. */
const OUT = resolve('test-output/print');

const company = '杭州星辰贸易有限公司';
const password = 'Office-pass-2026';

type Doc = { html: string; footerTemplate: string; title: string; fileName: string };

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程';
const given = ['建国', '丽娟', '志强', '秀英', '海燕', '伟', '静', '敏', '磊', '洋', '婷婷', '晓明', '雪梅', '子涵', '浩然', '佳怡'];
const titles = ['采购经理', '采购专员', '财务总监', '总经理', '技术主管', '仓库主管', '行政助理', '副总经理'];

/** 40 contacts: longer than one page, so the contact table has to break between rows. */
const contactList = Array.from({ length: 40 }, (_, i) => ({
  name: `${surnames[i % surnames.length]}${given[i % given.length]}${i + 1}`,
  title: titles[i % titles.length]!,
  mobile: `1380013${String(8000 + i).padStart(4, '0')}`,
  email: `contact${i + 1}@xingchen-mall.example.cn`,
}));

/** page.pdf with the very options the desktop app gives printToPDF (src-shared/print/page.ts). */
const renderPdf = async (page: Page, doc: Doc, name: string): Promise<{ pdf: string; pages: string[] }> => {
  const printPage = await page.context().newPage();
  await printPage.setContent(doc.html, { waitUntil: 'load' });
  const pdf = join(OUT, `${name}.pdf`);
  await printPage.pdf({ path: pdf, ...pdfOptions(doc.footerTemplate) });
  await printPage.close();
  for (const f of readdirSync(OUT)) if (f.startsWith(`${name}-`) && f.endsWith('.png')) rmSync(join(OUT, f));
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(OUT, name)]);
  const info = execFileSync('pdfinfo', [pdf]).toString();
  const count = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const pages = Array.from({ length: count }, (_, i) =>
    execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-']).toString(),
  );
  writeFileSync(join(OUT, `${name}.txt`), pages.join('\n\f\n'));
  return { pdf, pages };
};

/** A real PNG logo (RGB, a dark red block with a lighter band), made here so the test needs no binary file. */
const logoPng = (width: number, height: number): Buffer => {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Array.from({ length: height }, (_, y) =>
    Buffer.concat([Buffer.from([0]), ...Array.from({ length: width }, (_, x) => Buffer.from(Math.abs(y - height / 2) < height / 6 || x < width / 8 ? [230, 160, 40] : [170, 20, 30]))]),
  );
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
};

const companyAddress = '杭州市西湖区文三路 90 号东部软件园 2 号楼';

/** pdftotext lays CJK text out with spaces of its own: compare without whitespace. */
const flat = (s: string): string => s.replace(/\s+/g, '');

test.describe('printing', () => {
  test('the customer card opens a print preview; the file card, a visit sheet and minutes render to A4 PDFs with the data, page numbers and whole table rows', async ({
    page,
    bridge,
    now,
  }) => {
    test.setTimeout(180_000);
    mkdirSync(OUT, { recursive: true });
    await page.goto(bridge.url);
    await api(page, 'setup.create', { companyName: company, adminUsername: 'wangfang', adminDisplayName: '王芳', password, locale: 'zh-CN' });
    await api(page, 'auth.login', { username: 'wangfang', password });
    await api(page, 'users.create', { username: 'zhangsan', displayName: '张三', role: 'sales', password });
    await api(page, 'users.create', { username: 'lisi', displayName: '李四', role: 'sales', password });
    await api(page, 'auth.logout', {});

    // 张三's customer, with 40 contacts, 12 entries in the contact log, a visit plan and minutes.
    await api(page, 'auth.login', { username: 'zhangsan', password });
    const code = creditCode('91330106MA2KXY312');
    const customer = await api<{ id: string }>(page, 'customers.create', {
      fields: {
        name: '杭州星辰商城连锁有限公司',
        shortName: '星辰商城',
        creditCode: code,
        legalRep: '赵星辰',
        industry: '零售业',
        staffSize: '300-999',
        registeredCapital: 20_000_000,
        foundedOn: '2012-04-18',
        source: 'trade_show',
        provinceCode: '33',
        cityCode: '3301',
        districtCode: '330106',
        address: '文三路 90 号东部软件园 5 号楼 8 层',
        phone: '0571-8888 1234',
        email: 'purchase@xingchen-mall.example.cn',
        bankName: '招商银行杭州分行',
        bankAccount: '571902345610101',
        purchaseCycle: '每季度',
        notes: '展会上认识，计划明年更换收银系统。\n需要经理陪同拜访。',
      },
      confirmDuplicates: true,
    });
    const contactIds: string[] = [];
    for (const [i, c] of contactList.entries()) {
      const made = await api<{ id: string }>(page, 'contacts.create', {
        customerId: customer.id,
        fields: { ...c, isDecisionMaker: i === 0, ...(i === 0 ? { decisionRole: '最终拍板' } : {}) },
      });
      contactIds.push(made.id);
    }
    const today = now();
    for (let i = 0; i < 12; i++) {
      await api(page, 'activities.create', {
        customerId: customer.id,
        contactId: contactIds[i % 3],
        type: i % 2 ? 'call_out' : 'wechat',
        occurredAt: today - (12 - i) * DAY,
        summary: `第${i + 1}次沟通：确认收银系统需求`,
        outcome: i === 11 ? '同意安排上门演示' : null,
      });
    }
    const visit = await api<{ id: string; formNo: string }>(page, 'visits.create', {
      fields: {
        customerId: customer.id,
        plannedAt: today + 3 * DAY,
        durationMinutes: 90,
        place: '客户总部 8 层会议室',
        // A normal plan: three people to meet, a paragraph of purpose and one of objectives.
        contactIds: [contactIds[0], contactIds[1], contactIds[2]],
        purpose:
          '上门演示收银系统，了解门店数量和上线时间。客户现有 36 家门店，收银系统已使用 8 年，高峰期经常卡顿；' +
          '本次拜访向采购经理和总经理演示新系统的会员积分、移动支付和数据迁移方案，并了解他们对上线时间和培训的要求。',
        objectives: '确认预算范围和决策流程；约定 2 家试点门店和试点时间；拿到门店数量和现有设备清单，为正式报价做准备。',
        materials: ['companyBrochure', 'productCatalog', 'samples'],
        chkAppointment: true,
        chkMaterials: true,
      },
    });
    const minutes = await api<{ id: string; formNo: string }>(page, 'minutes.create', {
      fields: {
        customerId: customer.id,
        title: '收银系统升级首次会谈',
        meetingDate: '2026-11-20',
        meetingTime: '14:30',
        place: '客户总部 8 层会议室',
        ourAttendees: '张三（销售）\n王芳（经理）',
        customerAttendees: `${contactList[0]!.name}（总经理）\n${contactList[1]!.name}（采购专员）`,
        noteTaker: '张三',
        customerSituation: '现有 36 家门店，收银系统已使用 8 年，高峰期经常卡顿。',
        needsProblems: '需要支持会员积分和移动支付；希望春节前完成试点。',
        discussion: '介绍了新系统的功能和报价区间，客户关心数据迁移和培训。',
        agreements: '12 月上旬在 2 家门店试点；我方提供迁移方案。',
        actions: [
          { content: '发送正式报价单和迁移方案', ownerName: '张三', dueDate: '2026-11-25' },
          { content: '确定试点门店名单', ownerName: contactList[1]!.name, dueDate: '2026-11-28' },
        ],
      },
    });
    await api(page, 'auth.logout', {});

    // 王芳 (admin) fills in the company's details and picks a logo in 设置 → 公司信息.
    await page.reload();
    await page.getByLabel('用户名').fill('wangfang');
    await page.getByRole('textbox', { name: '密码', exact: true }).fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByTestId('current-user')).toHaveText('王芳');
    await go(page, '/settings/company');
    const companyPanel = page.getByTestId('company-panel');
    await companyPanel.getByLabel('地址').fill(companyAddress);
    await companyPanel.getByLabel('电话', { exact: true }).fill('0571-8888 1234');
    await companyPanel.getByLabel('传真').fill('0571-8888 1235');
    await companyPanel.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('公司信息已保存')).toBeVisible();
    const logoInput = companyPanel.locator('input[type=file]');
    // Not an image: refused in the main process, with the reason.
    await logoInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('<svg onload="alert(1)"></svg>') });
    await expect(companyPanel.getByText('标志图片不是 PNG 或 JPEG 图片（或文件已损坏），请选择 PNG 或 JPEG 文件')).toBeVisible();
    await expect(companyPanel.getByTestId('company-logo')).toHaveCount(0);
    await logoInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logoPng(240, 80) });
    await expect(companyPanel.getByTestId('company-logo')).toBeVisible();
    await snap(page, 'print-00-company-settings');
    await api(page, 'auth.logout', {});

    // In the app: 张三 opens the card, clicks 打印档案卡 and sees the preview of the form.
    await page.reload();
    await page.getByLabel('用户名').fill('zhangsan');
    await page.getByRole('textbox', { name: '密码', exact: true }).fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByTestId('current-user')).toHaveText('张三');
    await go(page, `/customers/${customer.id}`);
    await expect(page.getByTestId('customer-name')).toHaveText('杭州星辰商城连锁有限公司');
    await expect(page.getByTestId('print-customerCard')).toHaveText('打印档案卡');
    await snap(page, 'print-00-customer-card');
    await page.getByTestId('print-customerCard').click();
    const preview = page.getByTestId('print-preview');
    await expect(preview).toBeVisible();
    const frame = page.frameLocator('[data-testid=print-frame]');
    await expect(frame.getByRole('heading', { name: '客户档案卡' })).toBeVisible();
    await expect(frame.getByText(company)).toBeVisible();
    await expect(frame.getByText(contactList[39]!.name)).toBeAttached();
    // The bridge cannot print by itself: it says so, and the buttons use the browser's print dialog.
    await expect(preview.getByText('在浏览器中打印')).toBeVisible();
    await snap(page, 'print-01-preview-customer-card');
    // Both buttons print the previewed frame through the browser (counted here instead of opening a dialog).
    await page.evaluate(() => {
      const w = document.querySelector<HTMLIFrameElement>('[data-testid=print-frame]')!.contentWindow!;
      const counted = window as unknown as { printed: number };
      counted.printed = 0;
      w.print = () => void (counted.printed += 1);
    });
    await preview.getByRole('button', { name: '另存为 PDF' }).click();
    await preview.getByRole('button', { name: '打印', exact: true }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(2);
    await page.getByRole('button', { name: '关闭' }).click();
    await expect(preview).toBeHidden();

    // The visit's and the minutes' detail pages print their forms the same way.
    await go(page, `/visits/${visit.id}`);
    await page.getByTestId('print-visit').click();
    await expect(frame.getByRole('heading', { name: '客户走访单' })).toBeVisible();
    await expect(frame.getByText(visit.formNo)).toBeVisible();
    await snap(page, 'print-02-preview-visit');
    await page.getByRole('button', { name: '关闭' }).click();
    await expect(preview).toBeHidden();
    await go(page, `/minutes/${minutes.id}`);
    await page.getByTestId('print-minutes').click();
    await expect(frame.getByRole('heading', { name: '会谈纪要' })).toBeVisible();
    await expect(frame.getByText('发送正式报价单和迁移方案')).toBeVisible();
    await snap(page, 'print-03-preview-minutes');
    await page.getByRole('button', { name: '关闭' }).click();

    // The customer file card as PDF: data, labels, page numbers, and a contact table that breaks between rows.
    const cardDoc = await api<Doc>(page, 'print.render', { form: 'customerCard', id: customer.id });
    const card = await renderPdf(page, cardDoc, 'customer-card');
    expect(card.pages.length).toBeGreaterThanOrEqual(2);
    const all = flat(card.pages.join('\n'));
    for (const text of [company, '客户档案卡', '杭州星辰商城连锁有限公司', code, '统一社会信用代码', '浙江省', '西湖区', '0571-88881234', '招商银行杭州分行', '联系人', '最近联系记录', '填表人', '审核人']) {
      expect(all, text).toContain(flat(text));
    }
    card.pages.forEach((p, i) => expect(flat(p), `page ${i + 1}`).toContain(`第${i + 1}页/共${card.pages.length}页`));
    for (const c of contactList) {
      // Each mobile number is printed once (only the contact table shows it), and a row is whole on
      // one page: its name prints on the same page, right before its title.
      const mobile = flat(`${c.mobile.slice(0, 3)} ${c.mobile.slice(3, 7)} ${c.mobile.slice(7)}`);
      const on = card.pages.map((p, i) => (flat(p).includes(mobile) ? i : -1)).filter((i) => i >= 0);
      expect(on, c.name).toHaveLength(1);
      expect(flat(card.pages[on[0]!]!), c.name).toContain(`${c.name}${c.title}`);
    }
    // The ten newest contacts of the log, not the two oldest.
    expect(all).toContain('第12次沟通');
    expect(all).toContain('同意安排上门演示');
    expect(all).toContain('第3次沟通');
    expect(all).not.toContain('第2次沟通');
    expect(all).not.toContain('第1次沟通');

    // The visit sheet.
    const visitDoc = await api<Doc>(page, 'print.render', { form: 'visit', id: visit.id });
    const sheet = await renderPdf(page, visitDoc, 'visit-sheet');
    const sheetText = flat(sheet.pages.join('\n'));
    for (const text of [company, '客户走访单', visit.formNo, '杭州星辰商城连锁有限公司', '上门演示收银系统', contactList[0]!.name, '访前准备', '已预约并确认时间', '已确认决策人', '携带资料', '拜访记录（现场手写）', '拜访人签字', '客户签字', '主管签字']) {
      expect(sheetText, text).toContain(flat(text));
    }
    sheet.pages.forEach((p, i) => expect(flat(p)).toContain(`第${i + 1}页/共${sheet.pages.length}页`));
    // The company's details under its name (the logo is checked by looking at the PNG pages).
    for (const text of [companyAddress, '电话：0571-88881234', '传真：0571-88881235']) expect(flat(sheet.pages[0]!), text).toContain(flat(text));
    expect(visitDoc.html).toContain('<img class="logo" src="data:image/png;base64,');
    // A normal plan fits on one page, signature lines included (the sheet goes along to the visit).
    expect(sheet.pages, 'the visit sheet is one page').toHaveLength(1);
    expect(flat(sheet.pages[0]!)).toContain('主管签字');
    expect(flat(sheet.pages[0]!)).toContain(flat(contactList[2]!.name));

    // The minutes.
    const minutesDoc = await api<Doc>(page, 'print.render', { form: 'minutes', id: minutes.id });
    const mins = await renderPdf(page, minutesDoc, 'minutes');
    const minutesText = flat(mins.pages.join('\n'));
    for (const text of [company, '会谈纪要', minutes.formNo, '2026年11月20日14:30', '我方参会人员', '客户方参会人员', '现有 36 家门店', '发送正式报价单和迁移方案', '2026年11月25日', '我方代表（签字）', '客户方代表（签字/盖章）']) {
      expect(minutesText, text).toContain(flat(text));
    }

    // Another salesperson may not print 张三's customer.
    await api(page, 'auth.logout', {});
    await api(page, 'auth.login', { username: 'lisi', password });
    const refused = await page.evaluate(
      (id) => (window as unknown as { api: { invoke(c: string, i: unknown): Promise<{ ok: boolean; error?: { code: string } }> } }).api.invoke('print.render', { form: 'customerCard', id }),
      customer.id,
    );
    expect(refused.ok ? '' : refused.error?.code).toBe('FORBIDDEN');
  });
});
