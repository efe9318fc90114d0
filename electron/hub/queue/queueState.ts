import type { EventPayload } from '../../../shared/events.ts';
import { HALL_CALLS } from '../../../shared/office/officeSnapshot.ts';
import type { HubEvent, HubEventDraft } from './hubEvents.ts';
import { stamp } from './hubEvents.ts';
import * as lanes from './lane.ts';
import * as pmap from './persistentMap.ts';
import { instant, laneKey, sourceTaken, windowLaneKey, type QueueState, type TicketRecord, type WindowRecord } from './queueRecords.ts';
import { addSample, noSamples } from './sortedSamples.ts';

/**
 * The office queue, event-sourced: the hub's state is the fold of its queue events through `evolve`, from
 * `emptyQueue`. `evolve` applies a fact; it never judges it (that is `decide`'s job, before the fact), but it
 * is total: an event that names an unknown ticket or window, or that does not fit (a ticket called twice,
 * a time without an offset), is skipped and counted in `ignored`, never thrown. So a hub restart that
 * folds its journal gets the state it had, and a damaged journal row cannot stop it.
 */

export type { QueueState, TicketRecord, WindowRecord, FinishedVisitRecord, CallRecord, TicketStatus } from './queueRecords.ts';
export type { HubEvent, HubEventDraft, HubEventType } from './hubEvents.ts';
export { HUB_EVENT_TYPES, isHubEventType, stamp, toHubEvent } from './hubEvents.ts';
export { decide, refusalMessage, type Decision, type DecideContext, type QueueCommand } from './decide.ts';
export { officeSnapshot } from './officeSnapshot.ts';
export { peopleAhead, estimateMinutes } from './estimate.ts';

/** A new day's empty queue. `day` is the office-local YYYY-MM-DD. */
export function emptyQueue(day: string): QueueState {
  return { day, tickets: pmap.emptyMap(), sources: pmap.emptyMap(), previousSources: pmap.emptyMap(), lanes: new Map(), windows: new Map(), serviceTimes: new Map(), calls: [], ignored: 0 };
}

/** The state after one recorded event. */
export function evolve(state: QueueState, event: HubEvent): QueueState {
  const at = instant(event.occurredAt);
  if (at === null) return skip(state);
  const next = apply(state, event, at);
  return next ?? skip(state);
}

/** Folds the events a decision asks for, each recorded at `now` (what the hub does after appending them). */
export function applyDecision(state: QueueState, events: readonly HubEventDraft[], now: string): QueueState {
  return events.reduce((folded, draft) => evolve(folded, stamp(draft, now)), state);
}

const skip = (state: QueueState): QueueState => ({ ...state, ignored: state.ignored + 1 });

/** The state after the event, or null when it does not fit (skipped). */
function apply(state: QueueState, event: HubEvent, at: number): QueueState | null {
  switch (event.type) {
    case 'ticket.received':
      return received(state, event.payload, event.occurredAt, at);
    case 'ticket.refused':
      if (sourceTaken(state, event.payload.sourceEventId)) return null;
      return { ...state, sources: pmap.set(state.sources, event.payload.sourceEventId, event.payload.ticketId) };
    case 'ticket.called':
      return called(state, event.payload, event.occurredAt, at);
    case 'ticket.recalled': {
      const ticket = currentAt(state, event.payload.ticketId, event.payload.window, ['called']);
      if (ticket === null) return null;
      const recall = { ticketId: ticket.ticketId, number: ticket.number, window: event.payload.window, at: event.occurredAt, recall: event.payload.recall };
      return { ...putTicket(state, { ...ticket, recalls: event.payload.recall }), calls: [recall, ...state.calls].slice(0, HALL_CALLS) };
    }
    case 'ticket.noShow': {
      const ticket = currentAt(state, event.payload.ticketId, event.payload.window, ['called']);
      return ticket === null ? null : releaseWindow(putTicket(state, { ...ticket, status: 'noShow', window: null }), event.payload.window);
    }
    case 'service.started': {
      const ticket = currentAt(state, event.payload.ticketId, event.payload.window, ['called']);
      return ticket === null ? null : putTicket(state, { ...ticket, status: 'serving', startedAtMs: at });
    }
    case 'service.finished':
      return finished(state, event.payload, event.occurredAt, at);
    case 'ticket.redirected':
      return redirected(state, event.payload, event.occurredAt, at);
    case 'ticket.expired':
      return expired(state, event.payload.ticketId);
    case 'window.paused':
    case 'window.resumed': {
      const window = state.windows.get(event.payload.window);
      if (window?.operatorId !== event.payload.operatorId) return null;
      return putWindow(state, { ...window, paused: event.type === 'window.paused' });
    }
    case 'operator.signedIn': {
      const window = state.windows.get(event.payload.window) ?? { id: event.payload.window, operatorId: null, paused: false, current: null, priorityInRow: 0, lastFinished: null };
      return putWindow(state, { ...window, operatorId: event.payload.operatorId, paused: false });
    }
    case 'operator.signedOut': {
      const window = state.windows.get(event.payload.window);
      if (window?.operatorId !== event.payload.operatorId) return null;
      return putWindow(state, { ...window, operatorId: null, paused: false });
    }
    case 'queue.dayStarted':
      return dayStarted(state, event.payload.day);
  }
}

