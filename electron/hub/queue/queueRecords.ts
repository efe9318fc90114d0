import type { Lane } from './lane.ts';
import * as pmap from './persistentMap.ts';
import type { SortedSamples } from './sortedSamples.ts';

/**
 * The office queue's state: what the fold of the hub's queue events gives (queueState.ts makes it,
 * decide.ts reads it). Immutable: every change is a new state sharing what did not change.
 */

/**
 * Where a received ticket is. Exactly one of these at any time: `waiting` in one lane; `called` or
 * `serving` as the current ticket of one window; or done (finished, no-show, expired).
 */
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'finished' | 'noShow' | 'expired';

export interface TicketRecord {
  readonly ticketId: string;
  readonly number: string;
  /** The service it waits for or is served in (changes with a redirect to a service). */
  readonly serviceId: string;
  /** The priority category it was issued with: it keeps it through redirects (the visitor is the same). */
  readonly priority: string | null;
  /** The office-local day of its number. */
  readonly day: string;
  readonly status: TicketStatus;
  /** When its current wait began (received, or redirected), ISO and in ms since the epoch. */
  readonly waitingSince: string;
  readonly waitingSinceMs: number;
  /** While waiting: its lane and position there. */
  readonly lane: string | null;
  readonly position: number;
  /** While called or serving: the window, and when it was called and started. */
  readonly window: string | null;
  readonly calledAt: string | null;
  readonly calledAtMs: number;
  readonly startedAtMs: number | null;
  readonly recalls: number;
  /** The wait recorded with its last call. */
  readonly waitedSeconds: number;
}

export interface FinishedVisitRecord {
  readonly ticketId: string;
  readonly number: string;
  readonly serviceId: string;
  readonly operatorId: string;
  readonly finishedAt: string;
  readonly finishedAtMs: number;
}

/** A window somebody has signed in at, at least once (the others are closed and have no record). */
export interface WindowRecord {
  readonly id: string;
  readonly operatorId: string | null;
  readonly paused: boolean;
  /** The ticket called to or served at this window. */
  readonly current: string | null;
  /** Priority tickets called here in a row (reset by a regular one): the `maxPriorityInRow` rule. */
  readonly priorityInRow: number;
  readonly lastFinished: FinishedVisitRecord | null;
}

export interface CallRecord {
  readonly ticketId: string;
  readonly number: string;
  readonly window: string;
  readonly at: string;
  readonly recall: number;
}

export interface QueueState {
  /** The office-local day (YYYY-MM-DD) the queue belongs to. */
  readonly day: string;
  readonly tickets: pmap.PersistentMap<string, TicketRecord>;
  /** Dispenser event ids taken today (received or refused): each is taken once. */
  readonly sources: pmap.PersistentMap<string, string>;
  /** The day before's: a repeat delivered after midnight is still a repeat. */
  readonly previousSources: pmap.PersistentMap<string, string>;
  /** Lanes by `laneKey`/`windowLaneKey`. */
  readonly lanes: ReadonlyMap<string, Lane>;
  readonly windows: ReadonlyMap<string, WindowRecord>;
  /** Service seconds of today's finished visits, per service. */
  readonly serviceTimes: ReadonlyMap<string, SortedSamples>;
  /** The last calls, newest first (the hall board's list). */
  readonly calls: readonly CallRecord[];
  /** Events that named an unknown ticket or window, or did not fit the state (a late or repeated event): skipped. */
  readonly ignored: number;
}

/** The lane of a service's regular or priority tickets. */
export const laneKey = (serviceId: string, priority: boolean): string => `s:${priority ? 'p' : 'r'}:${serviceId}`;
/** The lane of the tickets redirected to one window: only that window calls them, before anything else. */
export const windowLaneKey = (window: string): string => `w:${window}`;

export const ticketOf = (state: QueueState, ticketId: string): TicketRecord | undefined => pmap.get(state.tickets, ticketId);

/** Whether a dispenser's event was taken already (today or the day before). */
export const sourceTaken = (state: QueueState, sourceEventId: string): boolean =>
  pmap.has(state.sources, sourceEventId) || pmap.has(state.previousSources, sourceEventId);

/** The current ticket of a window, if any. */
export function currentOf(state: QueueState, window: string): TicketRecord | undefined {
  const current = state.windows.get(window)?.current;
  return current == null ? undefined : ticketOf(state, current);
}

/** ms since the epoch of an ISO time with an offset (Z or ±hh:mm), or null: a time without an offset would depend on the machine's zone. */
export function instant(iso: string): number | null {
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/.test(iso)) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/** Whole seconds from `from` to `to`, never negative: a clock that went back gives 0. */
export const secondsBetween = (fromMs: number, toMs: number): number => Math.max(0, Math.round((toMs - fromMs) / 1000));
