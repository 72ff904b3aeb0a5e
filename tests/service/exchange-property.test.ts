import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Session } from '../../src-main/ipc/session';
import { snapshot, twoPcs, type Pc } from './exchange-helpers';

/**
 * Two PCs start from one state (a copy of one workspace's files), each makes
 * random edits (create, edit the same or different fields, delete, reassign,
 * contacts), then they exchange both ways. Checked every time:
 * - the conflicts each import reports are exactly the records changed on both
 *   sides (per the change log, which is independent of the exchange machinery)
 *   whose versions differ — nothing more, nothing less;
 * - once the conflicts are resolved on one PC (each one way or the other) and
 *   that PC's workbook goes back, both hold identical data, every one-sided
 *   edit is present, and each conflict holds the chosen side's version;
 * - importing the same workbook again, or an older one, changes nothing.
 * The two PCs are reused from case to case (each case ends with them equal).
 * Cases: TUOKE_EXCHANGE_RUNS (200).
 */
const RUNS = Number(process.env.TUOKE_EXCHANGE_RUNS ?? 200);

type Op =
  | { k: 'create' }
  | { k: 'edit'; i: number; field: 'phone' | 'email' | 'notes' | 'address'; v: number }
  | { k: 'delete'; i: number }
  | { k: 'assign'; i: number; u: number }
  | { k: 'contact'; i: number }
  | { k: 'editContact'; i: number; v: number }
  | { k: 'tag'; i: number; tag: number; on: boolean }
  | { k: 'restore'; i: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Op>({ k: 'create' }) },
  {
    weight: 5,
    arbitrary: fc.record({ k: fc.constant('edit' as const), i: fc.nat(50), field: fc.constantFrom('phone', 'email', 'notes', 'address'), v: fc.nat(2) }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('delete' as const), i: fc.nat(50) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('assign' as const), i: fc.nat(50), u: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('contact' as const), i: fc.nat(50) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('editContact' as const), i: fc.nat(50), v: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('tag' as const), i: fc.nat(50), tag: fc.nat(1), on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('restore' as const), i: fc.nat(50) }) },
);

const caseArb = fc.record({
  a: fc.array(opArb, { minLength: 1, maxLength: 8 }),
  b: fc.array(opArb, { minLength: 1, maxLength: 8 }),
  // Mostly "since the last exchange" (the everyday case, and it keeps the workbooks small as the PCs fill up), sometimes all.
  sinceA: fc.constantFrom(true, true, true, false),
  sinceB: fc.constantFrom(true, true, true, false),
  choices: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
});

let a: Pc;
let b: Pc;
let dispose: () => void;
let users: string[] = [];
let tags: string[] = [];
let serial = 0;

beforeAll(async () => {
  const pcs = await twoPcs(async (pc) => {
    for (const u of ['zhang', 'li']) await pc.call('users.create', { username: u, displayName: u, role: 'sales', password: `${u}-pass-1` });
    for (const name of ['重点', '待跟进']) await pc.call('tags.create', { name, color: 'blue' });
    for (let i = 0; i < 6; i += 1) {
      const c = await pc.call('customers.create', { fields: { name: `起始客户${i}号有限公司` }, confirmDuplicates: false });
      await pc.call('contacts.create', { customerId: c.id, fields: { name: `联系人${i}` } });
    }
  });
  ({ a, b, dispose } = pcs);
  users = (await a.call('users.list', {})).map((u) => u.id);
  tags = (await a.call('tags.list', {})).map((t) => t.id);
  // A first full exchange both ways, so each PC knows the other (exports "since" a peer need one).
  await a.exportTo(join(a.dir, 'first.xlsx'));
  await b.exportTo(join(b.dir, 'first.xlsx'));
  await b.importFrom(join(a.dir, 'first.xlsx'));
  await a.importFrom(join(b.dir, 'first.xlsx'));
}, 60_000);

afterAll(() => dispose?.());

const liveCustomers = (pc: Pc): string[] =>
  (pc.db.sqlite.prepare('SELECT id FROM customers WHERE deleted_at IS NULL AND merged_into IS NULL ORDER BY id').all() as { id: string }[]).map((r) => r.id);
const liveContacts = (pc: Pc): string[] =>
  (
    pc.db.sqlite
      .prepare('SELECT c.id FROM contacts c JOIN customers k ON k.id = c.customer_id WHERE c.deleted_at IS NULL AND k.deleted_at IS NULL ORDER BY c.id')
      .all() as { id: string }[]
  ).map((r) => r.id);

