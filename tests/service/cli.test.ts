import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli';

/**
 * The CLI runs with the real scrypt cost (about 0.25 s per login), so these
 * tests share one workspace and keep the number of logins small.
 */
type Run = { code: number; out: string; err: string };

const RECOVERY_KEY = /[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}/;
const ADMIN_PASSWORD = 'cli-admin-pass';

let root: string;
let dataDir: string;

const cli = async (argv: string[], env: Record<string, string | undefined> = {}): Promise<Run> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

const asAdmin = { TUOKE_USER: 'boss', TUOKE_PASSWORD: ADMIN_PASSWORD };

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tuoke-cli-'));
  dataDir = join(root, 'data');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('tuoke CLI', () => {
  it('init creates the workspace, prints the recovery key once and exits 0', async () => {
    const run = await cli(['init', '--data-dir', dataDir, '--company', '命令行测试有限公司', '--admin', 'boss', '--admin-name', '老板'], {
      TUOKE_PASSWORD: ADMIN_PASSWORD,
    });
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(RECOVERY_KEY);
    expect(run.out).toContain('请保存恢复密钥');
    expect(existsSync(join(dataDir, 'keyring.json'))).toBe(true);
    expect(existsSync(join(dataDir, 'tuoke.db'))).toBe(true);
  });

  it('init refuses a folder that already has a workspace, in the chosen language', async () => {
    const run = await cli(['init', '--data-dir', dataDir, '--company', '另一家公司', '--admin', 'other'], { TUOKE_PASSWORD: 'other-pass-1' });
    expect(run.code).not.toBe(0);
    expect(run.err).toContain('本机已经有工作区');

    const json = await cli(['init', '--data-dir', dataDir, '--company', 'Other Ltd', '--admin', 'other', '--json', '--lang', 'en'], {
      TUOKE_PASSWORD: 'other-pass-1',
    });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toEqual({ ok: false, code: 'WORKSPACE_EXISTS', message: 'This PC already has a workspace' });
  });

  it('check with the right credentials prints integrity ok and exits 0', async () => {
    const run = await cli(['check', '--data-dir', dataDir], asAdmin);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('完整性：ok');
  });

  it('check --json prints a report that parses as JSON', async () => {
    const run = await cli(['check', '--data-dir', dataDir, '--json'], asAdmin);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out) as { integrity: string; schemaVersion: number; appSchemaVersion: number; userCount: number };
    expect(report).toMatchObject({ integrity: 'ok', userCount: 1 });
    expect(report.schemaVersion).toBe(report.appSchemaVersion);
  });

  it('refuses a wrong password with exit 1 and the message in Chinese, or in English with --lang en', async () => {
    const zh = await cli(['check', '--data-dir', dataDir], { ...asAdmin, TUOKE_PASSWORD: 'wrong-password' });
    expect(zh.code).toBe(1);
    expect(zh.err).toContain('用户名或密码错误');
    expect(zh.out).toBe('');

    const en = await cli(['check', '--data-dir', dataDir, '--lang', 'en'], { ...asAdmin, TUOKE_PASSWORD: 'wrong-password' });
    expect(en.code).toBe(1);
    expect(en.err).toContain('Wrong user name or password');
  });

  it('users add creates a user that users list then shows', async () => {
    const add = await cli(['users', 'add', '--data-dir', dataDir, '--username', 'xiaoli', '--name', '小李', '--role', 'sales'], {
      ...asAdmin,
      TUOKE_NEW_PASSWORD: 'xiaoli-pass-1',
    });
    expect(add.err).toBe('');
    expect(add.code).toBe(0);
    expect(add.out).toContain('xiaoli');
    expect(add.out).toContain('业务员');

    const list = await cli(['users', 'list', '--data-dir', dataDir, '--json'], asAdmin);
    expect(list.code).toBe(0);
    const users = JSON.parse(list.out) as { username: string; displayName: string; role: string; active: boolean }[];
    expect(users.map((u) => [u.username, u.displayName, u.role, u.active])).toEqual([
      ['boss', '老板', 'admin', true],
      ['xiaoli', '小李', 'sales', true],
    ]);
  });

  it('passes validation errors through with exit 1 (a role that does not exist)', async () => {
    // Validation happens before any scrypt work on the new password, but the admin still logs in.
    const run = await cli(['users', 'add', '--data-dir', dataDir, '--username', 'x2', '--name', 'X', '--role', 'king'], {
      ...asAdmin,
      TUOKE_NEW_PASSWORD: 'x2-pass-123',
    });
    expect(run.code).toBe(1);
    expect(run.err).toContain('role');
  });

  it('exits 2 without --data-dir', async () => {
    const run = await cli(['check'], asAdmin);
    expect(run.code).toBe(2);
    expect(run.err).toContain('--data-dir');
  });

  it('exits 2 for usage mistakes: no command, an unknown command, an unknown option or language, a missing password variable', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(['frobnicate', '--data-dir', dataDir])).code).toBe(2);
    expect((await cli(['check', '--data-dir', dataDir, '--no-such-flag'])).code).toBe(2);
    const badLang = await cli(['check', '--data-dir', dataDir, '--lang', 'fr'], asAdmin);
    expect(badLang.code).toBe(2);
    expect(badLang.err).toContain('--lang');
    const noPassword = await cli(['check', '--data-dir', dataDir], { TUOKE_USER: 'boss' });
    expect(noPassword.code).toBe(2);
    expect(noPassword.err).toContain('TUOKE_PASSWORD');
  });

  it('prints the usage and exits 0 for --help', async () => {
    const run = await cli(['check', '--help']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('usage: tuoke');
  });
});

