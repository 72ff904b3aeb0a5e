import type { ReportFilter } from '../../../src-shared/reports/schemas';
import { funnelStages, type FunnelResult } from '../../../src-shared/reports/types';
import type { ReadDb } from '../../db/connection';
import type { Viewer } from '../customers/access';
import { all } from './figures';
import { buildScope } from './scope';

/**
 * The lifecycle funnel of the customers created in the period (the cohort):
 * how many are at each stage now, how many reached it or a later one, and
 * the conversion from the stage before. Lost customers count in the cohort,
 * not in a stage (their stage before the loss is not recorded reliably).
 */
export const funnelReport = (db: ReadDb, viewer: Viewer, filter: ReportFilter): FunnelResult => {
  const s = buildScope(db, viewer, filter);
  const counts = new Map(
    all<{ status: string; n: number }>(
      db,
      `SELECT c.status AS status, count(*) AS n FROM customers c WHERE c.created_at >= ? AND c.created_at < ? AND ${s.where} GROUP BY c.status`,
      [s.start, s.end, ...s.params],
    ).map((r) => [r.status, r.n]),
  );
  const current = funnelStages.map((st) => counts.get(st) ?? 0);
  const reached = current.map((_, i) => current.slice(i).reduce((a, b) => a + b, 0));
  const lost = (counts.get('lost') ?? 0) + (counts.get('permanently_lost') ?? 0);
  return {
    period: s.period,
    cohort: [...counts.values()].reduce((a, b) => a + b, 0),
    lost,
    stages: funnelStages.map((stage, i) => ({
      stage,
      current: current[i]!,
      reached: reached[i]!,
      rate: i === 0 || reached[i - 1] === 0 ? null : reached[i]! / reached[i - 1]!,
      overall: reached[0] === 0 ? null : reached[i]! / reached[0]!,
    })),
  };
};
