import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { recordColumns, type TableModule } from '../columns';
import { customers } from './customers';
import { users } from './users';

// Tables of the orders capability (成交记录, 应收账款, derived per-customer sales, ABC grades).
// Money is integer fen (分, 0.01 CNY) everywhere; calendar dates are 'YYYY-MM-DD' text (local dates,
// compare as strings); instants are epoch ms. See /work/api-orders.md.

/** One sale (成交记录): a contract with line items, an amount (sum of lines) and a due date. */
export const orders = sqliteTable(
  'orders',
  {
    ...recordColumns,
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** 成交日期 'YYYY-MM-DD'. */
    orderDate: text('order_date').notNull(),
    /** 合同编号 (free text, may be empty). */
    contractNo: text('contract_no').notNull().default(''),
    /** 业务员: the salesperson credited with the sale (defaults to the customer's owner). */
    salespersonId: text('salesperson_id').references(() => users.id),
    /** Sum of the lines' amounts, fen. */
    amount: integer('amount').notNull(),
    /** Sum of the payments, fen (kept by the service in the same transaction). */
    received: integer('received').notNull().default(0),
    /** 付款到期日 'YYYY-MM-DD'. */
    dueDate: text('due_date').notNull(),
    notes: text('notes'),
  },
  (t) => [
    // Covering (amount, received): per-customer figures, date-range sums and the list's counts read only the index.
    index('orders_customer_date').on(t.customerId, t.orderDate, t.amount, t.received),
    // Also covers who sold to whom: period sums by salesperson or customer (reports) read only the index.
    index('orders_date').on(t.orderDate, t.salespersonId, t.customerId, t.amount, t.received),
    index('orders_salesperson_date').on(t.salespersonId, t.orderDate, t.customerId, t.amount, t.received),
    // Open receivables only, covering what the receivables list, its count and the ageing read.
    index('orders_open').on(t.dueDate, t.customerId, t.salespersonId, t.amount, t.received, t.orderDate, t.id).where(sql`received < amount`),
  ],
);

/** 明细: product (free text), quantity, unit price; amount = round(quantity × unitPrice). */
export const orderLines = sqliteTable(
  'order_lines',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    /** 1-based position in the order. */
    lineNo: integer('line_no').notNull(),
    product: text('product').notNull(),
    /** NFKC + trim + lower case of product: what suggestions group by. */
    productKey: text('product_key').notNull(),
    quantity: real('quantity').notNull(),
    /** Fen per unit. */
    unitPrice: integer('unit_price').notNull(),
    /** Fen. */
    amount: integer('amount').notNull(),
  },
  (t) => [index('order_lines_order').on(t.orderId, t.lineNo), index('order_lines_product').on(t.productKey)],
);

/** 回款: a payment received against one order. */
export const payments = sqliteTable(
  'payments',
  {
    ...recordColumns,
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** 'YYYY-MM-DD'. */
    paidOn: text('paid_on').notNull(),
    /** Fen, > 0. */
    amount: integer('amount').notNull(),
    notes: text('notes'),
  },
  (t) => [index('payments_order').on(t.orderId, t.paidOn), index('payments_customer').on(t.customerId), index('payments_paid_on').on(t.paidOn)],
);

/**
 * Derived per-customer sales figures, one row per customer that ever had an
 * order, kept right by the orders service in the same transaction as every
 * order/payment change. Not audited (derived data).
 */
export const customerSales = sqliteTable(
  'customer_sales',
  {
    customerId: text('customer_id')
      .primaryKey()
      .references(() => customers.id),
    /** All-time number of orders. */
    orderCount: integer('order_count').notNull().default(0),
    /** All-time sum of order amounts, fen. */
    totalAmount: integer('total_amount').notNull().default(0),
    /** All-time sum of payments, fen (receivable = total − received). */
    receivedAmount: integer('received_amount').notNull().default(0),
    firstOrderOn: text('first_order_on'),
    lastOrderOn: text('last_order_on'),
    /** Usual purchase interval: median gap in days between consecutive order dates (null with < 2 distinct dates). */
    intervalDays: real('interval_days'),
    /** Sum of order amounts inside the ABC period (state in setting 'orders.abcState'), fen. */
    periodAmount: integer('period_amount').notNull().default(0),
    /** Order count inside the ABC period. */
    periodOrderCount: integer('period_order_count').notNull().default(0),
    /** The grade last computed (mirrors customers.grade for customers with a row; null = no sales in the period). */
    grade: text('grade'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('customer_sales_period').on(t.periodAmount, t.grade),
    // Grade first: "stored grade g but amount outside g's range" is a range seek returning only the customers to change.
    index('customer_sales_grade').on(t.grade, t.periodAmount),
  ],
);

/**
 * The ABC cut points, kept incrementally in the same transaction as the
 * period totals (one row, id 1): the total of positive period amounts, and
 * for A and A+B the smallest amount still in the grade (null = none) with the
 * sum of all amounts strictly above it. A change of one customer's amount
 * moves them a few index steps (src-shared/orders/logic.ts walkCut) instead of
 * re-reading every total. Missing or computed for other percentages = rebuild.
 */
export const abcState = sqliteTable('abc_state', {
  id: integer('id').primaryKey(),
  total: integer('total').notNull(),
  minA: integer('min_a'),
  aboveA: integer('above_a').notNull(),
  minB: integer('min_b'),
  aboveB: integer('above_b').notNull(),
  aPercent: integer('a_percent').notNull(),
  bPercent: integer('b_percent').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Every ABC grade change: what a customer's grade was from when (the previous row's `at` ends it). */
export const gradeHistory = sqliteTable(
  'grade_history',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The new grade ('A' | 'B' | 'C'), null = no longer graded (no sales in the period). */
    grade: text('grade'),
    fromGrade: text('from_grade'),
    /** When it was computed (epoch ms): the grade holds from here until the customer's next row. */
    at: integer('at').notNull(),
    /** The ABC period it was computed for, 'YYYY-MM-DD' both inclusive. */
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    /** The customer's period sales and share of the total at that time (fen, 0..1). */
    periodAmount: integer('period_amount').notNull(),
    share: real('share').notNull(),
  },
  (t) => [index('grade_history_customer').on(t.customerId, t.at), index('grade_history_at').on(t.at)],
);

export const orderTables: TableModule = {
  // Orders, lines and payments travel; the derived tables (customer_sales, abc_state, grade_history) are recomputed on each PC.
  exchange: () => [
    {
      table: orders,
      sheet: '成交记录',
      customer: 'customer_id',
      // Another salesperson's sale is a manager's to change (canChangeSale); what was received follows the payments.
      authority: { record: 'owner', own: 'salesperson_id', columns: { salesperson_id: 'manager', received: 'system' } },
    },
    {
      table: orderLines,
      sheet: '成交明细',
      customer: { via: 'order_id', parent: 'orders' },
      // An edit replaces all lines: they travel and settle with their order, never mixed from two versions.
      partOf: { column: 'order_id', parent: 'orders' },
      authority: { record: 'owner', columns: { order_id: 'system', product_key: 'system' } },
    },
    {
      table: payments,
      sheet: '回款记录',
      customer: 'customer_id',
      authority: { record: 'owner', columns: { order_id: 'system', customer_id: 'system' } },
    },
  ],
  audited: () => [orders, orderLines, payments],
  customerLinked: () => [orders, payments],
};
