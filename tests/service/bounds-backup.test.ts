import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/ipc/session';
import { checkBackupFolder, ensureBackupFolder } from '../../src-main/services/backup/folder';
import { saveSetting } from '../../src-main/services/settings/settings';
import { errorCode } from '../../src-shared/errors';
import { ADMIN, createTestWorkspace, type TestWorkspace } from '../helpers/workspace';

let ws: TestWorkspace | undefined;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  ws?.dispose();
  ws = undefined;
});

const scratch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tuoke-bounds-backup-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

const loggedIn = async (): Promise<{ ws: TestWorkspace; admin: Session }> => {
  ws = await createTestWorkspace();
  return { ws, admin: await ws.loginAs(ADMIN.username, ADMIN.password) };
};

const codeOf = (run: () => void): string | undefined => {
  try {
    run();
  } catch (e) {
    return errorCode(e);
  }
  return undefined;
};

describe('the backup folder setting', () => {
  it('refuses system pseudo-file systems, at once (/proc/self/x used to hold the process at 100 % CPU)', async () => {
    const { ws, admin } = await loggedIn();
    const link = join(scratch(), 'looks-normal');
    symlinkSync('/proc/self', link);
    for (const dir of ['/proc/self/x', '/proc', '/sys/kernel', '/dev/shm', '/dev', '/dev/../proc/1', `${link}/x`, link]) {
      const r = await ws.invoke(admin, 'backup.updateSettings', { dir, retentionDays: 30 });
      expect(r, dir).toMatchObject({ ok: false, error: { code: 'BACKUP_DIR_SYSTEM' } });
    }
    expect(await ws.call(admin, 'backup.settings', {})).toMatchObject({ isDefault: true, retentionDays: 30 });
  });

  it('refuses Windows device paths, relative paths, and a NUL', async () => {
    const { ws, admin } = await loggedIn();
    for (const dir of ['\\\\.\\PhysicalDrive0', '\\\\?\\C:\\备份', '//./pipe/tuoke', '\\??\\C:\\备份']) {
      expect(await ws.invoke(admin, 'backup.updateSettings', { dir, retentionDays: 30 }), dir).toMatchObject({ ok: false, error: { code: 'BACKUP_DIR_SYSTEM' } });
    }
    for (const dir of ['backups', './backups', '../备份', 'C:备份', '~/备份']) {
      const r = await ws.invoke(admin, 'backup.updateSettings', { dir, retentionDays: 30 });
      expect(r, dir).toMatchObject({ ok: false, error: { code: 'BACKUP_DIR_NOT_ABSOLUTE' } });
      expect(!r.ok && r.error.message).toContain('完整路径');
    }
    expect(await ws.invoke(admin, 'backup.updateSettings', { dir: `${scratch()}\u0000x`, retentionDays: 30 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('must be an existing folder: a missing one is not created, a file is not a folder', async () => {
    const { ws, admin } = await loggedIn();
    const base = scratch();
    const missing = join(base, '网络盘', '备份');
    const r = await ws.invoke(admin, 'backup.updateSettings', { dir: missing, retentionDays: 30 });
    expect(r).toMatchObject({ ok: false, error: { code: 'BACKUP_DIR_UNUSABLE', params: { dir: missing } } });
    expect(!r.ok && r.error.message).toContain(missing);
    expect(existsSync(join(base, '网络盘'))).toBe(false);
    writeFileSync(join(base, 'a-file'), 'x');
    expect(await ws.invoke(admin, 'backup.updateSettings', { dir: join(base, 'a-file'), retentionDays: 30 })).toMatchObject({ ok: false, error: { code: 'BACKUP_DIR_UNUSABLE' } });
    expect(await ws.call(admin, 'backup.settings', {})).toMatchObject({ isDefault: true });
  });

  it('takes an existing folder, leaves nothing of its write test there, and backups go into it', async () => {
    const { ws, admin } = await loggedIn();
    const dir = scratch();
    expect(await ws.call(admin, 'backup.updateSettings', { dir, retentionDays: 7 })).toMatchObject({ dir, retentionDays: 7, isDefault: false });
    expect(readdirSync(dir)).toEqual([]);
    const made = await ws.call(admin, 'backup.create', {});
    expect(readdirSync(dir)).toEqual([made.fileName]);
  });
});

describe('backup folder paths on Windows', () => {
  it('are a drive with a separator or a share; device names are devices', () => {
    expect(codeOf(() => checkBackupFolder('D:\\备份\\NUL', 'win32'))).toBe('BACKUP_DIR_SYSTEM');
    expect(codeOf(() => checkBackupFolder('D:\\备份\\com1.txt', 'win32'))).toBe('BACKUP_DIR_SYSTEM');
    expect(codeOf(() => checkBackupFolder('\\备份', 'win32'))).toBe('BACKUP_DIR_NOT_ABSOLUTE');
    expect(codeOf(() => checkBackupFolder('C:备份', 'win32'))).toBe('BACKUP_DIR_NOT_ABSOLUTE');
    expect(codeOf(() => checkBackupFolder('\\\\server', 'win32'))).toBe('BACKUP_DIR_NOT_ABSOLUTE');
    // Well-formed, so the next question is the file system's (which has no D: here).
    expect(codeOf(() => checkBackupFolder('D:\\备份', 'win32'))).toBe('BACKUP_DIR_UNUSABLE');
    expect(codeOf(() => checkBackupFolder('\\\\server\\share\\备份', 'win32'))).toBe('BACKUP_DIR_UNUSABLE');
    // Only Windows treats NUL as a device: elsewhere it is a name like any other.
    expect(codeOf(() => checkBackupFolder(join(scratch(), 'NUL'), 'linux'))).toBe('BACKUP_DIR_UNUSABLE');
  });
});

describe('ensureBackupFolder', () => {
  it('creates a missing folder level by level, refuses system paths and more than 64 missing levels', () => {
    const base = scratch();
    const nested = join(base, 'a', 'b', 'c');
    ensureBackupFolder(nested);
    expect(existsSync(nested)).toBe(true);
    expect(codeOf(() => ensureBackupFolder('/proc/self/x/y'))).toBe('BACKUP_DIR_SYSTEM');
    const deep = join(base, ...Array.from({ length: 65 }, (_, i) => `d${i}`));
    expect(codeOf(() => ensureBackupFolder(deep))).toBe('BACKUP_DIR_UNUSABLE');
    expect(existsSync(join(base, 'd0'))).toBe(false);
  });
});

describe('a backup into a folder saved before the setting was checked', () => {
  it('is refused at once instead of spinning (createBackup goes through the same bounded folder check)', async () => {
    if (process.platform !== 'linux') return;
    const { ws, admin } = await loggedIn();
    // As an older version could have saved it: straight into the settings table.
    saveSetting(ws.host.workspace.db!, null, 'backupDir', '/proc/self/x');
    const r = await ws.invoke(admin, 'backup.create', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'BACKUP_DIR_SYSTEM' } });
  });
});
