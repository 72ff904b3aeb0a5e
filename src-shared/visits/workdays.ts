// The default export: chinese-days ships a CommonJS main whose named exports Node's ESM loader cannot see.
import chineseDays from 'chinese-days';
import { utcDate } from '../dates';

const { isWorkday } = chineseDays;

/**
 * Working days in mainland China: the State Council's public holidays and its
 * make-up working days (调休, weekends that are worked) come from the
 * chinese-days package's data, not a hand-kept table. Years the package has no
 * arrangement for yet fall back to Monday–Friday.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day after `date` (YYYY-MM-DD), computed on the calendar (no time zones, no DST). */
export const nextDate = (date: string): string => {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return utcDate(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
};

export const isWorkingDay = (date: string): boolean => isWorkday(date);

/**
 * The date `n` working days after `date`: the days after it are counted, the
 * day itself is not (a meeting on Wednesday with n = 2 is due on Friday). A
 * meeting on a holiday or weekend counts from the first working day after it.
 */
export const addWorkingDays = (date: string, n: number): string => {
  let d = date;
  let left = n;
  while (left > 0) {
    d = nextDate(d);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
};

/** Minutes are due 2 working days after the meeting (PRODUCT.md §6). */
export const MINUTES_DUE_WORKING_DAYS = 2;

export const minutesDueDate = (meetingDate: string): string => addWorkingDays(meetingDate, MINUTES_DUE_WORKING_DAYS);
