import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, openSync, readSync, renameSync, rmSync, statSync, writeSync, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';

/**
 * A backup is one file, easy to copy to a network share:
 *
 *   "TUOKEBAK1\n" | u32 manifest length | manifest JSON | u32 keyring length | keyring JSON | database bytes
 *
 * The database bytes are the SQLCipher file itself (still encrypted under the
 * workspace key); the keyring holds the key slots as they were, so the backup
 * opens on another PC with a user's password or the recovery key. The
 * manifest's SHA-256 of the database bytes catches truncation and tampering.
 */
const MAGIC = Buffer.from('TUOKEBAK1\n', 'latin1');

export const manifestSchema = z.object({
  format: z.literal(1),
  workspaceId: z.string(),
  /** The PC (exchange node id) that made it; absent in backups from before backups were kept per PC. */
  nodeId: z.string().optional(),
  createdAt: z.number(),
  /** Migrations applied in the backed-up database. */
  schemaVersion: z.number().int(),
  dbBytes: z.number().int().nonnegative(),
  dbSha256: z.string().regex(/^[0-9a-f]{64}$/),
  appVersion: z.string(),
  reason: z.enum(['manual', 'daily', 'quit', 'before-restore']),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

export const sha256File = async (file: string, start = 0): Promise<string> => {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { start }), hash);
  return hash.digest('hex');
};

/** Writes the container next to `out` and renames it into place, so a half-written backup never carries the final name. */
export const writeContainer = async (out: string, manifest: BackupManifest, keyringJson: string, dbFile: string): Promise<void> => {
  const tmp = `${out}.partial`;
  const head = Buffer.concat([
    MAGIC,
    u32(Buffer.byteLength(JSON.stringify(manifest))),
    Buffer.from(JSON.stringify(manifest)),
    u32(Buffer.byteLength(keyringJson)),
    Buffer.from(keyringJson),
  ]);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, head);
  } finally {
    closeSync(fd);
  }
  await pipeline(createReadStream(dbFile), createWriteStream(tmp, { flags: 'a' }));
  const sync = openSync(tmp, 'r+');
  try {
    fsyncSync(sync);
  } finally {
    closeSync(sync);
  }
  renameSync(tmp, out);
};

export type OpenedContainer = { manifest: BackupManifest; keyringJson: string; dbOffset: number };

const readExact = (fd: number, length: number, position: number): Buffer => {
  const b = Buffer.alloc(length);
  const n = readSync(fd, b, 0, length, position);
  if (n !== length) throw new AppError('BACKUP_INVALID', { detail: 'truncated' });
  return b;
};

/**
 * Reads and checks a backup file: its format, its manifest, that the database bytes are complete
 * and (unless `verify` is false, for listing) that they are unaltered — hashing a large backup
 * takes seconds, so only a restore pays for it.
 */
export const readContainer = async (file: string, options: { verify?: boolean } = {}): Promise<OpenedContainer> => {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw new AppError('BACKUP_INVALID', { detail: 'unreadable' });
  }
  let opened: OpenedContainer;
  try {
    if (!readExact(fd, MAGIC.length, 0).equals(MAGIC)) throw new AppError('BACKUP_INVALID', { detail: 'not a Tuoke backup' });
    let pos = MAGIC.length;
    const mLen = readExact(fd, 4, pos).readUInt32BE();
    pos += 4;
    if (mLen > 1_000_000) throw new AppError('BACKUP_INVALID', { detail: 'manifest' });
    let manifest: BackupManifest;
    try {
      manifest = manifestSchema.parse(JSON.parse(readExact(fd, mLen, pos).toString('utf8')));
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('BACKUP_INVALID', { detail: 'manifest' });
    }
    pos += mLen;
    const kLen = readExact(fd, 4, pos).readUInt32BE();
    pos += 4;
    if (kLen > 10_000_000) throw new AppError('BACKUP_INVALID', { detail: 'keyring' });
    const keyringJson = readExact(fd, kLen, pos).toString('utf8');
    pos += kLen;
    opened = { manifest, keyringJson, dbOffset: pos };
  } finally {
    closeSync(fd);
  }
  if (statSync(file).size - opened.dbOffset !== opened.manifest.dbBytes) throw new AppError('BACKUP_INVALID', { detail: 'truncated' });
  if (options.verify !== false && (await sha256File(file, opened.dbOffset)) !== opened.manifest.dbSha256) throw new AppError('BACKUP_INVALID', { detail: 'checksum' });
  return opened;
};

/** Copies the database bytes out of a checked container into `target`, fsynced. */
export const extractDatabase = async (file: string, opened: OpenedContainer, target: string): Promise<void> => {
  rmSync(target, { force: true });
  await pipeline(createReadStream(file, { start: opened.dbOffset }), createWriteStream(target, { mode: 0o600 }));
  const fd = openSync(target, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};
