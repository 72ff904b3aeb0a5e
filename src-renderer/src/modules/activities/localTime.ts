import { endOfLocalDay } from '@shared/dates';

/** An <input type="datetime-local"> value → epoch ms, or null when empty or unreadable. */
export const fromDateTimeInput = (v: string): number | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(v);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])).getTime();
};

/**
 * A follow-up date ('YYYY-MM-DD') → epoch ms at 09:00 local that day: a
 * date-only follow-up falls due at the start of office hours, so the desktop
 * reminder comes while people are at their desks.
 */
export const FOLLOW_UP_HOUR = 9;
export const fromDateInput = (v: string, hour = FOLLOW_UP_HOUR): number | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hour, 0).getTime();
};

export const endOfToday = (now = Date.now()): number => endOfLocalDay(now);

export const startOfToday = (now = Date.now()): number => endOfToday(now) - 24 * 60 * 60 * 1000;

/** Whole local days from today to the day of `ms` (negative: in the past). */
export const daysFromToday = (ms: number, now = Date.now()): number => Math.floor((ms - startOfToday(now)) / (24 * 60 * 60 * 1000));
