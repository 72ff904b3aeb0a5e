import { eq } from 'drizzle-orm';
import type { SettingsUpdate } from '../../../src-shared/schemas';
import type { Settings } from '../../../src-shared/types';
import type { Db } from '../../db/connection';
import { settings } from '../../db/schema';

const readValue = (db: Db, key: string): unknown => {
  const row = db.orm.select().from(settings).where(eq(settings.key, key)).get();
  return row ? (JSON.parse(row.value) as unknown) : undefined;
};

export const writeSetting = (db: Db, actorId: string | null, key: string, value: unknown): void => {
  db.write(actorId, () => {
    const json = JSON.stringify(value);
    // An unchanged value is not a change: no new stamp, so the change log stays quiet.
    if (db.orm.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()?.value === json) return;
    const row = { key, value: json, updatedAt: db.clock.now(), updatedBy: actorId };
    db.orm.insert(settings).values(row).onConflictDoUpdate({ target: settings.key, set: row }).run();
  });
};

export const getSetting = (db: Db, key: string): unknown => readValue(db, key);

export const getSettings = (db: Db): Settings => ({
  companyName: String(readValue(db, 'companyName') ?? ''),
});

export const updateSettings = (db: Db, actorId: string, input: SettingsUpdate): Settings => {
  writeSetting(db, actorId, 'companyName', input.companyName);
  return getSettings(db);
};

export const workspaceIdOf = (db: Db): string | undefined => {
  const v = readValue(db, 'workspaceId');
  return typeof v === 'string' ? v : undefined;
};
