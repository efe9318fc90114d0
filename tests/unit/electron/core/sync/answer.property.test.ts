import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyOutcome, type HttpOutcome, type Verdict } from '../../../../../electron/core/sync/answer.ts';

/**
 * classifyOutcome against a small reference model of okno-sync/1's answer rules
 * (docs/protocol-sync.md, "What the uploader does with each answer"), written independently of it:
 * random statuses, headers and bodies. It never throws, and its verdict is what the rules say.
 */

const DOCUMENTED_REFUSALS = ['invalid-json', 'invalid-batch', 'bad-encoding'];

/** The rules, one line each. Only the verdict's kind (and its status/retry-after) are modelled. */
function expectedKind(outcome: HttpOutcome, eventCount: number): Verdict['kind'] {
  if (outcome.kind === 'network') return 'retry';
  const { status, body } = outcome;
  if (status === 200) {
    const answer = parseJson(body);
    const ok =
      isObject(answer) &&
      isCount(answer['accepted']) &&
      isCount(answer['duplicates']) &&
      (answer['receivedAt'] === undefined || typeof answer['receivedAt'] === 'string') &&
      answer['accepted'] + answer['duplicates'] === eventCount;
    return ok ? 'acknowledged' : 'retry';
  }
  if (status >= 500 || status === 408 || status === 425 || status === 429) return 'retry';
  if (status === 413) return 'split';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status >= 400 && status <= 499) {
    const error = parseJson(body);
    const named = isObject(error) && typeof error['error'] === 'string' && DOCUMENTED_REFUSALS.includes(error['error']) && (error['reason'] === undefined || typeof error['reason'] === 'string');
    return (status === 400 || status === 422) && named ? 'quarantine' : 'misconfigured';
  }
  return 'retry';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

const status = fc.oneof(
  fc.constantFrom(200, 204, 301, 302, 400, 401, 403, 404, 405, 408, 410, 413, 415, 418, 421, 422, 425, 429, 500, 502, 503, 504),
  fc.integer({ min: 100, max: 599 }),
  fc.integer({ min: 0, max: 999 }),
);

const count = fc.oneof(fc.integer({ min: 0, max: 600 }), fc.constantFrom(-1, 1.5, 1e300), fc.string());
const jsonBody = (value: fc.Arbitrary<unknown>): fc.Arbitrary<string> => value.map((v) => JSON.stringify(v) ?? '');
const body = fc.oneof(
  fc.constant(''),
  fc.string(),
  fc.constantFrom('<html><body>Not Found</body></html>', '{"accepted":3,"dupl', 'null', '[]', '"text"', '{"error":null}'),
  jsonBody(fc.record({ accepted: count, duplicates: count, receivedAt: fc.option(fc.string(), { nil: undefined }) }, { requiredKeys: [] })),
  jsonBody(
    fc.record(
      { error: fc.oneof(fc.constantFrom(...DOCUMENTED_REFUSALS, 'not-found', 'unauthorized', 'too-large', 'unavailable'), fc.string(), fc.integer()), reason: fc.oneof(fc.string(), fc.integer()) },
      { requiredKeys: [] },
    ),
  ),
  fc.json(),
);

const headerValue = fc.oneof(fc.string(), fc.nat({ max: 100_000 }).map(String), fc.constantFrom('Mon, 23 Nov 2026 07:16:00 GMT', 'soon', '-1', '1.5'), fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toUTCString())));
const headers = fc.dictionary(fc.constantFrom('retry-after', 'date', 'content-type', 'x-other'), fc.option(headerValue, { nil: undefined }));

const answer: fc.Arbitrary<HttpOutcome> = fc.record({ kind: fc.constant('answer' as const), status, headers, body });
const network: fc.Arbitrary<HttpOutcome> = fc.record({ kind: fc.constant('network' as const), code: fc.string(), message: fc.string() });
const outcome = fc.oneof({ arbitrary: answer, weight: 9 }, { arbitrary: network, weight: 1 });

describe('classifyOutcome against the reference model (fast-check)', () => {
  it('never throws, and gives the verdict the rules say', () => {
    fc.assert(
      fc.property(outcome, fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 4_102_444_800_000 }), (input, eventCount, nowMs) => {
        const verdict = classifyOutcome(input, eventCount, nowMs);
        expect(verdict.kind).toBe(expectedKind(input, eventCount));
        if (input.kind === 'answer' && (verdict.kind === 'unauthorized' || verdict.kind === 'misconfigured' || verdict.kind === 'quarantine')) {
          expect(verdict.status).toBe(input.status);
          // The reason names the status, so doctor and the log say what the collector answered.
          expect(verdict.reason.startsWith(`HTTP ${input.status}`)).toBe(true);
        }
        if (verdict.kind === 'retry' && verdict.retryAfterMs !== null) {
          expect(verdict.retryAfterMs).toBeGreaterThanOrEqual(0);
          expect(input.kind === 'answer' && input.headers['retry-after'] !== undefined).toBe(true);
        }
        if (verdict.kind === 'acknowledged' && input.kind === 'answer') expect(verdict.accepted + verdict.duplicates).toBe(eventCount);
      }),
      { numRuns: 3_000, seed: 0x0c11 },
    );
  });

  it('a batch is quarantined only on 400/422 with a documented refusal code', () => {
    fc.assert(
      fc.property(status, body, (code, text) => {
        const verdict = classifyOutcome({ kind: 'answer', status: code, headers: {}, body: text }, 3, 0);
        if (verdict.kind !== 'quarantine') return;
        expect([400, 422]).toContain(code);
        expect(DOCUMENTED_REFUSALS).toContain((JSON.parse(text) as { error: string }).error);
      }),
      { numRuns: 2_000, seed: 0x0c12 },
    );
  });
});
