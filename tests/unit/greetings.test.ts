import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeGreetings, type BirthdayContact } from '../../src-main/services/activities/greetings';
import { birthdayDates, birthdayKeysIn, dateOfDay, dayNumber, holidaysOf, lunarLabel, lunarToSolar } from '../../src-main/services/activities/lunar';

const person = (name: string, birthday: string, lunar = false): BirthdayContact => ({
  contactId: `id-${name}`,
  contactName: name,
  contactTitle: '经理',
  customerId: 'c1',
  customerName: '杭州星辰信息科技有限公司',
  phone: '13800138000',
  address: '杭州市西湖区文三路 1 号',
  birthday,
  lunar,
});

describe('holidaysOf', () => {
  it('puts the lunar holidays on their solar dates in 2026', () => {
    expect(Object.fromEntries(holidaysOf(2026).map((h) => [h.holiday, h.date]))).toEqual({
      new_year: '2026-01-01',
      spring_festival: '2026-02-17',
      lantern: '2026-03-03',
      dragon_boat: '2026-06-19',
      mid_autumn: '2026-09-25',
      national_day: '2026-10-01',
    });
  });

  it('moves them in 2027', () => {
    const h = Object.fromEntries(holidaysOf(2027).map((x) => [x.holiday, x.date]));
    expect(h.spring_festival).toBe('2027-02-06');
    expect(h.lantern).toBe('2027-02-20');
    expect(h.dragon_boat).toBe('2027-06-09');
    expect(h.mid_autumn).toBe('2027-09-15');
  });
});

describe('lunar birthdays', () => {
  it('fall on the same lunar month and day each year', () => {
    // 八月十五 is 中秋: 2026-09-25, 2027-09-15.
    expect(birthdayDates('1975-08-15', true, '2026-01-01', '2027-12-31').map((d) => d.date)).toEqual(['2026-09-25', '2027-09-15']);
    // 'MM-DD' without a year works the same.
    expect(birthdayDates('08-15', true, '2026-09-20', '2026-09-30')).toEqual([{ date: '2026-09-25', shifted: false }]);
  });

  it('move the 30th of a month that has only 29 days that year to the 29th', () => {
    // 腊月 of lunar 2026 has 29 days: 腊月三十 does not exist; the birthday comes on 腊月廿九 = 2027-02-05 (除夕).
    expect(lunarToSolar(2026, 12, 30)).toEqual({ date: '2027-02-05', shifted: true });
    // 正月 of 2026 has 30 days: no shift.
    expect(lunarToSolar(2026, 1, 30)).toEqual({ date: '2026-03-18', shifted: false });
    expect(lunarLabel(12, 30)).toBe('腊月三十');
    expect(lunarLabel(1, 1)).toBe('正月初一');
  });

  it('use the ordinary month in a year with a leap month of the same number', () => {
    // Lunar 2025 has a leap 6th month (闰六月, from 2025-07-25): 六月初十 is only the ordinary month's, 2025-07-04.
    expect(birthdayDates('1990-06-10', true, '2025-06-01', '2025-09-30')).toEqual([{ date: '2025-07-04', shifted: false }]);
  });

  it('find a lunar birthday across the solar year end', () => {
    // 冬月廿五 of lunar 2026 = 2027-01-02.
    const items = computeGreetings('2026-12-28', 7, [person('孙丽', '1982-11-25', true)]);
    const b = items.filter((i) => i.kind === 'birthday');
    expect(b).toHaveLength(1);
    expect(b[0]).toMatchObject({ date: '2027-01-02', daysAway: 5, lunar: true, lunarLabel: '冬月廿五' });
  });
});

describe('computeGreetings', () => {
  it('lists holidays and solar birthdays in the window across a year end, in date order', () => {
    const items = computeGreetings('2026-12-28', 7, [person('王芳', '1985-01-03'), person('陈明', '1990-12-27'), person('赵强', '1979-12-30')]);
    expect(items.map((i) => [i.date, i.kind === 'holiday' ? i.holiday : i.contactName, i.daysAway])).toEqual([
      ['2026-12-30', '赵强', 2],
      ['2027-01-01', 'new_year', 4],
      ['2027-01-03', '王芳', 6],
    ]);
    expect(items[0]).toMatchObject({ phone: '13800138000', address: '杭州市西湖区文三路 1 号', customerName: '杭州星辰信息科技有限公司' });
  });

  it('includes today and the last day of the window, and nothing after', () => {
    const items = computeGreetings('2026-09-24', 7, [person('今天', '2000-09-24'), person('第七天', '2000-10-01'), person('第八天', '2000-10-02')]);
    expect(items.map((i) => i.contactName ?? i.holiday)).toEqual(['今天', 'mid_autumn', 'national_day', '第七天']);
  });

  it('greets a 29 February birthday on 28 February in a common year', () => {
    const items = computeGreetings('2027-02-25', 7, [person('闰日', '1996-02-29')]);
    expect(items.filter((i) => i.kind === 'birthday')).toMatchObject([{ date: '2027-02-28', shifted: true }]);
    expect(computeGreetings('2028-02-25', 7, [person('闰日', '1996-02-29')]).filter((i) => i.kind === 'birthday')).toMatchObject([
      { date: '2028-02-29', shifted: false },
    ]);
  });

  it('ignores birthdays it cannot read', () => {
    expect(computeGreetings('2026-11-23', 7, [person('坏', '生日不详'), person('坏2', '2000-13-01')]).filter((i) => i.kind === 'birthday')).toEqual([]);
  });
});

describe('birthdayKeysIn (the SQL pre-filter of the greeting list)', () => {
  it('never leaves out a birthday that falls in the window', () => {
    const start = dayNumber('2024-01-01');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 6 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.boolean(),
        (offset, days, month, day, lunar) => {
          const from = dateOfDay(start + offset);
          const to = dateOfDay(start + offset + days);
          const birthday = `1980-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          if (birthdayDates(birthday, lunar, from, to).length === 0) return;
          const keys = birthdayKeysIn(from, to);
          expect(lunar ? keys.lunar : keys.solar).toContain(birthday.slice(5));
        },
      ),
      { numRuns: 300 },
    );
  });
});
