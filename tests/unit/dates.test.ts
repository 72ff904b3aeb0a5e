import { afterEach, describe, expect, it } from 'vitest';
import {
  calendarDate,
  endOfLocalDay,
  fileStamp,
  localDate,
  localDateTime,
  localDateTimeInput,
  localTime,
  localTimestamp,
  startOfLocalDay,
  utcDate,
} from '../../src-shared/dates';

/**
 * The local-date helper reads the process's time zone. Node re-reads TZ when
 * process.env.TZ is assigned, so each case picks its zone and the file puts
 * the original back afterwards.
 */
const original = process.env.TZ;
const inZone = (zone: string): void => {
  process.env.TZ = zone;
};
afterEach(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

// 2026-12-06 23:30 UTC is already Monday 07:30 on 2026-12-07 in Shanghai.
const LATE_UTC = Date.UTC(2026, 11, 6, 23, 30);
// 00:30 on 2026-12-07 in Shanghai is still 2026-12-06 in UTC: toISOString() says yesterday.
const HALF_PAST_MIDNIGHT_SHANGHAI = Date.UTC(2026, 11, 6, 16, 30, 5);

describe('localDate, localDateTime, fileStamp in Asia/Shanghai', () => {
  it('2026-12-06T23:30Z is the morning of the 7th', () => {
    inZone('Asia/Shanghai');
    expect(localDate(LATE_UTC)).toBe('2026-12-07');
    expect(localDateTime(LATE_UTC)).toBe('2026-12-07 07:30');
    expect(fileStamp(LATE_UTC)).toBe('20261207-073000');
  });

  it('00:30 local is today, where toISOString() still says yesterday', () => {
    inZone('Asia/Shanghai');
    expect(new Date(HALF_PAST_MIDNIGHT_SHANGHAI).toISOString().slice(0, 10)).toBe('2026-12-06');
    expect(localDate(HALF_PAST_MIDNIGHT_SHANGHAI)).toBe('2026-12-07');
    expect(localDateTime(HALF_PAST_MIDNIGHT_SHANGHAI)).toBe('2026-12-07 00:30');
    expect(fileStamp(HALF_PAST_MIDNIGHT_SHANGHAI)).toBe('20261207-003005');
  });

  it('takes a Date as well as epoch ms', () => {
    inZone('Asia/Shanghai');
    expect(localDate(new Date(LATE_UTC))).toBe(localDate(LATE_UTC));
    expect(localDateTime(new Date(LATE_UTC))).toBe(localDateTime(LATE_UTC));
    expect(fileStamp(new Date(LATE_UTC))).toBe(fileStamp(LATE_UTC));
  });

  it('New Year’s Eve 23:30 and a leap day stay on their own dates', () => {
    inZone('Asia/Shanghai');
    const eve = new Date(2026, 11, 31, 23, 30).getTime();
    expect(localDateTime(eve)).toBe('2026-12-31 23:30');
    expect(fileStamp(eve)).toBe('20261231-233000');
    expect(localDate(eve + 30 * 60_000)).toBe('2027-01-01');
    expect(localDate(new Date(2028, 1, 29, 0, 0))).toBe('2028-02-29');
    expect(localDate(new Date(2028, 1, 29, 23, 59, 59))).toBe('2028-02-29');
  });

  it('24-hour times, zero-padded', () => {
    inZone('Asia/Shanghai');
    expect(localDateTime(new Date(2027, 0, 5, 15, 4))).toBe('2027-01-05 15:04');
    expect(fileStamp(new Date(2027, 0, 5, 9, 4, 7))).toBe('20270105-090407');
  });

  it('start and end of the local day', () => {
    inZone('Asia/Shanghai');
    expect(startOfLocalDay(LATE_UTC)).toBe(Date.UTC(2026, 11, 6, 16, 0));
    expect(endOfLocalDay(LATE_UTC)).toBe(Date.UTC(2026, 11, 7, 16, 0));
    expect(endOfLocalDay(Date.UTC(2026, 11, 7, 16, 0))).toBe(Date.UTC(2026, 11, 8, 16, 0));
  });
});

describe('the same instants in other zones', () => {
  it('UTC', () => {
    inZone('UTC');
    expect(localDate(LATE_UTC)).toBe('2026-12-06');
    expect(localDateTime(LATE_UTC)).toBe('2026-12-06 23:30');
    expect(fileStamp(LATE_UTC)).toBe('20261206-233000');
    expect(localDate(HALF_PAST_MIDNIGHT_SHANGHAI)).toBe('2026-12-06');
    expect(startOfLocalDay(LATE_UTC)).toBe(Date.UTC(2026, 11, 6));
  });

  it('a zone west of UTC (New York) is still on the 6th', () => {
    inZone('America/New_York');
    expect(localDateTime(LATE_UTC)).toBe('2026-12-06 18:30');
    expect(fileStamp(LATE_UTC)).toBe('20261206-183000');
  });
});

describe('the other shapes: time of day, input values, to the millisecond, UTC calendar days', () => {
  it('localTime, localDateTimeInput and localTimestamp read the local zone', () => {
    inZone('Asia/Shanghai');
    expect(localTime(HALF_PAST_MIDNIGHT_SHANGHAI)).toBe('00:30');
    expect(localDateTimeInput(HALF_PAST_MIDNIGHT_SHANGHAI)).toBe('2026-12-07T00:30');
    expect(localTimestamp(HALF_PAST_MIDNIGHT_SHANGHAI + 7)).toBe('2026-12-07 00:30:05.007');
    inZone('America/New_York');
    expect(localTime(LATE_UTC)).toBe('18:30');
    expect(localDateTimeInput(LATE_UTC)).toBe('2026-12-06T18:30');
  });

  it('utcDate reads the UTC fields whatever the zone (calendar arithmetic), calendarDate takes the parts', () => {
    for (const zone of ['Asia/Shanghai', 'America/New_York', 'UTC']) {
      inZone(zone);
      expect(utcDate(Date.UTC(2028, 1, 29))).toBe('2028-02-29');
      expect(utcDate(new Date(HALF_PAST_MIDNIGHT_SHANGHAI))).toBe('2026-12-06');
    }
    expect(calendarDate(2026, 3, 7)).toBe('2026-03-07');
    expect(calendarDate(999, 12, 31)).toBe('0999-12-31');
  });
});
