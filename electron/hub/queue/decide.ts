import type { DeliveredTicket, OfficeRefusal } from '../../../shared/office/officeProtocol.ts';
import type { Result } from '../../../shared/result.ts';
import type { HubConfig } from '../hubConfig.ts';
import { nextTicket } from './callNext.ts';
import { configIndex } from './configIndex.ts';
import type { HubEventDraft } from './hubEvents.ts';
import * as lanes from './lane.ts';
import * as pmap from './persistentMap.ts';
import { currentOf, instant, secondsBetween, sourceTaken, type QueueState, type TicketRecord } from './queueRecords.ts';

/**
 * What the office queue does with a command: the events to record, or why not (issue #13, item 4).
 * Pure: the hub gives it the state, its config and its clock, appends the events (each at `now`) and
 * folds them with `evolve`. It never throws, whatever the command: a command it cannot carry out is a
 * refusal the console shows the operator.
 */

export type QueueCommand =
  | { readonly kind: 'receive'; readonly ticket: DeliveredTicket; readonly dispenserId: string; readonly sourceEventId: string }
  /** The PIN was checked by the server before. Signing in at a second window signs out of the first. */
  | { readonly kind: 'sign-in'; readonly window: string; readonly operatorId: string }
  | { readonly kind: 'sign-out'; readonly window: string }
  | { readonly kind: 'call-next' | 'recall' | 'no-show' | 'start' | 'finish' | 'pause' | 'resume'; readonly window: string }
  | { readonly kind: 'redirect'; readonly window: string; readonly to: { readonly service: string } | { readonly window: string } }
  /** The office's local midnight passed: `day` is the new office-local day. */
  | { readonly kind: 'rollover'; readonly day: string };

export interface Decision {
  readonly events: readonly HubEventDraft[];
  /** The ticket the command was about (called, finished, received…), or null (a break, a sign-in, a rollover). */
  readonly ticket: { readonly ticketId: string; readonly number: string } | null;
}

export interface DecideContext {
  readonly config: HubConfig;
  /** The hub's clock, ISO 8601 with an offset. */
  readonly now: string;
}

const REFUSAL_MESSAGES: Readonly<Record<OfficeRefusal, string>> = {
  'not-signed-in': 'Nobody is signed in at this window.',
  'wrong-pin': 'Wrong PIN.',
  locked: 'Too many wrong PINs: wait before trying again.',
  'unknown-operator': 'No such operator in the office configuration.',
  'unknown-window': 'No such window in the office configuration.',
  'unknown-service': 'No such service in the office configuration.',
  'queue-empty': 'Nobody is waiting for this window.',
  'no-current-ticket': 'This window has no ticket called.',
  'recall-first': 'Recall the ticket before marking it as a no-show.',
  busy: 'This window has a ticket to finish or redirect first.',
  'on-break': 'This window is on a break.',
  'not-on-break': 'This window is not on a break.',
};

/** What a refusal means, in words for the console's log and the command answer's `message`. */
export const refusalMessage = (refusal: OfficeRefusal): string => REFUSAL_MESSAGES[refusal];

type Decided = Result<Decision, OfficeRefusal>;

const refuse = (refusal: OfficeRefusal): Decided => ({ ok: false, error: refusal });
const accept = (events: readonly HubEventDraft[], ticket: TicketRecord | { readonly ticketId: string; readonly number: string } | null): Decided => ({
  ok: true,
  value: { events, ticket: ticket === null ? null : { ticketId: ticket.ticketId, number: ticket.number } },
});

export function decide(state: QueueState, command: QueueCommand, context: DecideContext): Decided {
  switch (command.kind) {
    case 'receive':
      return receive(state, command, context.config);
    case 'rollover':
      return rollover(state, command.day);
    case 'sign-in':
      return signIn(state, command.window, command.operatorId, context.config);
    default:
      return atWindow(state, command, context);
  }
}

function receive(state: QueueState, command: Extract<QueueCommand, { kind: 'receive' }>, config: HubConfig): Decided {
  const { ticket, dispenserId, sourceEventId } = command;
  // A repeat (the dispenser did not get the answer and sent again) is taken once: nothing new to record.
  if (sourceTaken(state, sourceEventId) || pmap.has(state.tickets, ticket.ticketId)) return accept([], ticket);
  const service = configIndex(config).services.get(ticket.serviceId);
  const refused = (reason: 'unknown-service' | 'expired'): Decided =>
    accept([{ type: 'ticket.refused', payload: { ticketId: ticket.ticketId, number: ticket.number, serviceId: ticket.serviceId, dispenserId, sourceEventId, reason } }], ticket);
  if (service === undefined) return refused('unknown-service');
  if (ticket.day < state.day) return refused('expired');
  return accept(
    [
      {
        type: 'ticket.received',
        payload: {
          ticketId: ticket.ticketId,
          number: ticket.number,
          serviceId: ticket.serviceId,
          priority: service.priority ?? null,
          day: ticket.day,
          issuedAt: ticket.issuedAt,
          dispenserId,
          sourceEventId,
        },
      },
    ],
    ticket,
  );
}

/**
 * The office's midnight: every ticket of an earlier day still waiting or called expires (recorded, for the
 * statistics), the operators of the windows that are not serving anyone are signed out, and the new day
 * starts. A ticket being served continues until it is finished.
 */
