/**
 * The reports, one file each; this index keeps the names importable from
 * here (the IPC module imports them from this path). The sales report
 * (销售报告) lives in salesReport.ts, the exports in export.ts.
 */
export { abcReport } from './abc';
export { churnReport } from './churn';
export { comparisonReport } from './comparison';
export { funnelReport } from './funnel';
export { reportOptions } from './options';
export { receivablesReport } from './receivables';
export { serviceReport } from './service';
export { staleBuckets, statisticsReport } from './statistics';
export { topReport } from './top';
