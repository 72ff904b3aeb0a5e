import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import { LockTimeout, withFileLock } from '../services/workspace/lockFile';
import { readJsonIfExists, writeFileAtomic } from './atomicFile';

/**
 * Lockout counters and the login events that happened while the database
 * was closed (a failed login cannot write to a database it could not open).
 * Lives beside the key slots, unencrypted, keyed by slot id like them; the
 * pending events move into the encrypted login history at the next
 * successful login and are then removed from here.
 */
export const AUTH_STATE_FILE = 'auth-state.json';

export const lockoutPolicy = { maxFailures: 5, lockMs: 15 * 60 * 1000 };
const MAX_PENDING_EVENTS = 1000;

const stateSchema = z.object({
  accounts: z.record(z.string(), z.object({ failures: z.number(), lockedUntil: z.number().nullable() })),
  pending: z.array(z.object({ at: z.number(), kind: z.enum(['failure', 'locked']), slot: z.string() })),
});
export type AuthState = z.infer<typeof stateSchema>;
export type PendingEvent = AuthState['pending'][number];

const emptyState = (): AuthState => ({ accounts: {}, pending: [] });

const statePath = (dataDir: string): string => join(dataDir, AUTH_STATE_FILE);

/** A damaged state file must not keep everyone out: it is reset (lockouts then restart from zero). */
export const readAuthState = (dataDir: string): AuthState => {
  try {
    const parsed = stateSchema.safeParse(readJsonIfExists(statePath(dataDir)));
    return parsed.success ? parsed.data : emptyState();
  } catch {
    return emptyState();
  }
};

const writeAuthState = (dataDir: string, state: AuthState): void =>
  writeFileAtomic(statePath(dataDir), `${JSON.stringify(state)}\n`);

/**
 * Read-modify-write of the state file under a short file lock
 * (`auth-state.json.lock`), so that updates from several processes (or a
 * program that ignores the workspace lock) never overwrite each other. `fn`
 * is synchronous and returns the new state (or null to leave the file as it
 * is) and a result. The lock is held for one read and one fsynced write.
 */
export const updateAuthState = <T>(dataDir: string, fn: (state: AuthState) => { state: AuthState | null; result: T }): T => {
  try {
    return withFileLock(`${statePath(dataDir)}.lock`, () => {
      const { state, result } = fn(readAuthState(dataDir));
      if (state) writeAuthState(dataDir, state);
      return result;
    });
  } catch (e) {
    if (e instanceof LockTimeout) throw new AppError('AUTH_STATE_BUSY', undefined, `auth-state lock held by ${JSON.stringify(e.holder)}`);
    throw e;
  }
};

/** Milliseconds the account stays locked, or 0. */
export const lockedFor = (state: AuthState, slot: string, now: number): number => {
  const until = state.accounts[slot]?.lockedUntil ?? null;
  return until !== null && until > now ? until - now : 0;
};

/**
 * Counts a password attempt BEFORE the password is checked, so that no number
 * of attempts in parallel (or killed half-way) escapes the count. Refused
 * (`allowed: false`) while the account is locked. The attempt that brings the
 * count to maxFailures locks the account at once; if its password then proves
 * right, afterSuccess lifts the lock. So at most maxFailures password checks
 * run per account between two successes or lock periods, whatever runs in
 * parallel.
 */
export const beginAttempt = (state: AuthState, slot: string, now: number): { state: AuthState; allowed: boolean; lockedMs: number } => {
  const previous = state.accounts[slot];
  const locked = lockedFor(state, slot, now);
  if (locked > 0) return { state, allowed: false, lockedMs: locked };
  // A lock that has run out starts a fresh count.
  const expired = previous?.lockedUntil != null && previous.lockedUntil <= now;
  const failures = (expired ? 0 : (previous?.failures ?? 0)) + 1;
  const locks = failures >= lockoutPolicy.maxFailures;
  const account = { failures: locks ? 0 : failures, lockedUntil: locks ? now + lockoutPolicy.lockMs : null };
  return { state: { ...state, accounts: { ...state.accounts, [slot]: account } }, allowed: true, lockedMs: 0 };
};

export const afterSuccess = (state: AuthState, slot: string): AuthState => {
  const accounts = { ...state.accounts };
  delete accounts[slot];
  return { ...state, accounts };
};

export const withPendingEvent = (state: AuthState, event: PendingEvent): AuthState => ({
  ...state,
  pending: [...state.pending, event].slice(-MAX_PENDING_EVENTS),
});
