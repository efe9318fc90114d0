import { parseTree, type Node } from 'jsonc-parser';
import { batchSchema, MAX_JSON_NESTING, type Batch } from '../core/sync/protocol.ts';
import { nestingBeyond } from './jsonNesting.ts';
import { describeIssues, refusal, type Refusal } from './refusal.ts';

/**
 * From the bytes of a batch body (decompressed) to a validated batch and, for each event, its JSON
 * text exactly as the device sent it. The collector stores those texts and its export gives them
 * back unchanged (docs/protocol-sync.md): JSON.parse then JSON.stringify would rewrite `1.50` as
 * `1.5`, `"\u00e9"` as `é`, a large integer as another number, drop a `__proto__` member
 * (issue #11, defect 4). zod validates the parsed value; jsonc-parser's tree gives each event's
 * offsets in the same text.
 */
export interface ReceivedEvent {
  /** The event's JSON text as received: its span in the body, from `{` to `}`. */
  readonly text: string;
  /** The payload's JSON text as received, a span of `text`. */
  readonly payloadText: string;
}

export interface ReceivedBatch {
  readonly batch: Batch;
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

  // The text is valid JSON (JSON.parse took it), so the tree has no errors and its offsets are exact.
  const root = parseTree(text);
  const twiceAtTop = repeatedMember(root);
  if (twiceAtTop !== null) return refusal(400, 'invalid-batch', `member "${twiceAtTop}" twice in the batch`);
  const eventNodes = memberValue(root, 'events')?.children ?? [];
  const events: ReceivedEvent[] = [];
  for (const [i, node] of eventNodes.entries()) {
    // JSON.parse keeps the last of two equal names, a reader of the stored text might keep the first:
    // the fields the collector indexes must mean one thing.
    const twice = repeatedMember(node);
    if (twice !== null) return refusal(400, 'invalid-batch', `events.${i}: member "${twice}" twice`);
    const payload = memberValue(node, 'payload');
    if (payload === undefined) return refusal(400, 'invalid-batch', `events.${i}.payload: missing`);
    events.push({ text: span(text, node), payloadText: span(text, payload) });
  }
  if (events.length !== batch.events.length) return refusal(400, 'invalid-batch', 'events: cannot be read as sent');
  return { batch, events };
}

const span = (text: string, node: Node): string => text.slice(node.offset, node.offset + node.length);

const memberName = (property: Node): string | undefined => {
  const key = property.children?.[0]?.value as unknown;
  return typeof key === 'string' ? key : undefined;
};

function memberValue(object: Node | undefined, name: string): Node | undefined {
  if (object?.type !== 'object') return undefined;
  // The last one, as JSON.parse (and so zod) read it.
  const property = object.children?.findLast((child) => memberName(child) === name);
  return property?.children?.[1];
}

function repeatedMember(object: Node | undefined): string | null {
  const seen = new Set<string>();
  for (const property of object?.children ?? []) {
    const name = memberName(property);
    if (name === undefined) continue;
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return null;
}
