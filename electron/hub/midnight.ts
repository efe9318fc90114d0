import type { Clock } from '../core/clock.ts';
import type { Scheduler } from '../core/scheduler.ts';
import { localTime } from '../core/tickets/localTime.ts';

/**
 * The office's local midnight, when the queue's day ends (waiting tickets expire). Found by search,
 * not by adding 24 hours, so days of 23 or 25 hours (a time zone that still changes its clocks) end
 * at their real midnight.
 */
export function nextLocalMidnight(now: Date, timeZone: string): Date {
  const today = localTime(now, timeZone).day;
  let before = now.getTime();
  // No local day is longer than 26 hours (DST change plus a zone moving its offset the same night).
  let after = before + 26 * 3_600_000;
  if (localTime(new Date(after), timeZone).day === today) return new Date(after);
  while (after - before > 1) {
    const middle = before + Math.floor((after - before) / 2);
    if (localTime(new Date(middle), timeZone).day === today) before = middle;
    else after = middle;
  }
  return new Date(after);
}

/** Longest sleep between looks at the clock: a wall clock set forward (NTP, a technician) is noticed within it. */
export const MAX_SLEEP_MS = 10 * 60_000;

/**
 * Calls `onMidnight` when the office's local midnight has passed (and every `MAX_SLEEP_MS` after
 * that it has nothing to do: `onMidnight` must be a no-op when the day has not changed).
 */
export function startMidnightTimer(options: { clock: Clock; scheduler: Scheduler; timeZone: string; onMidnight: () => void }): { stop(): void } {
  let handle: unknown = null;
  let stopped = false;
  const arm = (): void => {
    if (stopped) return;
    const now = options.clock.now();
    const wait = Math.min(MAX_SLEEP_MS, Math.max(0, nextLocalMidnight(now, options.timeZone).getTime() - now.getTime()) + 50);
    handle = options.scheduler.setTimeout(() => {
      handle = null;
      options.onMidnight();
      arm();
    }, wait);
  };
  arm();
  return {
    stop() {
      stopped = true;
      if (handle !== null) options.scheduler.clearTimeout(handle);
      handle = null;
    },
  };
}
