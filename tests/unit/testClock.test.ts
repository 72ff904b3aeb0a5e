import { afterEach, describe, expect, it } from 'vitest';
import { parseTestNow, runningClock, testNowFromEnv } from '../../src-main/bridge/testClock';

const original = process.env.TZ;
afterEach(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

describe('TUOKE_TEST_NOW', () => {
  it('reads a time without an offset in the process’s zone', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(parseTestNow('2026-12-31T23:30')).toBe(Date.UTC(2026, 11, 31, 15, 30));
    process.env.TZ = 'UTC';
    expect(parseTestNow('2026-12-31T23:30')).toBe(Date.UTC(2026, 11, 31, 23, 30));
  });

  it('reads Z and numeric offsets, seconds and milliseconds', () => {
    expect(parseTestNow('2026-11-25T02:00:00Z')).toBe(Date.UTC(2026, 10, 25, 2));
    expect(parseTestNow('2026-11-25T10:00:00+08:00')).toBe(Date.UTC(2026, 10, 25, 2));
    expect(parseTestNow('2026-11-24T21:00-05:00')).toBe(Date.UTC(2026, 10, 25, 2));
    expect(parseTestNow('2026-11-25T02:00:00.5Z')).toBe(Date.UTC(2026, 10, 25, 2, 0, 0, 500));
    expect(parseTestNow('2028-02-29T12:00Z')).toBe(Date.UTC(2028, 1, 29, 12));
  });

  it('refuses what is not a real date-time, naming the expected form', () => {
    for (const bad of ['', 'tomorrow', '2026-12-06', '2027-02-29T10:00', '2026-13-01T10:00', '2026-12-06T24:00', '2026-12-06 10:00', '1765000000000']) {
      expect(() => parseTestNow(bad), bad).toThrow(/TUOKE_TEST_NOW must be an ISO date-time/);
    }
  });

  it('is unset when the variable is absent or empty', () => {
    expect(testNowFromEnv({})).toBeUndefined();
    expect(testNowFromEnv({ TUOKE_TEST_NOW: ' ' })).toBeUndefined();
    expect(testNowFromEnv({ TUOKE_TEST_NOW: '2026-11-25T02:00Z' })).toBe(Date.UTC(2026, 10, 25, 2));
    expect(() => testNowFromEnv({ TUOKE_TEST_NOW: 'now' })).toThrow(RangeError);
  });
});

describe('runningClock', () => {
  it('starts at the pinned instant and runs with the real clock', () => {
    let real = 1_000_000;
    const clock = runningClock(Date.UTC(2026, 11, 6, 2), () => real);
    expect(clock.now()).toBe(Date.UTC(2026, 11, 6, 2));
    real += 90_000;
    expect(clock.now()).toBe(Date.UTC(2026, 11, 6, 2) + 90_000);
  });
});
