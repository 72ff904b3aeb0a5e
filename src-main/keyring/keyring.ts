import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import { existsSync, rmSync } from 'node:fs';
import { readJsonIfExists, writeFileAtomic } from './atomicFile';
import {
  b64,
  defaultScrypt,
  newKeyPair,
  newRecoveryKey,
  openSealed,
  parseRecoveryKey,
  randomBytes,
  recoveryKek,
  scryptKey,
  sealTo,
  sha256Hex,
  unb64,
  unwrapKey,
  wrapKey,
  type ScryptParams,
} from './crypto';

/**
 * The key-slot file (keyring.json) beside the database. It holds only what
 * unlocking needs. Slots are named by a salted SHA-256 of the user name, so
 * the file does not list user names in clear (someone with a list of
 * candidate names can still test them: it hides, it does not protect).
 *
 * Format 2 (current): each slot holds an X25519 key pair, the private key
 * wrapped (AES-256-GCM) under a key scrypt derives from the user's password
 * and the public key in the clear, plus the database key sealed to that
 * public key (crypto.ts sealTo). The recovery slot is the same with the
 * private key wrapped under a key derived from the recovery key. A new
 * database key can therefore be sealed to every remaining slot without
 * anyone's password (services/rekey).
 *
 * Format 1 (legacy) slots wrap the database key itself under the password
 * key. They still open, and are upgraded to format 2 at the user's next
 * login (or the recovery key's next use); a re-key cannot re-seal them.
 */
export const KEYRING_FILE = 'keyring.json';
/** The key slots sealed to the next database key while a re-key is under way (services/rekey). */
export const KEYRING_NEXT_FILE = 'keyring.next.json';

const wrappedSchema = z.object({ iv: z.string(), tag: z.string(), data: z.string() });
const sealedSchema = z.object({ epk: z.string(), iv: z.string(), tag: z.string(), data: z.string() });
const scryptKdfSchema = z.object({ alg: z.literal('scrypt'), N: z.number(), r: z.number(), p: z.number(), salt: z.string() });
const hkdfSchema = z.object({ alg: z.literal('hkdf-sha256'), salt: z.string() });

const userSlotSchema = z.object({ v: z.literal(2), kdf: scryptKdfSchema, publicKey: z.string(), privateKey: wrappedSchema, sealed: sealedSchema });
const legacyUserSlotSchema = z.strictObject({ kdf: scryptKdfSchema, wrapped: wrappedSchema });
const recoverySlotSchema = z.object({ v: z.literal(2), kdf: hkdfSchema, publicKey: z.string(), privateKey: wrappedSchema, sealed: sealedSchema });
const legacyRecoverySlotSchema = z.strictObject({ kdf: hkdfSchema, wrapped: wrappedSchema });

export const keyringSchema = z.object({
  format: z.union([z.literal(1), z.literal(2)]),
  workspaceId: z.string(),
  nameSalt: z.string(),
  users: z.record(z.string(), z.union([userSlotSchema, legacyUserSlotSchema])),
  /** null after a re-key found a legacy recovery slot it could not re-seal: an admin must generate a new recovery key. */
  recovery: z.union([recoverySlotSchema, legacyRecoverySlotSchema]).nullable(),
});
export type Keyring = z.infer<typeof keyringSchema>;
export type UserSlot = Keyring['users'][string];
type RecoverySlot = NonNullable<Keyring['recovery']>;
type KeyPairSlot = { publicKey: string; privateKey: z.infer<typeof wrappedSchema>; sealed: z.infer<typeof sealedSchema> };

export const isLegacySlot = (slot: UserSlot | RecoverySlot): boolean => !('v' in slot);

export const keyringPath = (dataDir: string): string => join(dataDir, KEYRING_FILE);
export const nextKeyringPath = (dataDir: string): string => join(dataDir, KEYRING_NEXT_FILE);

const readKeyringFile = (file: string, name: string): Keyring | null => {
  let raw: unknown;
  try {
    raw = readJsonIfExists(file);
  } catch (e) {
    throw new AppError('WORKSPACE_CORRUPT', { detail: name }, String(e));
  }
  if (raw === undefined) return null;
  const parsed = keyringSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('WORKSPACE_CORRUPT', { detail: name }, parsed.error.message);
  return parsed.data;
};

export const readKeyring = (dataDir: string): Keyring | null => readKeyringFile(keyringPath(dataDir), KEYRING_FILE);

export const writeKeyring = (dataDir: string, keyring: Keyring): void =>
  writeFileAtomic(keyringPath(dataDir), `${JSON.stringify(keyring, null, 2)}\n`);

/** The slots of a re-key under way (or interrupted), if any. */
export const readNextKeyring = (dataDir: string): Keyring | null => readKeyringFile(nextKeyringPath(dataDir), KEYRING_NEXT_FILE);

