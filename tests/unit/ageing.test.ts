import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, ageingBucket, ageingBucketOn, ageingBuckets, ageingDueRange } from '../../src-shared/orders/logic';

/** The one definition of receivable ageing: the bucket of a due date, the due dates of a bucket and the string-compare bucketer agree. */
describe('receivable ageing', () => {
  it('gives each bucket its due dates on a day', () => {
    const today = '2026-11-23';
    expect(ageingBuckets.map((b) => ageingDueRange(b, today))).toEqual([
      { from: '2026-11-23' },
      { from: '2026-10-24', to: '2026-11-22' },
      { from: '2026-09-24', to: '2026-10-23' },
      { from: '2026-08-25', to: '2026-09-23' },
      { to: '2026-08-24' },
    ]);
  });

  it('puts every due date in the bucket whose range holds it, by date or by string', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2020-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: -200, max: 400 }), (today, back) => {
        const due = addDays(today, -back);
        const bucket = ageingBucket(due, today);
        expect(ageingBucketOn(today)(due)).toBe(bucket);
        const { from, to } = ageingDueRange(bucket, today);
        expect(from === undefined || due >= from).toBe(true);
        expect(to === undefined || due <= to).toBe(true);
      }),
    );
  });
});
