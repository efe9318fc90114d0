/**
 * Cutting the backlog into okno-sync/1 batches: pure, on rows as the journal stores them. The payload
 * is the journal's JSON text, put on the wire as it is, so the collector receives the very bytes the
 * device committed, and the uploader never parses what it only forwards.
 */
export interface JournalRow {
  readonly seq: number;
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  /** JSON text, exactly as committed. */
  readonly payload: string;
}

/** One event ready for the wire: its seq and its JSON text (eventJson of the journal row). */
export interface OutboxRow {
  readonly seq: number;
  readonly json: string;
}

export interface BatchLimits {
  readonly maxEvents: number;
  /** The whole body before compression; the gzipped body is always smaller. */
  readonly maxBytes: number;
}

export interface BatchDraft {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly count: number;
  /** One JSON object per event, in seq order. */
  readonly events: readonly string[];
}

/**
 * One event as okno-sync/1 ships it, with the payload's committed text inlined. The outbox builds the
 * same text in SQL (outbox.ts, EVENT_JSON_SQL), so a backlog drains without a JavaScript object per
 * field; a test holds the two to the same bytes.
 */
export function eventJson(row: JournalRow): string {
  return `{"id":${JSON.stringify(row.id)},"seq":${row.seq},"type":${JSON.stringify(row.type)},"occurredAt":${JSON.stringify(row.occurredAt)},"payload":${row.payload}}`;
}

/** Room the envelope takes: deviceId, batchId, sentAt and the punctuation around events. */
export const ENVELOPE_BYTES = 256;

/**
 * The longest prefix of `rows` (already in seq order) within the limits. At least one event, even
 * one larger than maxBytes: the collector then answers 413 and that single event is quarantined, so
 * one odd event never blocks the ones after it.
 */
export function cutBatch(rows: readonly OutboxRow[], limits: BatchLimits): BatchDraft | null {
  const events: string[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const row of rows) {
    if (events.length >= limits.maxEvents) break;
    const json = row.json;
    const size = Buffer.byteLength(json) + 1;
    if (events.length > 0 && bytes + size > limits.maxBytes) break;
    events.push(json);
    bytes += size;
  }
  const first = rows[0];
  if (!first || events.length === 0) return null;
  return { firstSeq: first.seq, lastSeq: rows[events.length - 1]!.seq, count: events.length, events };
}

/** The request body (JSON text). `sentAt` is set when the batch is sent, so a retry carries a new one. */
export function batchBody(deviceId: string, batchId: string, sentAt: string, draft: BatchDraft): string {
  return `{"deviceId":${JSON.stringify(deviceId)},"batchId":${JSON.stringify(batchId)},"sentAt":${JSON.stringify(sentAt)},"events":[${draft.events.join(',')}]}`;
}
