import { describe, expect, it } from 'vitest';
import { b64, newKeyPair, openSealed, randomBytes, sealTo, unb64 } from '../../src-main/keyring/crypto';
import {
  keyringSchema,
  newKeyring,
  openRecovery,
  openUserSlot,
  resealedFor,
  slotId,
  unlockRecovery,
  unlockUserSlot,
  withUserSlot,
  type Keyring,
} from '../../src-main/keyring/keyring';
import { testScrypt } from '../helpers/workspace';

/** The key-pair slots (format 2) that let a re-key give every user a new database key without their passwords. */
describe('sealing a key to a public key', () => {
  const secret = randomBytes(32);

  it('opens with the matching private key and the same associated data only', () => {
    const pair = newKeyPair();
    const other = newKeyPair();
    const sealed = sealTo(secret, pair.publicKey, 'tuoke:ws:slot');
    expect(openSealed(sealed, pair.privateKey, pair.publicKey, 'tuoke:ws:slot')).toEqual(secret);
    expect(openSealed(sealed, other.privateKey, other.publicKey, 'tuoke:ws:slot')).toBeNull();
    expect(openSealed(sealed, pair.privateKey, pair.publicKey, 'tuoke:ws:other-slot')).toBeNull();
  });

  it('uses a fresh ephemeral key each time and refuses altered bytes', () => {
    const pair = newKeyPair();
    const a = sealTo(secret, pair.publicKey, 'x');
    const b = sealTo(secret, pair.publicKey, 'x');
    expect(a.epk).not.toBe(b.epk);
    expect(a.data).not.toBe(b.data);
    const data = unb64(a.data);
    data[0] = data[0]! ^ 1;
    expect(openSealed({ ...a, data: b64(data) }, pair.privateKey, pair.publicKey, 'x')).toBeNull();
    expect(openSealed({ ...a, epk: b.epk }, pair.privateKey, pair.publicKey, 'x')).toBeNull();
    expect(openSealed({ ...a, epk: 'not a key' }, pair.privateKey, pair.publicKey, 'x')).toBeNull();
  });
});

describe('format-2 key slots', () => {
  const dbKey = randomBytes(32);
  const withAlice = async (): Promise<Keyring> => withUserSlot(newKeyring('workspace-1', dbKey).keyring, 'alice', 'alice-pass-1', dbKey, testScrypt);

  it('hold a key pair (public key in clear, private key wrapped) and the sealed database key, nothing else', async () => {
    const keyring = await withAlice();
    const slot = keyring.users[slotId(keyring, 'alice')]!;
    expect(Object.keys(slot).sort()).toEqual(['kdf', 'privateKey', 'publicKey', 'sealed', 'v']);
    expect(keyring.format).toBe(2);
    expect(JSON.stringify(keyring)).not.toContain(dbKey.toString('base64'));
    expect(await openUserSlot(keyring, 'alice', 'alice-pass-1', testScrypt)).toEqual({ key: dbKey, upgraded: null });
    expect(await openUserSlot(keyring, 'alice', 'wrong-pass-1', testScrypt)).toBeNull();
    expect(keyringSchema.parse(JSON.parse(JSON.stringify(keyring)))).toEqual(keyring);
  });

  it('re-seal a new key to every kept slot, without any password, and drop the others', async () => {
    const base = await withAlice();
    const keyring = await withUserSlot(base, 'bob', 'bob-pass-1', dbKey, testScrypt);
    const newKey = randomBytes(32);
    const { keyring: next, droppedLegacy, recoveryDropped } = resealedFor(keyring, newKey, (id) => id !== slotId(keyring, 'bob'));
    expect(droppedLegacy).toEqual([]);
    expect(recoveryDropped).toBe(false);
    expect(await unlockUserSlot(next, 'alice', 'alice-pass-1', testScrypt)).toEqual(newKey);
    expect(await unlockUserSlot(next, 'bob', 'bob-pass-1', testScrypt)).toBeNull();
    // The old keyring still unwraps only the old key: that is what an old backup holds.
    expect(await unlockUserSlot(keyring, 'bob', 'bob-pass-1', testScrypt)).toEqual(dbKey);
  });

  it('do not open when a slot’s sealed key is swapped for another slot’s (bound to the slot id)', async () => {
    const keyring = await withUserSlot(await withAlice(), 'bob', 'bob-pass-1', dbKey, testScrypt);
    const alice = keyring.users[slotId(keyring, 'alice')]!;
    const bob = keyring.users[slotId(keyring, 'bob')]!;
    if (!('v' in alice) || !('v' in bob)) throw new Error('expected key-pair slots');
    const forged: Keyring = { ...keyring, users: { ...keyring.users, [slotId(keyring, 'alice')]: { ...alice, sealed: bob.sealed } } };
    expect(await unlockUserSlot(forged, 'alice', 'alice-pass-1', testScrypt)).toBeNull();
  });

  it('the recovery slot opens with the printed key and is re-sealed like the others', () => {
    const { keyring, recoveryKey } = newKeyring('workspace-1', dbKey);
    expect(openRecovery(keyring, recoveryKey)).toEqual({ key: dbKey, upgraded: null });
    const newKey = randomBytes(32);
    const { keyring: next } = resealedFor(keyring, newKey, () => true);
    expect(unlockRecovery(next, recoveryKey)).toEqual(newKey);
    expect(unlockRecovery({ ...next, recovery: null }, recoveryKey)).toBeNull();
  });
});
