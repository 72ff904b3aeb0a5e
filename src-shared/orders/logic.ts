import type { CustomerGrade, CustomerStatus } from '../customers/enums';
import { isLostStatus } from '../customers/enums';
import { localDate } from '../dates';

/**
 * The computations of the orders capability as pure functions over plain
 * values, so the main process, the renderer and the tests share one rule.
 * Money is integer fen; calendar dates are 'YYYY-MM-DD'.
 */

const DAY = 86_400_000;

/** Local calendar date of an instant ('YYYY-MM-DD', the process's time zone). */
export const localIsoDate = (ms: number): string => localDate(ms);

const toUtc = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** True for a real calendar date written 'YYYY-MM-DD' (2026-02-30 is not). */
export const isIsoDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && fromUtc(toUtc(s)) === s;

/** b − a in whole days. */
export const daysBetween = (a: string, b: string): number => Math.round((toUtc(b) - toUtc(a)) / DAY);

export const addDays = (iso: string, days: number): string => fromUtc(toUtc(iso) + days * DAY);

/** Calendar months, clamped to the month's last day (2026-03-31 − 1 month = 2026-02-28). */
export const addMonths = (iso: string, months: number): string => {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const d = Number(iso.slice(8, 10));
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(ty, tm, Math.min(d, last)));
};

/** Line amount in fen: quantity × unit price, rounded half away from zero to the fen. */
export const lineAmount = (quantity: number, unitPrice: number): number => Math.round(quantity * unitPrice + Number.EPSILON);

/** Product key for suggestions: NFKC, trimmed, inner spaces collapsed, lower case. */
export const productKey = (product: string): string => product.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

// ── rules ─────────────────────────────────────────────────────────────────────

export type OrderRules = {
  /** This many orders → 重复购买 repeat. */
  repeatMinOrders: number;
  /** This many orders inside any window of loyalWindowMonths → 忠诚 loyal. */
  loyalMinOrders: number;
  loyalWindowMonths: number;
  /** All-time total (fen) at or above which a customer is loyal; 0 = rule off. */
  loyalMinTotal: number;
  /** At risk when no order or contact came for longer than churnFactor × the usual interval. */
  churnFactor: number;
  /** ABC period: the last N months ending today. */
  abcPeriodMonths: number;
  /** Cumulative percentages: A below abcAPercent, B below abcBPercent, C the rest. */
  abcAPercent: number;
  abcBPercent: number;
};

export const defaultOrderRules: OrderRules = {
  repeatMinOrders: 2,
  loyalMinOrders: 4,
  loyalWindowMonths: 12,
  loyalMinTotal: 0,
  churnFactor: 1.5,
  abcPeriodMonths: 12,
  abcAPercent: 80,
  abcBPercent: 95,
};

// ── ABC ───────────────────────────────────────────────────────────────────────

/** The ABC period ending `today`: the last N months, both ends inclusive. */
export const abcPeriod = (today: string, months: number): { start: string; end: string } => ({
  start: addDays(addMonths(today, -months), 1),
  end: today,
});

export type AbcThresholds = {
  /** Smallest period amount that is still A / B (Infinity when no customer has that grade). */
  minA: number;
  minB: number;
  total: number;
};

/**
 * The grade boundary rule. Customers sorted by period sales, largest first;
 * a customer's cumulative share BEFORE it counts only customers with a
 * strictly larger amount, so equal amounts always share one grade (the better
 * one). A: share-before < A%; B: share-before < B%; else C. The customer that
 * straddles the 80 % line is therefore A. Customers without sales in the
 * period (amount ≤ 0) get no grade.
 *
 * Grades only depend on the amount, falling as it falls, so the result is two
 * thresholds. `sortedDesc`: the positive amounts, largest first.
 */
export const abcThresholds = (sortedDesc: ArrayLike<number>, aPercent: number, bPercent: number): AbcThresholds => {
  let total = 0;
  for (let i = 0; i < sortedDesc.length; i++) total += sortedDesc[i]!;
  let minA = Infinity;
  let minB = Infinity;
  let before = 0;
  let i = 0;
  while (i < sortedDesc.length) {
    const amount = sortedDesc[i]!;
    // Integer comparison (percent × total), no floating-point edge at exactly 80 %.
    if (before * 100 < aPercent * total) minA = amount;
    else if (before * 100 < bPercent * total) minB = amount;
    else break;
    let group = 0;
    while (i < sortedDesc.length && sortedDesc[i] === amount) group += sortedDesc[i++]!;
    before += group;
  }
  if (minB > minA) minB = minA;
  return { minA, minB, total };
};

