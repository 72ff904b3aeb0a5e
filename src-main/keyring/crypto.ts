import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  scrypt,
} from 'node:crypto';
import { base32crockford } from '@scure/base';

export type ScryptParams = { N: number; r: number; p: number };

/**
 * scrypt cost for password slots: N=2^16, r=12 takes about 0.25 s and 96 MB
 * on the reference machine (`npm run bench:kdf` prints it). This cost is the
 * real defence against someone who copies the files and guesses offline;
 * the 5-try lockout only slows guessing through the app.
 */
export const defaultScrypt: ScryptParams = { N: 2 ** 16, r: 12, p: 1 };

export type Wrapped = { iv: string; tag: string; data: string };

const b64 = (b: Buffer): string => b.toString('base64');
const unb64 = (s: string): Buffer => Buffer.from(s, 'base64');

export const scryptKey = (password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      32,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });

export const wrapKey = (secret: Buffer, kek: Buffer, aad: string): Wrapped => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(secret), cipher.final()]);
  return { iv: b64(iv), tag: b64(cipher.getAuthTag()), data: b64(data) };
};

/** Returns null when the key-encryption key is wrong (GCM authentication fails). */
export const unwrapKey = (wrapped: Wrapped, kek: Buffer, aad: string): Buffer | null => {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, unb64(wrapped.iv));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(unb64(wrapped.tag));
    return Buffer.concat([decipher.update(unb64(wrapped.data)), decipher.final()]);
  } catch {
    return null;
  }
};

/**
 * Recovery keys: 160 random bits as Crockford base32 (no I, L, O, U, so it
 * reads and copies by hand without ambiguity), in 8 groups of 4.
 */
const RECOVERY_BYTES = 20;

export const newRecoveryKey = (): { text: string; bytes: Buffer } => {
  const bytes = randomBytes(RECOVERY_BYTES);
  const text = base32crockford.encode(bytes).match(/.{1,4}/g)!.join('-');
  return { text, bytes };
};

export const parseRecoveryKey = (text: string): Buffer | null => {
  const cleaned = text
    .toUpperCase()
    .replace(/[\s\-_]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  try {
    const bytes = Buffer.from(base32crockford.decode(cleaned));
    return bytes.length === RECOVERY_BYTES ? bytes : null;
  } catch {
    return null;
  }
};

/** The recovery key is already 160 random bits, so HKDF is enough: there is nothing to stretch. */
export const recoveryKek = (bytes: Buffer, salt: Buffer, info = 'tuoke recovery slot v1'): Buffer =>
  Buffer.from(hkdfSync('sha256', bytes, salt, info, 32));

/**
 * Sealing a secret to a public key (the database key to each key slot), so a
 * new database key can be given to every user without knowing their
 * passwords: an ephemeral X25519 key pair, the shared secret through
 * HKDF-SHA256 (salted with both public keys), AES-256-GCM with the slot's
 * associated data. Only the holder of the slot's private key (wrapped by the
 * password, or by the recovery key) opens it. Node's crypto does every step.
 */
export type Sealed = { epk: string; iv: string; tag: string; data: string };
export type KeyPair = { publicKey: string; privateKey: Buffer };

const SEAL_INFO = 'tuoke sealed key v2';

/** A new X25519 key pair: the public key as base64 SPKI DER, the private key as PKCS#8 DER bytes. */
export const newKeyPair = (): KeyPair => {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: b64(publicKey.export({ type: 'spki', format: 'der' })),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }),
  };
};

const sealKey = (shared: Buffer, epk: Buffer, recipient: Buffer, aad: string): Buffer =>
  Buffer.from(hkdfSync('sha256', shared, Buffer.concat([epk, recipient]), `${SEAL_INFO}:${aad}`, 32));

export const sealTo = (secret: Buffer, publicKey: string, aad: string): Sealed => {
  const recipientDer = unb64(publicKey);
  const recipient = createPublicKey({ key: recipientDer, format: 'der', type: 'spki' });
  const eph = generateKeyPairSync('x25519');
  const epk = eph.publicKey.export({ type: 'spki', format: 'der' });
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: recipient });
  const key = sealKey(shared, epk, recipientDer, aad);
  shared.fill(0);
  const { iv, tag, data } = wrapKey(secret, key, aad);
  key.fill(0);
  return { epk: b64(epk), iv, tag, data };
};

/** Returns null when the private key is not the one the secret was sealed to, or anything was altered. */
export const openSealed = (sealed: Sealed, privateKeyDer: Buffer, publicKey: string, aad: string): Buffer | null => {
  try {
    const privateKey = createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' });
    const epkDer = unb64(sealed.epk);
    const shared = diffieHellman({ privateKey, publicKey: createPublicKey({ key: epkDer, format: 'der', type: 'spki' }) });
    const key = sealKey(shared, epkDer, unb64(publicKey), aad);
    shared.fill(0);
    const secret = unwrapKey(sealed, key, aad);
    key.fill(0);
    return secret;
  } catch {
    return null;
  }
};

export const sha256Hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

export { randomBytes, b64, unb64 };
