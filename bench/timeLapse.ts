import type { Clock } from '../electron/core/clock.ts';
import type { Scheduler } from '../electron/core/scheduler.ts';

/**
 * A clock and scheduler that run `factor` times faster than real time, so a benchmark can go
 * through thousands of visits (thanks screen, cooldown) without waiting for them. Wall time is
 * real: events keep honest timestamps.
 */
export function timeLapse(factor: number): Clock & Scheduler {
  const start = performance.now();
  return {
    now: () => new Date(),
    monotonicMs: () => start + (performance.now() - start) * factor,
    setTimeout: (callback, ms) => {
      const handle = setTimeout(callback, ms / factor);
      handle.unref();
      return handle;
    },
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
}
