import { visit } from 'jsonc-parser';
import { batchSchema, MAX_JSON_NESTING, type Batch } from '../core/sync/protocol.ts';
import { nestingBeyond } from './jsonNesting.ts';
import { describeIssues, refusal, type Refusal } from './refusal.ts';

/**
 * From the bytes of a batch body (decompressed) to a validated batch and, for each event, its JSON
 * text exactly as the device sent it. The collector stores those texts and its export gives them
 * back unchanged (docs/protocol-sync.md): JSON.parse then JSON.stringify would rewrite `1.50` as
 * `1.5`, `"\u00e9"` as `é`, a large integer as another number, drop a `__proto__` member
 * (issue #11, defect 4). zod validates the parsed value; jsonc-parser's visitor gives each event's
 * offsets in the same text.
 */
export interface ReceivedEvent {
  /** The event's JSON text as received: its span in the body, from `{` to `}`. */
  readonly text: string;
  /** The payload's JSON text as received, a span of `text`. */
  readonly payloadText: string;
  /** Where `text` is in `body`, in bytes. */
  readonly bytes: ByteSpan;
  /** Where `payloadText` is in `body`, in bytes. */
  readonly payloadBytes: ByteSpan;
}

export interface ByteSpan {
  readonly start: number;
  readonly length: number;
}

export interface ReceivedBatch {
  readonly batch: Batch;
  /**
   * The body as received (decompressed): the PostgreSQL store sends it once, with each event's byte
   * span, instead of every event's text and payload text as escaped array elements.
   */
  readonly body: Uint8Array;
  /** In the order of `batch.events`. */
  readonly events: readonly ReceivedEvent[];
}

// fatal: invalid UTF-8 is refused, not turned into U+FFFD. ignoreBOM: a BOM stays in the text, and
// JSON.parse refuses it, as before: the offsets below are offsets in what was sent.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function readBatchBody(body: Uint8Array): ReceivedBatch | Refusal {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return refusal(400, 'invalid-json', 'the body is not valid UTF-8 (JSON text is UTF-8, RFC 8259)');
  }
  const tooDeep = nestingBeyond(text, MAX_JSON_NESTING);
  if (tooDeep !== null) return refusal(400, 'invalid-batch', `nested deeper than ${MAX_JSON_NESTING} arrays and objects (at character ${tooDeep})`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return refusal(400, 'invalid-json', (error as Error).message);
  }
  const parsed = batchSchema.safeParse(json);
  if (!parsed.success) return refusal(400, 'invalid-batch', describeIssues(parsed.error));
  const batch = parsed.data;
  if (new Set(batch.events.map((event) => event.id)).size !== batch.events.length) {
    return refusal(400, 'invalid-batch', 'the same event id twice in one batch');
  }

  // The text is valid JSON (JSON.parse took it), so the walk meets no errors and its offsets are exact.
  const walked = walkBatch(text);
  if (walked.repeatedAtTop !== null) return refusal(400, 'invalid-batch', `member "${walked.repeatedAtTop}" twice in the batch`);
  // JSON.parse keeps the last of two equal names, a reader of the stored text might keep the first:
  // the fields the collector indexes must mean one thing.
  if (walked.repeatedInEvent !== null) return refusal(400, 'invalid-batch', `events.${walked.repeatedInEvent.index}: member "${walked.repeatedInEvent.name}" twice`);
  const events: ReceivedEvent[] = [];
  const byteAt = byteOffsets(text, body.length);
  for (const [i, spans] of walked.events.entries()) {
    if (spans.payloadStart < 0) return refusal(400, 'invalid-batch', `events.${i}.payload: missing`);
    // In this order the offsets only grow, as byteAt needs.
    const start = byteAt(spans.start);
    const payloadStart = byteAt(spans.payloadStart);
    const payloadEnd = byteAt(spans.payloadEnd);
    const end = byteAt(spans.end);
    events.push({
      text: text.slice(spans.start, spans.end),
      payloadText: text.slice(spans.payloadStart, spans.payloadEnd),
      bytes: { start, length: end - start },
      payloadBytes: { start: payloadStart, length: payloadEnd - payloadStart },
    });
  }
  if (events.length !== batch.events.length) return refusal(400, 'invalid-batch', 'events: cannot be read as sent');
  return { batch, body, events };
}