function putTicket(state: QueueState, ticket: TicketRecord): QueueState {
  return { ...state, tickets: pmap.set(state.tickets, ticket.ticketId, ticket) };
}

function putWindow(state: QueueState, window: WindowRecord): QueueState {
  const windows = new Map(state.windows);
  windows.set(window.id, window);
  return { ...state, windows };
}

/** The ticket if it is the current one at `window` in one of `statuses`, else null. */
function currentAt(state: QueueState, ticketId: string, window: string, statuses: readonly TicketRecord['status'][]): TicketRecord | null {
  const ticket = pmap.get(state.tickets, ticketId);
  if (ticket === undefined || ticket.window !== window || !statuses.includes(ticket.status)) return null;
  return state.windows.get(window)?.current === ticketId ? ticket : null;
}

function releaseWindow(state: QueueState, windowId: string): QueueState {
  const window = state.windows.get(windowId);
  return window === undefined ? state : putWindow(state, { ...window, current: null });
}

function joinLane(state: QueueState, ticket: TicketRecord, key: string, where: 'head' | 'tail'): QueueState {
  const lane = state.lanes.get(key) ?? lanes.emptyLane;
  const joined = where === 'head' ? lanes.pushFront(lane, ticket.ticketId) : lanes.pushBack(lane, ticket.ticketId);
  const nextLanes = new Map(state.lanes);
  nextLanes.set(key, joined.lane);
  return putTicket({ ...state, lanes: nextLanes }, { ...ticket, status: 'waiting', lane: key, position: joined.position, window: null });
}

function leaveLane(state: QueueState, ticket: TicketRecord): QueueState {
  const lane = ticket.lane === null ? undefined : state.lanes.get(ticket.lane);
  if (ticket.lane === null || lane === undefined) return state;
  const nextLanes = new Map(state.lanes);
  const rest = lanes.removeAt(lane, ticket.position);
  if (rest.count === 0) nextLanes.delete(ticket.lane);
  else nextLanes.set(ticket.lane, rest);
  return { ...state, lanes: nextLanes };
}

/** A dispenser's clock may be off: its issue time counts as the start of the wait only when it is plausible (not after the hub got the ticket, not over 12 h before). */
const PLAUSIBLE_DELIVERY_MS = 12 * 3600_000;

function received(state: QueueState, payload: EventPayload<'ticket.received'>, occurredAt: string, at: number): QueueState | null {
  if (sourceTaken(state, payload.sourceEventId) || pmap.has(state.tickets, payload.ticketId)) return null;
  const issued = instant(payload.issuedAt);
  const plausible = issued !== null && issued <= at && at - issued <= PLAUSIBLE_DELIVERY_MS;
  const ticket: TicketRecord = {
    ticketId: payload.ticketId,
    number: payload.number,
    serviceId: payload.serviceId,
    priority: payload.priority,
    day: payload.day,
    status: 'waiting',
    waitingSince: plausible ? payload.issuedAt : occurredAt,
    waitingSinceMs: plausible ? issued : at,
    lane: null,
    position: 0,
    window: null,
    calledAt: null,
    calledAtMs: 0,
    startedAtMs: null,
    recalls: 0,
    waitedSeconds: 0,
  };
  const noted = { ...state, sources: pmap.set(state.sources, payload.sourceEventId, payload.ticketId) };
  return joinLane(noted, ticket, laneKey(payload.serviceId, payload.priority !== null), 'tail');
}

