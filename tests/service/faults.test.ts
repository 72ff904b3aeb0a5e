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
 */
const TRIALS = Number(process.env.TUOKE_FAULT_TRIALS ?? 20);
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

/** Runs the child on a copy of the workspace and kills it `delay` ms after it said it is about to write. */
const killDuring = async (args: string[], delay: number): Promise<{ dir: string; finished: boolean }> => {
  const dir = mkdtempSync(join(tmpdir(), 'tuoke-fault-'));
  work.push(dir);
  cpSync(ws.dir, dir, { recursive: true });
  const proc = spawn(process.execPath, ['--import', 'tsx', child, args[0]!, dir, ...args.slice(1).map((a) => a.replace('{dir}', dir))], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  await new Promise<void>((resolveReady, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolveReady();
    });
    proc.once('exit', () => (out.includes('ready') ? resolveReady() : reject(new Error(`child failed: ${err}`))));
  });
  await new Promise((r) => setTimeout(r, delay));
  proc.kill('SIGKILL');
  await exited;
  return { dir, finished: out.includes('done') };
};

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
    const outcomes = new Set<string>();
    for (let i = 0; i < TRIALS; i += 1) {
      const { dir } = await killDuring(['restore', backupFile.replace(ws.dir, '{dir}')], Math.floor(Math.random() * 400));
      // Opening the workspace finishes or forgets the interrupted restore.
      const { recoverInterruptedRestore } = await import('../../src-main/services/backup/backup');
      recoverInterruptedRestore(dir);
      const got = names(dir).sort();
      expect([JSON.stringify(before), JSON.stringify(after)]).toContain(JSON.stringify(got));
      outcomes.add(JSON.stringify(got) === JSON.stringify(before) ? 'before' : 'after');
    }
    console.log(`restore fault trials: outcomes seen ${[...outcomes].join(', ')}`);
  }, 300_000);
});

describe('SIGKILL during an import', () => {
  it(`leaves none or all of the batch (${TRIALS} trials)`, async () => {
    const base = names(ws.dir).length;
    const seen = new Set<string>();
    for (let i = 0; i < TRIALS; i += 1) {
      const { dir } = await killDuring(['import', '3000'], Math.floor(Math.random() * 1500));
      const count = names(dir).length;
      expect([base, base + 3000]).toContain(count);
      seen.add(count === base ? 'none' : 'all');
    }
    console.log(`import fault trials: outcomes seen ${[...seen].join(', ')}`);
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
      db.write(user.id, () => {
        const now = db.clock.now();
        for (let i = 0; i < ROWS; i += 1) {
          const name = `交换故障测试公司${i}号`;
          db.orm.insert(customers).values({ id: newId(), name, nameKey: normalizeCompanyName(name), createdAt: now, updatedAt: now, createdBy: user.id, updatedBy: user.id }).run();
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
    const dir0 = mkdtempSync(join(tmpdir(), 'tuoke-fault-'));
    work.push(dir0);
    cpSync(ws.dir, dir0, { recursive: true });
    const t0 = Date.now();
    await new Promise<void>((done, fail) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', child, 'exchange', dir0, workbook], { stdio: 'ignore' });
      proc.once('exit', (code) => (code === 0 ? done() : fail(new Error(`exchange child exited with ${code}`))));
    });
    const full = Date.now() - t0;
    expect(names(dir0).sort()).toEqual(after);
    const seen = new Set<string>();
    for (let i = 0; i < TRIALS; i += 1) {
      // Delays from the start of the child's work to a little past its usual end (startup is not counted in the delay).
      const { dir } = await killDuring(['exchange', workbook], Math.floor(Math.random() * full));
      const got = names(dir).sort();
      const outcome = JSON.stringify(got) === JSON.stringify(before) ? 'before' : JSON.stringify(got) === JSON.stringify(after) ? 'after' : 'mix';
      expect(outcome).not.toBe('mix');
      seen.add(outcome);
    }
    console.log(`exchange import fault trials: one import took ${full} ms; outcomes seen ${[...seen].join(', ')}`);
  }, 600_000);
});