export const hasNextKeyring = (dataDir: string): boolean => existsSync(nextKeyringPath(dataDir));

export const writeNextKeyring = (dataDir: string, keyring: Keyring): void =>
  writeFileAtomic(nextKeyringPath(dataDir), `${JSON.stringify(keyring, null, 2)}\n`);

export const removeNextKeyring = (dataDir: string): void => rmSync(nextKeyringPath(dataDir), { force: true });

/**
 * Makes the next slots the current ones: keyring.json is replaced atomically
 * first, then the next file goes. A crash in between leaves two equal files,
 * which the next unlock settles like any interrupted re-key.
 */
export const promoteNextKeyring = (dataDir: string, next: Keyring): void => {
  writeKeyring(dataDir, next);
  removeNextKeyring(dataDir);
};

export const slotId = (keyring: Pick<Keyring, 'nameSalt'>, usernameKey: string): string =>
  sha256Hex(`${keyring.nameSalt}:${usernameKey}`);

/** Binds a wrapped or sealed key to its workspace and slot, so a slot copied under another name does not open. */
const aad = (keyring: Pick<Keyring, 'workspaceId'>, id: string): string => `tuoke:${keyring.workspaceId}:${id}`;
const privateAad = (keyring: Pick<Keyring, 'workspaceId'>, id: string): string => `${aad(keyring, id)}:private`;
const sealedAad = (keyring: Pick<Keyring, 'workspaceId'>, id: string): string => `${aad(keyring, id)}:sealed`;

const RECOVERY_ID = 'recovery';
const RECOVERY_INFO_V2 = 'tuoke recovery slot v2';

/** A slot's key pair with the private key wrapped under `kek`, and `dbKey` sealed to it. */
const keyPairSlot = (keyring: Pick<Keyring, 'workspaceId'>, id: string, kek: Buffer, dbKey: Buffer) => {
  const pair = newKeyPair();
  try {
    return {
      v: 2 as const,
      publicKey: pair.publicKey,
      privateKey: wrapKey(pair.privateKey, kek, privateAad(keyring, id)),
      sealed: sealTo(dbKey, pair.publicKey, sealedAad(keyring, id)),
    };
  } finally {
    pair.privateKey.fill(0);
  }
};

/** Opens a format-2 slot's sealed database key with the key that wraps its private key. */
const openKeyPairSlot = (
  keyring: Pick<Keyring, 'workspaceId'>,
  id: string,
  slot: KeyPairSlot,
  kek: Buffer,
): Buffer | null => {
  const privateKey = unwrapKey(slot.privateKey, kek, privateAad(keyring, id));
  if (!privateKey) return null;
  try {
    return openSealed(slot.sealed, privateKey, slot.publicKey, sealedAad(keyring, id));
  } finally {
    privateKey.fill(0);
  }
};

export const newKeyring = (workspaceId: string, dbKey: Buffer): { keyring: Keyring; recoveryKey: string } => {
  const base = { format: 2 as const, workspaceId, nameSalt: b64(randomBytes(16)), users: {} };
  const { recovery, recoveryKey } = recoverySlot(base, dbKey);
  return { keyring: { ...base, recovery }, recoveryKey };
};

const recoverySlotFor = (keyring: Pick<Keyring, 'workspaceId'>, bytes: Buffer, dbKey: Buffer): RecoverySlot => {
  const salt = randomBytes(16);
  const kek = recoveryKek(bytes, salt, RECOVERY_INFO_V2);
  try {
    return { kdf: { alg: 'hkdf-sha256', salt: b64(salt) }, ...keyPairSlot(keyring, RECOVERY_ID, kek, dbKey) };
  } finally {
    kek.fill(0);
  }
};

const recoverySlot = (keyring: Pick<Keyring, 'workspaceId'>, dbKey: Buffer): { recovery: RecoverySlot; recoveryKey: string } => {
  const { text, bytes } = newRecoveryKey();
  return { recovery: recoverySlotFor(keyring, bytes, dbKey), recoveryKey: text };
};

/** Replaces the recovery slot; the old recovery key stops working (on this keyring: a re-key makes it useless on old copies too). */
export const withNewRecoveryKey = (keyring: Keyring, dbKey: Buffer): { keyring: Keyring; recoveryKey: string } => {
  const { recovery, recoveryKey } = recoverySlot(keyring, dbKey);
  return { keyring: { ...keyring, format: 2, recovery }, recoveryKey };
};

const userSlotWithKek = (keyring: Keyring, id: string, kek: Buffer, salt: Buffer, params: ScryptParams, dbKey: Buffer): UserSlot => ({
  kdf: { alg: 'scrypt', N: params.N, r: params.r, p: params.p, salt: b64(salt) },
  ...keyPairSlot(keyring, id, kek, dbKey),
});

