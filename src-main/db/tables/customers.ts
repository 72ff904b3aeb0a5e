import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { recordColumns, type TableModule } from '../columns';
import { users } from './users';
import type { CustomerLinked, ExchangeDecl } from '../columns';

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

/** Customers and their contacts, tags, timeline and merges. */
export const customerTables: TableModule = {
  audited: () => [customers, contacts, tags],
  customerLinked: (): CustomerLinked[] => [contacts],
  exchange: (): ExchangeDecl[] => [
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
  ],
};

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
