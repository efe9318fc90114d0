import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { classifyOutcome } from '../../electron/core/sync/answer.ts';
import { batchBody, eventJson, type BatchDraft, type JournalRow } from '../../electron/core/sync/batching.ts';
import { createHttpTransport, type SyncTransport } from '../../electron/core/sync/httpTransport.ts';
import { BATCHES_PATH, endpointUrl } from '../../electron/core/sync/protocol.ts';
import { retryDelayMs, type BackoffPolicy } from '../../electron/core/sync/retryPolicy.ts';

/**
 * Many devices on one machine, for the central side's tests and benchmarks: each one a devices-file
 * entry and an okno-sync/1 sender built from the device's own code (batching.ts for the body,
 * httpTransport.ts for the request, answer.ts for what an answer means, retryPolicy.ts for the wait).
 * Like the uploader it never has more than one request in flight, sends the same events again after a
 * failed or unanswered request, and goes on only once they are acknowledged.
 */
export interface SimulatedDevice {
  readonly id: string;
  readonly token: string;
  readonly office: string;
}

/** `count` devices spread over `offices` offices, window numbers 1… within each. */
export function simulatedDevices(count: number, offices: number, prefix = 'sim'): SimulatedDevice[] {
  return Array.from({ length: count }, (_, i) => {
    const office = `${prefix}-office-${String(i % offices).padStart(3, '0')}`;
    const id = `${office}-w${String(Math.floor(i / offices) + 1).padStart(3, '0')}`;
    return { id, token: `${id}-token-${String(i).padStart(6, '0')}-0123456789`, office };
  });
}

/** The collector's devices file for them (tokens in clear: a test's own). */
export function writeFleetDevicesFile(dir: string, devices: readonly SimulatedDevice[]): string {
  const file = join(dir, 'devices.json');
  writeFileSync(file, JSON.stringify({ devices: Object.fromEntries(devices.map((d) => [d.id, { token: d.token, office: d.office }])) }));
  return file;
}

/** Moscow's offset, as a device there writes occurredAt. */
const localIso = (ms: number): string => `${new Date(ms + 3 * 3600_000).toISOString().slice(0, 23)}+03:00`;

/** A journal's rows: `count` events from `makePayload`, seq 1…, one a minute from `startMs`. */
export function journalRows(count: number, startMs: number, make: (i: number) => { type: string; payload: object }, firstSeq = 1): JournalRow[] {
  return Array.from({ length: count }, (_, i) => {
    const { type, payload } = make(i);
    return { seq: firstSeq + i, id: uuidv7(), type, occurredAt: localIso(startMs + i * 60_000), payload: JSON.stringify(payload) };
  });
}

/** A terminal's vote, as docs/events.md has it. */
export const ratingPayload = (i: number, window: string): object => ({ score: 1 + (i % 5), scale: 5, source: 'serial', window });

/** Consecutive drafts of at most `perBatch` rows (the uploader also cuts at 256 KB; these rows are small). */
export function drafts(rows: readonly JournalRow[], perBatch: number): BatchDraft[] {
  const out: BatchDraft[] = [];
  for (let i = 0; i < rows.length; i += perBatch) {
    const part = rows.slice(i, i + perBatch);
    out.push({ firstSeq: part[0]!.seq, lastSeq: part.at(-1)!.seq, count: part.length, events: part.map(eventJson) });
  }
  return out;
}

const gzip = promisify(gzipCallback);

/** What a whole fleet met on the way: every answer that was not an acknowledgement, by kind. */
export interface FleetTally {
  requests: number;
  acknowledged: number;
  accepted: number;
  duplicates: number;
  /** `network: ECONNREFUSED`, `HTTP 503 unavailable`, … → how many times. */
  readonly retries: Map<string, number>;
}

export const newTally = (): FleetTally => ({ requests: 0, acknowledged: 0, accepted: 0, duplicates: 0, retries: new Map() });

export interface DeliveryOptions {
  /** The collector this request goes to: a load balancer's choice. */
  readonly endpoint: () => string;
  readonly backoff: BackoffPolicy;
  readonly timeoutMs: number;
  /** A batch not acknowledged after this many requests fails its device (a stuck device, not a wait for ever). */
  readonly maxAttempts: number;
  readonly tally: FleetTally;
}

/** The body of one request: the uploader's (a new batchId and sentAt each time, gzip on the thread pool). */
export const deviceBody = async (device: SimulatedDevice, draft: BatchDraft): Promise<Buffer> => gzip(batchBody(device.id, uuidv7(), new Date().toISOString(), draft));

/**
 * Sends one batch until it is acknowledged, as the uploader does: a retry verdict (network, 5xx,
 * 408/429, a bad answer) waits the device's backoff (Retry-After within its cap) and sends the same
 * events again; anything else (401, a quarantine, 413) is not expected here and throws.
 */
export async function deliver(transport: SyncTransport, device: SimulatedDevice, draft: BatchDraft, body: () => Promise<Buffer>, options: DeliveryOptions): Promise<void> {
  const { tally } = options;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
    const url = endpointUrl(options.endpoint(), BATCHES_PATH);
    tally.requests += 1;
    const outcome = await transport.post({ url, token: device.token, body: await body(), gzip: true, timeoutMs: options.timeoutMs, signal: new AbortController().signal });
    const verdict = classifyOutcome(outcome, draft.count, Date.now());
    if (verdict.kind === 'acknowledged') {
      tally.acknowledged += 1;
      tally.accepted += verdict.accepted;
      tally.duplicates += verdict.duplicates;
      return;
    }
    if (verdict.kind !== 'retry') throw new Error(`${device.id} seq ${draft.firstSeq}–${draft.lastSeq}: ${verdict.kind}: ${verdict.reason}`);
    const kind = outcome.kind === 'network' ? `network: ${outcome.code}` : `HTTP ${outcome.status}`;
    tally.retries.set(kind, (tally.retries.get(kind) ?? 0) + 1);
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt, Math.random(), verdict.retryAfterMs, options.backoff)));
  }
  throw new Error(`${device.id} seq ${draft.firstSeq}–${draft.lastSeq}: not acknowledged after ${options.maxAttempts} requests`);
}

/** One device's own connection pool (keep-alive, one socket per collector), closed when it is done. */
export async function withTransport<T>(work: (transport: SyncTransport) => Promise<T>): Promise<T> {
  const transport = createHttpTransport();
  try {
    return await work(transport);
  } finally {
    transport.close();
  }
}
