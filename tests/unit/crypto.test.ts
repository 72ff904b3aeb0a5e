import { describe, expect, it } from 'vitest';
import {
  newRecoveryKey,
  parseRecoveryKey,
  randomBytes,
  scryptKey,
  unwrapKey,
  wrapKey,
} from '../../src-main/keyring/crypto';
import {
  hasUserSlot,
  newKeyring,
  slotId,
  unlockRecovery,
  unlockUserSlot,
  withNewRecoveryKey,
  withoutUserSlot,
  withUserSlot,
  type Keyring,
} from '../../src-main/keyring/keyring';
import { usernameKey } from '../../src-main/keyring/usernameKey';
import { testScrypt } from '../helpers/workspace';

const CROCKFORD = '[0-9ABCDEFGHJKMNPQRSTVWXYZ]';
const RECOVERY_FORMAT = new RegExp(`^${CROCKFORD}{4}(-${CROCKFORD}{4}){7}$`);

/** A key whose text uses every Crockford digit, including the easily confused 0 and 1. */
const ALL_DIGITS = '0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ';

describe('newRecoveryKey', () => {
  it('writes 160 random bits as 8 groups of 4 Crockford base32 characters', () => {
    for (let i = 0; i < 50; i += 1) {
      const { text, bytes } = newRecoveryKey();
      expect(text).toMatch(RECOVERY_FORMAT);
      expect(bytes).toHaveLength(20);
      expect(parseRecoveryKey(text)).toEqual(bytes);
    }
  });

  it('never repeats itself', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newRecoveryKey().text));
    expect(keys.size).toBe(200);
  });
});

describe('parseRecoveryKey', () => {
  const canonical = parseRecoveryKey(ALL_DIGITS)!;

  it('reads a key that uses every digit', () => {
    expect(canonical).toHaveLength(20);
  });

  it.each([
    ['lower case', '0123-4567-89ab-cdef-ghjk-mnpq-rstv-wxyz'],
    ['spaces instead of dashes', '0123 4567 89AB CDEF GHJK MNPQ RSTV WXYZ'],
    ['no separators at all', '0123456789ABCDEFGHJKMNPQRSTVWXYZ'],
    ['underscores and extra spaces', '  0123_4567_89AB  CDEF GHJK\tMNPQ RSTV WXYZ '],
    ['O typed for 0', 'O123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ'],
    ['o typed for 0', 'o123-4567-89ab-cdef-ghjk-mnpq-rstv-wxyz'],
    ['I typed for 1', '0I23-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ'],
    ['L typed for 1', '0L23-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ'],
    ['l typed for 1', '0l23-4567-89ab-cdef-ghjk-mnpq-rstv-wxyz'],
    ['i typed for 1', '0i23 4567 89ab cdef ghjk mnpq rstv wxyz'],
  ])('tolerates %s', (_label, typed) => {
    expect(parseRecoveryKey(typed)).toEqual(canonical);
  });

  it.each([
    ['a group too few', '0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV'],
    ['a character too many', '0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ-0'],
    ['a letter Crockford leaves out (U)', 'U123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ'],
    ['punctuation', '0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXY!'],
    ['nothing', ''],
  ])('refuses %s', (_label, typed) => {
    expect(parseRecoveryKey(typed)).toBeNull();
  });
});

describe('wrapKey and unwrapKey', () => {
  const secret = randomBytes(32);
  const kek = randomBytes(32);

  it('round-trips the secret with the right key and AAD', () => {
    expect(unwrapKey(wrapKey(secret, kek, 'slot-a'), kek, 'slot-a')).toEqual(secret);
  });

  it('returns null for a wrong key', () => {
    expect(unwrapKey(wrapKey(secret, kek, 'slot-a'), randomBytes(32), 'slot-a')).toBeNull();
  });

  it('returns null for another AAD', () => {
    expect(unwrapKey(wrapKey(secret, kek, 'slot-a'), kek, 'slot-b')).toBeNull();
  });

  it('returns null for a tampered ciphertext or tag', () => {
    const wrapped = wrapKey(secret, kek, 'slot-a');
    const data = Buffer.from(wrapped.data, 'base64');
    data[0] = data[0]! ^ 1;
    expect(unwrapKey({ ...wrapped, data: data.toString('base64') }, kek, 'slot-a')).toBeNull();
    const tag = Buffer.from(wrapped.tag, 'base64');
    tag[0] = tag[0]! ^ 1;
    expect(unwrapKey({ ...wrapped, tag: tag.toString('base64') }, kek, 'slot-a')).toBeNull();
    expect(unwrapKey({ ...wrapped, tag: '' }, kek, 'slot-a')).toBeNull();
  });

  it('uses a fresh IV each time', () => {
    expect(wrapKey(secret, kek, 'a').iv).not.toBe(wrapKey(secret, kek, 'a').iv);
  });
});

