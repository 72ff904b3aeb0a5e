import { createHash } from 'node:crypto';
import type { ImportTarget } from '../../../src-shared/import/targets';
import { headerKey } from '../../../src-shared/import/targets';
import type { Db, ReadDb } from '../../db/connection';
import { getPref, setPref } from '../prefs/prefs';

/**
 * Column mappings a user confirmed, remembered per header layout: the next
 * file with the same headers (the same directory export, month after month)
 * comes up mapped the same way.
 */
const prefKey = (headers: string[]): string =>
  `importMapping:${createHash('sha1').update(headers.map(headerKey).join('\u0001')).digest('hex')}`;

export const savedMapping = (db: ReadDb, userId: string, headers: string[]): (ImportTarget | null)[] | null => {
  const value = getPref(db, userId, prefKey(headers));
  return Array.isArray(value) && value.length === headers.length ? (value as (ImportTarget | null)[]) : null;
};

export const saveMapping = (db: Db, userId: string, headers: string[], targets: (ImportTarget | null)[]): void =>
  setPref(db, userId, prefKey(headers), targets.slice(0, headers.length));

/** The wizard's preview, with the column mapping this user went ahead with last time for the same headers. */
export const withSavedMapping = <P extends { headers: string[]; targets: (ImportTarget | null)[] }>(db: ReadDb, userId: string, preview: P): P & { savedMapping?: true } => {
  const saved = savedMapping(db, userId, preview.headers);
  return saved ? { ...preview, targets: saved, savedMapping: true } : preview;
};
