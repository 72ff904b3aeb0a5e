import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileStamp, localDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { openDatabase, integrityCheck, DB_FILE, type Db, type ReadDb } from '../../db/connection';
import { schemaLevel } from '../../db/migrate';
import { writeFileAtomic } from '../../keyring/atomicFile';
import { KEYRING_FILE, keyringSchema, type Keyring } from '../../keyring/keyring';
import { nodeIdFor } from '../../db/node';
import { getSetting, writeSetting } from '../settings/settings';
import type { Clock } from '../clock';
import type { Workspace } from '../workspace/workspace';
import { WorkspaceLock } from '../workspace/lock';
import { extractDatabase, readContainer, sha256File, writeContainer, type BackupManifest } from './container';
import { checkBackupFolder, ensureBackupFolder } from './folder';

export const BACKUP_EXT = '.tkbak';
export const DEFAULT_RETENTION_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;
const APP_VERSION = '0.1.0';

export type BackupInfo = { fileName: string; size: number; createdAt: number; reason: BackupManifest['reason']; schemaVersion: number };
export type BackupSettings = { dir: string; retentionDays: number; isDefault: boolean };

export const backupSettings = (ws: Workspace, db: ReadDb): BackupSettings => {
  const chosen = getSetting(db, 'backupDir') as string | undefined;
  return {
    dir: chosen || join(ws.dataDir, 'backups'),
    retentionDays: (getSetting(db, 'backupRetentionDays') as number | undefined) ?? DEFAULT_RETENTION_DAYS,
    isDefault: !chosen,
  };
};

export const updateBackupSettings = (ws: Workspace, db: Db, actorId: string, input: { dir: string | null; retentionDays: number }): BackupSettings => {
  if (input.dir) checkBackupFolder(input.dir);
  db.write(actorId, (tx) => {
    writeSetting(tx, actorId, 'backupDir', input.dir ?? '');
    writeSetting(tx, actorId, 'backupRetentionDays', input.retentionDays);
  });
  return backupSettings(ws, db);
};

/**
 * Whose backups these are. A backup folder may be shared: several workspaces,
 * or several PCs holding copies of one workspace, pointed at one network
 * folder. Each PC lists, prunes and counts its daily backup only among its own
 * files: this workspace, made on this PC (its exchange node id, which a copied
 * data folder does not inherit).
 */
export type BackupOwner = { workspaceId: string; nodeId: string };

export const backupOwner = (ws: Workspace): BackupOwner => ({ workspaceId: ws.keyring().workspaceId, nodeId: nodeIdFor(ws.dataDir) });

/** The workspace part of a file name: the random tail of its UUIDv7 (the head is a timestamp two workspaces made the same minute would share). */
const workspaceTag = (workspaceId: string): string => workspaceId.replace(/-/g, '').slice(-12).toLowerCase();

/** tuoke-<workspace>-<PC>-<YYYYMMDD-HHmmss local time>-<reason>.tkbak */
export const backupFileName = (owner: BackupOwner, at: number, reason: BackupManifest['reason']): string =>
  `tuoke-${workspaceTag(owner.workspaceId)}-${owner.nodeId}-${fileStamp(at)}-${reason}${BACKUP_EXT}`;

const ownPrefix = (owner: BackupOwner): string => `tuoke-${workspaceTag(owner.workspaceId)}-${owner.nodeId}-`;
/** Names from before backups carried their workspace and PC: tuoke-YYYYMMDD-HHmmss-<reason>.tkbak. */
const OLD_STYLE = /^tuoke-\d{8}-\d{6}-[a-z-]+\.tkbak$/;
const SNAPSHOT_PREFIX = '.snapshot-';

/**
 * A consistent snapshot of the open database, still encrypted, plus the key
 * slots, in one file. VACUUM INTO reads inside one read transaction, so
 * writes that go on meanwhile are either wholly in the snapshot or not at
 * all; with SQLite3 Multiple Ciphers it writes the copy under the same key.
 * (The SQLite backup API is refused here: better-sqlite3 opens the target
 * without a key, and an encrypted-to-plain copy is not allowed.)
 */
