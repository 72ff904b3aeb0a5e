import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityCheckRaw, openRaw, rawKeyFromRecovery } from '../helpers/rawDb';
import { ADMIN, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

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
