/**
 * Report periods (报表期间), pure: no I/O, no clock.
 *
 * A period is a range of local calendar dates, both ends inclusive
 * ('YYYY-MM-DD'). Calendar arithmetic is done on the dates themselves (through
 * UTC, where no day is ever 23 or 25 hours long); only `periodRange` and
 * `localDate` cross over to instants, and they use the machine's local time
 * zone, which on the office PCs this app runs on is Asia/Shanghai. The main
 * process turns a period into [start, end) epoch ms with `periodRange`, so a
 * record stamped 23:59 local on the last day is inside and 00:00 the next day
 * is not, whatever the zone.
 *
 * Rules where a calendar has no single right answer (documented, tested in
 * tests/unit/period.test.ts):
 * - Weeks start on Monday (China's office convention, ISO 8601).
 * - 环比 (previous period): the period of the same kind just before; for a
 *   custom range of N days, the N days that end the day before it starts.
 * - 同比 (same period last year): the same dates one year earlier. A date that
 *   does not exist then (29 February) becomes the last day of that month
 *   (2024-02-29 → 2023-02-28), so a month or quarter stays whole. For a week
 *   it is the week 52 weeks (364 days) earlier: same weekdays, and in all but
 *   53-week years the same ISO week number.
 */

import { calendarDate, utcDate } from '../dates';

export const periodKinds = ['day', 'week', 'month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof periodKinds)[number];

/** 'YYYY-MM-DD', a local calendar date. */
export type LocalDate = string;

/** A resolved period: its kind and its first and last day (both inclusive). */
export type Period = { kind: PeriodKind; from: LocalDate; to: LocalDate };

/** What a user picks: a kind and any day inside it, or a custom range. */
export type PeriodSpec =
  | { kind: Exclude<PeriodKind, 'custom'>; anchor: LocalDate }
  | { kind: 'custom'; from: LocalDate; to: LocalDate };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

type Ymd = { y: number; m: number; d: number };

const format = ({ y, m, d }: Ymd): LocalDate => calendarDate(y, m, d);

export const isLocalDate = (s: string): boolean => {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
};

const parse = (s: LocalDate): Ymd => {
  if (!isLocalDate(s)) throw new RangeError(`not a date: ${s}`);
  return { y: Number(s.slice(0, 4)), m: Number(s.slice(5, 7)), d: Number(s.slice(8, 10)) };
};

export const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Days since 1970-01-01 of a calendar date (time-zone free). */
const dayNumber = (s: LocalDate): number => {
  const { y, m, d } = parse(s);
  return Date.UTC(y, m - 1, d) / DAY_MS;
};
const fromDayNumber = (n: number): LocalDate => utcDate(n * DAY_MS);

export const addDays = (s: LocalDate, n: number): LocalDate => fromDayNumber(dayNumber(s) + n);

/** Months added with the day clamped to the target month's length (01-31 + 1 month → 02-28/29). */
export const addMonths = (s: LocalDate, n: number): LocalDate => {
  const { y, m, d } = parse(s);
  const index = y * 12 + (m - 1) + n;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  return format({ y: ty, m: tm, d: Math.min(d, daysInMonth(ty, tm)) });
};

export const addYears = (s: LocalDate, n: number): LocalDate => addMonths(s, 12 * n);

/** Whole days from a to b (b − a). */
export const daysBetween = (a: LocalDate, b: LocalDate): number => dayNumber(b) - dayNumber(a);

/** Number of days in a period. */
export const periodDays = (p: Period): number => daysBetween(p.from, p.to) + 1;

/** Monday = 0 … Sunday = 6. */
const weekday = (s: LocalDate): number => (((dayNumber(s) + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday

const lastOfMonth = (y: number, m: number): LocalDate => format({ y, m, d: daysInMonth(y, m) });

/** The period of `kind` that contains `anchor`. */
export const periodContaining = (kind: Exclude<PeriodKind, 'custom'>, anchor: LocalDate): Period => {
  const { y, m } = parse(anchor);
  switch (kind) {
    case 'day':
      return { kind, from: anchor, to: anchor };
    case 'week': {
      const from = addDays(anchor, -weekday(anchor));
      return { kind, from, to: addDays(from, 6) };
    }
    case 'month':
      return { kind, from: format({ y, m, d: 1 }), to: lastOfMonth(y, m) };
    case 'quarter': {
      const first = m - ((m - 1) % 3);
      return { kind, from: format({ y, m: first, d: 1 }), to: lastOfMonth(y, first + 2) };
    }
    case 'year':
      return { kind, from: format({ y, m: 1, d: 1 }), to: format({ y, m: 12, d: 31 }) };
  }
};

/** A spec as the user picked it → the period. A custom range must not end before it starts. */
export const resolvePeriod = (spec: PeriodSpec): Period => {
  if (spec.kind !== 'custom') return periodContaining(spec.kind, spec.anchor);
  parse(spec.from);
  parse(spec.to);
  if (spec.to < spec.from) throw new RangeError('period ends before it starts');
  return { kind: 'custom', from: spec.from, to: spec.to };
};

/** 环比: the period just before, of the same kind and length rule. */
export const previousPeriod = (p: Period): Period => {
  switch (p.kind) {
    case 'custom': {
      const n = periodDays(p);
      return { kind: 'custom', from: addDays(p.from, -n), to: addDays(p.from, -1) };
    }
    default:
      return periodContaining(p.kind, addDays(p.from, -1));
  }
};

/** 同比: the same period one year earlier (29 February → 28 February; a week → 52 weeks earlier). */
export const samePeriodLastYear = (p: Period): Period => {
  switch (p.kind) {
    case 'week':
      return { kind: 'week', from: addDays(p.from, -364), to: addDays(p.to, -364) };
    case 'month':
    case 'quarter':
    case 'year':
      return periodContaining(p.kind, addYears(p.from, -1));
    case 'day':
    case 'custom':
      return { kind: p.kind, from: addYears(p.from, -1), to: addYears(p.to, -1) };
  }
};

/** Local midnight of a date, epoch ms (the machine's time zone). */
export const localMidnight = (s: LocalDate): number => {
  const { y, m, d } = parse(s);
  return new Date(y, m - 1, d).getTime();
};

/** [start, end) in epoch ms: local midnight of the first day to local midnight after the last. */
export const periodRange = (p: Period): { start: number; end: number } => ({
  start: localMidnight(p.from),
  end: localMidnight(addDays(p.to, 1)),
});

/** The local calendar date of an instant (src-shared/dates.ts; the reports import it from here). */
export { localDate } from '../dates';

/**
 * Growth rate (增长率) from `previous` to `current`: (current − previous) / previous.
 * Null when the previous value is 0 (no base to grow from; shown as "—", never Infinity or NaN).
 */
export const growthRate = (current: number, previous: number): number | null =>
  previous === 0 ? null : (current - previous) / Math.abs(previous);

/** The months (YYYY-MM) a period touches, in order: for charts by month. */
export const monthsOf = (p: Period): string[] => {
  const out: string[] = [];
  for (let d = `${p.from.slice(0, 7)}-01`; d <= p.to; d = addMonths(d, 1)) out.push(d.slice(0, 7));
  return out;
};
