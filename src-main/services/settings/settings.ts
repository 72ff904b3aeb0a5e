import { eq } from 'drizzle-orm';
import { AppError } from '../../../src-shared/errors';
import { LOGO_MAX_BYTES, LOGO_MAX_PIXELS, type CompanyLogo, type LogoUpload } from '../../../src-shared/print/company';
import type { SettingsUpdate } from '../../../src-shared/schemas';
import type { Settings } from '../../../src-shared/types';
import type { Db, ReadDb, WriteDb } from '../../db/connection';
import { settings } from '../../db/schema';
import { imageInfo } from '../print/image';

const readValue = (db: ReadDb, key: string): unknown => {
  const row = db.orm.select().from(settings).where(eq(settings.key, key)).get();
  return row ? (JSON.parse(row.value) as unknown) : undefined;
};

/** Sets one setting, inside the caller's write (`actorId`: who the row says changed it). */
export const writeSetting = (tx: WriteDb, actorId: string | null, key: string, value: unknown): void => {
  const json = JSON.stringify(value);
  // An unchanged value is not a change: no new stamp, so the change log stays quiet.
  if (tx.orm.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()?.value === json) return;
  const row = { key, value: json, updatedAt: tx.clock.now(), updatedBy: actorId };
  tx.orm.insert(settings).values(row).onConflictDoUpdate({ target: settings.key, set: row }).run();
};

/** Sets one setting in a write of its own. */
export const saveSetting = (db: Db, actorId: string | null, key: string, value: unknown): void =>
  db.write(actorId, (tx) => writeSetting(tx, actorId, key, value));

export const getSetting = (db: ReadDb, key: string): unknown => readValue(db, key);

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The stored logo, when it is still one (checked again on reading: the settings row could be edited by hand). */
const storedLogo = (v: unknown): CompanyLogo | null => {
  if (!v || typeof v !== 'object') return null;
  const l = v as Partial<CompanyLogo>;
  if ((l.mime !== 'image/png' && l.mime !== 'image/jpeg') || typeof l.dataBase64 !== 'string' || typeof l.width !== 'number' || typeof l.height !== 'number') return null;
  return { mime: l.mime, width: l.width, height: l.height, dataBase64: l.dataBase64 };
};

export const getSettings = (db: ReadDb): Settings => ({
  companyName: String(readValue(db, 'companyName') ?? ''),
  address: text(readValue(db, 'companyAddress')),
  phone: text(readValue(db, 'companyPhone')),
  fax: text(readValue(db, 'companyFax')),
  logo: storedLogo(readValue(db, 'companyLogo')),
});

export const updateSettings = (db: Db, actorId: string, input: SettingsUpdate): Settings => {
  db.write(actorId, (tx) => {
    writeSetting(tx, actorId, 'companyName', input.companyName);
    // Details left out of the request stay as they are; an empty one clears it.
    if (input.address !== undefined) writeSetting(tx, actorId, 'companyAddress', input.address);
    if (input.phone !== undefined) writeSetting(tx, actorId, 'companyPhone', input.phone);
    if (input.fax !== undefined) writeSetting(tx, actorId, 'companyFax', input.fax);
  });
  return getSettings(db);
};

/**
 * Sets the company's logo (or removes it, for null). The file is checked
 * here, whatever the renderer checked: at most 512 KB, a PNG or JPEG by its
 * own header (not by its name), at most 2000 × 2000 pixels. A refused file
 * changes nothing. It is kept in the settings table, inside the encrypted
 * database: it goes into every backup and needs no file of its own.
 */
export const setCompanyLogo = (db: Db, actorId: string, input: LogoUpload): Settings => {
  if (input.dataBase64 === null) {
    saveSetting(db, actorId, 'companyLogo', null);
    return getSettings(db);
  }
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length > LOGO_MAX_BYTES) throw new AppError('LOGO_TOO_LARGE', { maxKb: LOGO_MAX_BYTES / 1024, kb: Math.ceil(bytes.length / 1024) });
  const info = bytes.length ? imageInfo(bytes) : null;
  if (!info) throw new AppError('LOGO_INVALID');
  if (info.width > LOGO_MAX_PIXELS || info.height > LOGO_MAX_PIXELS) {
    throw new AppError('LOGO_TOO_MANY_PIXELS', { max: LOGO_MAX_PIXELS, width: info.width, height: info.height });
  }
  // Stored re-encoded from the decoded bytes: only what was checked is kept.
  saveSetting(db, actorId, 'companyLogo', { ...info, dataBase64: bytes.toString('base64') } satisfies CompanyLogo);
  return getSettings(db);
};

export const workspaceIdOf = (db: ReadDb): string | undefined => {
  const v = readValue(db, 'workspaceId');
  return typeof v === 'string' ? v : undefined;
};