describe('scryptKey', () => {
  it('derives the same key for the NFC and NFD forms of a password', async () => {
    const salt = randomBytes(16);
    const nfc = await scryptKey('Café-密码', salt, testScrypt);
    const nfd = await scryptKey('Café-密码'.normalize('NFD'), salt, testScrypt);
    expect(nfd).toEqual(nfc);
    expect(await scryptKey('Cafe-密码', salt, testScrypt)).not.toEqual(nfc);
  });
});

describe('key slots', () => {
  const dbKey = randomBytes(32);
  const withAlice = async (): Promise<Keyring> =>
    withUserSlot(newKeyring('workspace-1', dbKey).keyring, usernameKey('Alice'), 'alice-pass-1', dbKey, testScrypt);

  it('unwraps the database key with the right password, whatever the case of the name', async () => {
    const keyring = await withAlice();
    expect(await unlockUserSlot(keyring, usernameKey('alice'), 'alice-pass-1', testScrypt)).toEqual(dbKey);
    expect(await unlockUserSlot(keyring, usernameKey('ＡＬＩＣＥ'), 'alice-pass-1', testScrypt)).toEqual(dbKey);
  });

  it('returns null for a wrong password or an unknown name', async () => {
    const keyring = await withAlice();
    expect(await unlockUserSlot(keyring, 'alice', 'alice-pass-2', testScrypt)).toBeNull();
    expect(await unlockUserSlot(keyring, 'bob', 'alice-pass-1', testScrypt)).toBeNull();
  });

  it('does not name users in clear', async () => {
    const keyring = await withAlice();
    expect(JSON.stringify(keyring).toLowerCase()).not.toContain('alice');
    expect(Object.keys(keyring.users)).toEqual([slotId(keyring, 'alice')]);
  });

  it('does not unwrap a slot copied under another slot id (AAD binds the slot to its id)', async () => {
    const keyring = await withAlice();
    const stolen = keyring.users[slotId(keyring, 'alice')]!;
    const forged: Keyring = { ...keyring, users: { ...keyring.users, [slotId(keyring, 'mallory')]: stolen } };
    expect(hasUserSlot(forged, 'mallory')).toBe(true);
    expect(await unlockUserSlot(forged, 'mallory', 'alice-pass-1', testScrypt)).toBeNull();
    expect(await unlockUserSlot(forged, 'alice', 'alice-pass-1', testScrypt)).toEqual(dbKey);
  });

  it('does not unwrap a slot copied into another workspace', async () => {
    const keyring = await withAlice();
    const other = { ...newKeyring('workspace-2', randomBytes(32)).keyring, nameSalt: keyring.nameSalt };
    const forged: Keyring = { ...other, users: { ...keyring.users } };
    expect(await unlockUserSlot(forged, 'alice', 'alice-pass-1', testScrypt)).toBeNull();
  });

  it('removes a slot so the password opens nothing', async () => {
    const keyring = withoutUserSlot(await withAlice(), 'alice');
    expect(hasUserSlot(keyring, 'alice')).toBe(false);
    expect(await unlockUserSlot(keyring, 'alice', 'alice-pass-1', testScrypt)).toBeNull();
  });
});

describe('the recovery slot', () => {
  const dbKey = randomBytes(32);

  it('unwraps the database key with the recovery key, as printed or typed by hand', () => {
    const { keyring, recoveryKey } = newKeyring('workspace-1', dbKey);
    expect(recoveryKey).toMatch(RECOVERY_FORMAT);
    expect(unlockRecovery(keyring, recoveryKey)).toEqual(dbKey);
    expect(unlockRecovery(keyring, recoveryKey.toLowerCase().replace(/-/g, ' '))).toEqual(dbKey);
  });

  it('refuses another well-formed key and a malformed one', () => {
    const { keyring } = newKeyring('workspace-1', dbKey);
    expect(unlockRecovery(keyring, newRecoveryKey().text)).toBeNull();
    expect(unlockRecovery(keyring, 'not a key')).toBeNull();
  });

  it('stops accepting the old key after a rotation', () => {
    const first = newKeyring('workspace-1', dbKey);
    const rotated = withNewRecoveryKey(first.keyring, dbKey);
    expect(rotated.recoveryKey).not.toBe(first.recoveryKey);
    expect(unlockRecovery(rotated.keyring, first.recoveryKey)).toBeNull();
    expect(unlockRecovery(rotated.keyring, rotated.recoveryKey)).toEqual(dbKey);
  });

  it('does not unwrap when the recovery slot is moved to another workspace', () => {
    const { keyring, recoveryKey } = newKeyring('workspace-1', dbKey);
    expect(unlockRecovery({ ...keyring, workspaceId: 'workspace-2' }, recoveryKey)).toBeNull();
  });
});

describe('usernameKey', () => {
  it.each([
    ['ＡＤＭＩＮ', 'admin'],
    ['Admin', 'admin'],
    [' admin ', 'admin'],
    ['张三', '张三'],
    ['ｚｈａｎｇ３', 'zhang3'],
  ])('maps %j to %j', (name, key) => {
    expect(usernameKey(name)).toBe(key);
  });
});
