import type { Result } from './errors';

/**
 * The database's tables by name (src-main/db/schema.ts; tests/unit/tableNames.test.ts checks this
 * list against it): what a read channel declares it reads (ChannelDef.reads), what change notices
 * name. Only names: a notice says which tables a committed write changed, never what it wrote.
 */
export const tableNames = [
  'users',
  'login_history',
  'settings',
  'user_prefs',
  'change_log',
  'customers',
  'contacts',
  'tags',
  'customer_tags',
  'customer_events',
  'customer_merges',
  'import_batches',
  'activities',
  'follow_up_tasks',
  'satisfaction_surveys',
  'visits',
  'visit_steps',
  'minutes',
  'minutes_actions',
  'minutes_steps',
  'visit_notifications',
  'orders',
  'order_lines',
  'payments',
  'customer_sales',
  'abc_state',
  'grade_history',
  'sales_reports',
  'exchange_stamps',
  'exchange_peers',
  'exchange_conflicts',
  'exchange_log',
] as const;

export type TableName = (typeof tableNames)[number];

/**
 * A change notice, pushed to every window when a write commits (Electron IPC, or the test bridge's
 * event stream): the names of the tables it changed. Names of tables outside `tableNames` (the
 * search index's) may be among them.
 */
export type ChangeNotice = { tables: string[] };

/** A call's result as a window receives it: with the tables the call's own writes changed, when it changed some. */
export type Delivered<T> = Result<T> & { changed?: string[] };