function called(state: QueueState, payload: EventPayload<'ticket.called'>, occurredAt: string, at: number): QueueState | null {
  const ticket = pmap.get(state.tickets, payload.ticketId);
  const window = state.windows.get(payload.window);
  if (ticket?.status !== 'waiting' || window === undefined || window.current !== null) return null;
  const left = leaveLane(state, ticket);
  const calledTicket: TicketRecord = {
    ...ticket,
    status: 'called',
    lane: null,
    window: payload.window,
    calledAt: occurredAt,
    calledAtMs: at,
    startedAtMs: null,
    recalls: 0,
    waitedSeconds: payload.waitedSeconds,
  };
  const call = { ticketId: ticket.ticketId, number: ticket.number, window: payload.window, at: occurredAt, recall: 0 };
  const withWindow = putWindow(left, {
    ...window,
    current: ticket.ticketId,
    priorityInRow: ticket.priority === null ? 0 : window.priorityInRow + 1,
    lastFinished: null,
  });
  return { ...putTicket(withWindow, calledTicket), calls: [call, ...state.calls].slice(0, HALL_CALLS) };
}

function finished(state: QueueState, payload: EventPayload<'service.finished'>, occurredAt: string, at: number): QueueState | null {
  const ticket = currentAt(state, payload.ticketId, payload.window, ['called', 'serving']);
  const window = state.windows.get(payload.window);
  if (ticket === null || window === undefined) return null;
  const lastFinished = { ticketId: ticket.ticketId, number: ticket.number, serviceId: ticket.serviceId, operatorId: payload.operatorId, finishedAt: occurredAt, finishedAtMs: at };
  const serviceTimes = new Map(state.serviceTimes);
  serviceTimes.set(ticket.serviceId, addSample(state.serviceTimes.get(ticket.serviceId) ?? noSamples, payload.serviceSeconds));
  const done = putTicket({ ...state, serviceTimes }, { ...ticket, status: 'finished', window: null });
  return putWindow(done, { ...window, current: null, lastFinished });
}

function redirected(state: QueueState, payload: EventPayload<'ticket.redirected'>, occurredAt: string, at: number): QueueState | null {
  const ticket = currentAt(state, payload.ticketId, payload.window, ['called', 'serving']);
  if (ticket === null) return null;
  const free = releaseWindow(state, payload.window);
  const moved: TicketRecord = { ...ticket, serviceId: payload.toServiceId, waitingSince: occurredAt, waitingSinceMs: at, calledAt: null, startedAtMs: null, recalls: 0 };
  const key = payload.toWindow === null ? laneKey(payload.toServiceId, ticket.priority !== null) : windowLaneKey(payload.toWindow);
  return joinLane(free, moved, key, payload.position);
}

function expired(state: QueueState, ticketId: string): QueueState | null {
  const ticket = pmap.get(state.tickets, ticketId);
  if (ticket === undefined) return null;
  if (ticket.status === 'waiting') return putTicket(leaveLane(state, ticket), { ...ticket, status: 'expired', lane: null });
  if (ticket.status === 'called' && ticket.window !== null && state.windows.get(ticket.window)?.current === ticketId) {
    return putTicket(releaseWindow(state, ticket.window), { ...ticket, status: 'expired', window: null });
  }
  return null;
}

/**
 * A new day: the tickets still at a window (served across midnight) stay, everything else of the day
 * before goes (the rollover recorded their expiry first), and the day's medians and hall calls restart.
 * Tickets already received for the new day stay queued.
 */
function dayStarted(state: QueueState, day: string): QueueState | null {
  if (day <= state.day) return null;
  let tickets = pmap.emptyMap<string, TicketRecord>();
  // Yesterday's dispenser event ids are kept one more day, so a late repeat is still taken once.
  let kept: QueueState = { ...state, day, tickets, sources: pmap.emptyMap(), previousSources: state.sources, lanes: new Map(), serviceTimes: new Map(), calls: [] };
  for (const window of state.windows.values()) {
    const current = window.current === null ? undefined : pmap.get(state.tickets, window.current);
    if (current !== undefined) tickets = pmap.set(tickets, current.ticketId, current);
  }
  kept = { ...kept, tickets };
  // A ticket of the new day (a dispenser already past midnight, the hub not yet) keeps its place.
  for (const [key, lane] of state.lanes) {
    for (const ticketId of lanes.ticketIds(lane)) {
      const ticket = pmap.get(state.tickets, ticketId);
      if (ticket === undefined || ticket.day < day) continue;
      kept = joinLane(kept, ticket, key, 'tail');
    }
  }
  const windows = new Map([...state.windows].map(([id, window]) => [id, { ...window, priorityInRow: 0 }]));
  return { ...kept, windows };
}
