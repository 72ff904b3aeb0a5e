/**
 * The one module shape: every domain's main-process side is a ServiceModule
 * (src-main/services/<domain>/module.ts) registered with the host, and whichever
 * file of the graph loads first, every module's tables and hooks are wired.
 * (The table hooks used to live on the tables, in an import cycle through
 * db/schema.ts: when services/orders/derived.ts loaded first, the orders
 * module's customersChanged hook was silently undefined and the recycle bin
 * stopped re-grading ABC.)
 */
import { readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const root = join(__dirname, '../..');
const servicesDir = join(root, 'src-main/services');
const moduleFiles = readdirSync(servicesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(servicesDir, d.name, 'module.ts')))
  .map((d) => join(servicesDir, d.name, 'module.ts'));

/** What may load first: every module, and the files the old cycle ran through. */
const firstFiles = [
  ...moduleFiles,
  join(root, 'src-main/db/schema.ts'),
  join(root, 'src-main/db/connection.ts'),
  join(root, 'src-main/services/orders/derived.ts'),
  join(root, 'src-main/services/orders/rules.ts'),
  join(root, 'src-main/services/settings/settings.ts'),
  join(root, 'src-main/services/customers/customers.ts'),
  join(root, 'src-main/services/exchange/declarations.ts'),
];

type HostModule = typeof import('../../src-main/host');

describe('service modules', () => {
  it('every services/<domain>/module.ts is registered with the host, once', async () => {
    vi.resetModules();
    const { serviceModules } = (await import('../../src-main/host')) as HostModule;
    const exported = await Promise.all(moduleFiles.map(async (f) => Object.values(await import(f))));
    const declared = exported.flat();
    expect(declared.length).toBe(moduleFiles.length);
    for (const m of declared) expect(serviceModules).toContain(m);
    expect(new Set(serviceModules.map((m) => m.name)).size).toBe(serviceModules.length);
  });

  it.each(firstFiles.map((f) => [relative(root, f), f]))('loading %s first leaves every table and hook wired', async (_name, first) => {
    vi.resetModules();
    await import(first);
    const { serviceModules, hooksOf } = (await import('../../src-main/host')) as HostModule;
    const { auditedTables, customerLinkedTables, exchangedTables } = await import('../../src-main/db/schema');
    for (const m of serviceModules) {
      for (const [name, hook] of Object.entries(m.hooks ?? {})) {
        if (name === 'afterExchangeImport') for (const h of Object.values(hook as object)) expect(typeof h, `${m.name}.${name}`).toBe('function');
        else expect(typeof hook, `${m.name}.${name}`).toBe('function');
      }
      for (const job of m.jobs ?? []) expect(typeof job.run, `${m.name}/${job.name}`).toBe('function');
    }
    for (const t of [...auditedTables(), ...customerLinkedTables()]) expect(t).toBeDefined();
    for (const d of exchangedTables()) expect(d.table, d.sheet).toBeDefined();
    // The hooks the customer service relies on are the modules' own.
    const orders = serviceModules.find((m) => m.name === 'orders')!;
    const { afterCustomersChanged } = await import('../../src-main/services/orders/derived');
    expect(orders.hooks?.customersChanged).toBe(afterCustomersChanged);
    const hooks = hooksOf();
    for (const f of ['install', 'customersChanged', 'purgeBlocker', 'purgeModuleRows', 'afterExchangeImport'] as const) expect(typeof hooks[f]).toBe('function');
  });

  it('with the grading code loaded first, the recycle bin still re-grades ABC (the bug the cycle caused)', async () => {
    vi.resetModules();
    await import('../../src-main/services/orders/derived');
    const { createTestWorkspace, ADMIN, OFFICE } = await import('../helpers/workspace');
    const { companyFields } = await import('../helpers/customers');
    const { addDays, localIsoDate } = await import('../../src-shared/orders/logic');
    const ws = await createTestWorkspace();
    try {
      const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
      await ws.call(admin, 'users.create', OFFICE.zhang);
      const zhang = await ws.loginAs('zhang', 'zhang-pass-1');
      const today = localIsoDate(ws.clock.now());
      const grade = (id: string) =>
        ws.host.workspace.db!.sqlite.prepare<[string], { grade: string | null }>('SELECT grade FROM customers WHERE id = ?').get(id)?.grade ?? null;
      const create = async (name: string, yuan: number) => {
        const id = (await ws.call(zhang, 'customers.create', { fields: companyFields(name), confirmDuplicates: false })).id;
        await ws.call(zhang, 'orders.create', {
          customerId: id,
          orderDate: addDays(today, -10),
          dueDate: addDays(today, 20),
          contractNo: `HT-${yuan}`,
          lines: [{ product: '阀门', quantity: 1, unitPrice: yuan * 100 }],
        });
        return id;
      };
      const big = await create('杭州东方机械有限公司', 1000);
      const small = await create('宁波海纳电子有限公司', 100);
      expect([grade(big), grade(small)]).toEqual(['A', 'B']);
      await ws.call(zhang, 'customers.delete', { ids: [big] });
      expect(grade(small)).toBe('A');
    } finally {
      ws.dispose();
    }
  });
});

describe('the host assembles the modules’ handlers', () => {
  it('refuses two modules that handle the same channel, and a channel no module handles', async () => {
    vi.resetModules();
    const { assembleHandlers, serviceModules } = (await import('../../src-main/host')) as HostModule;
    const ctx = {} as Parameters<HostModule['assembleHandlers']>[1];
    const search = serviceModules.find((m) => m.name === 'search')!;
    const copy = { name: 'search-copy', handlers: search.handlers! };
    expect(() => assembleHandlers([...serviceModules, copy], ctx)).toThrow('two modules handle search.query: search and search-copy');
    expect(() => assembleHandlers(serviceModules.filter((m) => m !== search), ctx)).toThrow('no module handles search.query');
  });
});
