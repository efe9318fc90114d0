import type Database from 'better-sqlite3';
import type { HubLinkConfig } from '../../../shared/config.ts';
import type { Clock } from '../clock.ts';
import { nullLogger, type Logger } from '../logging/logger.ts';
import type { Scheduler } from '../scheduler.ts';
import type { JournalSyncAccess } from '../store/journalStore.ts';
import { backoffDelayMs, type BackoffPolicy } from '../sync/retryPolicy.ts';
import { createDeliveryOutbox, type DeliveryOutbox, type DeliveryRow, type DeliveryTarget } from './deliveryOutbox.ts';
import { createHubHttp, type HubHttp } from './hubHttp.ts';

/**
 * Events of one type on their way from the journal to the office hub: the okno-sync/1 outbox idea with a
 * target of its own (./deliveryOutbox.ts). In seq order, a batch at a time, one request at a time; the
 * progress moves only when the hub acknowledged; the hub takes each event once, so a resend is harmless.
 * Nothing is ever skipped: a hub that is down is tried again soon (backoff), a hub that refuses (4xx: a
 * configuration problem) slowly, with the reason kept for okno doctor. What is delivered, to which path
 * and in which words is a `DeliveryKind`: the dispenser's tickets (./ticketDelivery.ts), the hall board's
 * announcements (./announcementDelivery.ts).
 */

/** The hub's 200 answer, understood. */
export interface HubAcknowledgement {
  /** Taken for the first time. */
  readonly accepted: number;
  /** Taken before (a resend after a lost answer). */
  readonly duplicates: number;
  /** Kept by the hub but not used (the tickets it cannot queue): logged. */
  readonly refused: readonly unknown[];
}

export interface DeliveryKind<Item> {
  readonly target: DeliveryTarget;
  readonly path: string;
  /** How log lines and errors name one and several: 'ticket', 'tickets'. */
  readonly one: string;
  readonly many: string;
  /** Items per request, at most (okno-office/1's limit for this path). */
  readonly maxBatch: number;
  /** A journal row as the hub takes it, or why it cannot be one. */
  itemOf(row: DeliveryRow): Item | string;
  body(deviceId: string, items: readonly Item[]): unknown;
  /** The hub's 200 answer, or null when it is not what okno-office/1 says. */
  acknowledgement(json: unknown): HubAcknowledgement | null;
}

export interface EventDeliveryCounters {
  /** Events the hub took for the first time. */
  delivered: number;
  /** Events the hub had already (a resend after a lost answer). */
  duplicates: number;
  /** Events the hub kept but could not use (an unknown service, an ended day). */
  refusedByHub: number;
  /** Deliveries that failed: no connection, no answer in time, the hub's 5xx. */
  failures: number;
  /** 4xx and a wrong certificate: a configuration problem, tried again slowly. */
  refusals: number;
  /** Answers outside okno-office/1. */
  badAnswers: number;
  /** Journal rows that are not a deliverable item (cannot happen with okno's own journal): counted, passed. */
  undeliverable: number;
  /** The journal could not be read or written; tried again. */
  storageFailures: number;
}

export type DeliveryState = 'idle' | 'sending' | 'backoff' | 'refused' | 'stopped';

export interface DeliveryStatus {
  readonly state: DeliveryState;
  /** Failed attempts in a row (0 after a success). */
  readonly attempt: number;
  readonly lastError: string | null;
}

export interface EventDelivery<Counters = EventDeliveryCounters> {
  /** An event was committed: deliver it now (unless the hub is being waited for after a failure). */
  notifyAppended(): void;
  /** The hub is back (its live stream opened): deliver now, whatever the backoff. */
  drainNow(): void;
  status(): DeliveryStatus;
  counters(): Counters;
  /** Stops the timers, aborts a request in flight and waits for it to unwind. */
  stop(): Promise<void>;
}

