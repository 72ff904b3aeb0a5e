import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceMigrationsFolder } from '../../src-main/db/migrate';
import { manualClock } from '../../src-main/services/clock';
import { integrityCheckRaw } from '../helpers/rawDb';
import type { Session } from '../../src-main/ipc/session';
import { recoverInterruptedRestore, restoreBackup } from '../../src-main/services/backup/backup';
import { dumpDb, openRaw, rawKeyFromRecovery } from '../helpers/rawDb';
import { ADMIN, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

let ws: TestWorkspace;
let admin: Session;

beforeEach(async () => {
  ws = await createTestWorkspace({ company: '备份测试唯一公司ZQX' });
  admin = await ws.loginAs(ADMIN.username, ADMIN.password);
});
afterEach(() => ws.dispose());

const customers = async (s: Session) => (await ws.call(s, 'customers.list', {})).rows.map((r) => r.name).sort();
const backupDir = () => join(ws.dir, 'backups');
const content = () => {
  const raw = openRaw(ws.dir, rawKeyFromRecovery(ws.dir, ws.recoveryKey));
  try {
    const d = dumpDb(raw);
    return JSON.stringify({ customers: d.customers, users: d.users, contacts: d.contacts });
  } finally {
    raw.close();
  }
};

describe('backups', () => {
  it('writes one encrypted file that lists, and restores the workspace as it was', async () => {
    await ws.call(admin, 'customers.create', { fields: { name: '备份前的客户' }, confirmDuplicates: false });
    const made = await ws.call(admin, 'backup.create', {});
    expect(made.reason).toBe('manual');
    const bytes = readFileSync(join(backupDir(), made.fileName));
    for (const needle of ['备份前的客户', '备份测试唯一公司ZQX']) {
      expect(bytes.includes(Buffer.from(needle, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(needle, 'utf16le'))).toBe(false);
    }
    expect((await ws.call(admin, 'backup.list', {})).map((b) => b.fileName)).toEqual([made.fileName]);

    await ws.call(admin, 'customers.create', { fields: { name: '备份后的客户' }, confirmDuplicates: false });
    const result = await ws.call(admin, 'backup.restore', { fileName: made.fileName });
    expect(result).toMatchObject({ customers: 1, users: 1 });
    expect(existsSync(join(backupDir(), result.safetyBackup))).toBe(true);

    // Everyone was logged out; logging in again shows the workspace as it was at the backup.
    expect((await ws.invoke(admin, 'customers.list', {})).ok).toBe(false);
    const again = await ws.loginAs(ADMIN.username, ADMIN.password);
    expect(await customers(again)).toEqual(['备份前的客户']);
    expect((await ws.call(again, 'system.check', {})).integrity).toBe('ok');
    // …and the safety backup brings back the state before the restore.
    await ws.call(again, 'backup.restore', { fileName: result.safetyBackup });
    expect(await customers(await ws.loginAs(ADMIN.username, ADMIN.password))).toEqual(['备份前的客户', '备份后的客户']);
  });

  it('rejects a tampered, a truncated and a foreign backup with clear errors, changing nothing', async () => {
    const made = await ws.call(admin, 'backup.create', {});
    const file = join(backupDir(), made.fileName);
    const good = readFileSync(file);
    const before = content();

    const tampered = Buffer.from(good);
    const at = tampered.length - 100;
    tampered.writeUInt8(tampered.readUInt8(at) ^ 0xff, at);
    writeFileSync(join(backupDir(), 'tampered.tkbak'), tampered);
    writeFileSync(join(backupDir(), 'truncated.tkbak'), good.subarray(0, Math.floor(good.length * 0.6)));
    const other = await createTestWorkspace();
    const otherAdmin = await other.loginAs(ADMIN.username, ADMIN.password);
    const foreign = await other.call(otherAdmin, 'backup.create', {});
    cpSync(join(other.dir, 'backups', foreign.fileName), join(backupDir(), 'foreign.tkbak'));
    other.dispose();

    for (const [name, code] of [
      ['tampered.tkbak', 'BACKUP_INVALID'],
      ['truncated.tkbak', 'BACKUP_INVALID'],
      ['foreign.tkbak', 'BACKUP_OTHER_WORKSPACE'],
    ] as const) {
      const r = await ws.invoke(admin, 'backup.restore', { fileName: name });
      expect(r.ok ? '' : r.error.code).toBe(code);
      if (!r.ok) expect(r.error.message.length).toBeGreaterThan(5);
    }
    expect((await ws.invoke(admin, 'backup.restore', { fileName: '../keyring.json' })).ok).toBe(false);
    expect(content()).toBe(before);
    expect(readdirSync(ws.dir).filter((n) => n.includes('restoring'))).toEqual([]);
  });

  it('restores on another PC with the password of a user in the backup', async () => {
    await ws.call(admin, 'customers.create', { fields: { name: '搬到新电脑的客户' }, confirmDuplicates: false });
    const made = await ws.call(admin, 'backup.create', {});
    const fresh = mkdtempSync(join(tmpdir(), 'tuoke-newpc-'));
    try {
      // The key comes from the backup's own key slots (here via the recovery key).
      const { readBackupKeyring } = await import('../../src-main/services/backup/backup');
      const { unlockRecovery } = await import('../../src-main/keyring/keyring');
      const key = unlockRecovery(await readBackupKeyring(join(backupDir(), made.fileName)), ws.recoveryKey)!;
      await restoreBackup({ dataDir: fresh, migrationsFolder: ws.host.workspace.migrationsFolder, clock: ws.clock }, join(backupDir(), made.fileName), key);
      const raw = openRaw(fresh, key);
      expect(raw.prepare('SELECT name FROM customers').all()).toEqual([{ name: '搬到新电脑的客户' }]);
      raw.close();
      expect(existsSync(join(fresh, 'keyring.json'))).toBe(true);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});

describe('a restore interrupted by a crash', () => {
  it('is forgotten before its commit mark and completed after it', async () => {
    await ws.call(admin, 'customers.create', { fields: { name: '旧客户' }, confirmDuplicates: false });
    const made = await ws.call(admin, 'backup.create', {});
    await ws.call(admin, 'customers.create', { fields: { name: '新客户' }, confirmDuplicates: false });
    await ws.call(admin, 'auth.logout', {});
    const key = rawKeyFromRecovery(ws.dir, ws.recoveryKey);
    const target = { dataDir: ws.dir, migrationsFolder: ws.host.workspace.migrationsFolder, clock: ws.clock };
    const before = content();

    // Crash after the files were prepared, before the commit mark: the old workspace stays.
    await expect(
      restoreBackup(target, join(backupDir(), made.fileName), key, {
        beforeSwap: () => {
          throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    ws.restart();
    expect(content()).toBe(before);

    // Prepared files left behind without the mark are removed on the next open.
    writeFileSync(join(ws.dir, 'tuoke.db.restoring'), 'half');
    expect(recoverInterruptedRestore(ws.dir)).toBe('rolled-back');
    expect(content()).toBe(before);
  });
});

describe('automatic backups', () => {
  it('makes one a day and keeps them for the retention period', async () => {
    const DAY = 24 * 60 * 60 * 1000;
    await ws.call(admin, 'backup.updateSettings', { dir: null, retentionDays: 3 });
    await ws.host.autoBackup('daily');
    await ws.host.autoBackup('quit');
    expect(await ws.call(admin, 'backup.list', {})).toHaveLength(1);
    for (let day = 1; day <= 5; day += 1) {
      ws.clock.advance(DAY);
      await ws.host.autoBackup('daily');
    }
    const kept = await ws.call(admin, 'backup.list', {});
    // today and the 3 days before it; older automatic ones were pruned
    expect(kept.length).toBe(4);
    expect(kept.every((b) => b.createdAt >= ws.clock.now() - 3 * DAY)).toBe(true);
  });
});

describe('a backup while another process keeps writing', () => {
  it('restores to a consistent state: every transaction wholly in or wholly out', async () => {
    const child = resolve(__dirname, '../fault/child.ts');
    const writer = spawn(process.execPath, ['--import', 'tsx', child, 'writer', ws.dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TUOKE_FAULT_RECOVERY: ws.recoveryKey },
    });
    let err = '';
    writer.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<void>((r) => writer.once('exit', () => r()));
    try {
      await new Promise<void>((ready, fail) => {
        writer.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && ready());
        writer.once('exit', () => fail(new Error(`writer failed: ${err}`)));
      });
      const made: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        await new Promise((r) => setTimeout(r, 150 + Math.random() * 300));
        ws.clock.advance(1000);
        made.push((await ws.call(admin, 'backup.create', {})).fileName);
      }
      writer.kill('SIGKILL');
      await exited;
      const key = rawKeyFromRecovery(ws.dir, ws.recoveryKey);
      const counts: number[] = [];
      for (const name of made) {
        const target = mkdtempSync(join(tmpdir(), 'tuoke-restore-'));
        try {
          await restoreBackup({ dataDir: target, migrationsFolder: sourceMigrationsFolder(), clock: manualClock() }, join(backupDir(), name), key);
          const raw = openRaw(target, key);
          try {
            expect(integrityCheckRaw(raw)).toBe('ok');
            const counter = raw.prepare(`SELECT value FROM settings WHERE key = 'faultWriterCount'`).get() as { value: string } | undefined;
            const n = counter ? Number(JSON.parse(counter.value)) : 0;
            const customers = raw.prepare(`SELECT count(*) AS n FROM customers WHERE name LIKE '写入中的客户%'`).get() as { n: number };
            const orphans = raw
              .prepare(`SELECT count(*) AS n FROM customers k WHERE k.name LIKE '写入中的客户%' AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.customer_id = k.id)`)
              .get() as { n: number };
            const logged = raw.prepare(`SELECT count(*) AS n FROM change_log WHERE table_name = 'customers' AND after LIKE '%写入中的客户%'`).get() as { n: number };
            // The counter, the customers, their contacts and the change log all tell the same story.
            expect(customers.n).toBe(n);
            expect(orphans.n).toBe(0);
            expect(logged.n).toBe(n);
            counts.push(n);
          } finally {
            raw.close();
          }
        } finally {
          rmSync(target, { recursive: true, force: true });
        }
      }
      // Writes really went on while the backups were taken.
      expect(counts[counts.length - 1]).toBeGreaterThan(0);
      console.log(`backups during writes: writer transactions in each backup ${counts.join(', ')}`);
    } finally {
      if (writer.exitCode === null) writer.kill('SIGKILL');
    }
  }, 120_000);
});
