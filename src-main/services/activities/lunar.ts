import { Lunar, LunarMonth, Solar } from 'lunar-typescript';
import type { GreetingHoliday } from '../../../src-shared/activities/enums';
import { calendarDate, utcDate } from '../../../src-shared/dates';

// Calendar conversions repeat for every contact on a greeting list (the same few lunar years,
// at most 12 × 30 month-days each): remember them. Bounded, so it cannot grow without end.
const cache = new Map<string, unknown>();
const memo = <T>(key: string, make: () => T): T => {
  if (cache.has(key)) return cache.get(key) as T;
  if (cache.size > 20_000) cache.clear();
  const v = make();
  cache.set(key, v);
  return v;
};

/**
 * Calendar arithmetic on local dates written 'YYYY-MM-DD'. Day numbers count
 * days since 1970-01-01 on the calendar (computed through UTC so no time
 * zone or daylight-saving shift can move a date).
 */
export const dayNumber = (date: string): number => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
};

export const dateOfDay = (n: number): string => utcDate(n * 86_400_000);

/** The lunar year (农历年) a solar date falls in. */
export const lunarYearOf = (date: string): number => memo(`y${date}`, () => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Solar.fromYmd(y, m, d).getLunar().getYear();
});

/**
 * The solar date of lunar `month`/`day` (the ordinary, non-leap month) in
 * lunar year `year`. A day the month does not have this year (the 30th of a
 * 29-day "small" month) moves to that month's last day, the 29th, and is
 * reported as shifted: the greeting comes on the last day of the right
 * month rather than skipping the year or spilling into the next month.
 */
export const lunarToSolar = (year: number, month: number, day: number): { date: string; shifted: boolean } =>
  memo(`l${year}-${month}-${day}`, () => {
    const days = LunarMonth.fromYm(year, month)?.getDayCount() ?? 29;
    const d = Math.min(day, days);
    return { date: Lunar.fromYmd(year, month, d).getSolar().toYmd(), shifted: d !== day };
  });

/** '腊月廿九', '正月初一': how a lunar date is written. */
export const lunarLabel = (month: number, day: number): string => {
  const l = Lunar.fromYmd(2000, month, Math.min(day, 29));
  const dayText = day === 30 ? '三十' : l.getDayInChinese();
  return `${l.getMonthInChinese()}月${dayText}`;
};

/** The holidays on the greeting list that fall in solar year `year`, with their dates. */
export const holidaysOf = (year: number): { holiday: GreetingHoliday; date: string }[] => [
  { holiday: 'new_year', date: calendarDate(year, 1, 1) },
  // 春节, 元宵, 端午 and 中秋 of lunar year N always fall in solar year N.
  { holiday: 'spring_festival', date: lunarToSolar(year, 1, 1).date },
  { holiday: 'lantern', date: lunarToSolar(year, 1, 15).date },
  { holiday: 'dragon_boat', date: lunarToSolar(year, 5, 5).date },
  { holiday: 'mid_autumn', date: lunarToSolar(year, 8, 15).date },
  { holiday: 'national_day', date: calendarDate(year, 10, 1) },
];

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Month and day of a stored birthday: 'YYYY-MM-DD' or 'MM-DD' (the year, when given, is not needed). */
export const parseBirthday = (text: string): { month: number; day: number } | null => {
  const m = /^(?:\d{4}-)?(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { month, day };
};

/**
 * The solar dates within [from, to] (inclusive, 'YYYY-MM-DD') on which a
 * birthday falls. Solar: the same month and day each year; 29 February in a
 * common year is celebrated on 28 February. Lunar: the month and day in the
 * ordinary lunar month (a birthday written without a leap flag is never in
 * the leap month); a 30th the month lacks moves to the 29th (lunarToSolar).
 */
export const birthdayDates = (
  birthday: string,
  lunar: boolean,
  from: string,
  to: string,
): { date: string; shifted: boolean }[] => {
  const b = parseBirthday(birthday);
  if (!b) return [];
  const lo = dayNumber(from);
  const hi = dayNumber(to);
  const out: { date: string; shifted: boolean }[] = [];
  if (!lunar) {
    const y0 = Number(from.slice(0, 4));
    const y1 = Number(to.slice(0, 4));
    for (let y = y0; y <= y1; y++) {
      let day = b.day;
      const shifted = b.month === 2 && b.day === 29 && !isLeapYear(y);
      if (shifted) day = 28;
      const maxDay = new Date(Date.UTC(y, b.month, 0)).getUTCDate();
      if (day > maxDay) continue; // 31 April and such: not a real date
      const date = calendarDate(y, b.month, day);
      const n = dayNumber(date);
      if (n >= lo && n <= hi) out.push({ date, shifted });
    }
    return out;
  }
  if (b.day > 30) return [];
  const ly0 = lunarYearOf(from);
  const ly1 = lunarYearOf(to);
  for (let ly = ly0; ly <= ly1; ly++) {
    const hit = lunarToSolar(ly, b.month, b.day);
    const n = dayNumber(hit.date);
    if (n >= lo && n <= hi) out.push(hit);
  }
  return out;
};

/**
 * The birthday keys ('MM-DD' as stored at the end of contacts.birthday) that
 * can fall in [from, to]: solar ones, and lunar ones (ordinary months only;
 * the 29th of a 29-day month also stands for the 30th). A cheap SQL
 * pre-filter so the greeting list does not convert every contact's birthday;
 * birthdayDates decides exactly.
 */
export const birthdayKeysIn = (from: string, to: string): { solar: string[]; lunar: string[] } => {
  const solar = new Set<string>();
  const lunar = new Set<string>();
  const key = (m: number, d: number) => `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  for (let n = dayNumber(from); n <= dayNumber(to); n++) {
    const date = dateOfDay(n);
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    solar.add(key(m, d));
    if (m === 2 && d === 28 && !isLeapYear(y)) solar.add('02-29');
    const l = Solar.fromYmd(y, m, d).getLunar();
    if (l.getMonth() < 0) continue; // a leap month: nobody's birthday is written in one
    lunar.add(key(l.getMonth(), l.getDay()));
    if (l.getDay() === 29 && (LunarMonth.fromYm(l.getYear(), l.getMonth())?.getDayCount() ?? 29) === 29) lunar.add(key(l.getMonth(), 30));
  }
  return { solar: [...solar], lunar: [...lunar] };
};
