import { and, eq } from 'drizzle-orm';
import type { Db, ReadDb } from '../../db/connection';
import { userPrefs } from '../../db/schema';

const MAX_BYTES = 64 * 1024;

export const getPref = (db: ReadDb, userId: string, key: string): unknown => {
  const row = db.orm.select().from(userPrefs).where(and(eq(userPrefs.userId, userId), eq(userPrefs.key, key))).get();
  return row ? (JSON.parse(row.value) as unknown) : null;
};

export const setPref = (db: Db, userId: string, key: string, value: unknown): void => {
  const json = JSON.stringify(value ?? null);
  if (json.length > MAX_BYTES) throw new Error('preference too large');
  db.write(userId, (tx) => {
    const row = { userId, key, value: json, updatedAt: tx.clock.now() };
    tx.orm.insert(userPrefs).values(row).onConflictDoUpdate({ target: [userPrefs.userId, userPrefs.key], set: row }).run();
  });
};
