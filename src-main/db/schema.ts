import { sql } from 'drizzle-orm';
import type { CustomerLinked, ExchangeDecl, PurgeSqlite } from './columns';
import type { Db } from './connection';
import { type SQLiteTable, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

import { recordColumns, type TableModule } from './columns';
import { activityTables } from './tables/activities';
import { visitTables } from './tables/visits';
import { orderTables } from './tables/orders';
import { reportTables } from './tables/reports';
import { exchangeTables } from './tables/exchange';

export { recordColumns } from './columns';
// Later capabilities declare their tables in src-main/db/tables/<module>.ts.
export * from './tables/activities';
export * from './tables/visits';
export * from './tables/orders';
export * from './tables/reports';
export * from './tables/exchange';

const modules: TableModule[] = [activityTables, visitTables, orderTables, reportTables, exchangeTables];

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

/**
 * Tables whose rows the change log records. Later record types join by listing themselves in their module's `audited`.
 * An import batch is logged as one row (its customers' inserts are not logged one by one: audit.ts, unloggedInserts).
 */
export const auditedTables = (): SQLiteTable[] => [users, settings, customers, contacts, tags, importBatches, ...modules.flatMap((m) => m.audited())];

/**
 * Record types that belong to a customer (a `customer_id` column): a merge
 * moves their rows to the survivor, an undo moves exactly those back. Later
 * record types join through their module's `customerLinked`.
 */
export const customerLinkedTables = (): CustomerLinked[] => [contacts, ...modules.flatMap((m) => m.customerLinked())];

/** Why a customer must not be purged (the first module that objects), or null. */
export const purgeBlocker = (sqlite: PurgeSqlite, customerId: string): string | null => {
  for (const m of modules) {
    const reason = m.blocksPurge?.(sqlite, customerId);
    if (reason) return reason;
  }
  return null;
};

/** Tells every module that these customers moved or changed standing (see TableModule.customersChanged). */
export const customersChanged = (db: Db, actorId: string | null, customerIds: string[]): void => {
  for (const m of modules) m.customersChanged?.(db, actorId, customerIds);
};

/** Deletes the module rows that hang off a customer's own rows, last module first. */
export const purgeModuleRows = (sqlite: PurgeSqlite, customerId: string): void => {
  for (const m of [...modules].reverse()) m.purge?.(sqlite, customerId);
};

/**
 * Record types that travel in exchange workbooks between office PCs (数据交换), parents before
 * children. Later record types join through their module's `exchange` (see ExchangeDecl).
 */
export const exchangedTables = (): ExchangeDecl[] => [
  // Users and roles are an admin's (as users.* channels are).
  { table: users, sheet: '用户', authority: { record: 'admin', columns: { username_key: 'system' } } },
  { table: tags, sheet: '标签', authority: { record: 'manager' } },
  {
    table: customers,
    sheet: '客户',
    customer: 'self',
    holdNew: liveDuplicateCustomer,
    // Kept by contact logging and follow-up tasks on each PC: both PCs logging contacts is not a conflict.
    merge: { last_contact_at: 'max', first_contact_at: 'min', next_follow_up_at: 'min' },
    // The ABC grade is derived on each PC from the (exchanged) orders and its own thresholds.
    localOnly: ['grade'],
    // A customer that arrived in (or came back from) the recycle bin leaves (or rejoins) the grading here too.
    afterImport: (db, actorId, ids) => customersChanged(db, actorId, ids),
    authority: {
      record: 'owner',
      columns: {
        // The lifecycle (lost, won back) and the credit standing are the owner's, as in the app.
        credit_status: 'owner',
        status: 'owner',
        // Assignment, tiers and VIP levels are a manager's (claiming from the pool is a flow of its own).
        owner_id: 'manager',
        assigned_at: 'manager',
        tier: 'manager',
        vip_level: 'manager',
        // Kept by the app: derived from contact logs, the import batch, merges.
        first_contact_at: 'system',
        last_contact_at: 'system',
        next_follow_up_at: 'system',
        import_batch_id: 'system',
        merged_into: 'system',
      },
    },
  },
  { table: contacts, sheet: '联系人', customer: 'customer_id', authority: { record: 'owner', columns: { customer_id: 'manager', is_decision_maker: 'owner', decision_role: 'owner' } } },
  { table: customerTags, sheet: '客户标签', key: ['customer_id', 'tag_id'], customer: 'customer_id', authority: { record: 'owner' } },
  // The timeline is written by the app as things happen.
  { table: customerEvents, sheet: '客户动态', customer: 'customer_id', authority: { record: 'system' } },
  ...modules.flatMap((m) => m.exchange?.() ?? []),
];

/** First record wins across PCs: a new customer from another PC that matches a live one here by credit code or normalized name is held for a manager. */
function liveDuplicateCustomer(sqlite: Parameters<NonNullable<ExchangeDecl['holdNew']>>[0], row: Record<string, unknown>) {
  if (row.deleted_at != null || row.merged_into != null) return null;
  const hit = sqlite
    .prepare(
      `SELECT id, CASE WHEN credit_code IS NOT NULL AND credit_code = ? THEN 'credit_code' ELSE 'name' END AS reason FROM customers
       WHERE id <> ? AND deleted_at IS NULL AND merged_into IS NULL AND ((credit_code IS NOT NULL AND credit_code = ?) OR name_key = ?) LIMIT 1`,
    )
    .get(row.credit_code ?? null, row.id, row.credit_code ?? null, row.name_key ?? null) as { id: string; reason: string } | undefined;
  return hit ? { reason: hit.reason, otherId: hit.id } : null;
}

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

export const customers = sqliteTable(
  'customers',
  {
    ...recordColumns,
    // 基础信息
    name: text('name').notNull(),
    /** normalizeCompanyName(name): what duplicate detection compares. */
    nameKey: text('name_key').notNull(),
    shortName: text('short_name'),
    creditCode: text('credit_code'),
    legalRep: text('legal_rep'),
    industry: text('industry'),
    staffSize: text('staff_size'),
    registeredCapital: real('registered_capital'),
    registeredCapitalCurrency: text('registered_capital_currency'),
    foundedOn: text('founded_on'),
    description: text('description'),
    creditRating: text('credit_rating'),
    source: text('source'),
    ownerId: text('owner_id').references(() => users.id),
    // 地址信息
    provinceCode: text('province_code'),
    cityCode: text('city_code'),
    districtCode: text('district_code'),
    address: text('address'),
    website: text('website'),
    /** Digits only; shown grouped. */
    phone: text('phone'),
    email: text('email'),
    // 财务信息 (sensitive: owner, managers and admins only)
    bankName: text('bank_name'),
    bankAccount: text('bank_account'),
    taxId: text('tax_id'),
    creditStatus: text('credit_status'),
    // 行为信息
    purchaseHabits: text('purchase_habits'),
    purchaseCycle: text('purchase_cycle'),
    preferences: text('preferences'),
    interests: text('interests'),
    notes: text('notes'),
    // lifecycle and value
    status: text('status').notNull().default('potential'),
    lostReason: text('lost_reason'),
    lostAt: integer('lost_at'),
    grade: text('grade'),
    tier: text('tier'),
    vipLevel: integer('vip_level'),
    // ownership and contact rhythm
    assignedAt: integer('assigned_at'),
    firstContactAt: integer('first_contact_at'),
    lastContactAt: integer('last_contact_at'),
    nextFollowUpAt: integer('next_follow_up_at'),
    importBatchId: text('import_batch_id'),
    // recycle bin and merges: such rows are hidden from lists and search
    deletedAt: integer('deleted_at'),
    deletedBy: text('deleted_by'),
    mergedInto: text('merged_into'),
  },
  (t) => [
    index('customers_name_key').on(t.nameKey),
    index('customers_name').on(t.name),
    index('customers_credit_code').on(t.creditCode),
    index('customers_phone').on(t.phone),
    index('customers_owner').on(t.ownerId, t.updatedAt),
    index('customers_status').on(t.status, t.updatedAt),
    index('customers_updated').on(t.updatedAt),
    index('customers_created').on(t.createdAt),
    index('customers_region').on(t.provinceCode, t.cityCode),
    // The recycle bin: only deleted rows. A full index on deleted_at lured the planner into using it
    // for "deleted_at IS NULL", which matches nearly every row, and then sorting in a temp B-tree.
    index('customers_in_bin').on(t.deletedAt).where(sql`deleted_at IS NOT NULL`),
    // Live rows (not deleted, not merged away): the list's default orders and its counts.
    index('customers_live_updated').on(t.updatedAt).where(sql`deleted_at IS NULL AND merged_into IS NULL`),
    index('customers_live_status').on(t.status, t.updatedAt).where(sql`deleted_at IS NULL AND merged_into IS NULL`),
    index('customers_live_owner').on(t.ownerId, t.updatedAt).where(sql`deleted_at IS NULL AND merged_into IS NULL`),
    index('customers_import_batch').on(t.importBatchId),
  ],
);

export const contacts = sqliteTable(
  'contacts',
  {
    ...recordColumns,
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    name: text('name').notNull(),
    title: text('title'),
    isDecisionMaker: integer('is_decision_maker', { mode: 'boolean' }).notNull().default(false),
    decisionRole: text('decision_role'),
    mobile: text('mobile'),
    phone: text('phone'),
    email: text('email'),
    wechat: text('wechat'),
    birthday: text('birthday'),
    birthdayLunar: integer('birthday_lunar', { mode: 'boolean' }).notNull().default(false),
    homeAddress: text('home_address'),
    hobbies: text('hobbies'),
    personality: text('personality'),
    education: text('education'),
    family: text('family'),
    notes: text('notes'),
    deletedAt: integer('deleted_at'),
  },
  (t) => [index('contacts_customer').on(t.customerId), index('contacts_mobile').on(t.mobile), index('contacts_phone').on(t.phone)],
);

export const tags = sqliteTable(
  'tags',
  {
    ...recordColumns,
    name: text('name').notNull(),
    color: text('color').notNull().default('blue'),
  },
  (t) => [uniqueIndex('tags_name').on(t.name)],
);

export const customerTags = sqliteTable(
  'customer_tags',
  {
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    tagId: text('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.tagId] }), index('customer_tags_tag').on(t.tagId)],
);

/**
 * The customer timeline: one stream of typed events (created, owner changes,
 * status changes, edits, merges, …). Later record types (activities, visits,
 * minutes, orders) add their kinds to the same stream.
 */
export const customerEvents = sqliteTable(
  'customer_events',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
    kind: text('kind').notNull(),
    data: text('data').notNull().default('{}'),
  },
  (t) => [index('customer_events_customer').on(t.customerId, t.at)],
);

/** A merge of two customers, with what is needed to undo it. */
export const customerMerges = sqliteTable('customer_merges', {
  id: text('id').primaryKey(),
  at: integer('at').notNull(),
  actorId: text('actor_id'),
  survivorId: text('survivor_id').notNull(),
  mergedId: text('merged_id').notNull(),
  /** The survivor's row before the merge (JSON). */
  survivorBefore: text('survivor_before').notNull(),
  /** Ids of related rows moved from the merged customer, per table (JSON). */
  moved: text('moved').notNull(),
  undoneAt: integer('undone_at'),
  undoneBy: text('undone_by'),
});

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
