import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { TableModule } from '../columns';

/** Workspace settings as key → JSON value (company name, …). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

export const settingTables: TableModule = { audited: () => [settings], customerLinked: () => [] };
