import type { Clock } from '../../src-shared/clock';

export type { Clock } from '../../src-shared/clock';

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests move by hand. */
export const manualClock = (start = Date.UTC(2026, 10, 23, 1, 0, 0)): Clock & { advance(ms: number): void; set(ms: number): void } => {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
    set(ms: number) {
      t = ms;
    },
  };
};
