import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceMigrationsFolder } from '../../src-main/db/migrate';
import { createHost } from '../../src-main/host';
import { lockoutPolicy, readAuthState } from '../../src-main/keyring/authState';
import { readKeyring, slotId } from '../../src-main/keyring/keyring';
import { usernameKey } from '../../src-main/keyring/usernameKey';
import { manualClock } from '../../src-main/services/clock';
import { ADMIN } from '../helpers/workspace';

/**
 * Wrong passwords from many processes at once: each attempt is counted
 * before its scrypt runs, under the lockout file's lock, so however many run
 * in parallel, exactly maxFailures (5) passwords are checked and the account
 * ends locked; the others are refused without a check.
 */
const child = resolve(__dirname, 'workspace-child.ts');
const NOW = Date.UTC(2026, 11, 6, 2, 0, 0);
const PROCESSES = 30;
const SALES = { username: 'zhangsan', password: 'zhangsan-pass-1' };

let root: string;
let dataDir: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tuoke-lockout-'));
  dataDir = join(root, 'data');
  // A slot cost that takes a while (as the real one does), so that parallel checks overlap.
  const host = createHost({ dataDir, migrationsFolder: sourceMigrationsFolder(), clock: manualClock(NOW), scrypt: { N: 2 ** 14, r: 8, p: 1 } });
  try {
    const session = host.session();
    const call = async (channel: string, input: unknown) => {
      const r = await host.registry.invoke(session, channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code}`);
      return r.value;
    };
    await call('setup.create', { companyName: '并发登录测试有限公司', adminUsername: ADMIN.username, adminDisplayName: ADMIN.displayName, password: ADMIN.password, locale: 'zh-CN' });
    await call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await call('users.create', { username: SALES.username, displayName: '张三', role: 'sales', password: SALES.password });
    await call('auth.logout', {});
  } finally {
    host.close();
  }
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

type Outcome = { code: string; detail: string };

/** Starts the children, waits until every one has loaded, then lets them all go at once. */
const attemptAll = async (passwords: string[]): Promise<Outcome[]> => {
  const go = join(root, `go-${Math.random().toString(36).slice(2)}`);
  const runs = passwords.map((password) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, 'attempt', dataDir, SALES.username, password, go, String(NOW)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const ready = new Promise<void>((ok, fail) => {
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready')) ok();
      });
      proc.once('exit', () => (out.includes('ready') ? ok() : fail(new Error(`child failed: ${err}`))));
    });
    const done = new Promise<Outcome>((ok, fail) =>
      proc.once('exit', (code) => {
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (code === 0 && line) ok(JSON.parse(line) as Outcome);
        else fail(new Error(`child exited with ${code}: ${err}`));
      }),
    );
    return { ready, done };
  });
  await Promise.all(runs.map((r) => r.ready));
  writeFileSync(go, 'go');
  return Promise.all(runs.map((r) => r.done));
};

describe('wrong passwords from many processes at once', () => {
  it(`check exactly ${lockoutPolicy.maxFailures} of ${PROCESSES} and leave the account locked`, async () => {
    const outcomes = await attemptAll(Array.from({ length: PROCESSES }, (_, i) => `wrong-password-${i}`));

    expect(outcomes.every((o) => o.code === 'WRONG_PASSWORD' || o.code === 'ACCOUNT_LOCKED')).toBe(true);
    // Refused ones never reached scrypt; the others had their password checked (and wrong).
    const checked = outcomes.filter((o) => !(o.code === 'ACCOUNT_LOCKED' && o.detail.includes('refused before the password was checked')));
    expect(checked).toHaveLength(lockoutPolicy.maxFailures);
    expect(outcomes.filter((o) => o.code === 'ACCOUNT_LOCKED').length).toBeGreaterThanOrEqual(PROCESSES - lockoutPolicy.maxFailures);

    const slot = slotId(readKeyring(dataDir)!, usernameKey(SALES.username));
    expect(readAuthState(dataDir).accounts[slot]).toEqual({ failures: 0, lockedUntil: NOW + lockoutPolicy.lockMs });

    // Locked: even the right password is refused now.
    const [right] = await attemptAll([SALES.password]);
    expect(right).toMatchObject({ code: 'ACCOUNT_LOCKED' });
  }, 240_000);
});
