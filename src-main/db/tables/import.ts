import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { TableModule } from '../columns';

/**
 * One lead import: who, when, which file, what came of it, and what is
 * needed to undo it (new customers carry import_batch_id; fields filled into
 * existing customers and contacts added to them are listed in `filled`).
 */
export const importBatches = sqliteTable(
  'import_batches',
  {
    id: text('id').primaryKey(),
    at: integer('at').notNull(),
    userId: text('user_id').notNull(),
    fileName: text('file_name').notNull(),
    sheetName: text('sheet_name'),
    source: text('source'),
    /** JSON: { created, filled, skipped, errors, total } */
    counts: text('counts').notNull(),
    /** JSON: { customers: { [id]: { field: previous value } }, contacts: string[] } */
    filled: text('filled').notNull().default('{}'),
    undoneAt: integer('undone_at'),
    undoneBy: text('undone_by'),
  },
  (t) => [index('import_batches_at').on(t.at)],
);

export const importTables: TableModule = { audited: () => [importBatches], customerLinked: () => [] };
