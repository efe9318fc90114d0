import type Database from 'better-sqlite3';
import type { HubLinkConfig } from '../../../shared/config.ts';
import { eventPayloadSchemas } from '../../../shared/events.ts';
import { deliveredTicketSchema, OFFICE_PATHS, ticketsAnswerSchema, type DeliveredTicket } from '../../../shared/office/officeProtocol.ts';
import type { Clock } from '../clock.ts';
import { nullLogger, type Logger } from '../logging/logger.ts';
import type { Scheduler } from '../scheduler.ts';
import type { JournalSyncAccess } from '../store/journalStore.ts';
import { backoffDelayMs, type BackoffPolicy } from '../sync/retryPolicy.ts';
import { createDeliveryOutbox, type DeliveryOutbox, type DeliveryRow } from './deliveryOutbox.ts';
import { createHubHttp, type HubHttp } from './hubHttp.ts';

/**
 * A dispenser's tickets on their way to the office hub: the okno-sync/1 outbox idea with a second
 * target (./deliveryOutbox.ts). In seq order, a batch at a time, one request at a time; the progress
 * moves only when the hub acknowledged; the hub takes each event id once, so a resend is harmless.
 * Nothing is ever skipped: a hub that is down is tried again soon (backoff), a hub that refuses (4xx:
 * a configuration problem) slowly, with the reason kept for okno doctor.
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

export type TicketDeliveryState = 'idle' | 'sending' | 'backoff' | 'refused' | 'stopped';

export interface TicketDeliveryStatus {
  readonly state: TicketDeliveryState;
  /** Failed attempts in a row (0 after a success). */
  readonly attempt: number;
  readonly lastError: string | null;
}

export interface TicketDelivery {
  /** A ticket was committed: deliver it now (unless the hub is being waited for after a failure). */
  notifyAppended(): void;
  /** The hub is back (its live stream opened): deliver now, whatever the backoff. */
  drainNow(): void;
  status(): TicketDeliveryStatus;
  counters(): TicketDeliveryCounters;
  /** Stops the timers, aborts a request in flight and waits for it to unwind. */
  stop(): Promise<void>;
}

export interface TicketDeliveryOptions {
  readonly hub: HubLinkConfig;
  readonly deviceId: string;
  readonly store: JournalSyncAccess;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger?: Logger;
  /** The HTTPS door (tests may give another). */
  readonly http?: HubHttp;
  /** After a failure: short, the hub is the office's own machine and comes back soon. */
  readonly backoff?: BackoffPolicy;
  /** After a refusal (4xx, a wrong certificate). */
  readonly refusedRetryMs?: number;
  readonly timeoutMs?: number;
  /** Tickets per request, at most 500 (okno-office/1). */
  readonly batchSize?: number;
  readonly random?: () => number;
  /** Told after each batch the hub acknowledged. */
  readonly onDelivered?: (info: { readonly count: number; readonly accepted: number; readonly duplicates: number; readonly lastSeq: number }) => void;
  /** The status or a counter changed (the status file is written soon). */
  readonly onChange?: () => void;
}

export const DELIVERY_BACKOFF: BackoffPolicy = { minMs: 200, maxMs: 2_000 };
export const DELIVERY_REFUSED_RETRY_MS = 30_000;
export const DELIVERY_TIMEOUT_MS = 5_000;
export const MAX_DELIVERY_BATCH = 500;
/**
 * A request's body stays under this many bytes, whatever the batch size: the hub refuses a body over
 * 64 KiB (413), and 500 tickets are ~115 KB. Without it a backlog of a few hundred tickets (a hub down
 * for an hour) was refused as a whole, again and again, and never delivered.
 */
export const MAX_DELIVERY_BYTES = 60 * 1024;

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

