import { defaultOrderRules, type OrderRules } from '../../../src-shared/orders/logic';
import { orderRulesSchema } from '../../../src-shared/orders/schemas';
import { AppError } from '../../../src-shared/errors';
import type { Db, ReadDb, WriteDb } from '../../db/connection';
import { canSetOfficeRules, type Viewer } from '../policy/policy';
import { getSetting, writeSetting } from '../settings/settings';

/** Settings key of the lifecycle, churn and ABC rules (shape: OrderRules). */
export const RULES_KEY = 'orders.rules';

/** The rules in force: the saved ones over the defaults (a saved value that no longer validates falls back to the defaults). */
export const getOrderRules = (db: ReadDb): OrderRules => {
  const saved = getSetting(db, RULES_KEY);
  const parsed = orderRulesSchema.safeParse({ ...defaultOrderRules, ...(typeof saved === 'object' && saved ? saved : {}) });
  return parsed.success ? parsed.data : defaultOrderRules;
};

/** Managers and admins change the rules; every derived figure is recomputed under the new ones in the same transaction. */
export const saveOrderRules = (db: Db, viewer: Viewer, rules: OrderRules, recompute: (tx: WriteDb, actorId: string) => void): OrderRules => {
  if (!canSetOfficeRules(viewer)) throw new AppError('FORBIDDEN');
  db.write(viewer.id, (tx) => {
    writeSetting(tx, viewer.id, RULES_KEY, rules);
    recompute(tx, viewer.id);
  });
  return getOrderRules(db);
};
