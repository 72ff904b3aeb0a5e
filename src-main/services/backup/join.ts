import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import { unlockRecovery, unlockUserSlot } from '../../keyring/keyring';
import { usernameKey } from '../../keyring/usernameKey';
import type { Workspace } from '../workspace/workspace';
import { readBackupKeyring, restoreBackup, type RestorePreview } from './backup';

/**
 * A PC joins the office from a backup: on the first-run screen, before any workspace exists here, a
 * person picks a backup file (from the office's backup folder or a USB stick) and gives the user name
 * and password of someone in it, or the workspace's recovery key. The file arrives in chunks (the
 * window cannot hand the main process a path in the browser bridge, and a backup can be hundreds of
 * megabytes); the restore is the same as the CLI's onto a new PC.
 */

/** A backup is at most this big (a 100,000-customer office's is a few hundred MB). */
export const MAX_JOIN_BYTES = 4 * 1024 ** 3;
/** An upload nobody finished is dropped after this long. */
const EXPIRES_MS = 60 * 60 * 1000;

type Upload = { id: string; dir: string; file: string; size: number; at: number };

export type JoinCredentials = { username: string; password: string } | { recoveryKey: string };

export class JoinUploads {
  private upload: Upload | null = null;

  constructor(private readonly now: () => number) {}

  /** Appends a chunk; the first chunk (no id) starts a new upload and drops any earlier one. */
  chunk(ws: Workspace, input: { uploadId?: string | undefined; offset: number; chunkBase64: string }): { uploadId: string; size: number } {
    if (ws.isInitialized()) throw new AppError('WORKSPACE_EXISTS');
    this.expire();
    let u = this.upload;
    if (!input.uploadId) {
      this.discard();
      const dir = mkdtempSync(join(tmpdir(), `tuoke-join-${process.pid}-`));
      u = this.upload = { id: randomUUID(), dir, file: join(dir, 'backup.tkbak'), size: 0, at: this.now() };
    } else if (!u || u.id !== input.uploadId) throw new AppError('NOT_FOUND');
    if (!u) throw new AppError('NOT_FOUND');
    // Chunks come in order: a gap or a repeat would make a file that only fails later.
    if (input.offset !== u.size) throw new AppError('VALIDATION', { fields: 'offset' });
    const bytes = Buffer.from(input.chunkBase64, 'base64');
    if (u.size + bytes.length > MAX_JOIN_BYTES) {
      this.discard();
      throw new AppError('TOO_LARGE');
    }
    appendFileSync(u.file, bytes);
    u.size += bytes.length;
    u.at = this.now();
    return { uploadId: u.id, size: u.size };
  }

  /** Restores the uploaded backup into this (empty) data folder with a user's password or the recovery key. */
  async restore(ws: Workspace, uploadId: string, credentials: JoinCredentials): Promise<RestorePreview> {
    if (ws.isInitialized()) throw new AppError('WORKSPACE_EXISTS');
    const u = this.upload;
    if (!u || u.id !== uploadId || statSync(u.file, { throwIfNoEntry: false })?.size !== u.size) throw new AppError('NOT_FOUND');
    const keyring = await readBackupKeyring(u.file);
    const key =
      'recoveryKey' in credentials
        ? unlockRecovery(keyring, credentials.recoveryKey)
        : await unlockUserSlot(keyring, usernameKey(credentials.username), credentials.password, ws.scrypt);
    if (!key) throw new AppError('BACKUP_WRONG_KEY');
    try {
      return await restoreBackup(ws, u.file, key);
    } finally {
      this.discard();
    }
  }

  discard(): void {
    if (this.upload) rmSync(this.upload.dir, { recursive: true, force: true });
    this.upload = null;
  }

  private expire(): void {
    if (this.upload && this.now() - this.upload.at > EXPIRES_MS) this.discard();
  }
}
