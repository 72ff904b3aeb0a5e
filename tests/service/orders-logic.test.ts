import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abcGrades,
  abcPeriod,
  abcThresholds,
  gradeOf,
  shiftCut,
  sumAbove,
  walkCut,
  type AmountIndex,
  type Cut,
  addMonths,
  ageingBucket,
  defaultOrderRules,
  isChurnRisk,
  lineAmount,
  medianInterval,
  nextStatus,
  overdueDays,
  salesLevel,
} from '../../src-shared/orders/logic';

const grades = (amounts: Record<string, number>, a = 80, b = 95) =>
  Object.fromEntries(abcGrades(new Map(Object.entries(amounts)), a, b));

describe('ABC grades', () => {
  it('grades by the cumulative share before each customer (80 % / 95 %)', () => {
    // before: a 0 %, b 50 %, c 80 % (not < 80 → B), d 90 %, e 95 % (not < 95 → C)
    expect(grades({ a: 50, b: 30, c: 10, d: 5, e: 5 })).toEqual({ a: 'A', b: 'A', c: 'B', d: 'B', e: 'B' });
    expect(grades({ a: 50, b: 30, c: 10, d: 5, e: 3, f: 2 })).toEqual({ a: 'A', b: 'A', c: 'B', d: 'B', e: 'C', f: 'C' });
  });

  it('makes the customer straddling the 80 % line A', () => {
    // b runs from 50 % to 90 %: the share before it (50 %) is below 80 %.
    expect(grades({ a: 50, b: 40, c: 6, d: 4 })).toEqual({ a: 'A', b: 'A', c: 'B', d: 'C' });
  });

  it('gives tied customers the same (better) grade', () => {
    // b, c, d tie: the share before each of them counts only larger amounts (40 %).
    expect(grades({ a: 40, b: 20, c: 20, d: 20 })).toEqual({ a: 'A', b: 'A', c: 'A', d: 'A' });
    // Ties straddling the 95 % line: both before = 90 % → B.
    expect(grades({ a: 80, b: 10, c: 5, d: 5 })).toEqual({ a: 'A', b: 'B', c: 'B', d: 'B' });
  });

  it('leaves customers without sales in the period ungraded', () => {
    expect(grades({ a: 100, b: 0 })).toEqual({ a: 'A', b: null });
    expect(grades({ a: 0 })).toEqual({ a: null });
  });

  it('uses configurable thresholds', () => {
    expect(grades({ a: 50, b: 30, c: 10, d: 10 }, 50, 80)).toEqual({ a: 'A', b: 'B', c: 'C', d: 'C' });
  });

  it('never grades a larger customer below a smaller one, and the first customer is always A', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 60 }), (amounts) => {
        const m = new Map(amounts.map((a, i) => [String(i), a]));
        const g = abcGrades(m, 80, 95);
        const rank = { A: 0, B: 1, C: 2 } as const;
        const byAmount = [...m].sort((x, y) => y[1] - x[1]);
        expect(g.get(byAmount[0]![0])).toBe('A');
        for (let i = 1; i < byAmount.length; i++) {
          expect(rank[g.get(byAmount[i]![0])!]).toBeGreaterThanOrEqual(rank[g.get(byAmount[i - 1]![0])!]);
        }
      }),
    );
  });

  it('takes the last 12 months ending today as the period', () => {
    expect(abcPeriod('2026-11-23', 12)).toEqual({ start: '2025-11-24', end: '2026-11-23' });
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
});

describe('lifecycle level from orders', () => {
  const rules = defaultOrderRules;
  it('counts first purchase, repeat, loyal (4 orders inside 12 months) and a total rule', () => {
    expect(salesLevel([], 0, rules)).toBe('none');
    expect(salesLevel(['2025-01-01'], 100, rules)).toBe('first_purchase');
    expect(salesLevel(['2025-01-01', '2025-06-01'], 200, rules)).toBe('repeat');
    // 4 orders, but never 4 within 12 months
    expect(salesLevel(['2023-01-01', '2023-06-01', '2024-01-01', '2024-06-01'], 400, rules)).toBe('repeat');
    expect(salesLevel(['2023-01-01', '2024-02-01', '2024-06-01', '2024-09-01', '2024-12-31'], 500, rules)).toBe('loyal');
    expect(salesLevel(['2025-01-01'], 1_000_000, { ...rules, loyalMinTotal: 1_000_000 })).toBe('loyal');
  });

  it('never moves lost customers and sends customers with no orders left back to target', () => {
    expect(nextStatus('potential', 'first_purchase')).toBe('first_purchase');
    expect(nextStatus('first_purchase', 'repeat')).toBe('repeat');
    expect(nextStatus('repeat', 'repeat')).toBeNull();
    expect(nextStatus('lost', 'loyal')).toBeNull();
    expect(nextStatus('permanently_lost', 'repeat')).toBeNull();
    expect(nextStatus('repeat', 'none')).toBe('target');
    expect(nextStatus('potential', 'none')).toBeNull();
    expect(nextStatus('loyal', 'repeat')).toBe('repeat');
  });
});

