/**
 * A pinned clock for tests: TUOKE_TEST_NOW=<ISO date-time> makes the test
 * bridge (and the test helpers) start their clock at that instant and run it
 * forward with real elapsed time, so a test sees the same calendar on every
 * day it runs. Only the bridge and the tests read it: the Electron app and the
 * CLI always use the system clock.
 *
 * Accepted: 'YYYY-MM-DDTHH:mm[:ss[.sss]]' with an optional 'Z' or '±HH:mm'.
 * Without an offset it is the local time of the process's time zone (TZ), so
 * TZ=Asia/Shanghai TUOKE_TEST_NOW=2026-12-31T23:30 is half past eleven on New
 * Year's Eve in Shanghai.
 */
import type { Clock } from '../services/clock';

export const TEST_NOW_ENV = 'TUOKE_TEST_NOW';

const FORM = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/** The instant a TUOKE_TEST_NOW value names; throws a RangeError naming the expected form otherwise. */
export const parseTestNow = (value: string): number => {
  const m = FORM.exec(value.trim());
  const fail = (): never => {
    throw new RangeError(`${TEST_NOW_ENV} must be an ISO date-time like 2026-11-25T10:00 or 2026-11-25T02:00:00Z, not "${value}"`);
  };
  if (!m) return fail();
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  // A real calendar date and time of day (2027-02-29 and 24:00 are not).
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return fail();
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  if (m[8]) {
    const offset = m[8] === 'Z' ? 0 : (m[8].startsWith('-') ? -1 : 1) * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4, 6)));
    return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset * 60_000;
  }
  return new Date(y, mo - 1, d, h, mi, s, ms).getTime();
};

/** The pinned instant from the environment, or undefined when TUOKE_TEST_NOW is not set (empty counts as not set). */
export const testNowFromEnv = (env: NodeJS.ProcessEnv = process.env): number | undefined => {
  const value = env[TEST_NOW_ENV];
  return value === undefined || value.trim() === '' ? undefined : parseTestNow(value);
};

/** A clock that reads `start` now and then runs forward with the real clock's elapsed time. */
export const runningClock = (start: number, real: () => number = Date.now): Clock => {
  const origin = real();
  return { now: () => start + (real() - origin) };
};
