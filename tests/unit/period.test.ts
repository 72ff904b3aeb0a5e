import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMonths,
  growthRate,
  localDate,
  monthsOf,
  periodContaining,
  periodDays,
  periodRange,
  previousPeriod,
  resolvePeriod,
  samePeriodLastYear,
  type Period,
} from '../../src-shared/reports/period';

const span = (p: Period) => `${p.from}..${p.to}`;

describe('periodContaining', () => {
  it('starts a week on Monday, also across a year boundary', () => {
    // 2026-11-23 is a Monday, 2026-11-29 a Sunday.
    expect(span(periodContaining('week', '2026-11-23'))).toBe('2026-11-23..2026-11-29');
    expect(span(periodContaining('week', '2026-11-29'))).toBe('2026-11-23..2026-11-29');
    // 2026-01-01 is a Thursday: its week starts on Monday 2025-12-29.
    expect(span(periodContaining('week', '2026-01-01'))).toBe('2025-12-29..2026-01-04');
  });

  it('gives months, quarters and years their whole calendar span, February of a leap year included', () => {
    expect(span(periodContaining('month', '2024-02-10'))).toBe('2024-02-01..2024-02-29');
    expect(span(periodContaining('month', '2023-02-10'))).toBe('2023-02-01..2023-02-28');
    expect(span(periodContaining('quarter', '2026-11-23'))).toBe('2026-10-01..2026-12-31');
    expect(span(periodContaining('quarter', '2026-01-01'))).toBe('2026-01-01..2026-03-31');
    expect(span(periodContaining('year', '2026-06-30'))).toBe('2026-01-01..2026-12-31');
    expect(periodDays(periodContaining('year', '2024-06-30'))).toBe(366);
  });

  it('refuses a custom range that ends before it starts and a date that does not exist', () => {
    expect(() => resolvePeriod({ kind: 'custom', from: '2026-03-02', to: '2026-03-01' })).toThrow(RangeError);
    expect(() => resolvePeriod({ kind: 'day', anchor: '2023-02-29' })).toThrow(RangeError);
  });
});

describe('previousPeriod (环比)', () => {
  it.each([
    ['day', '2026-01-01', '2025-12-31..2025-12-31'],
    ['week', '2026-01-01', '2025-12-22..2025-12-28'],
    ['month', '2026-01-15', '2025-12-01..2025-12-31'],
    ['month', '2024-03-31', '2024-02-01..2024-02-29'],
    ['quarter', '2026-02-01', '2025-10-01..2025-12-31'],
    ['year', '2026-02-01', '2025-01-01..2025-12-31'],
  ] as const)('of the %s containing %s is %s', (kind, anchor, expected) => {
    expect(span(previousPeriod(periodContaining(kind, anchor)))).toBe(expected);
  });

  it('of a custom range is the same number of days just before it', () => {
    const p = resolvePeriod({ kind: 'custom', from: '2026-01-01', to: '2026-01-10' });
    expect(span(previousPeriod(p))).toBe('2025-12-22..2025-12-31');
    expect(periodDays(previousPeriod(p))).toBe(10);
  });
});

describe('samePeriodLastYear (同比)', () => {
  it('maps the leap day to 28 February', () => {
    expect(span(samePeriodLastYear(periodContaining('day', '2024-02-29')))).toBe('2023-02-28..2023-02-28');
    expect(span(samePeriodLastYear(resolvePeriod({ kind: 'custom', from: '2024-02-01', to: '2024-02-29' })))).toBe(
      '2023-02-01..2023-02-28',
    );
  });

  it('keeps months and quarters whole, into and out of a leap year', () => {
    expect(span(samePeriodLastYear(periodContaining('month', '2024-02-29')))).toBe('2023-02-01..2023-02-28');
    expect(span(samePeriodLastYear(periodContaining('month', '2025-02-15')))).toBe('2024-02-01..2024-02-29');
    expect(span(samePeriodLastYear(periodContaining('quarter', '2024-01-01')))).toBe('2023-01-01..2023-03-31');
  });

  it('crosses a year boundary', () => {
    expect(span(samePeriodLastYear(periodContaining('year', '2026-01-01')))).toBe('2025-01-01..2025-12-31');
    expect(span(samePeriodLastYear(periodContaining('day', '2026-01-01')))).toBe('2025-01-01..2025-01-01');
    expect(span(samePeriodLastYear(resolvePeriod({ kind: 'custom', from: '2025-12-15', to: '2026-01-15' })))).toBe(
      '2024-12-15..2025-01-15',
    );
  });

  it('takes the week 52 weeks earlier: the same weekdays', () => {
    const last = samePeriodLastYear(periodContaining('week', '2026-01-01'));
    expect(span(last)).toBe('2024-12-30..2025-01-05');
    expect(span(periodContaining('week', last.from))).toBe(span(last));
  });
});

describe('months and month arithmetic', () => {
  it('clamps the day to the target month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', -13)).toBe('2025-02-28');
  });
  it('lists the months a period touches', () => {
    expect(monthsOf(resolvePeriod({ kind: 'custom', from: '2025-11-30', to: '2026-02-01' }))).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('growthRate', () => {
  it('is the change over the previous value, and null (shown as —) when the previous value is 0', () => {
    expect(growthRate(150, 100)).toBe(0.5);
    expect(growthRate(50, 100)).toBe(-0.5);
    expect(growthRate(10, 0)).toBeNull();
    expect(growthRate(0, 0)).toBeNull();
  });
});

describe.each(['Asia/Shanghai', 'America/New_York', 'UTC'])('periodRange in the time zone %s', (tz) => {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.TZ;
    process.env.TZ = tz;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('runs from local midnight of the first day to local midnight after the last', () => {
    const { start, end } = periodRange(periodContaining('day', '2026-11-23'));
    const d = new Date(start);
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2026, 10, 23, 0, 0]);
    expect(localDate(end)).toBe('2026-11-24');
    expect(localDate(end - 1)).toBe('2026-11-23');
  });

  it('puts 23:59 local on the last day inside and 00:00 the next day outside', () => {
    const { start, end } = periodRange(periodContaining('year', '2025-05-05'));
    const lastMinute = new Date(2025, 11, 31, 23, 59).getTime();
    const nextDay = new Date(2026, 0, 1, 0, 0).getTime();
    expect(lastMinute >= start && lastMinute < end).toBe(true);
    expect(nextDay >= end).toBe(true);
  });

  it('gives a month with a daylight-saving change its real length', () => {
    // New York loses an hour in March 2026; Shanghai has no DST.
    const { start, end } = periodRange(periodContaining('month', '2026-03-10'));
    const hours = (end - start) / 3_600_000;
    expect(hours).toBe(tz === 'America/New_York' ? 31 * 24 - 1 : 31 * 24);
  });
});

describe('Asia/Shanghai semantics', () => {
  it('puts 2026-11-22T16:00Z (midnight in Shanghai) on 23 November', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      expect(localDate(Date.UTC(2026, 10, 22, 16, 0))).toBe('2026-11-23');
      expect(localDate(Date.UTC(2026, 10, 22, 15, 59))).toBe('2026-11-22');
      expect(periodRange(periodContaining('day', '2026-11-23')).start).toBe(Date.UTC(2026, 10, 22, 16, 0));
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
