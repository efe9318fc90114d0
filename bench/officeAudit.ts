/**
 * The office day's audit (bench/officeDay.ts), from the hub's journal alone: its queue events in seq
 * order, folded here independently of the hub's own rules. A **double call** is a ticket called while it
 * is still open at a window (called or being served, not yet finished, no-show, redirected or expired),
 * or a window given a ticket while it still has one, or a ticket called after its visit ended. A **lost**
 * ticket is one the dispensers issued that the hub never received. Every received ticket ends in one of
 * finished, no-show, expired, still waiting (redirected ones included) — or still at a window, which
 * the day's end should leave at zero.
 */
import type { HubEvent } from '../electron/hub/queue/hubEvents.ts';

export type TicketOutcome = 'waiting' | 'called' | 'serving' | 'finished' | 'no-show' | 'expired';

export interface DoubleCall {
  readonly ticketId: string;
  readonly number: string;
  readonly window: string;
  readonly why: 'already open at a window' | 'window already busy' | 'visit had ended';
}

export interface OfficeAudit {
  readonly received: number;
  /** The same ticket received twice (the hub takes a repeated delivery once: this must be 0). */
  readonly receivedTwice: number;
  readonly doubleCalls: readonly DoubleCall[];
  /** Issued by the dispensers, never received by the hub. */
  readonly lost: readonly string[];
  /** Received by the hub, never issued in this run. */
  readonly unknown: number;
  readonly outcomes: Readonly<Record<TicketOutcome, number>>;
  readonly calls: number;
  readonly recalls: number;
  readonly redirects: number;
}

const ENDED: ReadonlySet<TicketOutcome> = new Set(['finished', 'no-show', 'expired']);

export function auditOfficeDay(events: Iterable<HubEvent>, issued: Iterable<string>): OfficeAudit {
  const outcome = new Map<string, TicketOutcome>();
  /** ticketId → the window it is open at. */
  const openAt = new Map<string, string>();
  /** window → the ticket open there. */
  const holding = new Map<string, string>();
  const doubleCalls: DoubleCall[] = [];
  let receivedTwice = 0;
  let calls = 0;
  let recalls = 0;
  let redirects = 0;

  const release = (ticketId: string, to: TicketOutcome): void => {
    const window = openAt.get(ticketId);
    if (window !== undefined && holding.get(window) === ticketId) holding.delete(window);
    openAt.delete(ticketId);
    outcome.set(ticketId, to);
  };

  for (const event of events) {
    switch (event.type) {
      case 'ticket.received':
        if (outcome.has(event.payload.ticketId)) receivedTwice += 1;
        else outcome.set(event.payload.ticketId, 'waiting');
        break;
      case 'ticket.called': {
        const { ticketId, number, window } = event.payload;
        calls += 1;
        const before = outcome.get(ticketId);
        if (openAt.has(ticketId)) doubleCalls.push({ ticketId, number, window, why: 'already open at a window' });
        else if (before !== undefined && ENDED.has(before)) doubleCalls.push({ ticketId, number, window, why: 'visit had ended' });
        if (holding.has(window)) doubleCalls.push({ ticketId, number, window, why: 'window already busy' });
        openAt.set(ticketId, window);
        holding.set(window, ticketId);
        outcome.set(ticketId, 'called');
        break;
      }
      case 'ticket.recalled':
        recalls += 1;
        break;
      case 'service.started':
        outcome.set(event.payload.ticketId, 'serving');
        break;
      case 'service.finished':
        release(event.payload.ticketId, 'finished');
        break;
      case 'ticket.noShow':
        release(event.payload.ticketId, 'no-show');
        break;
      case 'ticket.redirected':
        redirects += 1;
        release(event.payload.ticketId, 'waiting');
        break;
      case 'ticket.expired':
        release(event.payload.ticketId, 'expired');
        break;
      default:
        break;
    }
  }

  const issuedIds = new Set(issued);
  const lost = [...issuedIds].filter((ticketId) => !outcome.has(ticketId));
  const unknown = [...outcome.keys()].filter((ticketId) => !issuedIds.has(ticketId)).length;
  const outcomes: Record<TicketOutcome, number> = { waiting: 0, called: 0, serving: 0, finished: 0, 'no-show': 0, expired: 0 };
  for (const value of outcome.values()) outcomes[value] += 1;
  return { received: outcome.size, receivedTwice, doubleCalls, lost, unknown, outcomes, calls, recalls, redirects };
}
