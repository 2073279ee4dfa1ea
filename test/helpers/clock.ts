/** A clock for tests: time moves only when told, and waits return at once. */
import type { Clock } from '../../core/deps.ts';

/**
 * A fake clock: `now()` moves only when told, and `sleep()` records how long it was asked to wait,
 * moves the clock by that much, and resolves at once (or rejects if its signal is aborted).
 */
export interface FakeClock extends Clock {
  /** Every `sleep` duration asked for, in order. */
  readonly sleeps: number[];
  advance(ms: number): void;
  set(ms: number): void;
}

export function fakeClock(start = Date.UTC(2026, 0, 23, 12, 0, 0)): FakeClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    advance: (ms) => void (t += ms),
    set: (ms) => void (t = ms),
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      t += ms;
    },
  };
}