const linked = (pc: Pc, customerId: string, tagId: string): boolean =>
  !!pc.db.sqlite.prepare('SELECT 1 FROM customer_tags WHERE customer_id = ? AND tag_id = ?').get(customerId, tagId);

/** Link rows (customer tags) are not in the change log: the test notes which ones an operation really changed. */
const apply = async (pc: Pc, session: Session, op: Op, side: string, links: Set<string>): Promise<void> => {
  const customers = liveCustomers(pc);
  // From the first few records only, so that both PCs often touch the same ones (conflicts) as the PCs fill up.
  const pick = (list: string[], i: number): string | undefined => (list.length ? list[i % Math.min(list.length, 5)] : undefined);
  switch (op.k) {
    case 'create':
      await pc.call('customers.create', { fields: { name: `${side}新客户${(serial += 1)}号` }, confirmDuplicates: true }, session);
      return;
    case 'edit': {
      const id = pick(customers, op.i);
      if (!id) return;
      const value = { phone: `1390000000${op.v}`, email: `u${op.v}@example.com`, notes: `备注${op.v}`, address: `地址${op.v}号` }[op.field];
      await pc.call('customers.update', { id, fields: { [op.field]: value } }, session);
      return;
    }
    case 'delete': {
      const id = pick(customers, op.i);
      if (id) await pc.call('customers.delete', { ids: [id] }, session);
      return;
    }
    case 'assign': {
      const id = pick(customers, op.i);
      if (id) await pc.call('customers.assign', { ids: [id], ownerId: users[op.u % users.length]!, reason: '测试' }, session);
      return;
    }
    case 'contact': {
      const id = pick(customers, op.i);
      if (id) await pc.call('contacts.create', { customerId: id, fields: { name: `${side}联系人${(serial += 1)}` } }, session);
      return;
    }
    case 'editContact': {
      const id = pick(liveContacts(pc), op.i);
      if (id) await pc.call('contacts.update', { id, fields: { title: `职务${op.v}` } }, session);
      return;
    }
    case 'tag': {
      const id = pick(customers, op.i);
      const tagId = tags[op.tag % tags.length]!;
      if (!id) return;
      const was = linked(pc, id, tagId);
      await pc.call('customers.bulkTag', { ids: [id], add: op.on ? [tagId] : [], remove: op.on ? [] : [tagId] }, session);
      if (linked(pc, id, tagId) !== was) links.add(`customer_tags/${id}|${tagId}`);
      return;
    }
    case 'restore': {
      const bin = (pc.db.sqlite.prepare('SELECT id FROM customers WHERE deleted_at IS NOT NULL ORDER BY id').all() as { id: string }[]).map((r) => r.id);
      const id = pick(bin, op.i);
      if (id) await pc.call('customers.restore', { ids: [id] }, session);
      return;
    }
  }
};

const lastChange = (pc: Pc): number => (pc.db.sqlite.prepare('SELECT coalesce(max(id), 0) AS n FROM change_log').get() as { n: number }).n;
const changedSince = (pc: Pc, from: number): Set<string> =>
  new Set(
    (
      pc.db.sqlite
        .prepare(`SELECT DISTINCT table_name AS t, record_id AS r FROM change_log WHERE id > ? AND table_name IN ('customers', 'contacts', 'users', 'tags')`)
        .all(from) as { t: string; r: string }[]
    ).map((x) => `${x.t}/${x.r}`),
  );
const rowOf = (pc: Pc, key: string): unknown => {
  const [t, id] = key.split('/') as [string, string];
  if (t === 'customer_tags') {
    const [customerId, tagId] = id.split('|');
    return pc.db.sqlite.prepare('SELECT * FROM customer_tags WHERE customer_id = ? AND tag_id = ?').get(customerId, tagId) ?? null;
  }
  return pc.db.sqlite.prepare(`SELECT * FROM ${t} WHERE id = ?`).get(id) ?? null;
};
/** The row without who/when changed it last (a resolved conflict is stamped with the resolver and the time). */
const contentOf = (row: unknown): unknown => {
  if (!row) return row;
  const { updated_at: _a, updated_by: _b, ...rest } = row as Record<string, unknown>;
  return rest;
};
const pendingCount = (pc: Pc): number =>
  (pc.db.sqlite.prepare('SELECT count(*) AS n FROM exchange_conflicts WHERE resolved_at IS NULL').get() as { n: number }).n;

