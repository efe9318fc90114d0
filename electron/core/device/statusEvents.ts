import type { BoxState, DeviceStatusPayload, HubLinkState, PrinterCondition, StatusReason, StorageState } from '../../../shared/events.ts';

/**
 * When a `device.status` is due: pure. A status is recorded at start, as a heartbeat, and when one of
 * the device's *states* changes (box, printer, storage, hub link) — never for a counter or the backlog,
 * which move with every press. Changes are rate-limited: at most one change event per `minChangeGapMs`,
 * and the state at the end of the gap is what is compared (the latest wins, a flap that came back is
 * nothing). Times are monotonic milliseconds, so a wall clock set back neither floods nor silences it.
 */

/** The part of a status whose change is an event of its own. */
export interface ReportedStates {
  readonly buttons: BoxState;
  readonly printer: PrinterCondition | 'none';
  readonly storage: StorageState;
  readonly hub: HubLinkState;
}

export interface StatusPolicy {
  /** A heartbeat when nothing was recorded for this long. */
  readonly periodicMs: number;
  /** A change is recorded at least this long after the previous status (of any reason). */
  readonly minChangeGapMs: number;
}

/** Five minutes: the cadence the issue asks for; the collector's "silent device" alert counts in it. */
export const STATUS_PERIOD_MS = 5 * 60_000;
/** A flapping box or link writes at most one change event a minute (1,440 a day at worst, not one a second). */
export const STATUS_CHANGE_GAP_MS = 60_000;
export const DEFAULT_STATUS_POLICY: StatusPolicy = { periodicMs: STATUS_PERIOD_MS, minChangeGapMs: STATUS_CHANGE_GAP_MS };

/** What was last recorded (or attempted: a failed write is not retried sooner), and when; null before the first. */
export interface StatusMemory {
  readonly recorded: ReportedStates;
  readonly atMs: number;
}

export type StatusDecision = { readonly kind: 'record'; readonly reason: StatusReason } | { readonly kind: 'wait'; readonly wakeInMs: number };

export const sameStates = (a: ReportedStates, b: ReportedStates): boolean =>
  a.buttons === b.buttons && a.printer === b.printer && a.storage === b.storage && a.hub === b.hub;

/**
 * The states as they count for a change. `connecting` is the box's passage between two states (every
 * reconnect attempt of an unplugged box goes waiting → connecting → waiting): it keeps the box state seen
 * before it, so only where the attempt lands is a change. With nothing seen before it is what it is.
 */
export function settle(previous: ReportedStates | null, observed: ReportedStates): ReportedStates {
  if (previous === null || observed.buttons !== 'connecting') return observed;
  return { ...observed, buttons: previous.buttons };
}

export function decide(memory: StatusMemory | null, states: ReportedStates, nowMs: number, policy: StatusPolicy): StatusDecision {
  if (memory === null) return { kind: 'record', reason: 'start' };
  const since = nowMs - memory.atMs;
  if (!sameStates(memory.recorded, states)) {
    return since >= policy.minChangeGapMs ? { kind: 'record', reason: 'change' } : { kind: 'wait', wakeInMs: policy.minChangeGapMs - since };
  }
  return since >= policy.periodicMs ? { kind: 'record', reason: 'periodic' } : { kind: 'wait', wakeInMs: policy.periodicMs - since };
}

/** The states a payload reports (what the next decision compares with). */
export const statesOf = (payload: Pick<DeviceStatusPayload, keyof ReportedStates>): ReportedStates => ({
  buttons: payload.buttons,
  printer: payload.printer,
  storage: payload.storage,
  hub: payload.hub,
});
