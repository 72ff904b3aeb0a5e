/**
 * Customer search over a realistic workspace: 100,000 customers and 200,000
 * contacts (the demo seeder), encrypted, real scrypt. Prints the seeding time,
 * then for each kind of query p50/p95/max of the service-level search
 * (searchCustomers: index lookups, ranking, rights, owner names) beside a plain
 * FTS5 trigram MATCH on the same data as the baseline, then the customer list
 * page (first 100 rows with a filter and a sort, plus the count).
 *
 * The database is closed and reopened after seeding, so the page cache starts
 * cold, as after a login. Targets: search p95 ≤ 10 ms per kind, list ≤ 50 ms.
 *
 *   npm run bench:search [-- --customers N] [--queries Q] [--keep DIR]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { customerListSchema } from '../src-shared/customers/schemas';
import type { Db } from '../src-main/db/connection';
import { sourceMigrationsFolder } from '../src-main/db/migrate';
import { createHost, type Host } from '../src-main/host';
import { loginDemo, setUpDemo } from './demo';
import { createRng, seedDemo } from '../src-main/devtools/seedDemo';
import { listCustomers } from '../src-main/services/customers/customers';
import { personPinyinKeys, pinyinKeys } from '../src-main/db/pinyin';
import { searchCustomers } from '../src-main/services/search/search';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    customers: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '200' },
    keep: { type: 'string' },
  },
});
const CUSTOMERS = Number(values.customers);
const QUERIES = Number(values.queries);
const LIMIT = 20;

const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'tuoke-bench-search-'));
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const openHost = (): Host => createHost({ dataDir: dir, migrationsFolder: sourceMigrationsFolder() });

const stats = (times: number[]): { p50: number; p95: number; max: number } => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
};

const time = (fn: () => unknown): number => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

// ------------------------------------------------------------------ build

let host = openHost();
const totalStart = performance.now();
{
  const admin = await setUpDemo(host);
  const db = host.workspace.db!;
  log(`workspace ${dir}: seeding ${CUSTOMERS.toLocaleString('en')} customers …`);
  let last = performance.now();
  const seeded = await seedDemo(host.workspace, db, admin.id, {
    modules: false,
    customers: CUSTOMERS,
    seed: 2026,
    onProgress: (done, total) => {
      if (performance.now() - last > 15_000 || done === total) {
        last = performance.now();
        log(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
      }
    },
  });
  log(
    `seeded ${seeded.customers.toLocaleString('en')} customers + ${seeded.contacts.toLocaleString('en')} contacts ` +
      `in ${(seeded.ms / 1000).toFixed(1)} s (${Math.round(seeded.rowsPerSecond).toLocaleString('en')} rows/s, ` +
      `change log and search index triggers included)`,
  );
  db.maintenance((sqlite) => sqlite.pragma('wal_checkpoint(TRUNCATE)'));
  host.close();
}
log(`database file: ${(statSync(join(dir, 'tuoke.db')).size / 2 ** 20).toFixed(0)} MiB`);

// ------------------------------------------------------------------ queries drawn from the data

host = openHost();
const manager = await loginDemo(host, 'chenjing');
const sales = await loginDemo(host, 'zhangwei');
const db: Db = host.workspace.db!;
const rng = createRng(7);

type Sample = { customer: { name: string; phone: string | null; credit_code: string | null; address: string | null }; contact: { name: string; mobile: string | null } };
const maxRowid = (db.sqlite.prepare('SELECT max(rowid) AS n FROM customers').get() as { n: number }).n;
const customerAt = db.sqlite.prepare('SELECT id, name, phone, credit_code, address FROM customers WHERE rowid >= ? ORDER BY rowid LIMIT 1');
const contactOf = db.sqlite.prepare('SELECT name, mobile FROM contacts WHERE customer_id = ? LIMIT 1');
const sample = (): Sample => {
  const customer = customerAt.get(1 + rng.int(maxRowid)) as Sample['customer'] & { id: string };
  const contact = contactOf.get(customer.id) as Sample['contact'];
  return { customer, contact };
};
const substring = (s: string, length: number): string => {
  const chars = Array.from(s);
  const at = rng.int(Math.max(1, chars.length - length + 1));
  return chars.slice(at, at + length).join('');
};
const repeat = (fn: () => string | null): string[] => {
  const out: string[] = [];
  while (out.length < QUERIES) {
    const q = fn();
    if (q) out.push(q);
  }
  return out;
};

const kinds: { kind: string; queries: string[]; viewer?: typeof sales; other?: true }[] = [
  { kind: 'Chinese 1 char', queries: repeat(() => substring(sample().customer.name, 1)) },
  { kind: 'Chinese 2 chars', queries: repeat(() => (rng.chance(0.7) ? substring(sample().customer.name, 2) : sample().contact.name.slice(0, 2))) },
  { kind: 'Chinese 2 chars (sales)', queries: repeat(() => substring(sample().customer.name, 2)), viewer: sales },
  { kind: 'Chinese 3+ chars', queries: repeat(() => substring(sample().customer.name, 3 + rng.int(4))) },
  { kind: 'contact name', queries: repeat(() => sample().contact.name) },
  {
    kind: 'pinyin initials',
    queries: repeat(() => {
      const initials = pinyinKeys(sample().customer.name).initials;
      return rng.chance(0.7) ? initials.slice(0, 4) : substring(initials, 4);
    }),
  },
  {
    kind: 'full pinyin',
    queries: repeat(() => {
      const s = sample();
      return rng.chance(0.5) ? personPinyinKeys(s.contact.name).full : pinyinKeys(Array.from(s.customer.name).slice(2, 4).join('')).full;
    }),
  },
  {
    kind: 'phone last 4',
    other: true,
    queries: repeat(() => {
      const s = sample();
      const phone = rng.chance(0.5) ? s.customer.phone : s.contact.mobile;
      return phone ? phone.slice(-4) : null;
    }),
  },
  {
    kind: 'phone, dashes',
    other: true,
    queries: repeat(() => {
      const m = sample().contact.mobile;
      return m ? `${m.slice(0, 3)}-${m.slice(3, 7)} ${m.slice(7)}` : null;
    }),
  },
  { kind: 'credit code full', other: true, queries: repeat(() => sample().customer.credit_code) },
  { kind: 'credit code prefix', other: true, queries: repeat(() => sample().customer.credit_code?.slice(0, 8 + rng.int(4)) ?? null) },
  { kind: 'address 3+ chars', other: true, queries: repeat(() => substring(sample().customer.address ?? '', 3 + rng.int(3))) },
  { kind: 'worst: 有限公司 / 科技', queries: repeat(() => rng.pick(['有限公司', '科技', '有限', '公司', '技术', 'youxian', 'gongsi'])) },
];

// The baseline: one plain trigram MATCH on the table holding the field the query is for.
const trigramName = db.sqlite.prepare('SELECT rowid FROM search_trgm_name WHERE search_trgm_name MATCH ? LIMIT 20');
const trigramOther = db.sqlite.prepare('SELECT rowid FROM search_trgm_other WHERE search_trgm_other MATCH ? LIMIT 20');
const ftsPhrase = (q: string): string => `"${q.replace(/"/g, '""')}"`;

type Row = { kind: string; p50: number; p95: number; max: number; hits: number; base: string };
const rows: Row[] = [];
for (const { kind, queries, viewer, other } of kinds) {
  const times: number[] = [];
  let hits = 0;
  for (const q of queries) {
    let n = 0;
    times.push(time(() => (n = searchCustomers(db, viewer ?? manager, q, LIMIT).length)));
    hits += n;
  }
  const trigram = other ? trigramOther : trigramName;
  const baseTimes = queries.map((q) => time(() => trigram.all(ftsPhrase(other && /^[\d\s-]+$/.test(q) ? q.replace(/\D/g, '') : q))));
  const b = stats(baseTimes);
  const shortQueries = queries.every((q) => Array.from(q).length < 3);
  rows.push({
    kind,
    ...stats(times),
    hits: hits / queries.length,
    base: shortQueries ? 'no rows (< 3 chars)' : `${b.p50.toFixed(2)} / ${b.p95.toFixed(2)} / ${b.max.toFixed(2)}`,
  });
}

// ------------------------------------------------------------------ list page

const listInput = (filter: Record<string, unknown>) =>
  customerListSchema.parse({ filter, sort: { field: 'updatedAt', dir: 'desc' }, limit: 100, offset: 0 });
const owners = db.sqlite.prepare(`SELECT id FROM users WHERE role <> 'admin'`).all() as { id: string }[];
const listCases: { kind: string; run: () => unknown }[] = [
  { kind: 'list: owner = me, by updated', run: () => listCustomers(db, sales, listInput({ owner: 'me' })) },
  { kind: 'list: any owner, by updated', run: () => listCustomers(db, manager, listInput({ owner: rng.pick(owners).id })) },
  { kind: 'list: status filter (manager)', run: () => listCustomers(db, manager, listInput({ status: ['target', 'first_purchase'] })) },
  { kind: 'list: all (manager)', run: () => listCustomers(db, manager, listInput({})) },
];
for (const { kind, run } of listCases) {
  const times: number[] = [];
  for (let i = 0; i < 30; i += 1) times.push(time(run));
  rows.push({ kind, ...stats(times), hits: 100, base: '' });
}

// ------------------------------------------------------------------ report

const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - Array.from(s).reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
const ms = (n: number): string => n.toFixed(2).padStart(7);
log('');
log(`${pad('query kind', 32)}     p50     p95     max  avg hits  target  | FTS5 trigram MATCH LIMIT 20 p50 / p95 / max`);
log('-'.repeat(120));
for (const r of rows) {
  const target = r.kind.startsWith('list') ? 50 : 10;
  const ok = r.p95 <= target ? 'ok' : 'MISS';
  log(`${pad(r.kind, 32)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.max)}  ${r.hits.toFixed(1).padStart(8)}  ${`${ok} ${target}`.padStart(6)}  | ${r.base}`);
}
log('');
log(`search: ${QUERIES} queries per kind, limit ${LIMIT}, times in ms, cold page cache at the first query; list: 30 runs each`);
log(`total bench time ${((performance.now() - totalStart) / 1000).toFixed(0)} s`);

host.close();
if (!values.keep) rmSync(dir, { recursive: true, force: true });
