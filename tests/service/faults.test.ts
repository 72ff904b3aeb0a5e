import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityCheckRaw, openRaw, rawKeyFromRecovery } from '../helpers/rawDb';
import { sourceMigrationsFolder } from '../../src-main/db/migrate';
import { createHost } from '../../src-main/host';
import { translator } from '../../src-main/i18n';
import { customers } from '../../src-main/db/schema';
import { newId } from '../../src-main/services/ids';
import { exchangeEnv, exportExchange } from '../../src-main/services/exchange/service';
import { normalizeCompanyName } from '../../src-shared/rules/companyName';
import { ADMIN, createTestWorkspace, testScrypt, type TestWorkspace } from '../helpers/workspace';

/**
 * Real processes killed with SIGKILL in the middle of a write: afterwards the
 * database opens, passes integrity_check, and holds either the state before
 * or the state after — never a mix. Trials per kind: TUOKE_FAULT_TRIALS (20).
 *
 * A trial only tests something if the kill lands while the child is still at
 * work (after "ready", before "done"), so each kind first times an unbroken
 * run and spreads the kills over 0–1.25× that time, and then requires that at
 * least a quarter of its trials were killed mid-work.
 */
const TRIALS = Number(process.env.TUOKE_FAULT_TRIALS ?? 20);
const MIN_MID_WORK = Math.ceil(TRIALS / 4);
const child = resolve(__dirname, '../fault/child.ts');

let ws: TestWorkspace;
let key: Buffer;
let backupFile: string;
const work: string[] = [];

const names = (dataDir: string): string[] => {
  const raw = openRaw(dataDir, key);
  try {
    expect(integrityCheckRaw(raw)).toBe('ok');
    return (raw.prepare('SELECT name FROM customers ORDER BY name').all() as { name: string }[]).map((r) => r.name);
  } finally {
    raw.close();
  }
};

type Trial = {
  dir: string;
  /** The kill found the child still at work: it had said "ready" and not yet "done". */
  killedMidWork: boolean;
  /** Milliseconds from "ready" to "done" as the parent saw them (null when it did not finish). */
  workMs: number | null;
};

/**
 * Runs the child on a copy of the workspace and kills it `delay` ms after it said it is about to write
 * (never, when delay is null: then it must finish on its own).
 */
const runChild = async (args: string[], delay: number | null): Promise<Trial> => {
  const dir = mkdtempSync(join(tmpdir(), 'tuoke-fault-'));
  work.push(dir);
  cpSync(ws.dir, dir, { recursive: true });
  const proc = spawn(process.execPath, ['--import', 'tsx', child, args[0]!, dir, ...args.slice(1).map((a) => a.replace('{dir}', dir))], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let readyAt = 0;
  let doneAt: number | null = null;
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  // 'close', not 'exit': everything the child wrote to stdout has been read by then.
  const closed = new Promise<number | null>((r) => proc.once('close', (code) => r(code)));
  await new Promise<void>((resolveReady, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!readyAt && out.includes('ready')) {
        readyAt = performance.now();
        resolveReady();
      }
      if (doneAt === null && out.includes('done')) doneAt = performance.now();
    });
    void closed.then(() => (out.includes('ready') ? resolveReady() : reject(new Error(`child failed: ${err}`))));
  });
  let running = true;
  if (delay !== null) {
    await new Promise((r) => setTimeout(r, delay));
    running = proc.exitCode === null && proc.signalCode === null;
    proc.kill('SIGKILL');
  }
  const code = await closed;
  const finished = out.includes('done');
  if (delay === null && (code !== 0 || !finished)) throw new Error(`child exited with ${code} without finishing: ${err}`);
  if (!running && !finished) throw new Error(`child ended on its own without finishing: ${err}`);
  return { dir, killedMidWork: running && !finished, workMs: finished && doneAt !== null ? doneAt - readyAt : null };
};

/** How long the child's work takes here, from "ready" to "done": the shorter of two unbroken runs. */
const timeWork = async (args: string[]): Promise<{ ms: number; dir: string }> => {
  const first = await runChild(args, null);
  const second = await runChild(args, null);
  return { ms: Math.min(first.workMs!, second.workMs!), dir: first.dir };
};

/** Kill delays spread over the work and a little past its end, so most kills land mid-work and some after it. */
const killDelay = (workMs: number): number => Math.floor(Math.random() * workMs * 1.25);

beforeAll(async () => {
  ws = await createTestWorkspace();
  const admin = await ws.loginAs(ADMIN.username, ADMIN.password);
  for (const n of ['客户甲', '客户乙']) await ws.call(admin, 'customers.create', { fields: { name: n }, confirmDuplicates: false });
  const made = await ws.call(admin, 'backup.create', {});
  backupFile = join(ws.dir, 'backups', made.fileName);
  await ws.call(admin, 'customers.create', { fields: { name: '客户丙（备份之后）' }, confirmDuplicates: false });
  await ws.call(admin, 'auth.logout', {});
  ws.restart();
  key = rawKeyFromRecovery(ws.dir, ws.recoveryKey);
}, 60_000);

afterAll(() => {
  for (const d of work) rmSync(d, { recursive: true, force: true });
  ws?.dispose();
});

