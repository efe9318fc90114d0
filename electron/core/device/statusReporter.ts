import type { DeviceStatusPayload } from '../../../shared/events.ts';
import type { Clock } from '../clock.ts';
import type { Scheduler } from '../scheduler.ts';
import { decide, DEFAULT_STATUS_POLICY, settle, type ReportedStates, type StatusMemory, type StatusPolicy } from './statusEvents.ts';

/**
 * Records `device.status` events as ./statusEvents.ts decides, on the injected clock and scheduler. It
 * owns one timer (the next heartbeat, or the end of a change's gap); a poke (something the status shows
 * changed) only asks for a look on the next tick, so it never writes from inside the caller's own
 * journal write. A write that fails is counted and reported once: the next attempt is a change after
 * the gap or the next heartbeat, never a retry in a loop.
 */

/** The payload but for what the reporter adds itself (reason, failedWrites) and the states. */
export type StatusDetails = Omit<DeviceStatusPayload, 'reason' | 'failedWrites' | keyof ReportedStates>;

export interface StatusSources {
  /** The states now; asked on every poke, so it must be cheap (no journal reads). */
  states(): ReportedStates;
  /** The rest, read only when a status is recorded (the backlog is a count in the journal). */
  details(): StatusDetails;
}

export interface StatusReporterOptions {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly sources: StatusSources;
  /** Appends the event to the journal; throws when the journal refuses it. */
  readonly record: (payload: DeviceStatusPayload) => void;
  /** A write (or reading the details) failed; already counted in failedWrites. */
  readonly onWriteFailed?: (error: unknown) => void;
  readonly policy?: StatusPolicy;
  /**
   * The first status waits at most this long while the box or the hub link is still connecting, so it
   * shows where they landed rather than "connecting" and a change a minute later. Without either it is
   * recorded at once, and goes in the first batch with device.started.
   */
  readonly startWaitMs?: number;
}

export interface StatusReporter {
  /** Begins: the first status now, or once the box and the hub link landed (startWaitMs at most), then as decided. */
  start(): void;
  /** Something a status shows may have changed: look on the next tick. */
  poke(): void;
  /** device.status events that could not be written since start. */
  failedWrites(): number;
  stop(): void;
}

export const STATUS_START_WAIT_MS = 10_000;

/** A box or a hub link on its way up: the first status waits for where it lands. */
const settling = (states: ReportedStates): boolean => states.buttons === 'connecting' || states.hub === 'connecting';

export function createStatusReporter(options: StatusReporterOptions): StatusReporter {
  const { clock, scheduler, sources } = options;
  const policy = options.policy ?? DEFAULT_STATUS_POLICY;
  let memory: StatusMemory | null = null;
  /** The states at the latest look or poke (a box's "connecting" replaced by what it was before). */
  let seen: ReportedStates | null = null;
  let started = false;
  let startedAtMs = 0;
  const startWaitMs = options.startWaitMs ?? STATUS_START_WAIT_MS;
  let stopped = false;
  let failed = 0;
  let timer: unknown = null;
  let timerAt = Infinity;

  /** One timer, at the earliest time anyone asked for. */
  const wakeIn = (ms: number): void => {
    const at = clock.monotonicMs() + ms;
    if (timer !== null && timerAt <= at) return;
    if (timer !== null) scheduler.clearTimeout(timer);
    timerAt = at;
    timer = scheduler.setTimeout(() => {
      timer = null;
      timerAt = Infinity;
      look();
    }, ms);
  };

  const attempt = (payloadOf: () => DeviceStatusPayload): void => {
    try {
      options.record(payloadOf());
    } catch (error) {
      failed += 1;
      options.onWriteFailed?.(error);
    }
  };

  const observe = (): ReportedStates => {
    seen = settle(seen, sources.states());
    return seen;
  };

  function look(): void {
    if (stopped || !started) return;
    const now = clock.monotonicMs();
    const states = observe();
    if (memory === null && settling(states) && now - startedAtMs < startWaitMs) {
      wakeIn(startedAtMs + startWaitMs - now);
      return;
    }
    const decision = decide(memory, states, now, policy);
    if (decision.kind === 'wait') {
      wakeIn(decision.wakeInMs);
      return;
    }
    // Remembered whether or not the write succeeds: the same states are not tried again before the next heartbeat.
    memory = { recorded: states, atMs: now };
    attempt(() => ({ reason: decision.reason, ...sources.details(), ...states, failedWrites: failed }));
    if (stopped) return;
    // A failed write may have changed the storage state: that is a change, after the gap like any other.
    const next = decide(memory, observe(), now, policy);
    wakeIn(next.kind === 'wait' ? next.wakeInMs : policy.minChangeGapMs);
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      startedAtMs = clock.monotonicMs();
      look();
    },
    poke() {
      if (stopped || !started) return;
      // Seen now, decided on the next tick: a box that went "error" then "connecting" in between is still "error".
      observe();
      wakeIn(0);
    },
    failedWrites: () => failed,
    stop() {
      stopped = true;
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
    },
  };
}