export function startTicketDelivery(options: TicketDeliveryOptions): TicketDelivery {
  const { clock, scheduler, store } = options;
  const log = options.logger ?? nullLogger;
  const http = options.http ?? createHubHttp(options.hub, { deviceId: options.deviceId });
  const backoff = options.backoff ?? DELIVERY_BACKOFF;
  const refusedRetryMs = options.refusedRetryMs ?? DELIVERY_REFUSED_RETRY_MS;
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const batchSize = Math.min(Math.max(options.batchSize ?? MAX_DELIVERY_BATCH, 1), MAX_DELIVERY_BATCH);
  const random = options.random ?? Math.random;
  const counters: TicketDeliveryCounters = {
    hubTicketsDelivered: 0,
    hubTicketDuplicates: 0,
    hubTicketsRefusedByHub: 0,
    hubDeliveryFailures: 0,
    hubDeliveryRefusals: 0,
    hubDeliveryBadAnswers: 0,
    hubUndeliverableTickets: 0,
    hubDeliveryStorageFailures: 0,
  };

  let state: TicketDeliveryState = 'idle';
  let attempt = 0;
  let lastError: string | null = null;
  let stopped = false;
  let timer: unknown = null;
  let timerAt = Infinity;
  let running: Promise<void> | null = null;
  /** Something asked for a delivery while one was in flight: go again when it ends. */
  let again = false;
  const abort = new AbortController();
  let outbox: { db: Database.Database; outbox: DeliveryOutbox } | null = null;

  const changed = (): void => options.onChange?.();
  const outboxNow = (): DeliveryOutbox => {
    // Prepared statements belong to a connection: after the store reopens the journal, prepare again.
    const db = store.database();
    if (outbox?.db !== db) outbox = { db, outbox: createDeliveryOutbox(db) };
    return outbox.outbox;
  };

  const schedule = (ms: number): void => {
    if (stopped) return;
    const at = clock.monotonicMs() + ms;
    if (timer !== null && timerAt <= at) return;
    if (timer !== null) scheduler.clearTimeout(timer);
    timerAt = at;
    timer = scheduler.setTimeout(fire, ms);
  };

  function fire(): void {
    timer = null;
    timerAt = Infinity;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = cycle()
      .catch((error: unknown) => {
        counters.hubDeliveryStorageFailures += 1;
        fail(`storage: ${error instanceof Error ? error.message : String(error)}`, null, false);
      })
      .finally(() => {
        running = null;
        if (again && !stopped && state !== 'backoff' && state !== 'refused') {
          again = false;
          schedule(0);
        }
        again = false;
      });
  }

  /** A failed attempt: why (in memory and, if it can be written, in the journal), then wait. */
  function fail(reason: string, box: DeliveryOutbox | null, refused: boolean): void {
    attempt += 1;
    lastError = reason;
    if (stopped) return;
    state = refused ? 'refused' : 'backoff';
    try {
      box?.noteError(reason, clock.now().toISOString());
    } catch {
      counters.hubDeliveryStorageFailures += 1;
    }
    log.warn({ hub: options.hub.url, attempt, reason }, 'tickets not delivered to the hub yet');
    changed();
    schedule(refused ? refusedRetryMs : backoffDelayMs(attempt, random(), backoff));
  }

  async function cycle(): Promise<void> {
    for (;;) {
      if (stopped) return;
      const box = outboxNow();
      const rows = box.ticketsAfter(box.progress().ackedSeq, batchSize);
      if (rows.length === 0) {
        if (state !== 'idle') {
          state = 'idle';
          changed();
        }
        return;
      }
      let lastSeq = rows[0]!.seq;
      const tickets: DeliveredTicket[] = [];
      // The envelope ({"deviceId":…,"tickets":[]}) and each ticket with its comma.
      let bytes = 32 + Buffer.byteLength(options.deviceId);
      let cut = false;
      for (const row of rows) {
        const ticket = deliveredTicketOf(row);
        if (typeof ticket === 'string') {
          // Not a ticket the hub could ever take: waiting would stop every ticket behind it. Counted, logged, passed.
          counters.hubUndeliverableTickets += 1;
          log.error({ problem: ticket }, 'a journal row is not a deliverable ticket');
          lastSeq = row.seq;
          continue;
        }
        const size = Buffer.byteLength(JSON.stringify(ticket)) + 1;
        // The rest goes in the next request (at once): one ticket always goes, it is far below the limit.
        if (tickets.length > 0 && bytes + size > MAX_DELIVERY_BYTES) {
          cut = true;
          break;
        }
        bytes += size;
        tickets.push(ticket);
        lastSeq = row.seq;
      }
      if (tickets.length === 0) {
        box.acknowledge(lastSeq, clock.now().toISOString());
        continue;
      }
      state = 'sending';
      const answer = await http.post(OFFICE_PATHS.tickets, { deviceId: options.deviceId, tickets }, timeoutMs, abort.signal);
      if (stopped) return;
      if (answer.kind === 'network') {
        if (answer.pin) counters.hubDeliveryRefusals += 1;
        else counters.hubDeliveryFailures += 1;
        fail(answer.pin ? answer.message : `no connection to the hub (${answer.code}): ${answer.message}`, box, answer.pin);
        return;
      }
      if (answer.status >= 400 && answer.status < 500) {
        counters.hubDeliveryRefusals += 1;
        fail(`the hub refused the tickets (HTTP ${answer.status}${errorCode(answer.body)}): check hub.url, hub.token and the hub's devices`, box, true);
        return;
      }
      if (answer.status !== 200) {
        counters.hubDeliveryFailures += 1;
        fail(`the hub answered HTTP ${answer.status}`, box, false);
        return;
      }
      const parsed = ticketsAnswerSchema.safeParse(parseJson(answer.body));
      if (!parsed.success) {
        counters.hubDeliveryBadAnswers += 1;
        fail('the hub\'s answer to the tickets was not understood (HTTP 200)', box, false);
        return;
      }
      box.acknowledge(lastSeq, clock.now().toISOString());
      counters.hubTicketsDelivered += parsed.data.accepted;
      counters.hubTicketDuplicates += parsed.data.duplicates;
      counters.hubTicketsRefusedByHub += parsed.data.refused.length;
      if (parsed.data.refused.length > 0) log.warn({ refused: parsed.data.refused }, 'the hub kept tickets it cannot queue');
      attempt = 0;
      lastError = null;
      options.onDelivered?.({ count: tickets.length, accepted: parsed.data.accepted, duplicates: parsed.data.duplicates, lastSeq });
      changed();
      if (!cut && rows.length < batchSize) {
        state = 'idle';
        // A ticket committed while this batch was in flight is picked up by the next look at once.
        if (!again) return;
        again = false;
      }
    }
  }

  schedule(0);

  return {
    notifyAppended() {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      // Waiting for a hub that failed: the next try comes on its own; a ticket does not hurry it.
      if (state === 'backoff' || state === 'refused') return;
      schedule(0);
    },
    drainNow() {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      schedule(0);
    },
    status: () => ({ state, attempt, lastError }),
    counters: () => ({ ...counters }),
    async stop() {
      stopped = true;
      state = 'stopped';
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
      abort.abort();
      await running;
      http.close();
    },
  };
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** The hub's error code (officeErrorSchema), when it sent one that looks like one: okno's words only. */
function errorCode(body: string): string {
  const code = (parseJson(body) as { error?: unknown } | undefined)?.error;
  return typeof code === 'string' && /^[a-z][a-z-]{0,40}$/.test(code) ? `: ${code}` : '';
}
