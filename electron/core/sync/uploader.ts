import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { isoWithOffset, type Clock } from '../clock.ts';
import type { Scheduler } from '../scheduler.ts';
import { classifyOutcome } from './answer.ts';
import { batchBody, cutBatch, type BatchDraft, type BatchLimits } from './batching.ts';
import { observedClockOffsetMs } from './clockOffset.ts';
import type { Outbox } from './outbox.ts';
import { BATCHES_PATH, endpointUrl, MAX_BATCH_BYTES, MAX_BATCH_EVENTS } from './protocol.ts';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './retryPolicy.ts';
import type { SyncTransport } from './httpTransport.ts';

const gzip = promisify(gzipCallback);

/**
 * The okno-sync/1 uploader: ships the journal to the collector in seq order, one request at a time.
 * It is the composition of pure pieces (cutBatch, classifyOutcome, retryDelayMs, pruneBoundary) with
 * three edges: the outbox (SQLite, same connection as the journal), the transport (HTTP) and time.
 * A press never waits for it: the journal commits on its own, and the uploader only reads the
 * committed rows later, a batch at a time; compression runs on libuv's thread pool.
 */
export interface UploaderOptions {
  readonly deviceId: string;
  readonly timeZone: string;
  readonly endpoint: string;
  readonly token: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly backoff?: BackoffPolicy;
  /** After an append, wait this long for more before sending (a vote and its follow-up go together). */
  readonly debounceMs?: number;
  readonly limits?: BatchLimits;
  readonly gzip?: boolean;
  /** Acknowledged events older than this are pruned; null: never. */
  readonly retentionMs: number | null;
  readonly pruneEveryMs?: number;
  /** The outbox over the journal's open connection; throws while storage is unavailable. */
  readonly outbox: () => Outbox;
  readonly transport: SyncTransport;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** [0, 1), for the backoff's jitter. */
  readonly random?: () => number;
  /** Told after each batch the collector acknowledged (the demo prints it). */
  readonly onAcknowledged?: (info: { batchId: string; count: number; accepted: number; duplicates: number; lastSeq: number }) => void;
}

export type UploaderState = 'idle' | 'sending' | 'backoff' | 'paused' | 'stopped';

export interface UploaderStatus {
  readonly state: UploaderState;
  /** Failed attempts in a row (0 after a success). */
  readonly attempt: number;
  readonly lastError: string | null;
}

/** Never reset while the host runs; shown by okno doctor through the status file. */
export interface SyncCounters {
  syncRequests: number;
  syncBatchesAcknowledged: number;
  syncEventsAccepted: number;
  syncDuplicates: number;
  syncFailures: number;
  /** Answers outside the protocol: 200 with a body that is not {accepted, duplicates}, odd statuses. */
  syncBadAnswers: number;
  syncBatchesSplit: number;
  syncBatchesQuarantined: number;
  syncEventsPruned: number;
  /** The outbox could not be read or written (storage trouble); retried with backoff. */
  syncStorageFailures: number;
}

export interface Uploader {
  start(): void;
  /** New events were committed: send them soon (debounced). */
  notifyAppended(): void;
  /** Stops the timers, aborts a request in flight and waits for it to unwind. */
  stop(): Promise<void>;
  status(): UploaderStatus;
  counters(): SyncCounters;
}

const PRUNE_CHUNK = 2_000;

