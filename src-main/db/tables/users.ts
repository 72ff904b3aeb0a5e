import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { recordColumns, type TableModule } from '../columns';

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

/** Accounts and roles, and the login history. Users travel between PCs (an admin's, as users.* channels are). */
export const userTables: TableModule = {
  audited: () => [users],
  customerLinked: () => [],
  exchange: () => [{ table: users, sheet: '用户', authority: { record: 'admin', columns: { username_key: 'system' } } }],
};
