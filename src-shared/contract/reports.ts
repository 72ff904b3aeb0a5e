import type { ExportedFile } from '../customers/types';
import { channel, manager } from './channel';
import {
  filterOnlySchema,
  reportExportSchema,
  salesReportCommentSchema,
  salesReportKeySchema,
  salesReportListSchema,
  salesReportSaveSchema,
  statisticsInputSchema,
  topInputSchema,
} from '../reports/schemas';
import type {
  AbcResult,
  ChurnResult,
  ComparisonResult,
  FunnelResult,
  ReceivablesResult,
  ReportOptions,
  SalesReport,
  SalesReportListItem,
  ServiceResult,
  StatisticsResult,
  TopResult,
} from '../reports/types';
import { emptyInputSchema } from '../schemas';

// Channels of this capability, merged into the one contract (src-shared/contract.ts).
// Every report is open to any logged-in user: the service narrows a salesperson to their own customers
// (and refuses other people's), managers and admins see everyone's.
export const reportChannels = {
  'reports.options': channel<ReportOptions>()({ input: emptyInputSchema, access: 'user', reads: ['customers', 'users'] }),
  'reports.abc': channel<AbcResult>()({ input: filterOnlySchema, access: 'user', reads: ['orders', 'customer_sales', 'customers', 'customer_merges', 'activities', 'visits', 'settings', 'users'] }),
  'reports.top': channel<TopResult>()({ input: topInputSchema, access: 'user', reads: ['orders', 'order_lines', 'customer_sales', 'customers', 'customer_merges', 'activities', 'visits', 'users'] }),
  'reports.comparison': channel<ComparisonResult>()({ input: filterOnlySchema, access: 'user', reads: ['orders', 'customers', 'customer_merges', 'activities'] }),
  'reports.statistics': channel<StatisticsResult>()({ input: statisticsInputSchema, access: 'user', reads: ['customers', 'orders', 'users'] }),
  'reports.churn': channel<ChurnResult>()({ input: filterOnlySchema, access: 'user', reads: ['customer_sales', 'orders', 'customers', 'settings', 'users'] }),
  'reports.funnel': channel<FunnelResult>()({ input: filterOnlySchema, access: 'user', reads: ['customers'] }),
  'reports.receivables': channel<ReceivablesResult>()({ input: filterOnlySchema, access: 'user', reads: ['orders', 'payments', 'customers', 'customer_merges', 'users'] }),
  'reports.service': channel<ServiceResult>()({ input: filterOnlySchema, access: 'user', reads: ['activities', 'satisfaction_surveys', 'customers'] }),
  'reports.export': channel<ExportedFile>()({ input: reportExportSchema, access: 'user' }),
  'reports.salesReport.get': channel<SalesReport>()({ input: salesReportKeySchema, access: 'user', reads: ['sales_reports', 'activities', 'visits', 'minutes', 'orders', 'customers', 'users'] }),
  'reports.salesReport.save': channel<SalesReport>()({ input: salesReportSaveSchema, access: 'user' }),
  'reports.salesReport.comment': channel<SalesReport>()({ input: salesReportCommentSchema, access: manager }),
  'reports.salesReport.list': channel<SalesReportListItem[]>()({ input: salesReportListSchema, access: 'user', reads: ['sales_reports', 'users'] }),
} as const;