export function createUploader(options: UploaderOptions): Uploader {
  const { clock, scheduler, transport } = options;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const limits = options.limits ?? { maxEvents: MAX_BATCH_EVENTS, maxBytes: MAX_BATCH_BYTES };
  const debounceMs = options.debounceMs ?? 500;
  const pruneEveryMs = options.pruneEveryMs ?? 3_600_000;
  const random = options.random ?? Math.random;
  const useGzip = options.gzip ?? true;
  const url = endpointUrl(options.endpoint, BATCHES_PATH);
  const counters: SyncCounters = {
    syncRequests: 0,
    syncBatchesAcknowledged: 0,
    syncEventsAccepted: 0,
    syncDuplicates: 0,
    syncFailures: 0,
    syncBadAnswers: 0,
    syncBatchesSplit: 0,
    syncBatchesQuarantined: 0,
    syncEventsPruned: 0,
    syncStorageFailures: 0,
  };

  let state: UploaderState = 'idle';
  let stopped = false;
  let attempt = 0;
  let lastError: string | null = null;
  let timer: unknown = null;
  let timerAt = Infinity;
  let running: Promise<void> | null = null;
  let abort = new AbortController();
  let lastPruneAt = -Infinity;
  /** After a 413: smaller batches until the refused range is through. */
  let split: { maxEvents: number; untilSeq: number } | null = null;

  const nowIso = (): string => isoWithOffset(clock.now(), options.timeZone);

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
    if (running || stopped) return;
    running = cycle()
      .catch((error: unknown) => {
        // Storage trouble (disk full, journal closed): the events are safe in the journal; try later.
        counters.syncStorageFailures += 1;
        fail(`storage: ${error instanceof Error ? error.message : String(error)}`, null, null);
      })
      .finally(() => {
        running = null;
      });
  }

  /** A failed attempt: remember why (in memory, and in the outbox if it can be written) and back off. */
  function fail(reason: string, outbox: Outbox | null, retryAfterMs: number | null): void {
    attempt += 1;
    lastError = reason;
    if (stopped) return;
    state = 'backoff';
    try {
      outbox?.noteError(reason, nowIso());
    } catch {
      counters.syncStorageFailures += 1;
    }
    schedule(retryDelayMs(attempt, random(), retryAfterMs, backoff));
  }

  async function prune(outbox: Outbox): Promise<void> {
    if (options.retentionMs === null || clock.monotonicMs() - lastPruneAt < pruneEveryMs) return;
    lastPruneAt = clock.monotonicMs();
    const cutoffMs = clock.now().getTime() - options.retentionMs;
    // In chunks, yielding between them, so a first prune of months of events never holds up a press.
    try {
      for (let i = 0; i < 10_000 && !stopped; i += 1) {
        const deleted = outbox.pruneChunk(cutoffMs, PRUNE_CHUNK);
        counters.syncEventsPruned += deleted;
        if (deleted < PRUNE_CHUNK) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch {
      // A prune that fails (a full disk can refuse even a DELETE) must not stop the shipping; next hour again.
      counters.syncStorageFailures += 1;
    }
  }

  async function send(outbox: Outbox, draft: BatchDraft): Promise<'continue' | 'done'> {
    const batchId = uuidv7();
    const json = batchBody(options.deviceId, batchId, nowIso(), draft);
    const body = useGzip ? await gzip(json) : Buffer.from(json);
    if (stopped) return 'done';
    state = 'sending';
    counters.syncRequests += 1;
    const sentAtMs = clock.now().getTime();
    const outcome = await transport.post({ url, token: options.token, body, gzip: useGzip, timeoutMs: options.timeoutMs, signal: abort.signal });
    const answeredAtMs = clock.now().getTime();
    const verdict = classifyOutcome(outcome, draft.count, answeredAtMs);
    if (stopped && verdict.kind !== 'acknowledged') return 'done';

    switch (verdict.kind) {
      case 'acknowledged': {
        const offset = observedClockOffsetMs(sentAtMs, answeredAtMs, verdict.receivedAt, verdict.serverDate);
        outbox.acknowledge(draft.lastSeq, nowIso(), offset);
        counters.syncBatchesAcknowledged += 1;
        counters.syncEventsAccepted += verdict.accepted;
        counters.syncDuplicates += verdict.duplicates;
        attempt = 0;
        lastError = null;
        if (!stopped) state = 'idle';
        options.onAcknowledged?.({ batchId, count: draft.count, accepted: verdict.accepted, duplicates: verdict.duplicates, lastSeq: draft.lastSeq });
        // Straight on to the next batch: a backlog drains at the collector's pace, not the interval's.
        return 'continue';
      }
      case 'split':
        counters.syncBatchesSplit += 1;
        if (draft.count === 1) {
          quarantine(outbox, draft, batchId, json, 413, verdict.reason);
        } else {
          split = { maxEvents: Math.max(1, Math.floor(draft.count / 2)), untilSeq: draft.lastSeq };
        }
        return 'continue';
      case 'quarantine':
        quarantine(outbox, draft, batchId, json, verdict.status, verdict.reason);
        return 'continue';
      case 'unauthorized':
        // Retrying every second with a bad token helps no one: pause, tell the technician (doctor),
        // and look again at the backoff's cap in case the collector's admin fixes it on their side.
        counters.syncFailures += 1;
        lastError = verdict.reason;
        state = 'paused';
        outbox.setPaused(verdict.reason);
        outbox.noteError(verdict.reason, nowIso());
        schedule(backoff.maxMs);
        return 'done';
      case 'retry':
        counters.syncFailures += 1;
        if (verdict.badAnswer) counters.syncBadAnswers += 1;
        fail(verdict.reason, outbox, verdict.retryAfterMs);
        return 'done';
    }
  }

  function quarantine(outbox: Outbox, draft: BatchDraft, batchId: string, body: string, status: number, reason: string): void {
    counters.syncBatchesQuarantined += 1;
    outbox.quarantine({ batchId, firstSeq: draft.firstSeq, lastSeq: draft.lastSeq, count: draft.count, status, reason, body }, nowIso());
  }

  async function cycle(): Promise<void> {
    while (!stopped) {
      const outbox = options.outbox();
      await prune(outbox);
      const { ackedSeq } = outbox.progress();
      if (split && ackedSeq >= split.untilSeq) split = null;
      const maxEvents = split ? split.maxEvents : limits.maxEvents;
      const draft = cutBatch(outbox.rowsAfter(ackedSeq, maxEvents), { maxEvents, maxBytes: limits.maxBytes });
      if (!draft) {
        if (!stopped) state = 'idle';
        schedule(options.intervalMs);
        return;
      }
      if ((await send(outbox, draft)) === 'done') return;
      // Let a press that arrived meanwhile run first; a long drain is many short turns.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  return {
    start() {
      if (stopped) return;
      schedule(0);
    },
    notifyAppended() {
      // During a backoff or a pause the retry policy decides; a new vote does not hammer a failing collector.
      if (state !== 'idle' || running) return;
      schedule(debounceMs);
    },
    async stop() {
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
      state = 'stopped';
      stopped = true;
      abort.abort();
      await running;
      abort = new AbortController();
    },
    status: () => ({ state, attempt, lastError }),
    counters: () => ({ ...counters }),
  };
}
