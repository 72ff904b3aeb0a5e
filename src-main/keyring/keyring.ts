import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import { readJsonIfExists, writeFileAtomic } from './atomicFile';
import {
  b64,
  defaultScrypt,
  newRecoveryKey,
  parseRecoveryKey,
  randomBytes,
  recoveryKek,
  scryptKey,
  sha256Hex,
  unb64,
  unwrapKey,
  wrapKey,
  type ScryptParams,
} from './crypto';

/**
 * The key-slot file (keyring.json) beside the database. It holds only what
 * unlocking needs: the database key wrapped once per user (AES-256-GCM under
 * a key scrypt derives from that user's password) and once under the
 * recovery key. Slots are named by a salted SHA-256 of the user name, so the
 * file does not list user names in clear (someone with a list of candidate
 * names can still test them: it hides, it does not protect).
 */
export const KEYRING_FILE = 'keyring.json';

const wrappedSchema = z.object({ iv: z.string(), tag: z.string(), data: z.string() });
const userSlotSchema = z.object({
  kdf: z.object({ alg: z.literal('scrypt'), N: z.number(), r: z.number(), p: z.number(), salt: z.string() }),
  wrapped: wrappedSchema,
});
export const keyringSchema = z.object({
  format: z.literal(1),
  workspaceId: z.string(),
  nameSalt: z.string(),
  users: z.record(z.string(), userSlotSchema),
  recovery: z.object({ kdf: z.object({ alg: z.literal('hkdf-sha256'), salt: z.string() }), wrapped: wrappedSchema }),
});
export type Keyring = z.infer<typeof keyringSchema>;

export const keyringPath = (dataDir: string): string => join(dataDir, KEYRING_FILE);

export const readKeyring = (dataDir: string): Keyring | null => {
  let raw: unknown;
  try {
    raw = readJsonIfExists(keyringPath(dataDir));
  } catch (e) {
    throw new AppError('WORKSPACE_CORRUPT', { detail: KEYRING_FILE }, String(e));
  }
  if (raw === undefined) return null;
  const parsed = keyringSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('WORKSPACE_CORRUPT', { detail: KEYRING_FILE }, parsed.error.message);
  return parsed.data;
};

export const writeKeyring = (dataDir: string, keyring: Keyring): void =>
  writeFileAtomic(keyringPath(dataDir), `${JSON.stringify(keyring, null, 2)}\n`);

export const slotId = (keyring: Pick<Keyring, 'nameSalt'>, usernameKey: string): string =>
  sha256Hex(`${keyring.nameSalt}:${usernameKey}`);

/** Binds a wrapped key to its workspace and slot, so a slot copied under another name does not open. */
const aad = (keyring: Pick<Keyring, 'workspaceId'>, id: string): string => `tuoke:${keyring.workspaceId}:${id}`;

export const newKeyring = (workspaceId: string, dbKey: Buffer): { keyring: Keyring; recoveryKey: string } => {
  const base = { format: 1 as const, workspaceId, nameSalt: b64(randomBytes(16)), users: {} };
  const { recovery, recoveryKey } = recoverySlot(base, dbKey);
  return { keyring: { ...base, recovery }, recoveryKey };
};

const recoverySlot = (keyring: Pick<Keyring, 'workspaceId'>, dbKey: Buffer): { recovery: Keyring['recovery']; recoveryKey: string } => {
  const { text, bytes } = newRecoveryKey();
  const salt = randomBytes(16);
  return {
    recovery: { kdf: { alg: 'hkdf-sha256', salt: b64(salt) }, wrapped: wrapKey(dbKey, recoveryKek(bytes, salt), aad(keyring, 'recovery')) },
    recoveryKey: text,
  };
};

/** Replaces the recovery slot; the old recovery key stops working. */
export const withNewRecoveryKey = (keyring: Keyring, dbKey: Buffer): { keyring: Keyring; recoveryKey: string } => {
  const { recovery, recoveryKey } = recoverySlot(keyring, dbKey);
  return { keyring: { ...keyring, recovery }, recoveryKey };
};

export const withUserSlot = async (
  keyring: Keyring,
  usernameKey: string,
  password: string,
  dbKey: Buffer,
  params: ScryptParams = defaultScrypt,
): Promise<Keyring> => {
  const id = slotId(keyring, usernameKey);
  const salt = randomBytes(16);
  const kek = await scryptKey(password, salt, params);
  const slot = { kdf: { alg: 'scrypt' as const, ...params, salt: b64(salt) }, wrapped: wrapKey(dbKey, kek, aad(keyring, id)) };
  return { ...keyring, users: { ...keyring.users, [id]: slot } };
};

export const withoutUserSlot = (keyring: Keyring, usernameKey: string): Keyring => {
  const id = slotId(keyring, usernameKey);
  const users = { ...keyring.users };
  delete users[id];
  return { ...keyring, users };
};

export const hasUserSlot = (keyring: Keyring, usernameKey: string): boolean =>
  Object.prototype.hasOwnProperty.call(keyring.users, slotId(keyring, usernameKey));

/**
 * Unwraps the database key with a user's password. Returns null for a wrong
 * password or an unknown user name; for an unknown name it still spends the
 * same scrypt time, so timing does not tell which names exist.
 */
export const unlockUserSlot = async (
  keyring: Keyring,
  usernameKey: string,
  password: string,
  params: ScryptParams = defaultScrypt,
): Promise<Buffer | null> => {
  const id = slotId(keyring, usernameKey);
  const slot = keyring.users[id];
  if (!slot) {
    await scryptKey(password, randomBytes(16), params);
    return null;
  }
  const kek = await scryptKey(password, unb64(slot.kdf.salt), slot.kdf);
  return unwrapKey(slot.wrapped, kek, aad(keyring, id));
};

export const unlockRecovery = (keyring: Keyring, recoveryKeyText: string): Buffer | null => {
  const bytes = parseRecoveryKey(recoveryKeyText);
  if (!bytes) return null;
  const kek = recoveryKek(bytes, unb64(keyring.recovery.kdf.salt));
  return unwrapKey(keyring.recovery.wrapped, kek, aad(keyring, 'recovery'));
};
