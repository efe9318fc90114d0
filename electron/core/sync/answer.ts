import { batchAnswerSchema, BATCH_REJECTION_CODES, errorAnswerSchema } from './protocol.ts';
import { parseRetryAfter } from './retryPolicy.ts';

/** What the collector (or the network) said about one batch. */
export type HttpOutcome =
  | { readonly kind: 'answer'; readonly status: number; readonly headers: Readonly<Record<string, string | undefined>>; readonly body: string }
  /** No HTTP answer: refused, reset, timed out, DNS, TLS… `code` is Node's error code or 'timeout'. */
  | { readonly kind: 'network'; readonly code: string; readonly message: string };

/** What the uploader does next. Pure: see classifyOutcome. */
export type Verdict =
  | { readonly kind: 'acknowledged'; readonly accepted: number; readonly duplicates: number; readonly receivedAt: string | null; readonly serverDate: string | null }
  /** Try the same events again later. `badAnswer`: the server answered something outside the protocol. */
  | { readonly kind: 'retry'; readonly reason: string; readonly retryAfterMs: number | null; readonly badAnswer: boolean }
  | { readonly kind: 'split'; readonly reason: string }
  /** 401/403: the token is wrong or revoked; only a technician (or the collector's admin) can fix it. */
  | { readonly kind: 'unauthorized'; readonly status: number; readonly reason: string }
  /**
   * Any other 4xx that is not the collector refusing this batch by name (404, 405, 410, 421, a proxy's
   * page…): the endpoint is wrong, not the batch. Pause like 401/403; the batch stays pending.
   */
  | { readonly kind: 'misconfigured'; readonly status: number; readonly reason: string }
  /** 400/422 with the collector's documented refusal (invalid-batch…): this batch will never be accepted as it is; keep it aside and go on. */
  | { readonly kind: 'quarantine'; readonly status: number; readonly reason: string };

const RETRY_STATUSES = new Set([408, 425, 429]);
const REJECTION_STATUSES = new Set([400, 422]);
const REJECTION_CODES: ReadonlySet<string> = new Set(BATCH_REJECTION_CODES);

/** The collector's `{error, reason}` body, or null for anything else (a proxy's HTML, an empty body). */
function errorBody(body: string): { error: string; reason?: string | undefined } | null {
  try {
    const parsed = errorAnswerSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function reasonOf(status: number, body: string): string {
  const known = errorBody(body);
  if (known) return `HTTP ${status} ${known.error}${known.reason ? `: ${known.reason}` : ''}`;
  // Not our collector's JSON (a proxy's HTML page): the status says enough.
  const text = body.replace(/\s+/g, ' ').trim().slice(0, 200);
  return `HTTP ${status}${text ? `: ${text}` : ''}`;
}

/** okno-sync/1's rules (DESIGN.md, docs/protocol-sync.md) as one function of the answer and the batch size. */
export function classifyOutcome(outcome: HttpOutcome, eventCount: number, nowMs: number): Verdict {
  if (outcome.kind === 'network') {
    return { kind: 'retry', reason: `network: ${outcome.code} ${outcome.message}`.trim(), retryAfterMs: null, badAnswer: false };
  }
  const { status, headers, body } = outcome;
  if (status === 200) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return { kind: 'retry', reason: `bad answer: HTTP 200 with a body that is not JSON (${body.length} bytes)`, retryAfterMs: null, badAnswer: true };
    }
    const parsed = batchAnswerSchema.safeParse(json);
    if (!parsed.success) {
      return { kind: 'retry', reason: `bad answer: HTTP 200 without {accepted, duplicates}: ${parsed.error.issues[0]?.message ?? ''}`, retryAfterMs: null, badAnswer: true };
    }
    const { accepted, duplicates, receivedAt } = parsed.data;
    // Every event is either new or a duplicate; any other sum means the answer is not about this batch.
    if (accepted + duplicates !== eventCount) {
      return { kind: 'retry', reason: `bad answer: accepted ${accepted} + duplicates ${duplicates} ≠ ${eventCount} events sent`, retryAfterMs: null, badAnswer: true };
    }
    return { kind: 'acknowledged', accepted, duplicates, receivedAt: receivedAt ?? null, serverDate: headers.date ?? null };
  }
  if (status >= 500 || RETRY_STATUSES.has(status)) {
    return { kind: 'retry', reason: reasonOf(status, body), retryAfterMs: parseRetryAfter(headers['retry-after'], nowMs), badAnswer: false };
  }
  if (status === 413) return { kind: 'split', reason: reasonOf(status, body) };
  if (status === 401 || status === 403) return { kind: 'unauthorized', status, reason: reasonOf(status, body) };
  if (status >= 400 && status < 500) {
    // Quarantine only what the collector refuses by name: a 404 from a wrong path (or a proxy's 400
    // page) would otherwise set the whole backlog aside within seconds.
    const refusal = errorBody(body);
    if (REJECTION_STATUSES.has(status) && refusal && REJECTION_CODES.has(refusal.error)) return { kind: 'quarantine', status, reason: reasonOf(status, body) };
    return { kind: 'misconfigured', status, reason: reasonOf(status, body) };
  }
  // 1xx/2xx other than 200, 3xx: not okno-sync/1. Re-sending is harmless (the collector deduplicates).
  return { kind: 'retry', reason: `bad answer: unexpected HTTP ${status}`, retryAfterMs: null, badAnswer: true };
}
