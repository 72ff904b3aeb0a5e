import { afterEach, describe, expect, it } from 'vitest';
import { customerSources, customerStatuses } from '../../src-shared/customers/enums';
import { normalizeCompanyName } from '../../src-shared/rules/companyName';
import { isValidCreditCode } from '../../src-shared/rules/creditCode';
import { isMobile } from '../../src-shared/rules/phone';
import { validRegionPath } from '../../src-shared/regions';
import { integrityCheck } from '../../src-main/db/connection';
import { createRng, seedDemo } from '../../src-main/devtools/seedDemo';
import { pinyinKeys } from '../../src-main/db/pinyin';
import { searchCustomers } from '../../src-main/services/search/search';
import { ADMIN, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

const workspaces: TestWorkspace[] = [];
afterEach(() => {
  for (const ws of workspaces.splice(0)) ws.dispose();
});

const seeded = async (customers: number, seed: number) => {
  const ws = await createTestWorkspace();
  workspaces.push(ws);
  const session = await ws.loginAs(ADMIN.username, ADMIN.password);
  const db = ws.host.workspace.db!;
  const result = await seedDemo(ws.host.workspace, db, session.user!.id, { customers, seed, chunk: 70 });
  return { ws, db, result, admin: session.user! };
};

type CustomerRow = {
  id: string;
  name: string;
  name_key: string;
  credit_code: string | null;
  phone: string;
  owner_id: string | null;
  status: string;
  source: string;
  province_code: string;
  city_code: string;
  district_code: string | null;
  assigned_at: number | null;
  lost_reason: string | null;
};

describe('seedDemo', () => {
  it('gives the same names for the same seed, and other names for another seed', async () => {
    const a = await seeded(200, 42);
    const b = await seeded(200, 42);
    const c = await seeded(200, 43);
    const names = (db: typeof a.db): string[] =>
      (db.sqlite.prepare('SELECT name FROM customers ORDER BY rowid').all() as { name: string }[]).map((r) => r.name);
    const people = (db: typeof a.db): string[] =>
      (db.sqlite.prepare('SELECT name || mobile AS v FROM contacts ORDER BY rowid').all() as { v: string }[]).map((r) => r.v);
    expect(names(a.db)).toHaveLength(200);
    expect(names(b.db)).toEqual(names(a.db));
    expect(people(b.db)).toEqual(people(a.db));
    expect(names(c.db)).not.toEqual(names(a.db));
  });

  it('fills every required column with plausible, valid values', async () => {
    const { db, result } = await seeded(300, 7);
    expect(result).toMatchObject({ customers: 300, contacts: 600 });
    expect(integrityCheck(db)).toBe('ok');

    const rows = db.sqlite.prepare('SELECT * FROM customers').all() as CustomerRow[];
    expect(new Set(rows.map((r) => r.name)).size).toBe(300);
    for (const r of rows) {
      expect(r.name).toMatch(/(有限公司|有限责任公司|分公司)$/);
      expect(r.name_key).toBe(normalizeCompanyName(r.name));
      if (r.credit_code !== null) expect(isValidCreditCode(r.credit_code), r.credit_code).toBe(true);
      expect(r.phone).toMatch(/^(0\d{9,11}|1[3-9]\d{9})$/);
      expect(validRegionPath(r.province_code, r.city_code, r.district_code ?? undefined)).toBe(true);
      expect(customerSources as readonly string[]).toContain(r.source);
      expect(customerStatuses as readonly string[]).toContain(r.status);
      expect(r.assigned_at === null).toBe(r.owner_id === null);
      expect(r.lost_reason !== null).toBe(r.status === 'lost' || r.status === 'permanently_lost');
    }
    expect(new Set(rows.map((r) => r.status)).size).toBeGreaterThanOrEqual(6);
    expect(rows.filter((r) => r.credit_code !== null).length).toBeGreaterThan(200);

    const owners = new Map<string | null, number>();
    for (const r of rows) owners.set(r.owner_id, (owners.get(r.owner_id) ?? 0) + 1);
    expect(owners.get(null)).toBeGreaterThan(10);
    const roles = db.sqlite
      .prepare(`SELECT u.role, count(*) AS n FROM customers c JOIN users u ON u.id = c.owner_id GROUP BY u.role`)
      .all() as { role: string; n: number }[];
    expect(roles.map((r) => r.role).sort()).toEqual(['manager', 'sales']);
    expect(owners.size).toBeGreaterThanOrEqual(6);

    const perCustomer = db.sqlite
      .prepare(`SELECT count(*) AS n, sum(is_decision_maker) AS dm FROM contacts GROUP BY customer_id`)
      .all() as { n: number; dm: number }[];
    expect(perCustomer).toHaveLength(300);
    for (const g of perCustomer) {
      expect(g.n).toBeGreaterThanOrEqual(1);
      expect(g.n).toBeLessThanOrEqual(3);
      expect(g.dm).toBe(1);
    }
    const people = db.sqlite.prepare('SELECT name, mobile, title FROM contacts').all() as { name: string; mobile: string; title: string }[];
    for (const p of people) {
      expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(isMobile(p.mobile)).toBe(true);
      expect(p.title).not.toBe('');
    }
  });

  it('creates the demo team once and reuses it when run again', async () => {
    const { ws, db, admin } = await seeded(20, 1);
    const again = await seedDemo(ws.host.workspace, db, admin.id, { customers: 10, seed: 2 });
    expect(again.users.map((u) => u.role).sort()).toEqual(['manager', 'sales', 'sales', 'sales', 'sales', 'sales']);
    expect((db.sqlite.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n).toBe(7);
    expect((db.sqlite.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n).toBe(30);
    const sales = again.users.find((u) => u.role === 'sales')!;
    expect((await ws.loginAs(sales.username, 'demo-pass-2026')).user?.id).toBe(sales.id);
  });

  it('indexes what it writes for search', async () => {
    const { db } = await seeded(100, 5);
    const manager = { id: 'nobody', role: 'manager' as const };
    const { name } = db.sqlite.prepare('SELECT name FROM customers ORDER BY rowid LIMIT 1 OFFSET 37').get() as { name: string };
    expect(searchCustomers(db, manager, name, 5)[0]).toMatchObject({ title: name, kind: 'customer' });
    const initials = pinyinKeys(name).initials;
    expect(searchCustomers(db, manager, initials, 50).map((h) => h.title)).toContain(name);
  });
});

describe('createRng', () => {
  it('repeats its sequence for a seed', () => {
    const a = createRng(9);
    const b = createRng(9);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
