import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, minutesDueDate, nextDate } from '../../src-shared/visits/workdays';

// The 2026 arrangement (国办发明电〔2025〕, as shipped in chinese-days): 中秋 9-25…9-27, 国庆 10-01…10-07,
// make-up working days Sunday 9-20 and Saturday 10-10; 春节 2-15…2-23 with make-up Saturdays 2-14 and 2-28.
describe('isWorkingDay', () => {
  it('knows the National Day week is off and its make-up Saturday is worked', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-10-07')).toBe(false);
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(isWorkingDay('2026-09-20')).toBe(true);
    expect(isWorkingDay('2026-10-11')).toBe(false);
  });

  it('treats ordinary weekdays as working days and weekends as rest days', () => {
    expect(isWorkingDay('2026-11-23')).toBe(true);
    expect(isWorkingDay('2026-11-21')).toBe(false);
    expect(isWorkingDay('2026-11-22')).toBe(false);
  });
});

describe('minutesDueDate (2 working days after the meeting)', () => {
  it('jumps the National Day week: a meeting on Wednesday 2026-09-30 is due Friday 2026-10-09', () => {
    expect(minutesDueDate('2026-09-30')).toBe('2026-10-09');
  });

  it('counts the make-up Saturday 2026-10-10: a meeting on Friday 2026-10-09 is due Monday 2026-10-12, not Tuesday', () => {
    expect(minutesDueDate('2026-10-09')).toBe('2026-10-12');
  });

  it('counts the make-up Sunday 2026-09-20: a meeting on Friday 2026-09-18 is due Monday 2026-09-21', () => {
    expect(minutesDueDate('2026-09-18')).toBe('2026-09-21');
  });

  it('skips a normal weekend: a meeting on Friday 2026-11-20 is due Tuesday 2026-11-24', () => {
    expect(minutesDueDate('2026-11-20')).toBe('2026-11-24');
  });

  it('counts from the first working day when the meeting itself is on a holiday', () => {
    expect(minutesDueDate('2026-10-03')).toBe('2026-10-09');
  });

  it('spans the Spring Festival: Friday 2026-02-13 → make-up Saturday 02-14, then Tuesday 02-24', () => {
    expect(minutesDueDate('2026-02-13')).toBe('2026-02-24');
  });

  it('is the next working day for n = 1 and the date itself for n = 0', () => {
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23');
    expect(addWorkingDays('2026-11-20', 0)).toBe('2026-11-20');
  });
});

describe('nextDate', () => {
  it('rolls over months, years and leap days', () => {
    expect(nextDate('2026-01-31')).toBe('2026-02-01');
    expect(nextDate('2026-12-31')).toBe('2027-01-01');
    expect(nextDate('2028-02-28')).toBe('2028-02-29');
  });

  it('refuses text that is not a date', () => {
    expect(() => nextDate('2026/01/01')).toThrow(RangeError);
  });
});
