import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileStamp } from '../../src-shared/dates';
import { sourceMigrationsFolder } from '../../src-main/db/migrate';
import { createHost, type Host } from '../../src-main/host';
import type { Session } from '../../src-main/ipc/session';
import { extractDatabase, readContainer, writeContainer } from '../../src-main/services/backup/container';
import { nodeIdFor } from '../../src-main/db/node';
import { ADMIN, createTestWorkspace, testScrypt, type TestWorkspace } from '../helpers/workspace';

/**
 * One backup folder on a share, used by two workspaces or by two PCs of one
 * workspace: each PC names its files with its workspace and PC, lists and
 * prunes only its own, and keeps its own daily backup.
 */
const DAY = 24 * 60 * 60 * 1000;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

const track = (ws: TestWorkspace): TestWorkspace => {
  cleanups.push(() => ws.dispose());
  return ws;
};

const sharedFolder = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tuoke-share-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

type Pc = { host: Host; admin: Session; list: () => Promise<string[]>; call: <T>(channel: string, input: unknown) => Promise<T> };

const pcOf = async (host: Host, share: string): Promise<Pc> => {
  const admin = host.session();
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await host.registry.invoke(admin, channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  await call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  await call('backup.updateSettings', { dir: share, retentionDays: 2 });
  return { host, admin, call, list: async () => (await call<{ fileName: string }[]>('backup.list', {})).map((b) => b.fileName).sort() };
};

describe('backups in a shared folder', () => {
  it('are named with workspace, PC and local time, and two workspaces keep their own daily backups, lists and pruning', async () => {
    const share = sharedFolder();
    const a = track(await createTestWorkspace({ company: '甲公司' }));
    const b = track(await createTestWorkspace({ company: '乙公司' }));
    const pcA = await pcOf(a.host, share);
    const pcB = await pcOf(b.host, share);

    await a.host.autoBackup('daily');
    await b.host.autoBackup('daily');
    const listA = await pcA.list();
    const listB = await pcB.list();
    // Each workspace made its own daily backup: the other's did not count as "today's".
    expect(listA).toHaveLength(1);
    expect(listB).toHaveLength(1);
    expect(listA[0]).not.toBe(listB[0]);
    const workspaceA = a.host.workspace.keyring().workspaceId.replace(/-/g, '').slice(-12);
    expect(listA[0]).toBe(`tuoke-${workspaceA}-${nodeIdFor(a.dir)}-${fileStamp(a.clock.now())}-daily.tkbak`);
    expect(readdirSync(share).filter((n) => n.endsWith('.tkbak')).sort()).toEqual([...listA, ...listB].sort());

    // Days pass on B only: B prunes its own old daily backups and never A's.
    for (let day = 1; day <= 4; day += 1) {
      b.clock.advance(DAY);
      await b.host.autoBackup('daily');
    }
    expect(await pcB.list()).toHaveLength(3);
    expect(existsSync(join(share, listA[0]!))).toBe(true);
    expect(await pcA.list()).toEqual(listA);
  });

  it('belong to their PC when two PCs hold copies of one workspace', async () => {
    const share = sharedFolder();
    const a = track(await createTestWorkspace());
    // PC B: a copy of A's data folder (an office sets its PCs up so); it gets its own PC id.
    const copyDir = mkdtempSync(join(tmpdir(), 'tuoke-pc-b-'));
    cleanups.push(() => rmSync(copyDir, { recursive: true, force: true }));
    cpSync(a.dir, copyDir, { recursive: true });
    const hostB = createHost({ dataDir: copyDir, migrationsFolder: sourceMigrationsFolder(), clock: a.clock, scrypt: testScrypt, logger: { error: () => undefined } });
    cleanups.push(() => hostB.close());
    expect(nodeIdFor(copyDir)).not.toBe(nodeIdFor(a.dir));

    const pcA = await pcOf(a.host, share);
    const pcB = await pcOf(hostB, share);
    await a.host.autoBackup('daily');
    await hostB.autoBackup('daily');
    await a.host.autoBackup('quit');
    const [onA] = await pcA.list();
    const [onB] = await pcB.list();
    expect(await pcA.list()).toEqual([onA]);
    expect(await pcB.list()).toEqual([onB]);
    expect(onA).toContain(nodeIdFor(a.dir));
    expect(onB).toContain(nodeIdFor(copyDir));

    // A week later only A runs: it prunes its own old backup, B's stays for B.
    a.clock.advance(7 * DAY);
    await a.host.autoBackup('daily');
    expect(await pcA.list()).not.toContain(onA);
    expect(existsSync(join(share, onA!))).toBe(false);
    expect(existsSync(join(share, onB!))).toBe(true);
    expect(await pcB.list()).toEqual([onB]);
  });

  it('lists and restores an old-style backup of this workspace, and not one of another workspace', async () => {
    const a = track(await createTestWorkspace({ company: '甲公司' }));
    const other = track(await createTestWorkspace({ company: '别家公司' }));
    const admin = await a.loginAs(ADMIN.username, ADMIN.password);
    await a.call(admin, 'customers.create', { fields: { name: '旧备份里的客户' }, confirmDuplicates: false });
    const made = await a.call(admin, 'backup.create', {});
    const otherAdmin = await other.loginAs(ADMIN.username, ADMIN.password);
    const otherMade = await other.call(otherAdmin, 'backup.create', {});

    // As a backup written before names (and manifests) carried the PC.
    const local = join(a.dir, 'backups');
    const oldStyle = async (from: string, name: string): Promise<void> => {
      const opened = await readContainer(from);
      const db = join(a.dir, `old-${name}.db`);
      await extractDatabase(from, opened, db);
      const { nodeId: _nodeId, ...manifest } = opened.manifest;
      await writeContainer(join(local, name), manifest, opened.keyringJson, db);
      rmSync(db);
    };
    await oldStyle(join(local, made.fileName), 'tuoke-20261120-090000-daily.tkbak');
    await oldStyle(join(other.dir, 'backups', otherMade.fileName), 'tuoke-20261121-090000-daily.tkbak');
    rmSync(join(local, made.fileName));

    expect((await a.call(admin, 'backup.list', {})).map((b) => b.fileName)).toEqual(['tuoke-20261120-090000-daily.tkbak']);
    await a.call(admin, 'customers.create', { fields: { name: '备份之后的客户' }, confirmDuplicates: false });
    const restored = await a.call(admin, 'backup.restore', { fileName: 'tuoke-20261120-090000-daily.tkbak' });
    expect(restored.customers).toBe(1);
  });
});
