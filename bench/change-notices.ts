/**
 * What the change notices' TEMP triggers (src-main/db/changes.ts: one call of tuoke_touched per
 * changed row and table) cost a bulk write: N rows in one transaction on two fresh encrypted
 * databases, one with the triggers and one with them dropped, in alternating rounds:
 *  - customers through the app's other triggers (change log, search index, exchange stamps),
 *    which write several more rows per customer, each of them tracked too;
 *  - user_prefs, a table without other triggers: the triggers' own cost per row.
 * Prints figures; asserts nothing.
 *
 *   tsx bench/change-notices.ts [--customers 30000] [--rows 30000] [--rounds 3]   (--rows: user_prefs)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Db } from '../src-main/db/connection';
import { sourceMigrationsFolder } from '../src-main/db/migrate';
import { hooksOf } from '../src-main/host';
import { manualClock } from '../src-main/services/clock';
import { newId } from '../src-main/services/ids';
import { normalizeCompanyName } from '../src-shared/rules/companyName';

const { values } = parseArgs({ args: process.argv.slice(2), options: { customers: { type: 'string', default: '30000' }, rows: { type: 'string', default: '30000' }, rounds: { type: 'string', default: '3' } } });
const CUSTOMERS = Number(values.customers);
const ROWS = Number(values.rows);
const ROUNDS = Number(values.rounds);
const log = (s: string): void => void process.stdout.write(`${s}\n`);
const clock = manualClock(Date.UTC(2026, 10, 23, 2, 0, 0));
const dir = mkdtempSync(join(tmpdir(), 'tuoke-bench-changes-'));

const open = (name: string, tracked: boolean): { db: Db; admin: string; heard: number } => {
  const db = openDatabase(join(dir, name), randomBytes(32), { clock, hooks: hooksOf(), migrationsFolder: sourceMigrationsFolder(), create: true });
  if (!tracked) {
    const triggers = db.sqlite.prepare("SELECT name FROM sqlite_temp_master WHERE type = 'trigger' AND name LIKE 'tuoke_touched_%'").pluck().all() as string[];
    db.maintenance((sqlite) => {
      for (const t of triggers) sqlite.exec(`DROP TRIGGER temp."${t}"`);
    });
  }
  const admin = newId();
  const now = clock.now();
  db.write(null, (tx) =>
    tx.sqlite
      .prepare('INSERT INTO users (id, created_at, updated_at, username, username_key, display_name, role) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(admin, now, now, 'admin', 'admin', '系统管理员', 'admin'),
  );
  const out = { db, admin, heard: 0 };
  db.onCommit(() => void (out.heard += 1));
  return out;
};

const withTriggers = open('tracked.db', true);
const without = open('untracked.db', false);

const insertCustomers = (o: { db: Db; admin: string }, round: number): number => {
  const now = clock.now();
  const t0 = performance.now();
  o.db.write(o.admin, (tx) => {
    const ins = tx.sqlite.prepare(
      'INSERT INTO customers (id, created_at, created_by, updated_at, updated_by, name, name_key, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (let i = 0; i < CUSTOMERS; i++) {
      const name = `杭州${round}轮${i}号机电设备有限公司`;
      ins.run(newId(), now, o.admin, now, o.admin, name, normalizeCompanyName(name), 'target');
    }
  });
  return performance.now() - t0;
};

const insertPrefs = (o: { db: Db; admin: string }, round: number): number => {
  const t0 = performance.now();
  o.db.write(o.admin, (tx) => {
    const ins = tx.sqlite.prepare('INSERT INTO user_prefs (user_id, key, value, updated_at) VALUES (?, ?, ?, ?)');
    for (let i = 0; i < ROWS; i++) ins.run(o.admin, `r${round}.${i}`, '{}', 1);
  });
  return performance.now() - t0;
};

// The fastest run of each: on a shared machine, the others mostly measure the neighbours.
const best = (xs: number[]): number => Math.min(...xs);
const report = (what: string, rows: number, on: number[], off: number[]): void => {
  const a = best(on);
  const b = best(off);
  log(
    `${rows.toLocaleString('en')} ${what}: with triggers ${a.toFixed(0)} ms, without ${b.toFixed(0)} ms (fastest of ${ROUNDS}; ` +
      `+${(a - b).toFixed(0)} ms, ${(((a - b) / b) * 100).toFixed(1)} %, ${(((a - b) * 1000) / rows).toFixed(2)} µs a row) ` +
      `[runs with: ${on.map((x) => x.toFixed(0)).join(', ')}; without: ${off.map((x) => x.toFixed(0)).join(', ')}]`,
  );
};

log(`each batch in one transaction, ${ROUNDS} rounds, alternating`);
const times = { customersOn: [] as number[], customersOff: [] as number[], prefsOn: [] as number[], prefsOff: [] as number[] };
for (let r = 0; r < ROUNDS; r++) {
  // Alternate which goes first, so a warming cache or a busy neighbour favours neither.
  const [first, second] = r % 2 ? [without, withTriggers] : [withTriggers, without];
  for (const o of [first, second]) (o === withTriggers ? times.customersOn : times.customersOff).push(insertCustomers(o, r));
  for (const o of [first, second]) (o === withTriggers ? times.prefsOn : times.prefsOff).push(insertPrefs(o, r));
}
report('customers (with change log, search index, stamps)', CUSTOMERS, times.customersOn, times.customersOff);
report('user_prefs rows (no other triggers)', ROWS, times.prefsOn, times.prefsOff);
log(`notices heard: with triggers ${withTriggers.heard}, without ${without.heard}`);
withTriggers.db.close();
without.db.close();
rmSync(dir, { recursive: true, force: true });
