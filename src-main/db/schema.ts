import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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

export const users = sqliteTable(
  'users',
  {
    ...recordColumns,
    username: text('username').notNull(),
    /** NFKC + lower case: what uniqueness and login compare. */
    usernameKey: text('username_key').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ['admin', 'manager', 'sales'] }).notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('users_username_key').on(t.usernameKey)],
);

/** Workspace settings as key → JSON value (company name, …). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

export const loginHistory = sqliteTable(
  'login_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    kind: text('kind', { enum: ['success', 'failure', 'locked', 'logout', 'recovery'] }).notNull(),
    userId: text('user_id'),
    /** The user name as known at the time (null when the typed name matched no account). */
    username: text('username'),
  },
  (t) => [index('login_history_at').on(t.at)],
);

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

/** Tables whose rows the change log records. Later record types join by being listed here. */
export const auditedTables = [users, settings];
