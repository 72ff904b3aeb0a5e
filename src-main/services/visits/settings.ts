import { DEFAULT_A_GRADE_GAP_DAYS, DEFAULT_VISIT_TARGET } from '../../../src-shared/visits/enums';
import { visitSettingsSchema, type VisitSettings } from '../../../src-shared/visits/schemas';
import type { Db, ReadDb } from '../../db/connection';
import { getSetting, saveSetting } from '../settings/settings';

const KEY = 'visits.settings';

const defaults: VisitSettings = { newCustomerVisitTarget: DEFAULT_VISIT_TARGET, aGradeGapDays: DEFAULT_A_GRADE_GAP_DAYS };

/** This capability's settings; a stored value that no longer parses falls back to the defaults field by field. */
export const getVisitSettings = (db: ReadDb): VisitSettings => {
  const stored = getSetting(db, KEY);
  const parsed = visitSettingsSchema.partial().safeParse(stored ?? {});
  return { ...defaults, ...(parsed.success ? parsed.data : {}) };
};

export const updateVisitSettings = (db: Db, actorId: string, input: VisitSettings): VisitSettings => {
  saveSetting(db, actorId, KEY, input);
  return getVisitSettings(db);
};
