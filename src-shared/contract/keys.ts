import { z } from 'zod';
import { emptyInputSchema } from '../schemas';
import type { SetupResult } from '../types';
import { admin, channel } from './channel';

/**
 * The database key's rotation (re-key): when someone leaves, loses a role, or
 * the recovery key is replaced, the workspace gets a new database key, sealed
 * to each remaining key slot (src-main/services/rekey).
 */
export type RekeyReason = 'deactivated' | 'demoted' | 'recovery-rotated' | 'manual' | 'resumed';
export type RekeyPhase = 'backup' | 'sealing' | 'rekeying' | 'done' | 'failed';

export type KeyUserRef = { id: string; username: string; displayName: string };

export type RekeyOutcome = {
  at: number;
  reason: RekeyReason;
  /** Users whose legacy key slot could not be re-sealed: an administrator must reset their password. */
  needsReset: KeyUserRef[];
  /** The recovery slot was legacy (or already gone) and could not be re-sealed: generate a new recovery key. */
  recoveryKeyMissing: boolean;
  /** The backup made just before, under the old key. */
  backupFileName: string;
};

export type KeyStatus = {
  /** A re-key under way in this process. */
  running: { reason: RekeyReason; phase: RekeyPhase; startedAt: number } | null;
  /** The last re-key this process ran. */
  last: RekeyOutcome | null;
  /** A re-key that was asked for and has not completed (it failed or was interrupted); it is retried at the next login or with keys.rekey. */
  pending: { reason: RekeyReason; since: number; error: string | null } | null;
  recoveryKeyMissing: boolean;
  /** Active users whose key slot is still of the old kind (they have not logged in since the upgrade): a re-key would need a reset for them. */
  legacySlots: KeyUserRef[];
};

export const keyChannels = {
  'keys.status': channel<KeyStatus>()({ input: emptyInputSchema, access: admin, reads: ['users'] }),
  'keys.rekey': channel<RekeyOutcome>()({ input: emptyInputSchema, access: admin }),
  // A new recovery key (the old one stops opening the workspace): the admin confirms with their password.
  'system.rotateRecoveryKey': channel<SetupResult>()({
    input: z.object({ password: z.string().min(1).max(1024) }),
    access: admin,
  }),
} as const;
