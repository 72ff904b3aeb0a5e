import { join } from 'node:path';
import { z } from 'zod';
import type { LoginEventKind } from '../../src-shared/types';
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

export const writeAuthState = (dataDir: string, state: AuthState): void =>
  writeFileAtomic(statePath(dataDir), `${JSON.stringify(state)}\n`);

/** Milliseconds the account stays locked, or 0. */
export const lockedFor = (state: AuthState, slot: string, now: number): number => {
  const until = state.accounts[slot]?.lockedUntil ?? null;
  return until !== null && until > now ? until - now : 0;
};

export const afterFailure = (state: AuthState, slot: string, now: number): { state: AuthState; locked: boolean; kind: LoginEventKind } => {
  const previous = state.accounts[slot];
  // A lock that has run out starts a fresh count.
  const expired = previous?.lockedUntil != null && previous.lockedUntil <= now;
  const failures = (expired ? 0 : (previous?.failures ?? 0)) + 1;
  const locked = failures >= lockoutPolicy.maxFailures;
  const account = { failures: locked ? 0 : failures, lockedUntil: locked ? now + lockoutPolicy.lockMs : null };
  return { state: { ...state, accounts: { ...state.accounts, [slot]: account } }, locked, kind: locked ? 'locked' : 'failure' };
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
