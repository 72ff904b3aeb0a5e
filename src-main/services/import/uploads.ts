import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/errors';

// Uploads on disk: what they may take, the names they are stored under, their folders, and the sweep of
// the folders a dead process left behind.

export const MiB = 1024 * 1024;

/**
 * What uploads may take. An upload is a plain copy of a customer list in the
 * temp folder, kept from the first chunk until the import is discarded: so
 * they are few, bounded in size, and removed when their user logs out or
 * leaves them untouched for two hours (a running commit keeps its upload).
 */
export const UPLOAD_LIMITS = {
  /** One file. */
  fileBytes: 512 * MiB,
  /** All uploads of this process together, everyone's. */
  totalBytes: 1024 * MiB,
  /** Uploads one user holds at once: a new one beyond this removes their least recently used. */
  perUser: 4,
  /** Unused for this long, an upload is removed. */
  idleMs: 2 * 60 * 60 * 1000,
  /** How often idle uploads are looked for between calls. */
  sweepMs: 5 * 60 * 1000,
} as const;

/**
 * A file's name as the user's system gave it. It is shown and recorded with
 * the batch, and the upload is stored under it: a path, `..`, control
 * characters or NUL are not a file's name but a mistake or an attack.
 * (The contract already caps it at 255 characters; so does this, for callers
 * that do not come through the registry.)
 */
export const checkFileName = (name: string): void => {
  // eslint-disable-next-line no-control-regex
  if (name.length > 255 || /[/\\\u0000-\u001f\u007f]/.test(name) || /^[.\s]*$/.test(name)) {
    throw new AppError('VALIDATION', { fields: 'fileName' });
  }
};

/**
 * The name the upload is stored under: the user's, with anything a file
 * system may refuse replaced, short enough for any of them (255 bytes on
 * Linux and macOS, so 120 Chinese characters are too many), and never a
 * Windows device name. The extension is kept: sniffing goes by content, but
 * text under an .xls name is refused by name, and a text file's one sheet is
 * named after it.
 */
export const storedName = (name: string): string => {
  const chars = [...name.replace(/[^\p{L}\p{N}._-]/gu, '_')];
  while (Buffer.byteLength(chars.join('')) > 160) chars.shift();
  let safe = chars.join('');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(safe) || /^\.*$/.test(safe)) safe = `_${safe}`;
  return safe;
};

/** Upload folders are named after the process that made them, so that one left by a process that died can be told from one in use. */
const UPLOAD_DIR = /^tuoke-import-(\d+)-/;

/** A new upload folder of this process in the temp folder. */
export const newUploadDir = (): string => mkdtempSync(join(tmpdir(), `tuoke-import-${process.pid}-`));

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes the upload folders of processes that are gone: an import process
 * (or a window's process) that crashed or was killed could not delete its
 * uploads, copies of customer lists that must not pile up in the temp
 * folder. Folders of running processes (another import, another test) are
 * left alone; a process id the system has given to another program since
 * counts as running, so the folder waits for a later sweep. This assumes
 * that whoever shares the temp folder shares the process ids (one desktop
 * session; not containers with separate pid namespaces over one /tmp).
 * Returns how many were removed.
 */
export const sweepOrphanUploads = (dir = tmpdir()): number => {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const pid = Number(UPLOAD_DIR.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    try {
      rmSync(join(dir, name), { recursive: true, force: true });
      removed += 1;
    } catch {
      // In use or not ours to remove: the next sweep tries again.
    }
  }
  return removed;
};
