import type BetterSqlite3 from 'better-sqlite3';
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
 * Data only: what a service does when its records change (re-grading, purging
 * derived rows) is a hook of its service module (src-main/services/<domain>/module.ts),
 * handed to the connection by the host (DbHooks in connection.ts).
 */
export type TableModule = {
  audited: () => SQLiteTable[];
  customerLinked: () => CustomerLinked[];
  /** Record types that travel in exchange workbooks between office PCs (src-main/services/exchange), in parent-first order. */
  exchange?: () => ExchangeDecl[];
};

/** The raw connection a purge hook runs its statements on (inside the purge's transaction). */
export type PurgeSqlite = BetterSqlite3.Database;

/**
 * How a record type joins the LAN exchange (数据交换). Declaring it is all it
 * takes: triggers keep a change stamp per row, the exchange workbook gets a
 * sheet of the table's columns, and the merge treats its rows like any other.
 */
export type ExchangeDecl = {
  table: SQLiteTable;
  /** Sheet name in the exchange workbook (≤ 31 characters, unique), e.g. '客户'. */
  sheet: string;
  /** Key columns (SQL names) when the table has no `id` primary key (e.g. a link table). */
  key?: readonly string[];
  /** Columns (SQL names) that stay on each PC (derived or local-only values). */
  localOnly?: readonly string[];
  /**
   * Columns that settle themselves when both PCs changed them (derived stamps such as a customer's
   * last contact): 'max' or 'min' of the two. A record whose two versions differ only in such columns
   * (and who/when) is merged the same way on both PCs, without a conflict.
   */
  merge?: Readonly<Record<string, 'max' | 'min'>>;
  /**
   * How a row belongs to a customer, for a salesperson's scope (own customers only):
   * 'self' for the customers table, the SQL name of the column holding the customer id, or
   * { via, parent }: the column `via` holds the id of a row of table `parent`, whose customer_id it is
   * (order lines via their order).
   */
  customer?: 'self' | string | { via: string; parent: string };
  /**
   * For records that belong to a user rather than a customer (a salesperson's own reports): the SQL
   * name of the column holding the user id. A salesperson exports and imports only their own.
   * With neither `customer` nor `user`: a shared record (tags, users) — in every export, and only
   * managers' imports change it.
   */
  user?: string;
  /**
   * Rows that are parts of a parent record, replaced with it as a whole (an order's lines: an edit
   * deletes them and writes new ones): `column` holds the parent's id, `parent` is its table. Every
   * export carrying the parent carries all its parts; while the parent waits in a conflict on this
   * PC, its incoming parts wait with it (not applied one by one, which would mix both versions'
   * parts); resolving the parent keeps the parts of the version chosen (the workbook's when any
   * field was taken from it) and deletes the other version's, so both PCs end with one set.
   */
  partOf?: { column: string; parent: string };
  /**
   * Optional check before a new row from another PC is inserted: returns a reason to hold it for a
   * person (for customers: a live duplicate by credit code or name — the first record wins).
   */
  holdNew?: (sqlite: BetterSqlite3.Database, row: Record<string, unknown>) => { reason: string; otherId: string } | null;
  /**
   * Who may make which change to this record type when the change is a person's own, outside the
   * app's screens: a cell edited by hand in an exchange workbook, or a value chosen in a conflict.
   * Required: a record type cannot join the exchange without stating it (see
   * src-main/services/exchange/authority.ts, which also refuses a workflow-looking column that is
   * not listed).
   */
  authority: ExchangeAuthority;
};

/**
 * Who may change a column by hand or decide it in a conflict:
 * - 'owner': whoever may change the record here (a salesperson their own customers' records, managers all);
 * - 'manager': managers and admins (tiers, assignment, a manager's comment);
 * - 'admin': admins (users and roles);
 * - 'system': only the app's own flows set it (workflow status and decisions, authorship, derived
 *   values, the recycle bin): never by hand; in a conflict between two versions a manager decides.
 */
export type ColumnAuthority = 'owner' | 'manager' | 'admin' | 'system';

export type ExchangeAuthority = {
  /** The rule for the record's columns that `columns` does not name. */
  record: ColumnAuthority;
  /** Columns with a rule of their own. */
  columns?: Readonly<Partial<Record<string, ColumnAuthority>>>;
  /** A salesperson changes only rows where this column names them before and after (their own sale). */
  own?: string;
};
