import { eventPayloadSchemas } from '../../../shared/events.ts';
import { deliveredTicketSchema, OFFICE_PATHS, ticketsAnswerSchema, type DeliveredTicket } from '../../../shared/office/officeProtocol.ts';
import { HUB_TARGET, type DeliveryRow } from './deliveryOutbox.ts';
import { startEventDelivery, type DeliveryKind, type DeliveryState, type DeliveryStatus, type EventDelivery, type EventDeliveryOptions } from './eventDelivery.ts';

export { DELIVERY_BACKOFF, DELIVERY_REFUSED_RETRY_MS, DELIVERY_TIMEOUT_MS, MAX_DELIVERY_BYTES } from './eventDelivery.ts';

/**
 * A dispenser's tickets on their way to the office hub (POST /office/v1/tickets): its `ticket.issued`
 * events, delivered by ./eventDelivery.ts under the outbox target 'hub'. The hub takes each event id
 * once, so a resend is harmless.
 */

export interface TicketDeliveryCounters {
  /** Tickets the hub queued for the first time. */
  hubTicketsDelivered: number;
  /** Tickets the hub had already (a resend after a lost answer). */
  hubTicketDuplicates: number;
  /** Tickets the hub kept but could not queue (an unknown service, an ended day). */
  hubTicketsRefusedByHub: number;
  /** Deliveries that failed: no connection, no answer in time, the hub's 5xx. */
  hubDeliveryFailures: number;
  /** 4xx and a wrong certificate: a configuration problem, tried again slowly. */
  hubDeliveryRefusals: number;
  /** Answers outside okno-office/1. */
  hubDeliveryBadAnswers: number;
  /** Journal rows that are not a deliverable ticket (cannot happen with okno's own journal): counted, passed. */
  hubUndeliverableTickets: number;
  /** The journal could not be read or written; tried again. */
  hubDeliveryStorageFailures: number;
}

export type TicketDeliveryState = DeliveryState;
export type TicketDeliveryStatus = DeliveryStatus;
export type TicketDelivery = EventDelivery<TicketDeliveryCounters>;
export type TicketDeliveryOptions = EventDeliveryOptions;

/** Tickets per request, at most 500 (okno-office/1). */
export const MAX_DELIVERY_BATCH = 500;

/** A journal row as the hub takes it, or why it cannot be one. */
export function deliveredTicketOf(row: DeliveryRow): DeliveredTicket | string {
  let json: unknown;
  try {
    json = JSON.parse(row.payload) as unknown;
  } catch {
    return `seq ${row.seq}: the payload is not JSON`;
  }
  const payload = eventPayloadSchemas['ticket.issued'].safeParse(json);
  if (!payload.success) return `seq ${row.seq}: not a ticket.issued payload`;
  const ticket = deliveredTicketSchema.safeParse({
    eventId: row.id,
    ticketId: payload.data.ticketId,
    number: payload.data.number,
    serviceId: payload.data.service,
    // occurredAt is written in the device's local time with its offset (isoWithOffset): its date is the local day.
    day: payload.data.day ?? row.occurredAt.slice(0, 10),
    issuedAt: payload.data.issuedAt ?? row.occurredAt,
  });
  return ticket.success ? ticket.data : `seq ${row.seq}: ${ticket.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`;
}

const TICKETS: DeliveryKind<DeliveredTicket> = {
  target: HUB_TARGET,
  path: OFFICE_PATHS.tickets,
  one: 'ticket',
  many: 'tickets',
  maxBatch: MAX_DELIVERY_BATCH,
  itemOf: deliveredTicketOf,
  body: (deviceId, tickets) => ({ deviceId, tickets }),
  acknowledgement: (json) => {
    const parsed = ticketsAnswerSchema.safeParse(json);
    return parsed.success ? parsed.data : null;
  },
};

export function startTicketDelivery(options: TicketDeliveryOptions): TicketDelivery {
  const delivery = startEventDelivery(TICKETS, options);
  return {
    ...delivery,
    counters: () => {
      const counted = delivery.counters();
      return {
        hubTicketsDelivered: counted.delivered,
        hubTicketDuplicates: counted.duplicates,
        hubTicketsRefusedByHub: counted.refusedByHub,
        hubDeliveryFailures: counted.failures,
        hubDeliveryRefusals: counted.refusals,
        hubDeliveryBadAnswers: counted.badAnswers,
        hubUndeliverableTickets: counted.undeliverable,
        hubDeliveryStorageFailures: counted.storageFailures,
      };
    },
  };
}
