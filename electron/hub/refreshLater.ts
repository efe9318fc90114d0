import type { Clock } from '../core/clock.ts';
import type { Scheduler } from '../core/scheduler.ts';

/**
 * Changes of the snapshot that no event makes: a finished visit stops being rateable `rateSeconds`
 * after it ended (the snapshot's `lastFinished` turns null by the clock). The live streams are told
 * then too, so a window terminal does not keep inviting a rating for a visit the hub no longer links.
 * One timer at a time, for the earliest moment due (monotonic: a wall clock set back does not delay it).
 */
export interface RefreshLater {
  /** `refresh` runs `ms` from now (and once for all moments that fall due together). */
  after(ms: number): void;
  stop(): void;
}

export function refreshLater(options: { clock: Clock; scheduler: Scheduler; refresh: () => void }): RefreshLater {
  const due: number[] = [];
  let timer: unknown = null;
  let armedFor = Infinity;
  let stopped = false;

  const arm = (): void => {
    const next = due[0];
    if (stopped || next === undefined || next >= armedFor) return;
    if (timer !== null) options.scheduler.clearTimeout(timer);
    armedFor = next;
    timer = options.scheduler.setTimeout(fire, Math.max(0, next - options.clock.monotonicMs()));
  };

  function fire(): void {
    timer = null;
    armedFor = Infinity;
    const now = options.clock.monotonicMs();
    let fell = false;
    while (due[0] !== undefined && due[0] <= now) {
      due.shift();
      fell = true;
    }
    if (fell) options.refresh();
    arm();
  }

  return {
    after(ms) {
      if (stopped) return;
      const at = options.clock.monotonicMs() + ms;
      // Kept sorted; in practice every delay is the same (rateSeconds), so this appends.
      let index = due.length;
      while (index > 0 && (due[index - 1] ?? 0) > at) index -= 1;
      due.splice(index, 0, at);
      arm();
    },
    stop() {
      stopped = true;
      due.length = 0;
      if (timer !== null) options.scheduler.clearTimeout(timer);
      timer = null;
    },
  };
}
