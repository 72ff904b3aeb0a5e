import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, realpathSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, posix, resolve, win32 } from 'node:path';
import { AppError, errorCode } from '../../../src-shared/errors';

/**
 * Where backups may go. An administrator types the folder (often a network
 * share), so it is checked as text before the file system is asked anything:
 *
 * - an absolute path (`D:\备份`, `\\server\share\备份`, `/Volumes/备份`), never
 *   relative to wherever the app happens to run;
 * - not a system pseudo-file system or device: /proc, /sys and /dev on Linux
 *   and macOS, `\\.\` and `\\?\` device paths and device names (NUL, CON, …)
 *   on Windows. Node's recursive mkdir loops for ever on `/proc/self/x`
 *   (mkdir answers ENOENT, the parent exists, it tries again), which is how a
 *   settings change once held the main process at 100 % CPU;
 * - an existing directory (after following links, so a link into /proc is
 *   refused too) in which a file can really be created: the app does not
 *   create the folder, an admin who mistypes a share's name should hear so
 *   at once rather than find a new folder on the local disk.
 */
export const checkBackupFolder = (dir: string, platform: NodeJS.Platform = process.platform): void => {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(dir)) throw new AppError('VALIDATION', { fields: 'dir' });
  if (isDevicePath(dir, platform)) throw new AppError('BACKUP_DIR_SYSTEM', { dir });
  if (!isAbsolutePath(dir, platform)) throw new AppError('BACKUP_DIR_NOT_ABSOLUTE');
  if (platform !== 'win32' && isSystemPath(posix.normalize(dir))) throw new AppError('BACKUP_DIR_SYSTEM', { dir });
  const real = realPath(dir);
  if (real === undefined) {
    // Missing, but perhaps below a link into /proc: the nearest folder that exists says which.
    const existing = realPath(nearestExisting(dir));
    if (existing !== undefined && isSystem(existing, platform)) throw new AppError('BACKUP_DIR_SYSTEM', { dir });
    throw new AppError('BACKUP_DIR_UNUSABLE', { dir });
  }
  if (isSystem(real, platform)) throw new AppError('BACKUP_DIR_SYSTEM', { dir });
  if (!statSync(real, { throwIfNoEntry: false })?.isDirectory() || !canCreateFileIn(real)) throw new AppError('BACKUP_DIR_UNUSABLE', { dir });
};

/**
 * Makes sure a backup folder exists: the configured one is checked as
 * above; the default one (inside the data folder) may be created, one level
 * at a time and at most 64 levels, instead of by Node's recursive mkdir,
 * which never returns on some paths (see checkBackupFolder).
 */
export const ensureBackupFolder = (dir: string, platform: NodeJS.Platform = process.platform): void => {
  if (isDevicePath(dir, platform) || !isAbsolutePath(dir, platform)) return checkBackupFolder(dir, platform);
  if (platform !== 'win32' && isSystemPath(posix.normalize(dir))) throw new AppError('BACKUP_DIR_SYSTEM', { dir });
  const missing: string[] = [];
  let p = resolve(dir);
  for (let depth = 0; !existsSync(p); depth++) {
    if (depth >= 64) throw new AppError('BACKUP_DIR_UNUSABLE', { dir });
    missing.unshift(p);
    const parent = dirname(p);
    if (parent === p) throw new AppError('BACKUP_DIR_UNUSABLE', { dir });
    p = parent;
  }
  for (const m of missing) {
    try {
      mkdirSync(m);
    } catch (e) {
      if (errorCode(e) !== 'EEXIST') throw new AppError('BACKUP_DIR_UNUSABLE', { dir });
    }
  }
  checkBackupFolder(dir, platform);
};

const realPath = (p: string): string | undefined => {
  try {
    return realpathSync.native(p);
  } catch {
    return undefined;
  }
};

/** The path itself or its nearest ancestor that exists (64 levels up at most). */
const nearestExisting = (p: string): string => {
  let at = resolve(p);
  for (let i = 0; i < 64 && !existsSync(at) && dirname(at) !== at; i++) at = dirname(at);
  return at;
};

const isSystem = (real: string, platform: NodeJS.Platform): boolean => isDevicePath(real, platform) || (platform !== 'win32' && isSystemPath(real));

/** /proc, /sys, /dev and anything below them. */
const isSystemPath = (p: string): boolean => /^\/(proc|sys|dev)(\/|$)/.test(p);

/**
 * Windows device paths (`\\.\PhysicalDrive0`, `\\?\C:\…`, `\??\…`, in either
 * slash) on every platform, and on Windows any path with a device name as a
 * part (`D:\备份\NUL` is the null device, not a folder).
 */
const isDevicePath = (p: string, platform: NodeJS.Platform): boolean => {
  if (/^[\\/]{2}[.?][\\/]/.test(p) || /^[\\/]\?\?[\\/]/.test(p)) return true;
  if (platform !== 'win32') return false;
  return p.split(/[\\/]/).some((part) => /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\.[^.]*)?\s*$/i.test(part));
};

/** A full path: a drive letter with a separator or a share (`\\server\share`) on Windows, `/…` elsewhere. */
const isAbsolutePath = (p: string, platform: NodeJS.Platform): boolean =>
  platform === 'win32' ? /^[a-zA-Z]:[\\/]/.test(p) || (/^[\\/]{2}[^\\/]+[\\/][^\\/]+/.test(p) && win32.isAbsolute(p)) : p.startsWith('/');

/** Creates and removes a small file: permissions, a read-only share or a full disk all show here. */
const canCreateFileIn = (dir: string): boolean => {
  const probe = resolve(dir, `.tuoke-probe-${randomBytes(6).toString('hex')}`);
  try {
    const fd = openSync(probe, 'wx');
    try {
      writeSync(fd, 'x');
    } finally {
      closeSync(fd);
    }
    unlinkSync(probe);
    return true;
  } catch {
    return false;
  }
};
