import type { CustomerGrade, CustomerStatus } from '../../../src-shared/customers/enums';
import { abcPeriod, isChurnRisk, localIsoDate } from '../../../src-shared/orders/logic';
import type { CustomerSalesSummary, GradeHistoryRow } from '../../../src-shared/orders/types';
import type { ReadDb } from '../../db/connection';
import { seesEverything, type Viewer } from '../policy/policy';
import { writableCustomer } from '../policy/guards';
import { getOrderRules } from './rules';

type SalesRow = {
  orderCount: number;
  totalAmount: number;
  receivedAmount: number;
  firstOrderOn: string | null;
  lastOrderOn: string | null;
  intervalDays: number | null;
  periodAmount: number;
};

/**
 * The strip on the customer card: purchase totals, receivables, the churn
 * flag and the grade. Owner, managers and admins only (the amounts are the
 * customer's business with its owner): others get FORBIDDEN.
 */
export const customerSalesSummary = (db: ReadDb, viewer: Viewer, customerId: string): CustomerSalesSummary => {
  const c = writableCustomer(db, viewer, customerId);
  const rules = getOrderRules(db);
  const today = localIsoDate(db.clock.now());
  const s = db.sqlite
    .prepare<[string], SalesRow>(
      `SELECT order_count AS orderCount, total_amount AS totalAmount, received_amount AS receivedAmount, first_order_on AS firstOrderOn,
         last_order_on AS lastOrderOn, interval_days AS intervalDays, period_amount AS periodAmount FROM customer_sales WHERE customer_id = ?`,
    )
    .get(customerId);
  const overdue = db.sqlite
    .prepare<[string, string], { v: number | null }>('SELECT SUM(amount - received) AS v FROM orders WHERE customer_id = ? AND received < amount AND due_date < ?')
    .get(customerId, today)!.v;
  const lastContactOn = c.lastContactAt ? localIsoDate(c.lastContactAt) : null;
  return {
    customerId,
    orderCount: s?.orderCount ?? 0,
    totalAmount: s?.totalAmount ?? 0,
    receivedAmount: s?.receivedAmount ?? 0,
    receivable: (s?.totalAmount ?? 0) - (s?.receivedAmount ?? 0),
    overdueAmount: overdue ?? 0,
    firstOrderOn: s?.firstOrderOn ?? null,
    lastOrderOn: s?.lastOrderOn ?? null,
    intervalDays: s?.intervalDays ?? null,
    churnRisk: isChurnRisk(s?.intervalDays ?? null, s?.lastOrderOn ?? null, lastContactOn, today, rules.churnFactor),
    churnFactor: rules.churnFactor,
    grade: c.grade as CustomerGrade | null,
    status: c.status as CustomerStatus,
    periodAmount: s?.periodAmount ?? 0,
    period: abcPeriod(today, rules.abcPeriodMonths),
  };
};

export const gradeHistoryOf = (db: ReadDb, viewer: Viewer, customerId: string): GradeHistoryRow[] => {
  writableCustomer(db, viewer, customerId);
  return db.sqlite
    .prepare<[string], GradeHistoryRow>(
      `SELECT grade, from_grade AS fromGrade, at, period_start AS periodStart, period_end AS periodEnd, period_amount AS periodAmount, share
       FROM grade_history WHERE customer_id = ? ORDER BY at DESC, id DESC LIMIT 100`,
    )
    .all(customerId);
};

/**
 * Customers at churn risk (for lists and reports): a usual interval, and no
 * order or contact for longer than churnFactor × that interval. SQL over
 * customer_sales + customers.last_contact_at, so it is right whatever day it is.
 */
export const churnRiskCustomerIds = (db: ReadDb, viewer: Viewer): string[] => {
  const rules = getOrderRules(db);
  const today = localIsoDate(db.clock.now());
  const rows = db.sqlite
    .prepare<Record<string, string | number>, { id: string; intervalDays: number; lastOrderOn: string; lastContactAt: number | null }>(
      `SELECT c.id, s.interval_days AS intervalDays, s.last_order_on AS lastOrderOn, c.last_contact_at AS lastContactAt
       FROM customer_sales s JOIN customers c ON c.id = s.customer_id
       WHERE s.interval_days IS NOT NULL AND c.deleted_at IS NULL AND c.merged_into IS NULL
         AND c.status NOT IN ('lost', 'permanently_lost') ${seesEverything(viewer) ? '' : 'AND c.owner_id = @me'}`,
    )
    .all(seesEverything(viewer) ? {} : { me: viewer.id });
  return rows
    .filter((r) => isChurnRisk(r.intervalDays, r.lastOrderOn, r.lastContactAt ? localIsoDate(r.lastContactAt) : null, today, rules.churnFactor))
    .map((r) => r.id);
};