/** Sum of the amounts strictly above `min` (for a cut computed from a full sorted list). */
export const sumAbove = (sortedDesc: ArrayLike<number>, min: number): number => {
  let s = 0;
  for (let i = 0; i < sortedDesc.length && sortedDesc[i]! > min; i++) s += sortedDesc[i]!;
  return s;
};

/** Ordered access to the positive period amounts (an index in the database, an array in tests). */
export type AmountIndex = {
  /** Smallest amount > v, or null. */
  nextAbove(v: number): number | null;
  /** Largest positive amount < v, or null. */
  nextBelow(v: number): number | null;
  /** Sum of the amounts equal to v (0 when none). */
  groupSum(v: number): number;
  max(): number | null;
};

/** A cut point: the smallest amount still in the grade (Infinity = none) and the sum of all amounts strictly above it. */
export type Cut = { min: number; above: number };

/**
 * Moves a cut to the smallest amount v whose share BEFORE it (sum of amounts
 * > v) is below `percent` of `total` — the same boundary rule as
 * abcThresholds, found by walking from where the cut was. `cut.above` must
 * already be the sum above `cut.min` for the current amounts (the caller
 * adjusts it for each changed amount). A small change moves the cut a few
 * steps; null when it would take more than `maxSteps` (then recompute in full).
 */
export const walkCut = (idx: AmountIndex, cut: Cut, percent: number, total: number, maxSteps = 2000): Cut | null => {
  if (total <= 0) return { min: Infinity, above: 0 };
  let { min, above } = cut;
  if (!Number.isFinite(min)) {
    const m = idx.max();
    if (m === null) return { min: Infinity, above: 0 };
    min = m;
    above = 0;
  }
  const ok = (a: number): boolean => a * 100 < percent * total;
  let steps = 0;
  let g = idx.groupSum(min);
  // Up until the cut sits on an amount that qualifies (the largest amount always does).
  while (g === 0 || !ok(above)) {
    if (++steps > maxSteps) return null;
    const up = idx.nextAbove(min);
    if (up === null) {
      // The cut's amount is gone and nothing is above it: restart from the largest amount.
      const m = idx.max();
      if (m === null) return { min: Infinity, above: 0 };
      min = m;
      above = 0;
      g = idx.groupSum(m);
      continue;
    }
    g = idx.groupSum(up);
    above -= g;
    min = up;
  }
  // Down while the next smaller amount qualifies too.
  for (;;) {
    const down = idx.nextBelow(min);
    if (down === null || !ok(above + g)) break;
    if (++steps > maxSteps) return null;
    above += g;
    min = down;
    g = idx.groupSum(down);
  }
  return { min, above };
};

/** A cut's `above` after one customer's amount went from `before` to `after`. */
export const shiftCut = (cut: Cut, before: number, after: number): Cut => ({
  min: cut.min,
  above: cut.above - (before > cut.min ? before : 0) + (after > cut.min ? after : 0),
});

export const gradeOf = (amount: number, t: AbcThresholds): CustomerGrade | null => {
  if (amount <= 0) return null;
  if (amount >= t.minA) return 'A';
  if (amount >= t.minB) return 'B';
  return 'C';
};

/** Grades for a whole set (tests and small data): id → grade. */
export const abcGrades = (amounts: Map<string, number>, aPercent: number, bPercent: number): Map<string, CustomerGrade | null> => {
  const sorted = [...amounts.values()].filter((a) => a > 0).sort((a, b) => b - a);
  const t = abcThresholds(sorted, aPercent, bPercent);
  return new Map([...amounts].map(([id, a]) => [id, gradeOf(a, t)]));
};

// ── lifecycle ─────────────────────────────────────────────────────────────────

export type SalesLevel = 'none' | 'first_purchase' | 'repeat' | 'loyal';

/**
 * What the orders alone say about a customer. Depends only on the set of
 * orders (not on today), so adding an order never lowers it and time passing
 * never changes it: only deleting or correcting orders can.
 */
