import { integer, text, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * Columns every business table carries. Ids are UUIDv7 (stable, sortable, and
 * unique across office PCs so records can be exchanged); times are epoch ms.
 */
export const recordColumns = {
  id: text('id').primaryKey(),
  createdAt: integer('created_at').notNull(),
  createdBy: text('created_by'),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: text('updated_by'),
};

/** A table whose rows belong to one customer: merges move them (src-main/services/customers/merge.ts). */
export type CustomerLinked = SQLiteTable & { id: SQLiteColumn; customerId: SQLiteColumn };

/**
 * What a capability's table module (src-main/db/tables/<module>.ts) declares
 * besides its tables: which of them the change log records and which belong
 * to a customer. Functions, so the lists are read after every module loaded.
 */
export type TableModule = {
  audited: () => SQLiteTable[];
  customerLinked: () => CustomerLinked[];
};