/** A new format-2 slot for the user (a new user, a password change or reset): `dbKey` sealed to a fresh key pair. */
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
  try {
    return { ...keyring, format: 2, users: { ...keyring.users, [id]: userSlotWithKek(keyring, id, kek, salt, params, dbKey) } };
  } finally {
    kek.fill(0);
  }
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
 * What an unlock gives: the database key and, for a legacy slot, the keyring
 * with that slot upgraded to format 2 (same password, sealed to the same
 * key), for the caller to write.
 */
export type Unlocked = { key: Buffer; upgraded: Keyring | null };

/**
 * Opens the user's slot with a password. Returns null for a wrong password or
 * an unknown user name; for an unknown name it still spends the same scrypt
 * time, so timing does not tell which names exist.
 */
export const openUserSlot = async (
  keyring: Keyring,
  usernameKey: string,
  password: string,
  params: ScryptParams = defaultScrypt,
): Promise<Unlocked | null> => {
  const id = slotId(keyring, usernameKey);
  const slot = Object.prototype.hasOwnProperty.call(keyring.users, id) ? keyring.users[id] : undefined;
  if (!slot) {
    await scryptKey(password, randomBytes(16), params);
    return null;
  }
  const salt = unb64(slot.kdf.salt);
  const kek = await scryptKey(password, salt, slot.kdf);
  try {
    if ('v' in slot) {
      const key = openKeyPairSlot(keyring, id, slot, kek);
      return key ? { key, upgraded: null } : null;
    }
    const key = unwrapKey(slot.wrapped, kek, aad(keyring, id));
    if (!key) return null;
    // The password is known only now: the same derived key wraps the new slot's private key, so the upgrade costs no second scrypt.
    const upgraded: Keyring = { ...keyring, format: 2, users: { ...keyring.users, [id]: userSlotWithKek(keyring, id, kek, salt, slot.kdf, key) } };
    return { key, upgraded };
  } finally {
    kek.fill(0);
  }
};

/** The database key from a user's slot, or null (see openUserSlot). */
export const unlockUserSlot = async (
  keyring: Keyring,
  usernameKey: string,
  password: string,
  params: ScryptParams = defaultScrypt,
): Promise<Buffer | null> => (await openUserSlot(keyring, usernameKey, password, params))?.key ?? null;

/** Opens the recovery slot with the recovery key (a legacy slot comes back upgraded, like a user's). */
export const openRecovery = (keyring: Keyring, recoveryKeyText: string): Unlocked | null => {
  const bytes = parseRecoveryKey(recoveryKeyText);
  const slot = keyring.recovery;
  if (!bytes || !slot) return null;
  const salt = unb64(slot.kdf.salt);
  if ('v' in slot) {
    const kek = recoveryKek(bytes, salt, RECOVERY_INFO_V2);
    try {
      const key = openKeyPairSlot(keyring, RECOVERY_ID, slot, kek);
      return key ? { key, upgraded: null } : null;
    } finally {
      kek.fill(0);
    }
  }
  const key = unwrapKey(slot.wrapped, recoveryKek(bytes, salt), aad(keyring, RECOVERY_ID));
  if (!key) return null;
  return { key, upgraded: { ...keyring, format: 2, recovery: recoverySlotFor(keyring, bytes, key) } };
};

export const unlockRecovery = (keyring: Keyring, recoveryKeyText: string): Buffer | null => openRecovery(keyring, recoveryKeyText)?.key ?? null;

/**
 * The same slots with `newKey` sealed to each, for a re-key. Slots `keep`
 * refuses are left out (a departed user's). A legacy slot cannot be re-sealed
 * (it has no public key): it is left out and listed, and that user needs a
 * password reset by an administrator. Likewise a legacy or missing recovery
 * slot: the result has none, and an administrator must generate a new
 * recovery key.
 */
export const resealedFor = (
  keyring: Keyring,
  newKey: Buffer,
  keep: (slotId: string) => boolean,
): { keyring: Keyring; droppedLegacy: string[]; recoveryDropped: boolean } => {
  const users: Keyring['users'] = {};
  const droppedLegacy: string[] = [];
  for (const [id, slot] of Object.entries(keyring.users)) {
    if (!keep(id)) continue;
    if (!('v' in slot)) {
      droppedLegacy.push(id);
      continue;
    }
    users[id] = { ...slot, sealed: sealTo(newKey, slot.publicKey, sealedAad(keyring, id)) };
  }
  const old = keyring.recovery;
  const recovery = old && 'v' in old ? { ...old, sealed: sealTo(newKey, old.publicKey, sealedAad(keyring, RECOVERY_ID)) } : null;
  return { keyring: { ...keyring, format: 2, users, recovery }, droppedLegacy, recoveryDropped: recovery === null };
};
