import { describe, expect } from 'vitest';
import type { Session } from '../../src-main/ipc/session';
import { printHandlers } from '../../src-main/services/print/handlers';
import type { ModuleContext } from '../../src-main/services/module';
import { createActivity } from '../../src-main/services/activities/activities';
import type { PrintJob, Printer } from '../../src-main/services/print/printer';
import { escapeHtml, html } from '../../src-main/services/print/html';
import { pdfOptions, printToPdfOptions } from '../../src-shared/print/page';
import type { UserInfo } from '../../src-shared/types';
import { errorCode as code } from '../helpers/errors';
import { it } from '../helpers/office';
import type { TestWorkspace } from '../helpers/workspace';

const HOSTILE = '<script>alert("x")</script>星辰&"科技"\'有限公司';
const DAY = 24 * 60 * 60 * 1000;

let ws: TestWorkspace;
let admin: Session;
let manager: Session;
let zhang: Session; // sales 张三, owns the customer
let li: Session; // sales 李四
let customerId: string;

const userOf = (s: Session): UserInfo => s.user!;

it.beforeEach(async ({ office }) => {
  ({ ws, admin, manager, zhang, li } = office);
  const c = await ws.call(zhang, 'customers.create', {
    fields: { name: HOSTILE, address: '西湖区文三路 90 号', phone: '057188881234', bankName: '工商银行文三路支行', notes: 'a\nb" onload="alert(1)' },
    confirmDuplicates: true,
  });
  customerId = c.id;
  const contact = await ws.call(zhang, 'contacts.create', {
    customerId,
    fields: { name: '陈<b>静</b>', title: '采购经理', isDecisionMaker: true, mobile: '13800138000' },
  });
  createActivity(ws.host.workspace.db!, userOf(zhang), {
    customerId,
    type: 'call_out',
    occurredAt: ws.clock.now() - DAY,
    summary: '电话沟通报价 <img src=x onerror=alert(1)>',
    contactId: contact.id,
    outcome: '同意下周面谈',
  });
});

/** The print module's handlers as the Electron shell's host builds them, with this printer (imports are not the print module's). */
const contextWith = (printer: Printer): ModuleContext => ({
  ws: ws.host.workspace,
  db: () => ws.host.workspace.db!,
  read: () => ws.host.workspace.db!,
  tempFile: () => Promise.reject(new Error('unused')),
  imports: new Proxy({} as ModuleContext['imports'], { get: () => () => Promise.reject(new Error('unused')) }),
  printer,
  runJobs: () => Promise.resolve(),
});

describe('html', () => {
  it('escapes every interpolated value and keeps html fragments', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(html`<td>${'<script>'}${html`<b>${'&'}</b>`}${null}${[1, '<', false]}</td>`.value).toBe('<td>&lt;script&gt;<b>&amp;</b>1&lt;</td>');
  });
});

describe('page options', () => {
  it('gives Electron’s printToPDF the same A4 page, margins and footer as the tests’ page.pdf', () => {
    const footer = '<span class="pageNumber"></span>';
    const test = pdfOptions(footer);
    const app = printToPdfOptions(footer);
    expect(app.pageSize).toBe(test.format);
    expect(app.footerTemplate).toBe(test.footerTemplate);
    expect(app.headerTemplate).toBe(test.headerTemplate);
    expect([app.displayHeaderFooter, app.printBackground, app.preferCSSPageSize]).toEqual([true, true, true]);
    for (const side of ['top', 'right', 'bottom', 'left'] as const) {
      expect(app.margins[side] * 25.4).toBeCloseTo(Number.parseFloat(test.margin[side]), 6);
    }
    expect(test.margin).toEqual({ top: '15mm', right: '15mm', bottom: '18mm', left: '15mm' });
  });
});

