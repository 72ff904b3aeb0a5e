import { AppError } from '../../../src-shared/errors';
import type { VisitSuggestion } from '../../../src-shared/visits/types';
import type { ReadDb } from '../../db/connection';
import { canSeeFiguresOf, seesEverything } from '../policy/policy';
import { userNames, type Viewer } from './common';
import { getVisitSettings } from './settings';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The weekly plan's suggestions (PRODUCT.md §7): A customers (customers.grade = 'A')
 * not visited for more than the configured number of days (or never), that
 * have no visit planned yet. Sales get their own customers; managers everyone's
 * or one salesperson's.
 */
export const visitSuggestions = (db: ReadDb, viewer: Viewer, salespersonId?: string): VisitSuggestion[] => {
  if (salespersonId && !canSeeFiguresOf(viewer, salespersonId)) throw new AppError('FORBIDDEN');
  const owner = seesEverything(viewer) ? (salespersonId ?? null) : viewer.id;
  const now = db.clock.now();
  const gapDays = getVisitSettings(db).aGradeGapDays;
  const rows = db.sqlite
    .prepare(
      `SELECT c.id, c.name, c.owner_id AS ownerId,
              (SELECT max(a.occurred_at) FROM activities a
                WHERE a.customer_id = c.id AND a.type = 'visit' AND a.deleted_at IS NULL) AS lastVisitAt
         FROM customers c
        WHERE c.grade = 'A' AND c.deleted_at IS NULL AND c.merged_into IS NULL AND c.owner_id IS NOT NULL
          AND (@owner IS NULL OR c.owner_id = @owner)
          AND NOT EXISTS (SELECT 1 FROM visits v
                           WHERE v.customer_id = c.id AND v.status IN ('draft', 'submitted', 'approved')
                             AND v.planned_at >= @since)
          AND coalesce((SELECT max(a.occurred_at) FROM activities a
                          WHERE a.customer_id = c.id AND a.type = 'visit' AND a.deleted_at IS NULL), 0) < @cutoff
        ORDER BY lastVisitAt IS NOT NULL, lastVisitAt, c.name
        LIMIT 200`,
    )
    .all({ owner, since: now - DAY, cutoff: now - gapDays * DAY }) as {
    id: string;
    name: string;
    ownerId: string;
    lastVisitAt: number | null;
  }[];
  const names = userNames(db, rows.map((r) => r.ownerId));
  return rows.map((r) => ({
    customerId: r.id,
    customerName: r.name,
    owner: { id: r.ownerId, displayName: names.get(r.ownerId) ?? '' },
    lastVisitAt: r.lastVisitAt,
    daysSince: r.lastVisitAt === null ? null : Math.floor((now - r.lastVisitAt) / DAY),
  }));
};