it(`two PCs converge after random edits on both sides (${RUNS} cases)`, async () => {
  const started = Date.now();
  let conflictsSeen = 0;
  await fc.assert(
    fc.asyncProperty(caseArb, async (c) => {
      const n = (serial += 1);
      a.clock.advance(60_000);
      b.clock.advance(45_000);
      const fromA = lastChange(a);
      const fromB = lastChange(b);
      const linksA = new Set<string>();
      const linksB = new Set<string>();
      for (const op of c.a) await apply(a, a.session, op, 'A', linksA);
      for (const op of c.b) await apply(b, b.session, op, 'B', linksB);
      const changedA = new Set([...changedSince(a, fromA), ...linksA]);
      const changedB = new Set([...changedSince(b, fromB), ...linksB]);
      // Both changed and the versions differ in what they say (not only in who/when: the same edit on both PCs is no conflict).
      const expected = new Set([...changedA].filter((k) => changedB.has(k) && JSON.stringify(contentOf(rowOf(a, k))) !== JSON.stringify(contentOf(rowOf(b, k)))));
      const preA = new Map([...changedA].map((k) => [k, rowOf(a, k)]));
      const preB = new Map([...changedB].map((k) => [k, rowOf(b, k)]));

      const wa = join(a.dir, `wa-${n}.xlsx`);
      const wb = join(b.dir, `wb-${n}.xlsx`);
      await a.exportTo(wa, c.sinceA ? b.node : undefined);
      await b.exportTo(wb, c.sinceB ? a.node : undefined);
      const onB = await b.importFrom(wa);
      const onA = await a.importFrom(wb);
      const reported = (s: typeof onB): string[] => s.conflicts.filter((x) => x.reason === 'both_changed').map((x) => `${x.table}/${x.recordId}`).sort();
      expect(reported(onB)).toEqual([...expected].sort());
      expect(reported(onA)).toEqual([...expected].sort());
      expect(onB.counts.skipped + onA.counts.skipped).toBe(0);
      conflictsSeen += expected.size;

      // Resolve on B, one way or the other per conflict.
      const pending = await b.call('exchange.conflicts', {});
      expect(pending.map((p) => `${p.table}/${p.recordId}`).sort()).toEqual([...expected].sort());
      const chosen = new Map<string, 'local' | 'remote'>();
      if (pending.length) {
        await b.call('exchange.resolve', {
          resolutions: pending.map((p, i) => {
            const side = c.choices[i % c.choices.length] ? 'remote' : 'local';
            chosen.set(`${p.table}/${p.recordId}`, side);
            const columns = [...p.fields.map((f) => f.column), ...(p.localDeleted !== p.remoteDeleted ? ['_deleted'] : [])];
            return { conflictId: p.id, fields: Object.fromEntries(columns.map((col) => [col, side])) };
          }),
        });
      }
      // B's workbook goes back to A: A takes the resolved versions (they descend from both sides).
      const wb2 = join(b.dir, `wb2-${n}.xlsx`);
      await b.exportTo(wb2, c.sinceB ? a.node : undefined);
      const back = await a.importFrom(wb2);
      expect(back.counts.conflicts + back.counts.skipped).toBe(0);
      expect(pendingCount(a)).toBe(0);
      expect(pendingCount(b)).toBe(0);

      const sa = snapshot(a.db);
      expect(snapshot(b.db)).toEqual(sa);
      // Every one-sided edit is present; every conflict holds the chosen side's version.
      for (const [k, row] of preA) if (!changedB.has(k)) expect(rowOf(a, k)).toEqual(row);
      for (const [k, row] of preB) if (!changedA.has(k)) expect(rowOf(a, k)).toEqual(row);
      for (const [k, side] of chosen) expect(contentOf(rowOf(a, k))).toEqual(contentOf(side === 'remote' ? preA.get(k) : preB.get(k)));

      // Re-imports (the same workbooks, and an older one) change nothing.
      const wa2 = join(a.dir, `wa2-${n}.xlsx`);
      await a.exportTo(wa2, c.sinceA ? b.node : undefined);
      for (const f of [wa2, wa]) {
        const s = await b.importFrom(f);
        expect(s.counts.added + s.counts.updated + s.counts.deleted + s.counts.conflicts).toBe(0);
      }
      const old = await a.importFrom(wb);
      expect(old.counts.added + old.counts.updated + old.counts.deleted + old.counts.conflicts).toBe(0);
      expect(snapshot(b.db)).toEqual(sa);
      expect(snapshot(a.db)).toEqual(sa);
    }),
    { numRuns: RUNS, endOnFailure: true },
  );
  console.log(`exchange property: ${RUNS} cases, ${conflictsSeen} both-sides conflicts, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 900_000);