describe('SIGKILL during a restore', () => {
  it(`leaves the old or the restored workspace, never a mix (${TRIALS} trials)`, async () => {
    const before = ['客户丙（备份之后）', '客户乙', '客户甲'].sort();
    const after = ['客户乙', '客户甲'].sort();
    const args = ['restore', backupFile.replace(ws.dir, '{dir}')];
    const { recoverInterruptedRestore } = await import('../../src-main/services/backup/backup');
    const full = await timeWork(args);
    expect(names(full.dir).sort()).toEqual(after);
    const outcomes = new Set<string>();
    let midWork = 0;
    for (let i = 0; i < TRIALS; i += 1) {
      const { dir, killedMidWork } = await runChild(args, killDelay(full.ms));
      if (killedMidWork) midWork += 1;
      // Opening the workspace finishes or forgets the interrupted restore.
      recoverInterruptedRestore(dir);
      const got = names(dir).sort();
      expect([JSON.stringify(before), JSON.stringify(after)]).toContain(JSON.stringify(got));
      outcomes.add(JSON.stringify(got) === JSON.stringify(before) ? 'before' : 'after');
    }
    console.log(`restore fault trials: one restore took ${Math.round(full.ms)} ms; ${midWork}/${TRIALS} killed mid-work; outcomes seen ${[...outcomes].join(', ')}`);
    expect(midWork).toBeGreaterThanOrEqual(MIN_MID_WORK);
  }, 300_000);
});

describe('SIGKILL during an import', () => {
  it(`leaves none or all of the batch (${TRIALS} trials)`, async () => {
    const base = names(ws.dir).length;
    const args = ['import', '3000'];
    const full = await timeWork(args);
    expect(names(full.dir).length).toBe(base + 3000);
    const seen = new Set<string>();
    let midWork = 0;
    for (let i = 0; i < TRIALS; i += 1) {
      const { dir, killedMidWork } = await runChild(args, killDelay(full.ms));
      if (killedMidWork) midWork += 1;
      const count = names(dir).length;
      expect([base, base + 3000]).toContain(count);
      seen.add(count === base ? 'none' : 'all');
    }
    console.log(`import fault trials: one import took ${Math.round(full.ms)} ms; ${midWork}/${TRIALS} killed mid-work; outcomes seen ${[...seen].join(', ')}`);
    expect(midWork).toBeGreaterThanOrEqual(MIN_MID_WORK);
  }, 300_000);
});

describe('SIGKILL during an exchange import', () => {
  const ROWS = 2000;
  let workbook = '';
  let before: string[] = [];
  let after: string[] = [];

  beforeAll(async () => {
    process.env.TUOKE_FAULT_RECOVERY = ws.recoveryKey;
    // Another PC: a copy of the workspace that renames a customer and adds ROWS, then exports an exchange workbook.
    const pcDir = mkdtempSync(join(tmpdir(), 'tuoke-fault-pc-'));
    work.push(pcDir);
    cpSync(ws.dir, pcDir, { recursive: true });
    before = names(ws.dir).sort();
    const host = createHost({ dataDir: pcDir, migrationsFolder: sourceMigrationsFolder(), scrypt: testScrypt, logger: { error: () => undefined } });
    try {
      const session = host.session();
      const login = await host.registry.invoke(session, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
      expect(login.ok).toBe(true);
      const db = host.workspace.db!;
      const user = session.user!;
      const first = db.sqlite.prepare(`SELECT id FROM customers WHERE name = '客户甲'`).get() as { id: string };
      const renamed = await host.registry.invoke(session, 'customers.update', { id: first.id, fields: { name: '客户甲（另一台电脑改名）' } });
      expect(renamed.ok).toBe(true);
      db.write(user.id, (tx) => {
        const now = tx.clock.now();
        for (let i = 0; i < ROWS; i += 1) {
          const name = `交换故障测试公司${i}号`;
          tx.orm.insert(customers).values({ id: newId(), name, nameKey: normalizeCompanyName(name), createdAt: now, updatedAt: now, createdBy: user.id, updatedBy: user.id }).run();
        }
      });
      workbook = join(pcDir, 'exchange.xlsx');
      await exportExchange(db, user, exchangeEnv(db, host.workspace.openKey(), host.workspace.keyring().workspaceId), {}, workbook, translator('zh-CN'));
      after = (db.sqlite.prepare('SELECT name FROM customers').all() as { name: string }[]).map((r) => r.name).sort();
    } finally {
      host.close();
    }
    expect(after.length).toBe(before.length + ROWS);
  }, 120_000);

  it(`leaves the state before or after the whole workbook, never a mix (${TRIALS} trials)`, async () => {
    // How long a whole import takes here (reading the workbook, then the one transaction), to spread the kills over it.
    const args = ['exchange', workbook];
    const full = await timeWork(args);
    expect(names(full.dir).sort()).toEqual(after);
    const seen = new Set<string>();
    let midWork = 0;
    for (let i = 0; i < TRIALS; i += 1) {
      const { dir, killedMidWork } = await runChild(args, killDelay(full.ms));
      if (killedMidWork) midWork += 1;
      const got = names(dir).sort();
      const outcome = JSON.stringify(got) === JSON.stringify(before) ? 'before' : JSON.stringify(got) === JSON.stringify(after) ? 'after' : 'mix';
      expect(outcome).not.toBe('mix');
      seen.add(outcome);
    }
    console.log(`exchange import fault trials: one import took ${Math.round(full.ms)} ms; ${midWork}/${TRIALS} killed mid-work; outcomes seen ${[...seen].join(', ')}`);
    expect(midWork).toBeGreaterThanOrEqual(MIN_MID_WORK);
  }, 600_000);
});