describe('tuoke CLI import, export and backup', () => {
  const fixture = (name: string): string => join(__dirname, '../../../shared/fixtures/spreadsheets', name);

  it('imports a trade-directory file, finds every row a duplicate the second time, and exports what it imported', async () => {
    const first = await cli(['import', fixture('company_list_libreoffice.xlsx'), '--data-dir', dataDir, '--json'], asAdmin);
    expect(first.err).toBe('');
    expect(JSON.parse(first.out).counts).toMatchObject({ total: 201, created: 200, skipped: 1, duplicatesInFile: 1 });
    const second = await cli(['import', fixture('company_list_libreoffice.xlsx'), '--data-dir', dataDir, '--json'], asAdmin);
    expect(JSON.parse(second.out).counts).toMatchObject({ created: 0, duplicatesInDatabase: 201 });
    const bad = await cli(['import', fixture('truncated_company_list.xlsx'), '--data-dir', dataDir], asAdmin);
    expect(bad.code).toBe(1);
    expect(bad.err.length).toBeGreaterThan(0);

    const out = join(root, '客户.xlsx');
    const exported = await cli(['export', 'customers', '--data-dir', dataDir, '--out', out, '--json'], asAdmin);
    expect(JSON.parse(exported.out)).toMatchObject({ rows: 200 });
    expect(existsSync(out)).toBe(true);
  });

  it('backs up and restores into an empty folder with the password of a user in the backup', async () => {
    const file = join(root, 'cli.tkbak');
    expect((await cli(['backup', '--data-dir', dataDir, '--out', file], asAdmin)).code).toBe(0);
    const fresh = join(root, 'restored');
    const restored = await cli(['restore', file, '--data-dir', fresh, '--json'], asAdmin);
    expect(restored.err).toBe('');
    expect(JSON.parse(restored.out)).toMatchObject({ customers: 200 });
    const check = await cli(['check', '--data-dir', fresh, '--json'], asAdmin);
    expect(JSON.parse(check.out)).toMatchObject({ integrity: 'ok' });
    const wrong = await cli(['restore', file, '--data-dir', join(root, 'other')], { TUOKE_USER: 'boss', TUOKE_PASSWORD: 'not-the-password' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('打不开这个备份');
  });
});