describe('purchase interval and churn risk', () => {
  it('takes the median gap between distinct order dates', () => {
    expect(medianInterval(['2026-01-01'])).toBeNull();
    expect(medianInterval(['2026-01-01', '2026-01-01'])).toBeNull();
    expect(medianInterval(['2026-01-01', '2026-01-31', '2026-03-02', '2026-06-10'])).toBe(30);
    expect(medianInterval(['2026-01-01', '2026-01-11', '2026-02-10'])).toBe(20);
  });

  it('flags no order or contact for more than 1.5 × the interval', () => {
    expect(isChurnRisk(30, '2026-01-01', null, '2026-02-15', 1.5)).toBe(false); // 45 days: not more than 45
    expect(isChurnRisk(30, '2026-01-01', null, '2026-02-16', 1.5)).toBe(true);
    expect(isChurnRisk(30, '2026-01-01', '2026-02-10', '2026-02-16', 1.5)).toBe(false); // a recent contact
    expect(isChurnRisk(null, '2026-01-01', null, '2027-01-01', 1.5)).toBe(false);
  });
});

describe('receivables ageing and amounts', () => {
  it('buckets by days past the due date', () => {
    const today = '2026-11-23';
    expect(ageingBucket('2026-11-23', today)).toBe('not_due');
    expect(ageingBucket('2026-12-01', today)).toBe('not_due');
    expect(ageingBucket('2026-11-22', today)).toBe('d1_30');
    expect(ageingBucket('2026-10-24', today)).toBe('d1_30');
    expect(ageingBucket('2026-10-23', today)).toBe('d31_60');
    expect(ageingBucket('2026-09-24', today)).toBe('d31_60');
    expect(ageingBucket('2026-09-23', today)).toBe('d61_90');
    expect(ageingBucket('2026-08-25', today)).toBe('d61_90');
    expect(ageingBucket('2026-08-24', today)).toBe('d90_plus');
    expect(overdueDays('2026-08-24', today)).toBe(91);
  });

  it('rounds line amounts to the fen', () => {
    expect(lineAmount(3, 1999)).toBe(5997);
    expect(lineAmount(2.5, 333)).toBe(833); // 832.5 → 833
    expect(lineAmount(0.1, 30)).toBe(3);
  });
});

describe('incremental ABC cut points', () => {
  /** An AmountIndex over a plain list (what the database index answers). */
  const arrayIndex = (amounts: number[]): AmountIndex => {
    const pos = amounts.filter((a) => a > 0);
    return {
      nextAbove: (v) => pos.filter((a) => a > v).reduce<number | null>((m, a) => (m === null || a < m ? a : m), null),
      nextBelow: (v) => pos.filter((a) => a < v).reduce<number | null>((m, a) => (m === null || a > m ? a : m), null),
      groupSum: (v) => pos.filter((a) => a === v).reduce((s, a) => s + a, 0),
      max: () => (pos.length ? Math.max(...pos) : null),
    };
  };
  const full = (amounts: number[], a: number, b: number) => abcThresholds(amounts.filter((x) => x > 0).sort((x, y) => y - x), a, b);

  it('walks to the same thresholds as a full recomputation after any sequence of single changes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 60 })), { minLength: 1, maxLength: 30 }),
        (start, changes) => {
          const amounts = [...start];
          const t0 = full(amounts, 80, 95);
          const sorted = amounts.filter((x) => x > 0).sort((x, y) => y - x);
          let cutA: Cut = { min: t0.minA, above: sumAbove(sorted, t0.minA) };
          let cutB: Cut = { min: t0.minB, above: sumAbove(sorted, t0.minB) };
          let total = t0.total;
          for (const [at, value] of changes) {
            const i = at % amounts.length;
            const before = amounts[i]!;
            amounts[i] = value;
            total += Math.max(0, value) - Math.max(0, before);
            const idx = arrayIndex(amounts);
            cutA = walkCut(idx, shiftCut(cutA, before, value), 80, total)!;
            cutB = walkCut(idx, shiftCut(cutB, before, value), 95, total)!;
            const want = full(amounts, 80, 95);
            const got = { minA: cutA.min, minB: Math.min(cutB.min, cutA.min), total };
            for (const x of amounts) expect(gradeOf(x, got)).toBe(gradeOf(x, want));
            expect(cutA.above).toBe(sumAbove(amounts.filter((x) => x > 0).sort((x, y) => y - x), cutA.min));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
