import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Per-user preferences (saved list columns, …) as key → JSON. Not audited: they are not business records. */
export const userPrefs = sqliteTable(
  'user_prefs',
  {
    userId: text('user_id').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('user_prefs_user_key').on(t.userId, t.key)],
);
