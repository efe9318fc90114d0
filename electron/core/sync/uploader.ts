import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { isoWithOffset, type Clock } from '../clock.ts';
import type { Scheduler } from '../scheduler.ts';
import { classifyOutcome } from './answer.ts';
import { batchBody, cutBatch, type BatchDraft, type BatchLimits, type OutboxRow } from './batching.ts';
import { observedClockOffsetMs } from './clockOffset.ts';
import type { Outbox, RequeuedBatch, SyncProgress } from './outbox.ts';
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
  /** The device id in force: events recorded under it go with `token`. */
  readonly deviceId: string;
  readonly timeZone: string;
  readonly endpoint: string;
  readonly token: string;
  /** Tokens of ids this device had before (sync.previousTokens): their unsent events go under their own id. */
  readonly previousTokens?: Readonly<Record<string, string>>;
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
  /** Quarantined batches a technician requeued that the collector then acknowledged. */
  syncBatchesRequeuedSent: number;
  /** Answers that say the endpoint is wrong (404, 405, …): sending pauses until it is fixed. */
  syncEndpointRefusals: number;
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

/**
 * A requeued batch as it goes again: its events from the journal, or, when an older okno pruned them,
 * the events of the body kept with it (the same bytes, cut out of the text, never re-encoded).
 */
export function requeuedDraft(batch: RequeuedBatch, rows: readonly OutboxRow[]): BatchDraft | null {
  if (rows.length === batch.count) return { firstSeq: batch.firstSeq, lastSeq: batch.lastSeq, count: rows.length, events: rows.map((row) => row.json) };
  const start = batch.body.indexOf(EVENTS_MEMBER);
  if (start < 0 || !batch.body.endsWith(']}')) return null;
  const events = batch.body.slice(start + EVENTS_MEMBER.length, -2);
  try {
    if ((JSON.parse(`[${events}]`) as unknown[]).length !== batch.count) return null;
  } catch {
    return null;
  }
  return { firstSeq: batch.firstSeq, lastSeq: batch.lastSeq, count: batch.count, events: [events] };
}

/** Where the events begin in a body made by batchBody (ids and times cannot contain it). */
const EVENTS_MEMBER = ',"events":[';

