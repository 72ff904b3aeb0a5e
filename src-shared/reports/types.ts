import type { CustomerGrade, CustomerStatus } from '../customers/enums';
import type { AgeingBucket } from '../orders/logic';
import type { LocalDate, Period } from './period';
import type { SalesReportKind, StatDimension } from './schemas';

/** Money is integer fen (分) in every report, as in the orders tables. */
export type Fen = number;

export type NamedCustomer = { customerId: string; name: string; ownerName: string | null };

// ---------------------------------------------------------------- ABC / Pareto

export type AbcResult = {
  period: Period;
  total: Fen;
  /** Customers in scope with sales in the period. */
  customerCount: number;
  /** The Pareto curve: after the top `rank` customers (`customerShare` of them), `salesShare` of the sales; at most ~100 points. */
  curve: { rank: number; customerShare: number; salesShare: number }[];
  grades: { grade: CustomerGrade; count: number; amount: Fen; share: number }[];
  /** The top customers by sales in the period (at most 100). */
  customers: (NamedCustomer & { rank: number; amount: Fen; share: number; cumulativeShare: number; grade: CustomerGrade })[];
  /** High effort (contacts + visits in the period, top quarter and at least 3) and low sales (grade C or none). */
  effortLowSales: (NamedCustomer & { activities: number; visits: number; amount: Fen; grade: CustomerGrade | null })[];
};

// ---------------------------------------------------------------- Top N

export type RankedCustomer = NamedCustomer & { value: number };
export type RankedUser = { userId: string; name: string; value: number };

export type TopResult = {
  period: Period;
  n: number;
  customersBySales: RankedCustomer[];
  customersByReceivables: RankedCustomer[];
  customersByContacts: RankedCustomer[];
  salesBySales: RankedUser[];
  salesByNewCustomers: RankedUser[];
  salesByVisits: RankedUser[];
};

// ---------------------------------------------------------------- 同比 / 环比

export const comparisonMetrics = ['sales', 'newCustomers', 'contacts', 'lostCustomers'] as const;
export type ComparisonMetric = (typeof comparisonMetrics)[number];

export type ComparisonRow = {
  metric: ComparisonMetric;
  current: number;
  previous: number;
  lastYear: number;
  momChange: number;
  /** Null when the previous value is 0 (shown as —). */
  momRate: number | null;
  yoyChange: number;
  yoyRate: number | null;
};

export type ComparisonResult = { period: Period; previous: Period; lastYear: Period; rows: ComparisonRow[] };

// ---------------------------------------------------------------- customer statistics

export type StatisticsRow = { v1: string | null; v2: string | null; count: number; amount: Fen };
export type StatisticsResult = {
  period: Period;
  dim1: StatDimension;
  dim2: StatDimension | null;
  rows: StatisticsRow[];
  /** Display names of user ids that appear as owner values. */
  names: Record<string, string>;
  totalCount: number;
  totalAmount: Fen;
};

// ---------------------------------------------------------------- churn

export type ChurnResult = {
  period: Period;
  lostTotal: number;
  byReason: { reason: string | null; count: number }[];
  byGrade: { grade: CustomerGrade | null; count: number }[];
  byMonth: { month: string; count: number }[];
  /** Customers at risk now: no order or contact for longer than churnFactor × their usual purchase interval. */
  atRisk: (NamedCustomer & {
    status: CustomerStatus;
    grade: CustomerGrade | null;
    lastOrderOn: LocalDate | null;
    lastContactOn: LocalDate | null;
    intervalDays: number;
    daysSilent: number;
  })[];
  atRiskTotal: number;
  /** The orders rule's factor on the purchase interval. */
  churnFactor: number;
};

// ---------------------------------------------------------------- lifecycle funnel

export const funnelStages = ['potential', 'target', 'first_purchase', 'repeat', 'loyal'] as const;
export type FunnelStage = (typeof funnelStages)[number];

export type FunnelResult = {
  period: Period;
  /** Customers created in the period (the cohort), lost ones included. */
  cohort: number;
  lost: number;
  /** `reached`: active customers at this stage or beyond; `rate`: reached ÷ the previous stage's reached (null for the first or a 0 base). */
  stages: { stage: FunnelStage; current: number; reached: number; rate: number | null; overall: number | null }[];
};

// ---------------------------------------------------------------- receivables

// The buckets are the orders' (one definition, src-shared/orders/logic.ts).
export { ageingBuckets, type AgeingBucket } from '../orders/logic';
export type BucketAmounts = Record<AgeingBucket, Fen>;

export type ReceivablesResult = {
  period: Period;
  /** The day overdue days are counted to: the period's last day or today, whichever is earlier. */
  asOf: LocalDate;
  totals: BucketAmounts & { total: Fen };
  byCustomer: (NamedCustomer & BucketAmounts & { total: Fen; maxOverdueDays: number })[];
  bySalesperson: ({ userId: string | null; name: string | null; total: Fen; orders: number } & BucketAmounts)[];
};

// ---------------------------------------------------------------- complaints and satisfaction

export type ServiceResult = {
  period: Period;
  complaints: {
    total: number;
    byStatus: { status: string; count: number }[];
    bySeverity: { severity: string; count: number }[];
    byMonth: { month: string; count: number }[];
  };
  satisfaction: {
    surveys: number;
    scores: number;
    satisfied: number;
    /** Share of scores that are 4 or 5; null without surveys. */
    rate: number | null;
    byDimension: { dimension: string; scores: number; satisfied: number; rate: number | null; average: number | null }[];
  };
};

// ---------------------------------------------------------------- 销售日报/周报/月报

export type SalesFigures = { activities: number; newCustomers: number; visits: number; minutes: number; orders: number; orderAmount: Fen };

export type SalesReport = {
  /** The saved report's id; null while nobody wrote a summary or plan for it yet. */
  id: string | null;
  kind: SalesReportKind;
  period: Period;
  /** The salesperson; null for the team report. */
  userId: string | null;
  userName: string | null;
  figures: SalesFigures;
  /** The team report: one row per salesperson. */
  people: (SalesFigures & { userId: string; name: string })[];
  newCustomers: { customerId: string; name: string; ownerName: string | null; createdAt: number }[];
  orders: { customerId: string; customerName: string; orderDate: LocalDate; contractNo: string; amount: Fen; salesName: string | null }[];
  visits: { customerId: string; customerName: string; doneAt: number; purpose: string; salesName: string | null }[];
  activities: { customerId: string; customerName: string; occurredAt: number; type: string; summary: string; salesName: string | null }[];
  summary: string;
  plan: string;
  managerComment: string | null;
  commentedBy: string | null;
  commentedAt: number | null;
  savedAt: number | null;
  /** Whether the viewer may write the summary/plan (the salesperson themself) or comment (a manager). */
  canEdit: boolean;
  canComment: boolean;
};

export type SalesReportListItem = {
  id: string;
  kind: SalesReportKind;
  period: Period;
  userId: string;
  userName: string;
  summary: string;
  hasComment: boolean;
  savedAt: number;
};

export type ReportOptions = { industries: string[] };
