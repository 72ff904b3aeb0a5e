import Database from 'better-sqlite3';
import { afterAll, expect } from 'vitest';
import { channels, contract, type Channel } from '../../src-shared/contract';
import { tableNames } from '../../src-shared/tables';
import { it } from '../helpers/office';

/**
 * What each read channel declares it reads (ChannelDef.reads) against what it really reads: every
 * read runs on a real database holding a customer with a contact, an order, a contact entry, a
 * visit and minutes, while the SQL its statements run is recorded; each table named after FROM or
 * JOIN must be among the declared ones (the session check before every call is left out). And a
 * read changes nothing: its call reports no changed table.
 */

// Records the SQL of every statement run while `recording` is set.
let recording: string[] | null = null;
type Statement = Record<'all' | 'get' | 'iterate' | 'run', (...args: unknown[]) => unknown>;
const proto = Database.prototype as unknown as { prepare(sql: string): Statement };
const prepare = proto.prepare;
proto.prepare = function (this: unknown, sql: string): Statement {
  const statement = prepare.call(this, sql);
  for (const method of ['all', 'get', 'iterate', 'run'] as const) {
    const run = statement[method];
    statement[method] = function (this: unknown, ...args: unknown[]) {
      recording?.push(sql);
      return run.apply(this, args);
    };
  }
  return statement;
};
afterAll(() => {
  proto.prepare = prepare;
});

