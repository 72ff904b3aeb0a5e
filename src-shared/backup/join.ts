import { z } from 'zod';
import { passwordSchema, recoveryKeySchema, usernameSchema } from '../schemas';

/**
 * A new PC joins the office from a backup on the first-run screen: the backup file in chunks, then the
 * restore with a user's name and password, or the workspace's recovery key.
 */
export const joinUploadSchema = z.object({
  /** Omitted on the first chunk; the answer carries the id for the next ones. */
  uploadId: z.uuid().optional(),
  offset: z.number().int().min(0).max(4 * 1024 ** 3),
  /** At most 6 MiB of bytes a chunk. */
  chunkBase64: z.string().max(8 * 1024 * 1024),
});

export const joinRestoreSchema = z.union([
  z.object({ uploadId: z.uuid(), username: usernameSchema, password: passwordSchema }).strict(),
  z.object({ uploadId: z.uuid(), recoveryKey: recoveryKeySchema }).strict(),
]);

export type JoinResult = { customers: number; users: number; createdAt: number };