describe('print.render customerCard', () => {
  it('prints the company name from settings, the customer, its contacts and its contact log', async () => {
    const doc = await ws.call(zhang, 'print.render', { form: 'customerCard', id: customerId });
    expect(doc.form).toBe('customerCard');
    expect(doc.html.startsWith('<!doctype html>')).toBe(true);
    expect(doc.html).toContain('杭州测试贸易有限公司');
    expect(doc.html).toContain('客户档案卡');
    expect(doc.html).toContain('采购经理');
    expect(doc.html).toContain('138 0013 8000');
    expect(doc.html).toContain('0571-8888 1234');
    expect(doc.html).toContain('同意下周面谈');
    expect(doc.html).toContain('去电');
    expect(doc.html).toContain('工商银行文三路支行');
    // Signature and date lines, and the footer numbering the pages.
    expect(doc.html).toContain('填表人');
    expect(doc.html).toContain('审核人');
    expect(doc.footerTemplate).toContain('<span class="pageNumber"></span>');
    expect(doc.footerTemplate).toContain('<span class="totalPages"></span>');
    expect(doc.footerTemplate).toContain('杭州测试贸易有限公司');
    expect(doc.fileName).toMatch(/^客户档案卡-.*\.pdf$/);
    expect(doc.fileName).not.toMatch(/[\\/:*?"<>|]/);
  });

  it('turns hostile customer text into text: no script, no tag, no attribute breaks out', async () => {
    const doc = await ws.call(zhang, 'print.render', { form: 'customerCard', id: customerId });
    expect(doc.html).not.toMatch(/<script/i);
    expect(doc.html).not.toContain('<img');
    expect(doc.html).not.toContain('<b>静');
    expect(doc.html).not.toContain('" onload="');
    expect(doc.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;星辰&amp;&quot;科技&quot;&#39;有限公司');
    expect(doc.html).toContain('陈&lt;b&gt;静&lt;/b&gt;');
    // The document forbids scripts and remote content itself, wherever it is shown.
    expect(doc.html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('escapes a hostile company name in the page and in the footer template', async () => {
    await ws.call(admin, 'settings.update', { companyName: '<img src=x onerror=alert(1)>贸易' });
    const doc = await ws.call(zhang, 'print.render', { form: 'customerCard', id: customerId });
    expect(doc.html).toContain('&lt;img src=x onerror=alert(1)&gt;贸易');
    expect(doc.html).not.toContain('<img');
    expect(doc.footerTemplate).toContain('&lt;img src=x onerror=alert(1)&gt;贸易');
    expect(doc.footerTemplate).not.toContain('<img');
  });

  it('refuses a salesperson the card of another salesperson’s customer', async () => {
    expect(await code(ws.invoke(li, 'print.render', { form: 'customerCard', id: customerId }))).toBe('FORBIDDEN');
  });

  it('lets a manager print any customer, and leaves the financial section out for a salesperson who does not own it', async () => {
    const doc = await ws.call(manager, 'print.render', { form: 'customerCard', id: customerId });
    expect(doc.html).toContain('工商银行文三路支行');
    await ws.call(zhang, 'customers.release', { ids: [customerId], reason: '客户暂无需求' });
    const pool = await ws.call(li, 'print.render', { form: 'customerCard', id: customerId });
    expect(pool.html).not.toContain('工商银行文三路支行');
    expect(pool.html).not.toContain('财务信息');
  });

  it('rejects an unknown form or a malformed id with a validation error', async () => {
    expect(await code(ws.invoke(zhang, 'print.render', { form: 'invoice' as 'visit', id: customerId }))).toBe('VALIDATION');
    expect(await code(ws.invoke(zhang, 'print.render', { form: 'customerCard', id: 'nope' }))).toBe('VALIDATION');
  });

  it('prints in the language the user asks for', async () => {
    const doc = await ws.call(zhang, 'print.render', { form: 'customerCard', id: customerId, locale: 'en' });
    expect(doc.html).toContain('Customer file card');
    expect(doc.footerTemplate).toContain('Page <span class="pageNumber"></span> of <span class="totalPages"></span>');
  });
});

describe('print.render visit and minutes', () => {
  const plan = async () =>
    ws.call(zhang, 'visits.create', {
      fields: {
        customerId,
        plannedAt: ws.clock.now() + 2 * DAY,
        place: '客户公司 3 楼会议室',
        purpose: '介绍新产品 <script>',
        materials: ['productCatalog', 'samples'],
        chkAppointment: true,
        chkDecisionMaker: true,
      },
    });

  it('prints the visit sheet with its form number, the checklist as tick boxes and lines for notes', async () => {
    const visit = await plan();
    const doc = await ws.call(zhang, 'print.render', { form: 'visit', id: visit.id });
    expect(doc.html).toContain('客户走访单');
    expect(doc.html).toContain(visit.formNo);
    expect(doc.html).toContain('杭州测试贸易有限公司');
    expect(doc.html).toContain('介绍新产品 &lt;script&gt;');
    expect(doc.html).not.toMatch(/<script/i);
    // Five checklist items, two of them ticked; eight materials, two ticked.
    expect(doc.html.match(/class="box checked"/g)?.length).toBe(4);
    expect(doc.html.match(/class="box"/g)?.length).toBe(9);
    expect(doc.html.match(/class="line"/g)?.length).toBe(5);
    expect(doc.html).toContain('拜访人签字');
    expect(doc.html).toContain('客户签字');
    expect(await code(ws.invoke(li, 'print.render', { form: 'visit', id: visit.id }))).toBe('FORBIDDEN');
  });

  it('prints a carried-out visit with its result instead of the lines for notes', async () => {
    const visit = await plan();
    await ws.call(zhang, 'visits.submit', { id: visit.id });
    await ws.call(manager, 'visits.approve', { id: visit.id, comment: '同意，带上样品' });
    ws.clock.advance(3 * DAY);
    await ws.call(zhang, 'visits.recordResult', { id: visit.id, doneAt: ws.clock.now(), summary: '演示顺利，客户很满意', outcome: '同意试点' });
    const doc = await ws.call(zhang, 'print.render', { form: 'visit', id: visit.id });
    expect(doc.html).toContain('演示顺利，客户很满意');
    expect(doc.html).toContain('同意试点');
    expect(doc.html).toContain('第 1 次拜访');
    expect(doc.html).toContain('王经理');
    expect(doc.html).toContain('同意，带上样品');
    expect(doc.html).not.toContain('class="line"');
  });

  it('prints the minutes with action items and signature lines for both sides', async () => {
    const m = await ws.call(zhang, 'minutes.create', {
      fields: {
        customerId,
        meetingDate: '2026-11-20',
        meetingTime: '14:30',
        place: '客户会议室',
        ourAttendees: '张三 销售\n王经理',
        customerAttendees: '陈静 采购经理',
        noteTaker: '张三',
        discussion: '讨论了年度框架协议 </div><script>alert(1)</script>',
        agreements: '12 月前签订框架协议',
        actions: [{ content: '发送正式报价单', ownerName: '张三', dueDate: '2026-11-25' }],
      },
    });
    const doc = await ws.call(zhang, 'print.render', { form: 'minutes', id: m.id });
    expect(doc.html).toContain('会谈纪要');
    expect(doc.html).toContain(m.formNo);
    expect(doc.html).toContain('2026年11月20日 14:30');
    expect(doc.html).toContain('发送正式报价单');
    expect(doc.html).toContain('2026年11月25日');
    expect(doc.html).toContain('我方代表（签字）');
    expect(doc.html).toContain('客户方代表（签字/盖章）');
    expect(doc.html).not.toMatch(/<script/i);
    expect(doc.html).toContain('&lt;/div&gt;&lt;script&gt;');
    expect(await code(ws.invoke(li, 'print.render', { form: 'minutes', id: m.id }))).toBe('FORBIDDEN');
    expect(await code(ws.invoke(manager, 'print.render', { form: 'minutes', id: m.id }))).toBeUndefined();
  });
});

describe('print.output', () => {
  it('is unavailable where the host has no printer (the test bridge, the CLI)', async () => {
    expect(await ws.call(zhang, 'print.capabilities', {})).toEqual({ native: false });
    expect(await code(ws.invoke(zhang, 'print.output', { form: 'customerCard', id: customerId, action: 'pdf' }))).toBe('PRINT_UNAVAILABLE');
  });

  it('hands the host’s printer the rendered form, after the same permission check', async () => {
    const jobs: { kind: string; job: PrintJob }[] = [];
    const printer: Printer = {
      print: async (job) => {
        jobs.push({ kind: 'print', job });
        return false;
      },
      savePdf: async (job) => {
        jobs.push({ kind: 'pdf', job });
        return `/tmp/${job.fileName}`;
      },
    };
    const handlers = printHandlers(contextWith(printer));
    const ctx = { session: zhang, user: userOf(zhang) };
    const rendered = await ws.call(zhang, 'print.render', { form: 'customerCard', id: customerId });
    expect(await handlers['print.capabilities']({}, ctx)).toEqual({ native: true });
    expect(await handlers['print.output']({ form: 'customerCard', id: customerId, action: 'pdf' }, ctx)).toEqual({
      done: true,
      filePath: `/tmp/${rendered.fileName}`,
    });
    expect(await handlers['print.output']({ form: 'customerCard', id: customerId, action: 'print' }, ctx)).toEqual({ done: false, filePath: null });
    expect(jobs.map((j) => j.kind)).toEqual(['pdf', 'print']);
    expect(jobs[0]!.job.html).toBe(rendered.html);
    expect(jobs[0]!.job.footerTemplate).toBe(rendered.footerTemplate);
    await expect(
      Promise.resolve().then(() => handlers['print.output']({ form: 'customerCard', id: customerId, action: 'pdf' }, { session: li, user: userOf(li) })),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(jobs).toHaveLength(2);
  });

  it('reports a printer’s failure as PRINT_FAILED with the system’s reason', async () => {
    const failing: Printer = {
      print: () => Promise.reject(new Error('no valid printers available')),
      savePdf: () => Promise.reject(new Error('EACCES: permission denied')),
    };
    const handlers = printHandlers(contextWith(failing));
    const ctx = { session: zhang, user: userOf(zhang) };
    await expect(handlers['print.output']({ form: 'customerCard', id: customerId, action: 'print' }, ctx)).rejects.toMatchObject({
      code: 'PRINT_FAILED',
      params: { reason: 'no valid printers available' },
    });
    await expect(handlers['print.output']({ form: 'customerCard', id: customerId, action: 'pdf' }, ctx)).rejects.toMatchObject({
      code: 'PRINT_FAILED',
      params: { reason: 'EACCES: permission denied' },
    });
  });
});