/** The search index's tables: written only with customers and contacts, which a search declares instead. */
const searchIndex = /^search_/;
const tablesIn = (sql: string): string[] => {
  const out = new Set<string>();
  for (const m of sql.matchAll(/\b(?:from|join)\s+["`]?([a-z_]+)["`]?/gi)) out.add(m[1]!.toLowerCase());
  return [...out].filter((t) => (tableNames as readonly string[]).includes(t) || searchIndex.test(t));
};

it('every read channel reads only the tables it declares, and changes none', async ({ office }) => {
  const { ws, admin, manager, zhang, ids } = office;
  const customer = await ws.call(zhang, 'customers.create', { fields: { name: '杭州读表测试有限公司' }, confirmDuplicates: false });
  await ws.call(zhang, 'contacts.create', { customerId: customer.id, fields: { name: '王经理', mobile: '13800000002' } });
  const order = await ws.call(zhang, 'orders.create', {
    customerId: customer.id,
    orderDate: '2026-11-20',
    dueDate: '2026-12-20',
    lines: [{ product: '电机', quantity: 2, unitPrice: 10_000 }],
  });
  await ws.call(zhang, 'orders.addPayment', { orderId: order.id, paidOn: '2026-11-21', amount: 5_000 });
  const activity = await ws.call(zhang, 'activities.create', { customerId: customer.id, type: 'call_out', occurredAt: ws.clock.now() - 3_600_000, summary: '电话' });
  await ws.call(zhang, 'activities.createTask', { customerId: customer.id, title: '寄送样品', dueAt: ws.clock.now() + 86_400_000 });
  const visit = await ws.call(zhang, 'visits.create', { fields: { customerId: customer.id, plannedAt: ws.clock.now() + 86_400_000, purpose: '回访' }, submit: true });
  const minutes = await ws.call(zhang, 'minutes.create', {
    fields: { customerId: customer.id, meetingDate: '2026-11-20', meetingTime: '10:00', actions: [{ content: '寄样品', dueDate: '2026-11-30' }] },
    submit: false,
  });
  await ws.call(zhang, 'reports.salesReport.save', { kind: 'week', anchor: '2026-11-23', summary: '本周拜访两家', plan: '' });

  const filter = { period: { kind: 'year', anchor: '2026-11-23' } } as const;
  // Each read: its input, and who calls it (the manager unless said).
  const calls: Partial<Record<Channel, { input?: unknown; as?: typeof admin; also?: unknown[] }>> = {
    'app.status': {},
    'auth.myLogins': { as: zhang },
    'users.list': { as: admin },
    'loginHistory.list': { as: admin },
    'users.directory': {},
    'settings.get': {},
    'backup.list': { as: admin },
    'backup.settings': { as: admin },
    'keys.status': { as: admin },
    'prefs.get': { input: { key: 'customerColumns' } },
    'customers.list': { input: { filter: {} } },
    'customers.get': { input: { id: customer.id } },
    'customers.checkDuplicates': { input: { name: '杭州读表测试有限公司', phone: '13800000002' } },
    'customers.recycleBin': {},
    'customers.history': { input: { id: customer.id } },
    'customers.merges': {},
    'customers.stale': {},
    'customers.overdueFirstContact': {},
    'tags.list': {},
    'import.sheets': { input: { uploadId: '00000000-0000-4000-8000-000000000000' } },
    'import.preview': { input: { uploadId: '00000000-0000-4000-8000-000000000000', sheetIndex: 0 } },
    'import.progress': { input: { jobId: '00000000-0000-4000-8000-000000000000' } },
    'import.batches': {},
    'search.query': { input: { q: '杭州' }, also: [{ q: '1380' }, { q: 'hz' }] },
    'activities.get': { input: { id: activity.id } },
    'activities.list': { input: {} },
    'activities.listTasks': { input: {} },
    'activities.listSurveys': { input: { customerId: customer.id } },
    'activities.greetings': { input: {} },
    'activities.greetingSettings': {},
    'activities.dashboard': { as: zhang },
    'visits.list': { input: { from: ws.clock.now() - 30 * 86_400_000, to: ws.clock.now() + 30 * 86_400_000 } },
    'visits.get': { input: { id: visit.id } },
    'visits.approvalQueue': {},
    'visits.customerSummary': { input: { customerId: customer.id } },
    'visits.suggestions': { input: {} },
    'visits.settings': {},
    'visits.notifications': {},
    'minutes.list': {},
    'minutes.due': { as: zhang },
    'minutes.reviewQueue': {},
    'minutes.get': { input: { id: minutes.id } },
    'orders.get': { input: { id: order.id } },
    'orders.list': { input: {} },
    'orders.products': { input: {} },
    'orders.summary': { input: { id: customer.id } },
    'orders.gradeHistory': { input: { id: customer.id } },
    'orders.receivables': { input: {} },
    'orders.rules': {},
    'reports.options': {},
    'reports.abc': { input: { filter } },
    'reports.top': { input: { filter } },
    'reports.comparison': { input: { filter } },
    'reports.statistics': { input: { filter, dim1: 'owner', dim2: 'grade' } },
    'reports.churn': { input: { filter } },
    'reports.funnel': { input: { filter } },
    'reports.receivables': { input: { filter } },
    'reports.service': { input: { filter } },
    'reports.salesReport.get': { input: { kind: 'week', anchor: '2026-11-23', userId: ids.zhang }, as: zhang },
    'reports.salesReport.list': { as: zhang },
    'exchange.status': {},
    'exchange.conflicts': {},
    'exchange.history': {},
    'print.render': { input: { form: 'customerCard', id: customer.id }, also: [{ form: 'visit', id: visit.id }, { form: 'minutes', id: minutes.id }] },
    'print.capabilities': {},
  };

  const reads = channels.filter((c) => (contract[c] as { reads?: readonly string[] }).reads);
  // A new read channel gets an input here, so what it reads is checked.
  expect(reads.filter((c) => !calls[c]).sort()).toEqual([]);

  // The session check before every call: its statements are nobody's read.
  recording = [];
  await ws.invoke(manager, 'print.capabilities', {});
  const sessionCheck = new Set(recording);
  recording = null;

  // Reads that no change notice refreshes, on purpose (they declare none of the tables they read), and why.
  const unrefreshed: Partial<Record<Channel, string>> = {
    'app.status': 'the window sets its own set-up and session state at each step (src-shared/contract/auth.ts)',
  };
  for (const channel of Object.keys(unrefreshed) as Channel[]) expect((contract[channel] as { reads?: readonly string[] }).reads, channel).toEqual([]);

  const undeclared: Record<string, string[]> = {};
  const wrote: Record<string, string[]> = {};
  for (const channel of reads) {
    const { input = {}, as = manager, also = [] } = calls[channel]!;
    const declared = new Set((contract[channel] as { reads: readonly string[] }).reads);
    for (const one of [input, ...also]) {
      recording = [];
      const result = await ws.host.invoke(as, channel, one);
      const ran = recording;
      recording = null;
      // The import channels answer from the import process (no upload here: NOT_FOUND); every other read succeeds.
      if (!channel.startsWith('import.') || channel === 'import.batches') expect(result, channel).toMatchObject({ ok: true });
      if (result.changed) wrote[channel] = result.changed;
      const read = new Set(ran.filter((sql) => !sessionCheck.has(sql)).flatMap(tablesIn));
      const missing = unrefreshed[channel]
        ? []
        : [...read].filter((t) => !declared.has(t) && !(searchIndex.test(t) && declared.has('customers') && declared.has('contacts')));
      if (missing.length) undeclared[channel] = [...new Set([...(undeclared[channel] ?? []), ...missing])].sort();
    }
  }
  expect(undeclared).toEqual({});
  expect(wrote).toEqual({});
});
