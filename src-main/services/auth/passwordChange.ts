import type { Db, ReadDb } from '../../db/connection';
import { getPref, setPref } from '../prefs/prefs';

/**
 * A password an administrator set (a new account, a reset) is known to that administrator: the person
 * must replace it at their first login before doing anything else. Kept per user in user_prefs, so it
 * needs no schema change; the registry refuses every other channel while it is set (registry.ts).
 */
const KEY = 'auth.mustChangePassword';

export const mustChangePassword = (db: ReadDb, userId: string): boolean => getPref(db, userId, KEY) === true;

export const setMustChangePassword = (db: Db, userId: string, value: boolean): void => {
  if (mustChangePassword(db, userId) !== value) setPref(db, userId, KEY, value);
};

/** What a session may still do while its password must be changed. */
export const PASSWORD_CHANGE_CHANNELS: ReadonlySet<string> = new Set(['app.status', 'auth.changePassword', 'auth.logout', 'auth.login', 'auth.recover']);
