import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { recordColumns, type TableModule } from '../columns';
import { users } from './users';

/**
 * 销售日报/周报/月报: what a salesperson wrote for one period (summary and
 * next-period plan) and the manager's comment. The figures are generated from
 * the records each time the report is opened; `figures` keeps the ones shown
 * when the salesperson last saved, so an earlier report reads as it was sent.
 */
export const salesReports = sqliteTable(
  'sales_reports',
  {
    ...recordColumns,
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** day | week | month */
    kind: text('kind', { enum: ['day', 'week', 'month'] }).notNull(),
    /** The period's first and last day, 'YYYY-MM-DD' (local dates). */
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    summary: text('summary').notNull().default(''),
    plan: text('plan').notNull().default(''),
    /** JSON SalesFigures at the last save. */
    figures: text('figures').notNull().default('{}'),
    managerComment: text('manager_comment'),
    commentedBy: text('commented_by').references(() => users.id),
    commentedAt: integer('commented_at'),
  },
  (t) => [
    uniqueIndex('sales_reports_user_period').on(t.userId, t.kind, t.periodStart),
    index('sales_reports_period').on(t.kind, t.periodStart),
  ],
);

export const reportTables: TableModule = {
  // A salesperson's own reports travel with their exchanges; the same report written on two PCs is reported, not merged.
  exchange: () => [
    {
      table: salesReports,
      sheet: '销售报告',
      user: 'user_id',
      // The salesperson writes the summary and plan; the figures are generated; the comment is the manager's.
      authority: {
        record: 'owner',
        columns: { user_id: 'system', kind: 'system', period_start: 'system', period_end: 'system', figures: 'system', manager_comment: 'manager', commented_by: 'system', commented_at: 'system' },
      },
    },
  ],
  audited: () => [salesReports],
  customerLinked: () => [],
};
