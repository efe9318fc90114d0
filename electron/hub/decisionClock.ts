import type { Clock } from '../core/clock.ts';

/**
 * The hub's clock, which can be held still while a decision is recorded: the rules decide with one
 * `now`, and every event of that decision must carry exactly that time as its occurredAt (the journal
 * stamps events with its clock), so a replay of the journal gives the same waits and service times.
 */
export interface DecisionClock extends Clock {
  /** Runs `act` with now() fixed at `at`. */
  heldAt<T>(at: Date, act: () => T): T;
}

export function decisionClock(inner: Clock): DecisionClock {
  let held: Date | null = null;
  return {
    now: () => (held === null ? inner.now() : new Date(held.getTime())),
    monotonicMs: () => inner.monotonicMs(),
    heldAt(at, act) {
      const before = held;
      held = at;
      try {
        return act();
      } finally {
        held = before;
      }
    },
  };
}
