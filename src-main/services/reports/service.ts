import type { ReportFilter } from '../../../src-shared/reports/schemas';
import type { ServiceResult } from '../../../src-shared/reports/types';
import type { ReadDb } from '../../db/connection';
import type { Viewer } from '../customers/access';
import { all, one } from './figures';
import { buildScope } from './scope';

// The service report (服务): complaints and satisfaction surveys.

/** A local month 'YYYY-MM' of an epoch-ms column, in the machine's time zone (as the period ranges are). */
const monthOf = (column: string): string => `strftime('%Y-%m', ${column} / 1000, 'unixepoch', 'localtime')`;

const surveyDimensions = ['quality', 'delivery', 'service', 'brand'] as const;

/** Complaints in the period (by status, severity, month) and the satisfaction rate: the share of survey scores that are 4 or 5. */
export const serviceReport = (db: ReadDb, viewer: Viewer, filter: ReportFilter): ServiceResult => {
  const s = buildScope(db, viewer, filter);
  const where = `a.deleted_at IS NULL AND a.complaint = 1 AND a.occurred_at >= ? AND a.occurred_at < ? AND ${s.where}`;
  const params = [s.start, s.end, ...s.params];
  const from = 'FROM activities a JOIN customers c ON c.id = a.customer_id';
  const byStatus = all<{ status: string; count: number }>(
    db,
    `SELECT COALESCE(a.complaint_status, 'open') AS status, count(*) AS count ${from} WHERE ${where} GROUP BY status ORDER BY count DESC`,
    params,
  );
  const bySeverity = all<{ severity: string; count: number }>(
    db,
    `SELECT COALESCE(a.severity, 'medium') AS severity, count(*) AS count ${from} WHERE ${where} GROUP BY severity ORDER BY count DESC`,
    params,
  );
  const byMonth = all<{ month: string; count: number }>(
    db,
    `SELECT ${monthOf('a.occurred_at')} AS month, count(*) AS count ${from} WHERE ${where} GROUP BY month ORDER BY month`,
    params,
  );
  const sums = surveyDimensions.map((d) => `SUM(CASE WHEN ss.${d} >= 4 THEN 1 ELSE 0 END) AS ${d}_ok, AVG(ss.${d}) AS ${d}_avg`).join(', ');
  const survey = one<Record<string, number | null>>(
    db,
    `SELECT count(*) AS n, ${sums} FROM satisfaction_surveys ss JOIN customers c ON c.id = ss.customer_id
      WHERE ss.deleted_at IS NULL AND ss.surveyed_at >= ? AND ss.surveyed_at < ? AND ${s.where}`,
    [s.start, s.end, ...s.params],
  );
  const n = survey.n ?? 0;
  const byDimension = surveyDimensions.map((d) => {
    const ok = survey[`${d}_ok`] ?? 0;
    return { dimension: d, scores: n, satisfied: ok, rate: n ? ok / n : null, average: n ? (survey[`${d}_avg`] ?? null) : null };
  });
  const satisfied = byDimension.reduce((a, d) => a + d.satisfied, 0);
  const scores = n * surveyDimensions.length;
  return {
    period: s.period,
    complaints: { total: byStatus.reduce((a, r) => a + r.count, 0), byStatus, bySeverity, byMonth },
    satisfaction: { surveys: n, scores, satisfied, rate: scores ? satisfied / scores : null, byDimension },
  };
};