/** One batch to send: whose events, with which token, and whether it is a requeued quarantined batch. */
interface Work {
  readonly deviceId: string;
  readonly token: string;
  readonly draft: BatchDraft;
  readonly requeued: RequeuedBatch | null;
}

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
    syncBatchesRequeuedSent: 0,
    syncEndpointRefusals: 0,
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
  let split: { deviceId: string; maxEvents: number; untilSeq: number } | null = null;
  /** 401/403 per device id, a wrong endpoint for all: no request before these monotonic times. */
  const pausedUntil = new Map<string, number>();
  let endpointPausedUntil = -Infinity;

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
        fail(`storage: ${error instanceof Error ? error.message : String(error)}`, null, options.deviceId, null);
      })
      .finally(() => {
        running = null;
      });
  }

  /** A failed attempt: remember why (in memory, and in the outbox if it can be written) and back off. */
  function fail(reason: string, outbox: Outbox | null, deviceId: string, retryAfterMs: number | null): void {
    attempt += 1;
    lastError = reason;
    if (stopped) return;
    state = 'backoff';
    try {
      outbox?.noteError(deviceId, reason, nowIso());
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

  /** The token for events recorded under `deviceId`, or null: they wait, never relabelled. */
  const tokenFor = (deviceId: string): string | null => (deviceId === options.deviceId ? options.token : (options.previousTokens?.[deviceId] ?? null));

  /** Pauses one device id's sending (401/403) or all of it (a wrong endpoint) until the backoff's cap. */
  function pause(outbox: Outbox, deviceId: string, kind: 'token' | 'endpoint', reason: string): void {
    counters.syncFailures += 1;
    lastError = reason;
    const until = clock.monotonicMs() + backoff.maxMs;
    if (kind === 'endpoint') endpointPausedUntil = until;
    else pausedUntil.set(deviceId, until);
    outbox.setPaused(deviceId, reason, kind);
    outbox.noteError(deviceId, reason, nowIso());
  }

  async function send(outbox: Outbox, work: Work): Promise<'continue' | 'done'> {
    const { deviceId, token, draft, requeued } = work;
    const batchId = uuidv7();
    const json = batchBody(deviceId, batchId, nowIso(), draft);
    const body = useGzip ? await gzip(json) : Buffer.from(json);
    if (stopped) return 'done';
    state = 'sending';
    counters.syncRequests += 1;
    const sentAtMs = clock.now().getTime();
    const outcome = await transport.post({ url, token, body, gzip: useGzip, timeoutMs: options.timeoutMs, signal: abort.signal });
    const answeredAtMs = clock.now().getTime();
    const verdict = classifyOutcome(outcome, draft.count, answeredAtMs);
    if (stopped && verdict.kind !== 'acknowledged') return 'done';

    switch (verdict.kind) {
      case 'acknowledged': {
        const offset = observedClockOffsetMs(sentAtMs, answeredAtMs, verdict.receivedAt, verdict.serverDate);
        if (requeued) {
          outbox.acknowledgeRequeued(requeued, nowIso(), offset);
          counters.syncBatchesRequeuedSent += 1;
        } else {
          outbox.acknowledge(deviceId, draft.lastSeq, nowIso(), offset);
        }
        counters.syncBatchesAcknowledged += 1;
        counters.syncEventsAccepted += verdict.accepted;
        counters.syncDuplicates += verdict.duplicates;
        attempt = 0;
        lastError = null;
        endpointPausedUntil = -Infinity;
        pausedUntil.delete(deviceId);
        if (!stopped) state = 'idle';
        options.onAcknowledged?.({ batchId, count: draft.count, accepted: verdict.accepted, duplicates: verdict.duplicates, lastSeq: draft.lastSeq });
        // Straight on to the next batch: a backlog drains at the collector's pace, not the interval's.
        return 'continue';
      }
      case 'split':
        counters.syncBatchesSplit += 1;
        if (requeued) {
          // A requeued batch is sent whole, as it was quarantined: too large now, it stays aside.
          counters.syncBatchesQuarantined += 1;
          outbox.requarantine(requeued, 413, verdict.reason, json, nowIso());
        } else if (draft.count === 1) {
          quarantine(outbox, deviceId, draft, batchId, json, 413, verdict.reason);
        } else {
          split = { deviceId, maxEvents: Math.max(1, Math.floor(draft.count / 2)), untilSeq: draft.lastSeq };
        }
        return 'continue';
      case 'quarantine':
        if (requeued) {
          counters.syncBatchesQuarantined += 1;
          outbox.requarantine(requeued, verdict.status, verdict.reason, json, nowIso());
        } else {
          quarantine(outbox, deviceId, draft, batchId, json, verdict.status, verdict.reason);
        }
        return 'continue';
      case 'unauthorized':
        // Retrying every second with a bad token helps no one: pause this device id, tell the
        // technician (doctor), and look again at the backoff's cap in case the collector's admin fixes
        // it on their side. Events recorded under another id (another token) go on.
        pause(outbox, deviceId, 'token', verdict.reason);
        return 'continue';
      case 'misconfigured':
        // A wrong sync.endpoint (404, 405, a proxy's page): no batch is at fault, so none is set aside.
        // Everything waits until the endpoint answers okno-sync/1 (a corrected config restarts us).
        counters.syncEndpointRefusals += 1;
        pause(outbox, deviceId, 'endpoint', `${verdict.reason} (the collector does not take batches at ${url.href}: check sync.endpoint)`);
        return 'continue';
      case 'retry':
        counters.syncFailures += 1;
        if (verdict.badAnswer) counters.syncBadAnswers += 1;
        fail(verdict.reason, outbox, deviceId, verdict.retryAfterMs);
        return 'done';
    }
  }

  function quarantine(outbox: Outbox, deviceId: string, draft: BatchDraft, batchId: string, body: string, status: number, reason: string): void {
    counters.syncBatchesQuarantined += 1;
    outbox.quarantine({ deviceId, batchId, firstSeq: draft.firstSeq, lastSeq: draft.lastSeq, count: draft.count, status, reason, body }, nowIso());
  }

  /** Tells doctor once why a device id's events wait for a token, and keeps them (never relabelled). */
  function noteNoToken(outbox: Outbox, waiting: SyncProgress): void {
    if (waiting.pausedKind === 'no-token') return;
    outbox.setPaused(
      waiting.deviceId,
      `events recorded as "${waiting.deviceId}" wait: no token for "${waiting.deviceId}" is configured (add it to sync.previousTokens, or sync.token if it is this device's id)`,
      'no-token',
    );
  }

  /** What to send next: a requeued batch first, then the device id whose oldest unsent event is oldest. */
  function nextWork(outbox: Outbox): Work | 'paused' | null {
    const now = clock.monotonicMs();
    if (now < endpointPausedUntil) return 'paused';
    let anyPaused = false;
    const sendable = (deviceId: string): string | null => {
      const token = tokenFor(deviceId);
      if (token === null) return null;
      if (now < (pausedUntil.get(deviceId) ?? -Infinity)) {
        anyPaused = true;
        return null;
      }
      return token;
    };
    for (const requeued of outbox.requeuedBatches()) {
      const token = sendable(requeued.deviceId);
      if (token === null) {
        if (tokenFor(requeued.deviceId) === null) noteNoToken(outbox, outbox.progress(requeued.deviceId));
        continue;
      }
      const draft = requeuedDraft(requeued, outbox.rowsOf(requeued));
      if (draft) return { deviceId: requeued.deviceId, token, draft, requeued };
    }
    for (const waiting of outbox.pendingDevices()) {
      const token = sendable(waiting.deviceId);
      if (token === null) {
        if (tokenFor(waiting.deviceId) === null) noteNoToken(outbox, waiting);
        continue;
      }
      if (split && (split.deviceId !== waiting.deviceId || waiting.ackedSeq >= split.untilSeq)) split = null;
      const maxEvents = split ? split.maxEvents : limits.maxEvents;
      const draft = cutBatch(outbox.rowsAfter(waiting.deviceId, waiting.ackedSeq, maxEvents), { maxEvents, maxBytes: limits.maxBytes });
      if (draft) return { deviceId: waiting.deviceId, token, draft, requeued: null };
    }
    return anyPaused ? 'paused' : null;
  }

  async function cycle(): Promise<void> {
    while (!stopped) {
      const outbox = options.outbox();
      await prune(outbox);
      const work = nextWork(outbox);
      if (work === null || work === 'paused') {
        if (!stopped) state = work === 'paused' ? 'paused' : 'idle';
        // A pause ends at its own time; the interval still comes, for new events of other ids and requeues.
        const now = clock.monotonicMs();
        const ends = [endpointPausedUntil, ...pausedUntil.values()].filter((at) => at > now);
        schedule(Math.min(options.intervalMs, ...ends.map((at) => at - now)));
        return;
      }
      if ((await send(outbox, work)) === 'done') return;
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
      // During a backoff or a pause the retry policy decides; a new vote does not hammer a failing
      // collector. A pause of one device id's token (an old id after a rename) does not hold the others.
      if (running) return;
      if (state === 'idle' || (state === 'paused' && clock.monotonicMs() >= endpointPausedUntil)) schedule(debounceMs);
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
