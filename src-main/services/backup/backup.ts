import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import { openDatabase, integrityCheck, DB_FILE, type Db } from '../../db/connection';
import { schemaLevel } from '../../db/migrate';
import { writeFileAtomic } from '../../keyring/atomicFile';
import { KEYRING_FILE, keyringSchema, type Keyring } from '../../keyring/keyring';
import { getSetting, writeSetting } from '../settings/settings';
import type { Workspace } from '../workspace/workspace';
import { extractDatabase, readContainer, sha256File, writeContainer, type BackupManifest } from './container';

export const BACKUP_EXT = '.tkbak';
export const DEFAULT_RETENTION_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;
const APP_VERSION = '0.1.0';

export type BackupInfo = { fileName: string; size: number; createdAt: number; reason: BackupManifest['reason']; schemaVersion: number };
export type BackupSettings = { dir: string; retentionDays: number; isDefault: boolean };

export const backupSettings = (ws: Workspace, db: Db): BackupSettings => {
  const chosen = getSetting(db, 'backupDir') as string | undefined;
  return {
    dir: chosen || join(ws.dataDir, 'backups'),
    retentionDays: (getSetting(db, 'backupRetentionDays') as number | undefined) ?? DEFAULT_RETENTION_DAYS,
    isDefault: !chosen,
  };
};

export const updateBackupSettings = (ws: Workspace, db: Db, actorId: string, input: { dir: string | null; retentionDays: number }): BackupSettings => {
  if (input.dir) mkdirSync(input.dir, { recursive: true });
  writeSetting(db, actorId, 'backupDir', input.dir ?? '');
  writeSetting(db, actorId, 'backupRetentionDays', input.retentionDays);
  return backupSettings(ws, db);
};

const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/**
 * A consistent snapshot of the open database, still encrypted, plus the key
 * slots, in one file. VACUUM INTO reads inside one read transaction, so
 * writes that go on meanwhile are either wholly in the snapshot or not at
 * all; with SQLite3 Multiple Ciphers it writes the copy under the same key.
 * (The SQLite backup API is refused here: better-sqlite3 opens the target
 * without a key, and an encrypted-to-plain copy is not allowed.)
 */
export const createBackup = async (ws: Workspace, db: Db, reason: BackupManifest['reason'], dir = backupSettings(ws, db).dir): Promise<BackupInfo> => {
  mkdirSync(dir, { recursive: true });
  const now = ws.clock.now();
  const fileName = `tuoke-${stamp(now)}-${reason}${BACKUP_EXT}`;
  const out = join(dir, fileName);
  const snapshot = join(dir, `.snapshot-${randomBytes(6).toString('hex')}.db`);
  try {
    db.sqlite.exec(`VACUUM INTO '${snapshot.replace(/'/g, "''")}'`);
    const keyring = ws.keyring();
    const manifest: BackupManifest = {
      format: 1,
      workspaceId: keyring.workspaceId,
      createdAt: now,
      schemaVersion: schemaLevel(db.sqlite, ws.migrationsFolder).applied,
      dbBytes: statSync(snapshot).size,
      dbSha256: await sha256File(snapshot),
      appVersion: APP_VERSION,
      reason,
    };
    await writeContainer(out, manifest, JSON.stringify(keyring), snapshot);
    return { fileName, size: statSync(out).size, createdAt: now, reason, schemaVersion: manifest.schemaVersion };
  } finally {
    rmSync(snapshot, { force: true });
  }
};

export const listBackups = async (dir: string): Promise<BackupInfo[]> => {
  if (!existsSync(dir)) return [];
  const result: BackupInfo[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith(BACKUP_EXT))) {
    try {
      const { manifest } = await readContainer(join(dir, name), { verify: false });
      result.push({ fileName: name, size: statSync(join(dir, name)).size, createdAt: manifest.createdAt, reason: manifest.reason, schemaVersion: manifest.schemaVersion });
    } catch {
      // A truncated or unreadable file is not listed (it stays on disk for a person to look at); altered bytes are caught at restore.
    }
  }
  return result.sort((a, b) => b.createdAt - a.createdAt);
};

/** Deletes automatic backups older than the retention period (manual and pre-restore ones are kept). */
export const pruneBackups = async (ws: Workspace, settings: BackupSettings): Promise<number> => {
  const cutoff = ws.clock.now() - settings.retentionDays * DAY;
  let removed = 0;
  for (const b of await listBackups(settings.dir)) {
    if ((b.reason === 'daily' || b.reason === 'quit') && b.createdAt < cutoff) {
      rmSync(join(settings.dir, b.fileName), { force: true });
      removed += 1;
    }
  }
  return removed;
};

/** The automatic backup: once a day while the app runs, and on quit if there is none today. */
export const backupIfDue = async (ws: Workspace, db: Db, reason: 'daily' | 'quit'): Promise<BackupInfo | null> => {
  const settings = backupSettings(ws, db);
  const today = new Date(ws.clock.now()).toDateString();
  const latest = (await listBackups(settings.dir)).find((b) => b.reason !== 'before-restore');
  if (latest && new Date(latest.createdAt).toDateString() === today) return null;
  const made = await createBackup(ws, db, reason, settings.dir);
  await pruneBackups(ws, settings);
  return made;
};