function rollover(state: QueueState, day: string): Decided {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day <= state.day) return accept([], null);
  const events: HubEventDraft[] = [];
  const expire = (ticket: TicketRecord): void => {
    events.push({ type: 'ticket.expired', payload: { ticketId: ticket.ticketId, number: ticket.number, serviceId: ticket.serviceId, day: ticket.day } });
  };
  for (const lane of state.lanes.values()) {
    for (const ticketId of lanes.ticketIds(lane)) {
      const ticket = pmap.get(state.tickets, ticketId);
      if (ticket !== undefined && ticket.day < day) expire(ticket);
    }
  }
  for (const window of state.windows.values()) {
    const current = currentOf(state, window.id);
    const serving = current?.status === 'serving';
    if (current?.status === 'called') expire(current);
    if (window.operatorId !== null && !serving) {
      events.push({ type: 'operator.signedOut', payload: { window: window.id, operatorId: window.operatorId, reason: 'day-end' } });
    }
  }
  events.push({ type: 'queue.dayStarted', payload: { day, previousDay: state.day } });
  return accept(events, null);
}

function signIn(state: QueueState, windowId: string, operatorId: string, config: HubConfig): Decided {
  const index = configIndex(config);
  if (!index.windows.has(windowId)) return refuse('unknown-window');
  if (!index.operators.has(operatorId)) return refuse('unknown-operator');
  const here = state.windows.get(windowId);
  if (here?.operatorId === operatorId) return accept([], null);
  const events: HubEventDraft[] = [];
  // Someone else still signed in here (forgot to sign out): the newcomer takes the window, unless a visit is open.
  if (here?.operatorId != null) {
    if (here.current !== null) return refuse('busy');
    events.push({ type: 'operator.signedOut', payload: { window: windowId, operatorId: here.operatorId, reason: 'sign-out' } });
  }
  for (const elsewhere of state.windows.values()) {
    if (elsewhere.id === windowId || elsewhere.operatorId !== operatorId) continue;
    // An open visit at the other window must be finished or redirected there first: it would be left with nobody.
    if (elsewhere.current !== null) return refuse('busy');
    events.push({ type: 'operator.signedOut', payload: { window: elsewhere.id, operatorId, reason: 'signed-in-elsewhere' } });
  }
  events.push({ type: 'operator.signedIn', payload: { window: windowId, operatorId } });
  return accept(events, null);
}

type WindowCommand = Exclude<QueueCommand, { kind: 'receive' | 'rollover' | 'sign-in' }>;

function atWindow(state: QueueState, command: WindowCommand, context: DecideContext): Decided {
  const { config, now } = context;
  const index = configIndex(config);
  const configured = index.windows.get(command.window);
  if (configured === undefined) return refuse('unknown-window');
  const window = state.windows.get(command.window);
  const operatorId = window?.operatorId ?? null;
  if (window === undefined || operatorId === null) return refuse('not-signed-in');
  const at = { window: window.id, operatorId };
  const current = currentOf(state, window.id) ?? null;
  const nowMs = instant(now) ?? 0;
  switch (command.kind) {
    case 'sign-out':
      if (current !== null) return refuse('busy');
      return accept([{ type: 'operator.signedOut', payload: { ...at, reason: 'sign-out' } }], null);
    case 'pause':
      if (window.paused) return refuse('on-break');
      if (current !== null) return refuse('busy');
      return accept([{ type: 'window.paused', payload: at }], null);
    case 'resume':
      if (!window.paused) return refuse('not-on-break');
      return accept([{ type: 'window.resumed', payload: at }], null);
    case 'call-next': {
      if (window.paused) return refuse('on-break');
      if (current !== null) return refuse('busy');
      const next = nextTicket(state, configured, config);
      if (next === null) return refuse('queue-empty');
      const waitedSeconds = secondsBetween(next.waitingSinceMs, nowMs);
      return accept([{ type: 'ticket.called', payload: { ticketId: next.ticketId, number: next.number, serviceId: next.serviceId, ...at, waitedSeconds } }], next);
    }
    default:
      break;
  }
  if (current === null) return refuse('no-current-ticket');
  const about = { ticketId: current.ticketId, number: current.number };
  switch (command.kind) {
    case 'recall':
      if (current.status !== 'called') return refuse('busy');
      return accept([{ type: 'ticket.recalled', payload: { ...about, ...at, recall: current.recalls + 1 } }], current);
    case 'no-show':
      if (current.status !== 'called') return refuse('busy');
      if (current.recalls < config.queue.noShowAfterRecalls) return refuse('recall-first');
      return accept([{ type: 'ticket.noShow', payload: { ...about, serviceId: current.serviceId, ...at } }], current);
    case 'start':
      if (current.status !== 'called') return refuse('busy');
      return accept([{ type: 'service.started', payload: { ...about, serviceId: current.serviceId, ...at } }], current);
    case 'finish': {
      const visit = { ...about, serviceId: current.serviceId, ...at };
      // Never started: the service counts from the call, and its start is recorded now, with its end.
      const started = current.status === 'serving' && current.startedAtMs !== null ? current.startedAtMs : current.calledAtMs;
      const finished: HubEventDraft = { type: 'service.finished', payload: { ...visit, serviceSeconds: secondsBetween(started, nowMs) } };
      return accept(current.status === 'serving' ? [finished] : [{ type: 'service.started', payload: visit }, finished], current);
    }
    case 'redirect': {
      const { to } = command;
      if ('service' in to && !index.services.has(to.service)) return refuse('unknown-service');
      if ('window' in to && !index.windows.has(to.window)) return refuse('unknown-window');
      const payload = {
        ...about,
        fromServiceId: current.serviceId,
        ...at,
        toServiceId: 'service' in to ? to.service : current.serviceId,
        toWindow: 'window' in to ? to.window : null,
        position: config.queue.redirectTo,
      };
      return accept([{ type: 'ticket.redirected', payload }], current);
    }
  }
}
