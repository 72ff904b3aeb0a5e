import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The change log, written by triggers (src-main/db/audit.ts), never by
 * handlers: every insert, update and delete of an audited table, with the
 * acting user and the whole row before and after as JSON. Record history and
 * "restore an earlier version" read from here.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
    tableName: text('table_name').notNull(),
    recordId: text('record_id').notNull(),
    op: text('op', { enum: ['insert', 'update', 'delete'] }).notNull(),
    before: text('before'),
    after: text('after'),
  },
  (t) => [index('change_log_record').on(t.tableName, t.recordId, t.id), index('change_log_at').on(t.at)],
);