/**
 * The byte offset in the UTF-8 body of a UTF-16 offset in its decoded text, for offsets asked in
 * growing order (one pass over the text in all). A body of ASCII only has the same offsets in both:
 * the same number of bytes as UTF-16 units means no character took more than one byte.
 */
function byteOffsets(text: string, bodyBytes: number): (offset: number) => number {
  if (bodyBytes === text.length) return (offset) => offset;
  let at = 0;
  let bytes = 0;
  return (offset) => {
    bytes += Buffer.byteLength(text.slice(at, offset), 'utf8');
    at = offset;
    return bytes;
  };
}

interface EventSpans {
  readonly start: number;
  readonly end: number;
  /** -1 when the event has no payload. */
  readonly payloadStart: number;
  readonly payloadEnd: number;
}

interface WalkedBatch {
  readonly events: readonly EventSpans[];
  /** A member name the batch object has twice, or null. */
  readonly repeatedAtTop: string | null;
  /** The first event object with a member name twice, or null. */
  readonly repeatedInEvent: { readonly index: number; readonly name: string } | null;
}

/**
 * One pass over the text with jsonc-parser's visitor: the offsets of each event object in the
 * top-level `events` array and of its payload, and the member names the batch and its events repeat.
 * A visitor builds no tree: on a city's ingest path this was a third of the body's cost and much of
 * its garbage (docs/benchmarks.md, "Central side"). Depth counts the open objects and arrays: the
 * batch object is 1, `events` 2, an event 3, its payload 4.
 */
function walkBatch(text: string): WalkedBatch {
  const events: EventSpans[] = [];
  let repeatedAtTop: string | null = null;
  let repeatedInEvent: { index: number; name: string } | null = null;
  const topNames = new Set<string>();
  let topMember: string | null = null;
  let inEvents = false;
  let eventNames = new Set<string>();
  let eventMember: string | null = null;
  let eventStart = -1;
  let payloadStart = -1;
  let payloadEnd = -1;
  let depth = 0;
  visit(text, {
    onObjectBegin(offset) {
      depth += 1;
      if (!inEvents) return;
      if (depth === 3) {
        eventStart = offset;
        eventNames = new Set();
        eventMember = null;
        payloadStart = -1;
        payloadEnd = -1;
      } else if (depth === 4 && eventMember === 'payload') {
        payloadStart = offset;
      }
    },
    onObjectProperty(name) {
      if (depth === 1) {
        if (topNames.has(name)) repeatedAtTop ??= name;
        topNames.add(name);
        topMember = name;
      } else if (depth === 3 && inEvents) {
        if (eventNames.has(name)) repeatedInEvent ??= { index: events.length, name };
        eventNames.add(name);
        eventMember = name;
      }
    },
    onObjectEnd(offset, length) {
      if (inEvents && depth === 4 && eventMember === 'payload') payloadEnd = offset + length;
      else if (inEvents && depth === 3) events.push({ start: eventStart, end: offset + length, payloadStart, payloadEnd });
      depth -= 1;
    },
    onArrayBegin(offset) {
      depth += 1;
      if (depth === 2 && topMember === 'events') inEvents = true;
      else if (inEvents && depth === 4 && eventMember === 'payload') payloadStart = offset;
    },
    onArrayEnd(offset, length) {
      if (inEvents && depth === 4 && eventMember === 'payload') payloadEnd = offset + length;
      if (depth === 2) inEvents = false;
      depth -= 1;
    },
    onLiteralValue(_value, offset, length) {
      if (inEvents && depth === 3 && eventMember === 'payload') {
        payloadStart = offset;
        payloadEnd = offset + length;
      }
    },
  });
  return { events, repeatedAtTop, repeatedInEvent };
}