export const salesLevel = (sortedDates: string[], total: number, rules: OrderRules): SalesLevel => {
  const n = sortedDates.length;
  if (n === 0) return 'none';
  if (rules.loyalMinTotal > 0 && total >= rules.loyalMinTotal) return 'loyal';
  if (n >= rules.loyalMinOrders) {
    // Any window [d, d + months) holding loyalMinOrders orders.
    let j = 0;
    for (let i = 0; i < n; i++) {
      if (j < i) j = i;
      const end = addMonths(sortedDates[i]!, rules.loyalWindowMonths);
      while (j + 1 < n && sortedDates[j + 1]! < end) j++;
      if (j - i + 1 >= rules.loyalMinOrders) return 'loyal';
    }
  }
  if (n >= rules.repeatMinOrders) return 'repeat';
  return 'first_purchase';
};

const salesStatuses: readonly CustomerStatus[] = ['first_purchase', 'repeat', 'loyal'];

/**
 * The status a customer moves to after its orders changed, or null to leave it.
 * Lost customers are never moved (a win-back is a person's decision); potential
 * and target customers rise to the sales level; a customer whose orders were all
 * deleted goes back to target.
 */
export const nextStatus = (current: CustomerStatus, level: SalesLevel): CustomerStatus | null => {
  if (isLostStatus(current)) return null;
  const to: CustomerStatus = level === 'none' ? (salesStatuses.includes(current) ? 'target' : current) : level;
  return to === current ? null : to;
};

// ── interval and churn ────────────────────────────────────────────────────────

/** Usual purchase interval: the median gap in days between consecutive distinct order dates. */
export const medianInterval = (sortedDates: string[]): number | null => {
  const distinct = sortedDates.filter((d, i) => i === 0 || d !== sortedDates[i - 1]);
  if (distinct.length < 2) return null;
  const gaps = distinct
    .slice(1)
    .map((d, i) => daysBetween(distinct[i]!, d))
    .sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
};

/**
 * Churn risk: the customer has a usual interval and neither an order nor a
 * contact came for longer than factor × that interval.
 */
export const isChurnRisk = (
  intervalDays: number | null,
  lastOrderOn: string | null,
  lastContactOn: string | null,
  today: string,
  factor: number,
): boolean => {
  if (intervalDays === null || !lastOrderOn) return false;
  const last = lastContactOn && lastContactOn > lastOrderOn ? lastContactOn : lastOrderOn;
  return daysBetween(last, today) > factor * intervalDays;
};

// ── receivables ───────────────────────────────────────────────────────────────

/**
 * The ageing of receivables, defined here once: 未到期 (due today or later),
 * 1–30, 31–60, 61–90, >90 days overdue. The orders' receivables list, its
 * filter and summary, and the receivables report all bucket through this.
 */
export const ageingBuckets = ['not_due', 'd1_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
export type AgeingBucket = (typeof ageingBuckets)[number];

/** The most days past the due date each bucket holds (the last is open-ended); the fewest is the bucket before's most + 1. */
const ageingMaxDays: Record<AgeingBucket, number> = { not_due: 0, d1_30: 30, d31_60: 60, d61_90: 90, d90_plus: Infinity };

/** Days past the due date (0 when not yet due). */
export const overdueDays = (dueDate: string, today: string): number => Math.max(0, daysBetween(dueDate, today));

export const ageingBucket = (dueDate: string, today: string): AgeingBucket => {
  const d = overdueDays(dueDate, today);
  return ageingBuckets.find((b) => d <= ageingMaxDays[b]) ?? 'd90_plus';
};

/** The due dates (inclusive, 'YYYY-MM-DD') in a bucket on `today`; an open end is left out. */
export const ageingDueRange = (bucket: AgeingBucket, today: string): { from?: string; to?: string } => {
  const i = ageingBuckets.indexOf(bucket);
  const most = ageingMaxDays[bucket];
  const fewest = i === 0 ? null : ageingMaxDays[ageingBuckets[i - 1]!] + 1;
  return {
    ...(most === Infinity ? {} : { from: addDays(today, -most) }),
    ...(fewest === null ? {} : { to: addDays(today, -fewest) }),
  };
};

/**
 * ageingBucket for many due dates on one day, by comparing date strings with
 * each bucket's earliest due date (tens of thousands of open orders: no date
 * parsing per order).
 */
export const ageingBucketOn = (today: string): ((dueDate: string) => AgeingBucket) => {
  const edges = ageingBuckets.flatMap((b) => {
    const from = ageingDueRange(b, today).from;
    return from === undefined ? [] : [[from, b] as const];
  });
  return (dueDate) => edges.find(([from]) => dueDate >= from)?.[1] ?? 'd90_plus';
};
