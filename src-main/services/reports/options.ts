import type { ReadDb } from '../../db/connection';
import { seesEverything, type Viewer } from '../policy/policy';
import { all } from './figures';

/** Industries present among the live customers the viewer may report on (for the filter). */
export const reportOptions = (db: ReadDb, viewer: Viewer): { industries: string[] } => {
  const own = !seesEverything(viewer);
  const rows = all<{ industry: string }>(
    db,
    `SELECT DISTINCT industry FROM customers c WHERE c.deleted_at IS NULL AND c.merged_into IS NULL AND industry IS NOT NULL AND industry <> ''
      ${own ? 'AND c.owner_id = ?' : ''} ORDER BY industry LIMIT 500`,
    own ? [viewer.id] : [],
  );
  return { industries: rows.map((r) => r.industry) };
};