export interface EventDeliveryOptions {
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
  /** Items per request, at most the kind's maxBatch. */
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
/**
 * A request's body stays under this many bytes, whatever the batch size: the hub refuses a body over
 * 64 KiB (413), and 500 tickets are ~115 KB. Without it a backlog of a few hundred tickets (a hub down
 * for an hour) was refused as a whole, again and again, and never delivered.
 */
export const MAX_DELIVERY_BYTES = 60 * 1024;

export function startEventDelivery<Item>(kind: DeliveryKind<Item>, options: EventDeliveryOptions): EventDelivery {
  const { clock, scheduler, store } = options;
  const log = options.logger ?? nullLogger;
  const http = options.http ?? createHubHttp(options.hub, { deviceId: options.deviceId });
  const backoff = options.backoff ?? DELIVERY_BACKOFF;
  const refusedRetryMs = options.refusedRetryMs ?? DELIVERY_REFUSED_RETRY_MS;
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const batchSize = Math.min(Math.max(options.batchSize ?? kind.maxBatch, 1), kind.maxBatch);
  const random = options.random ?? Math.random;
  const counters: EventDeliveryCounters = { delivered: 0, duplicates: 0, refusedByHub: 0, failures: 0, refusals: 0, badAnswers: 0, undeliverable: 0, storageFailures: 0 };
  // The envelope without items ({"deviceId":…,"tickets":[]}): each item adds its size and a comma.
  const envelopeBytes = Buffer.byteLength(JSON.stringify(kind.body(options.deviceId, [])));

  let state: DeliveryState = 'idle';
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
    if (outbox?.db !== db) outbox = { db, outbox: createDeliveryOutbox(db, kind.target) };
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
        counters.storageFailures += 1;
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
      counters.storageFailures += 1;
    }
    log.warn({ hub: options.hub.url, attempt, reason }, `${kind.many} not delivered to the hub yet`);
    changed();
    schedule(refused ? refusedRetryMs : backoffDelayMs(attempt, random(), backoff));
  }

  async function cycle(): Promise<void> {
    for (;;) {
      if (stopped) return;
      const box = outboxNow();
      const rows = box.eventsAfter(box.progress().ackedSeq, batchSize);
      if (rows.length === 0) {
        if (state !== 'idle') {
          state = 'idle';
          changed();
        }
        return;
      }
      let lastSeq = rows[0]!.seq;
      const items: Item[] = [];
      let bytes = envelopeBytes;
      let cut = false;
      for (const row of rows) {
        const item = kind.itemOf(row);
        if (typeof item === 'string') {
          // Not an item the hub could ever take: waiting would stop every one behind it. Counted, logged, passed.
          counters.undeliverable += 1;
          log.error({ problem: item }, `a journal row is not a deliverable ${kind.one}`);
          lastSeq = row.seq;
          continue;
        }
        const size = Buffer.byteLength(JSON.stringify(item)) + 1;
        // The rest goes in the next request (at once): one item always goes, it is far below the limit.
        if (items.length > 0 && bytes + size > MAX_DELIVERY_BYTES) {
          cut = true;
          break;
        }
        bytes += size;
        items.push(item);
        lastSeq = row.seq;
      }
      if (items.length === 0) {
        box.acknowledge(lastSeq, clock.now().toISOString());
        continue;
      }
      state = 'sending';
      const answer = await http.post(kind.path, kind.body(options.deviceId, items), timeoutMs, abort.signal);
      if (stopped) return;
      if (answer.kind === 'network') {
        if (answer.pin) counters.refusals += 1;
        else counters.failures += 1;
        fail(answer.pin ? answer.message : `no connection to the hub (${answer.code}): ${answer.message}`, box, answer.pin);
        return;
      }
      if (answer.status >= 400 && answer.status < 500) {
        counters.refusals += 1;
        fail(`the hub refused the ${kind.many} (HTTP ${answer.status}${errorCode(answer.body)}): check hub.url, hub.token and the hub's devices`, box, true);
        return;
      }
      if (answer.status !== 200) {
        counters.failures += 1;
        fail(`the hub answered HTTP ${answer.status}`, box, false);
        return;
      }
      const acknowledged = kind.acknowledgement(parseJson(answer.body));
      if (!acknowledged) {
        counters.badAnswers += 1;
        fail(`the hub's answer to the ${kind.many} was not understood (HTTP 200)`, box, false);
        return;
      }
      box.acknowledge(lastSeq, clock.now().toISOString());
      counters.delivered += acknowledged.accepted;
      counters.duplicates += acknowledged.duplicates;
      counters.refusedByHub += acknowledged.refused.length;
      if (acknowledged.refused.length > 0) log.warn({ refused: acknowledged.refused }, `the hub kept ${kind.many} it cannot use`);
      attempt = 0;
      lastError = null;
      options.onDelivered?.({ count: items.length, accepted: acknowledged.accepted, duplicates: acknowledged.duplicates, lastSeq });
      changed();
      if (!cut && rows.length < batchSize) {
        state = 'idle';
        // An event committed while this batch was in flight is picked up by the next look at once.
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
      // Waiting for a hub that failed: the next try comes on its own; a new event does not hurry it.
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
