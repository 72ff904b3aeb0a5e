import type { reportChannels } from '../../../src-shared/contract/reports';
import { resolvePeriod } from '../../../src-shared/reports/period';
import type { ReportExportRequest } from '../../../src-shared/reports/schemas';
import { describeFilter } from '../../../src-shared/reports/describeFilter';
import type { T } from '../../../src-shared/reports/tables';
import { translator } from '../../i18n';
import type { ReadDb } from '../../db/connection';
import type { Viewer } from '../customers/access';
import { exportReport, reportFileName } from '../reports/export';
import {
  abcReport,
  churnReport,
  comparisonReport,
  funnelReport,
  receivablesReport,
  reportOptions,
  serviceReport,
  statisticsReport,
  topReport,
} from '../reports/reports';
import { commentSalesReport, getSalesReport, listSalesReports, saveSalesReport } from '../reports/salesReport';
import { userNameMap } from '../reports/scope';
import type { ModuleContext, ModuleHandlers } from '../module';

const runReport = (db: ReadDb, user: Viewer, input: ReportExportRequest) => {
  switch (input.report) {
    case 'abc':
      return abcReport(db, user, input.filter);
    case 'top':
      return topReport(db, user, input.filter, input.n);
    case 'comparison':
      return comparisonReport(db, user, input.filter);
    case 'statistics':
      return statisticsReport(db, user, input.filter, input.dim1, input.dim2);
    case 'churn':
      return churnReport(db, user, input.filter);
    case 'funnel':
      return funnelReport(db, user, input.filter);
    case 'receivables':
      return receivablesReport(db, user, input.filter);
    case 'service':
      return serviceReport(db, user, input.filter);
    case 'salesReport':
      return getSalesReport(db, user, input.key);
  }
};

/** Handlers for src-shared/contract/reports.ts. */
export const reportHandlers = (ctx: ModuleContext): ModuleHandlers<typeof reportChannels> => ({
  'reports.options': (_input, { user }) => reportOptions(ctx.read(), user),
  'reports.abc': (input, { user }) => abcReport(ctx.read(), user, input.filter),
  'reports.top': (input, { user }) => topReport(ctx.read(), user, input.filter, input.n),
  'reports.comparison': (input, { user }) => comparisonReport(ctx.read(), user, input.filter),
  'reports.statistics': (input, { user }) => statisticsReport(ctx.read(), user, input.filter, input.dim1, input.dim2),
  'reports.churn': (input, { user }) => churnReport(ctx.read(), user, input.filter),
  'reports.funnel': (input, { user }) => funnelReport(ctx.read(), user, input.filter),
  'reports.receivables': (input, { user }) => receivablesReport(ctx.read(), user, input.filter),
  'reports.service': (input, { user }) => serviceReport(ctx.read(), user, input.filter),
  'reports.export': async (input, { user, session }) => {
    const db = ctx.db();
    const tf = translator(session.locale);
    const t = tf as unknown as T;
    const result = runReport(db, user, input);
    const period = input.report === 'salesReport' ? result.period : resolvePeriod(input.filter.period);
    const names = userNameMap(db);
    const filter = input.report === 'salesReport' ? '' : describeFilter(t, input.filter, (id) => names.get(id) ?? id);
    const out = await ctx.tempFile('report.xlsx', (file) =>
      exportReport(db, user, input.report, result as never, period, filter, file, tf),
    );
    return { fileName: reportFileName(tf, input.report, result as never, period), ...out };
  },
  'reports.salesReport.get': (input, { user }) => getSalesReport(ctx.read(), user, input),
  'reports.salesReport.save': (input, { user }) => saveSalesReport(ctx.db(), user, input),
  'reports.salesReport.comment': (input, { user }) => commentSalesReport(ctx.db(), user, input.id, input.comment),
  'reports.salesReport.list': (input, { user }) => listSalesReports(ctx.read(), user, input.userId, input.limit),
});