// ---------------------------------------------------------------- restore

const RESTORE_MARK = 'restore.commit';
const restoringDb = (dataDir: string): string => join(dataDir, `${DB_FILE}.restoring`);
const restoringKeyring = (dataDir: string): string => join(dataDir, `${KEYRING_FILE}.restoring`);

/**
 * Finishes or forgets a restore a crash interrupted. Before the commit mark
 * exists nothing of the old workspace was touched, so the half-made files are
 * deleted; after it, the swap is done again (renames are idempotent). Called
 * whenever a workspace is opened, before anything reads the database.
 */
export const recoverInterruptedRestore = (dataDir: string): 'none' | 'rolled-back' | 'completed' => {
  const mark = join(dataDir, RESTORE_MARK);
  if (existsSync(mark)) {
    swapIn(dataDir);
    return 'completed';
  }
  if (existsSync(restoringDb(dataDir)) || existsSync(restoringKeyring(dataDir))) {
    rmSync(restoringDb(dataDir), { force: true });
    rmSync(restoringKeyring(dataDir), { force: true });
    return 'rolled-back';
  }
  return 'none';
};

const swapIn = (dataDir: string): void => {
  const db = join(dataDir, DB_FILE);
  if (existsSync(restoringDb(dataDir))) {
    // The old database's WAL must not be replayed onto the restored file.
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    renameSync(restoringDb(dataDir), db);
  }
  if (existsSync(restoringKeyring(dataDir))) renameSync(restoringKeyring(dataDir), join(dataDir, KEYRING_FILE));
  rmSync(join(dataDir, RESTORE_MARK), { force: true });
};

export type RestorePreview = { manifest: BackupManifest; integrity: string; users: number; customers: number };

/**
 * Restores a backup into `dataDir`: check the file, open the copy with the
 * key and run an integrity check, keep the current database as a backup,
 * then swap the files in with a commit mark so that a crash at any moment
 * leaves either the old workspace or the restored one, never a mix.
 *
 * `key` opens the backup (the current key for a backup of this workspace;
 * one unwrapped from the backup's own slots for a new PC).
 */
export const restoreBackup = async (
  target: { dataDir: string; migrationsFolder: string; clock: Workspace['clock'] },
  file: string,
  key: Buffer,
  options: { expectWorkspaceId?: string; beforeSwap?: () => Promise<void> | void } = {},
): Promise<RestorePreview> => {
  const opened = await readContainer(file);
  let keyring: Keyring;
  try {
    keyring = keyringSchema.parse(JSON.parse(opened.keyringJson));
  } catch {
    throw new AppError('BACKUP_INVALID', { detail: 'keyring' });
  }
  if (keyring.workspaceId !== opened.manifest.workspaceId) throw new AppError('BACKUP_INVALID', { detail: 'keyring' });
  if (options.expectWorkspaceId && keyring.workspaceId !== options.expectWorkspaceId) throw new AppError('BACKUP_OTHER_WORKSPACE');
  mkdirSync(target.dataDir, { recursive: true });
  recoverInterruptedRestore(target.dataDir);
  await extractDatabase(file, opened, restoringDb(target.dataDir));
  let preview: RestorePreview;
  try {
    const copy = openDatabase(restoringDb(target.dataDir), key, { clock: target.clock, migrationsFolder: target.migrationsFolder, secondary: true });
    try {
      const level = schemaLevel(copy.sqlite, target.migrationsFolder);
      if (level.applied > level.known) throw new AppError('DB_TOO_NEW', { dbVersion: level.applied });
      const integrity = integrityCheck(copy);
      if (integrity !== 'ok') throw new AppError('BACKUP_INVALID', { detail: `integrity: ${integrity}` });
      const count = (t: string): number => (copy.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
      preview = { manifest: opened.manifest, integrity, users: count('users'), customers: count('customers') };
      // Back to a rollback journal so the copy is one self-contained file when it is swapped in.
      copy.sqlite.pragma('journal_mode=DELETE');
    } finally {
      copy.close();
    }
    writeFileAtomic(restoringKeyring(target.dataDir), opened.keyringJson);
    await options.beforeSwap?.();
  } catch (e) {
    rmSync(restoringDb(target.dataDir), { force: true });
    rmSync(restoringKeyring(target.dataDir), { force: true });
    if (e instanceof AppError) throw e;
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') throw new AppError('BACKUP_WRONG_KEY');
    throw e;
  }
  writeFileAtomic(join(target.dataDir, RESTORE_MARK), `${basename(file)}\n`);
  swapIn(target.dataDir);
  return preview;
};

export const readBackupKeyring = async (file: string): Promise<Keyring> => {
  const opened = await readContainer(file);
  try {
    return keyringSchema.parse(JSON.parse(opened.keyringJson));
  } catch {
    throw new AppError('BACKUP_INVALID', { detail: 'keyring' });
  }
};