export const createBackup = async (ws: Workspace, db: Db, reason: BackupManifest['reason'], dir = backupSettings(ws, db).dir): Promise<BackupInfo> => {
  // Bounded: a folder saved before the setting was checked (or one that went away) never spins (folder.ts).
  ensureBackupFolder(dir);
  const now = ws.clock.now();
  const owner = backupOwner(ws);
  let fileName = backupFileName(owner, now, reason);
  // Two backups in one second (a manual one, then the pre-restore one) must not replace each other.
  for (let n = 2; existsSync(join(dir, fileName)); n += 1) fileName = backupFileName(owner, now, reason).replace(BACKUP_EXT, `-${n}${BACKUP_EXT}`);
  const out = join(dir, fileName);
  // Named with this PC's id, so a later start on this PC removes it if a crash left it (and never another PC's).
  const snapshot = join(dir, `${SNAPSHOT_PREFIX}${owner.nodeId}-${randomBytes(6).toString('hex')}.db`);
  try {
    // Created empty first, private (0600): VACUUM INTO writes into an empty file and keeps its mode.
    closeSync(openSync(snapshot, 'wx', 0o600));
    // On the connection, outside any transaction (VACUUM cannot run in one): it writes the snapshot file, not the database.
    db.maintenance((sqlite) => sqlite.exec(`VACUUM INTO '${snapshot.replace(/'/g, "''")}'`));
    const keyring = ws.keyring();
    const manifest: BackupManifest = {
      format: 1,
      workspaceId: keyring.workspaceId,
      nodeId: owner.nodeId,
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

type OwnBackup = BackupInfo & { oldStyle: boolean };

const ownBackups = async (ws: Workspace, dir: string): Promise<OwnBackup[]> => {
  if (!existsSync(dir)) return [];
  const owner = backupOwner(ws);
  const result: OwnBackup[] = [];
  for (const name of readdirSync(dir)) {
    // The name says whose it is; the manifest inside has the last word (a renamed file is judged by its content).
    const oldStyle = OLD_STYLE.test(name);
    if (!oldStyle && !name.startsWith(ownPrefix(owner))) continue;
    if (!name.endsWith(BACKUP_EXT)) continue;
    try {
      const { manifest } = await readContainer(join(dir, name), { verify: false });
      if (manifest.workspaceId !== owner.workspaceId) continue;
      if (oldStyle ? manifest.nodeId !== undefined && manifest.nodeId !== owner.nodeId : manifest.nodeId !== owner.nodeId) continue;
      result.push({
        fileName: name,
        size: statSync(join(dir, name)).size,
        createdAt: manifest.createdAt,
        reason: manifest.reason,
        schemaVersion: manifest.schemaVersion,
        oldStyle,
      });
    } catch {
      // A truncated or unreadable file is not listed (it stays on disk for a person to look at); altered bytes are caught at restore.
    }
  }
  return result.sort((a, b) => b.createdAt - a.createdAt);
};

/**
 * This PC's backups of this workspace in `dir`, newest first. Files of other
 * workspaces and other PCs in a shared folder are not listed. Backups named
 * before names carried the workspace and PC are listed when their manifest
 * is of this workspace.
 */
export const listBackups = async (ws: Workspace, dir: string): Promise<BackupInfo[]> =>
  (await ownBackups(ws, dir)).map(({ oldStyle: _oldStyle, ...info }) => info);

/**
 * Deletes this PC's automatic backups older than the retention period (manual
 * and pre-restore ones are kept). Never another PC's: in a shared folder each
 * PC prunes its own. Old-style names (which do not say which PC made them) are
 * pruned only in the data folder's own backups folder, which no other PC uses.
 */
export const pruneBackups = async (ws: Workspace, settings: BackupSettings): Promise<number> => {
  const cutoff = ws.clock.now() - settings.retentionDays * DAY;
  const local = resolve(settings.dir) === resolve(ws.dataDir, 'backups');
  let removed = 0;
  for (const b of await ownBackups(ws, settings.dir)) {
    if (b.oldStyle && !local) continue;
    if ((b.reason === 'daily' || b.reason === 'quit') && b.createdAt < cutoff) {
      rmSync(join(settings.dir, b.fileName), { force: true });
      removed += 1;
    }
  }
  return removed;
};

/** The automatic backup: once a day per PC while the app runs, and on quit if this PC made none today. */
export const backupIfDue = async (ws: Workspace, db: Db, reason: 'daily' | 'quit'): Promise<BackupInfo | null> => {
  const settings = backupSettings(ws, db);
  const today = localDate(ws.clock.now());
  const latest = (await ownBackups(ws, settings.dir)).find((b) => b.reason !== 'before-restore');
  if (latest && localDate(latest.createdAt) === today) return null;
  const made = await createBackup(ws, db, reason, settings.dir);
  await pruneBackups(ws, settings);
  return made;
};

/**
 * Removes what a backup killed half-way left in `dir`: its snapshot copy of the
 * database (`.snapshot-*.db`) and its unfinished file (`*.tkbak.partial`).
 * Only this PC's (by node id in the name); in the data folder's own backups
 * folder also the unnamed ones of older versions. Call it only while holding
 * the workspace lock, when no backup of this workspace is under way.
 */
export const sweepBackupLeftovers = (ws: Workspace, dir: string): string[] => {
  if (!existsSync(dir)) return [];
  const nodeId = nodeIdFor(ws.dataDir);
  const local = resolve(dir) === resolve(ws.dataDir, 'backups');
  let ownPrefixName: string | null = null;
  try {
    ownPrefixName = ownPrefix(backupOwner(ws));
  } catch {
    // No key slots yet: only snapshots can be told apart.
  }
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const snapshot = name.startsWith(SNAPSHOT_PREFIX) && name.endsWith('.db');
    const partial = name.endsWith(`${BACKUP_EXT}.partial`);
    if (!snapshot && !partial) continue;
    const ours = snapshot
      ? name.startsWith(`${SNAPSHOT_PREFIX}${nodeId}-`) || (local && /^\.snapshot-[0-9a-f]{12}\.db$/.test(name))
      : (ownPrefixName !== null && name.startsWith(ownPrefixName)) || (local && OLD_STYLE.test(name.slice(0, -'.partial'.length)));
    if (!ours) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
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
  target: { dataDir: string; migrationsFolder: string; clock: Clock; hold?: () => () => void },
  file: string,
  key: Buffer,
  options: { expectWorkspaceId?: string; beforeSwap?: () => Promise<void> | void } = {},
): Promise<RestorePreview> => {
  // Nobody else may have this workspace open while its files are replaced: a Workspace joins its own lock
  // (throws WORKSPACE_LOCKED if another process holds it), a bare folder (a new PC) is locked for the restore.
  const release = target.hold ? target.hold() : new WorkspaceLock(target.dataDir, 'tool', target.clock).hold();
  try {
    return await restoreLocked(target, file, key, options);
  } finally {
    release();
  }
};

const restoreLocked = async (
  target: { dataDir: string; migrationsFolder: string; clock: Clock },
  file: string,
  key: Buffer,
  options: { expectWorkspaceId?: string; beforeSwap?: () => Promise<void> | void },
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
      copy.maintenance((sqlite) => sqlite.pragma('journal_mode=DELETE'));
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

