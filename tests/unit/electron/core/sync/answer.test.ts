import { describe, expect, it } from 'vitest';
import { classifyOutcome, type HttpOutcome } from '../../../../../electron/core/sync/answer.ts';

const now = Date.parse('2026-11-23T07:15:00.000Z');
const answer = (status: number, body = '', headers: Record<string, string> = {}): HttpOutcome => ({ kind: 'answer', status, headers, body });

describe('classifying the collector’s answer (okno-sync/1)', () => {
  it('200 with {accepted, duplicates} adding up to the batch is an acknowledgement', () => {
    expect(classifyOutcome(answer(200, '{"accepted":2,"duplicates":1,"receivedAt":"2026-11-23T07:15:00.100Z"}'), 3, now)).toEqual({
      kind: 'acknowledged',
      accepted: 2,
      duplicates: 1,
      receivedAt: '2026-11-23T07:15:00.100Z',
      serverDate: null,
    });
  });

  it.each([
    ['not JSON', '<html>ok</html>'],
    ['truncated JSON', '{"accepted":3,"dupl'],
    ['wrong shape', '{"ok":true}'],
    ['wrong sum', '{"accepted":1,"duplicates":0}'],
  ])('a 200 that is %s is a bad answer, retried (re-sending is harmless)', (_name, body) => {
    expect(classifyOutcome(answer(200, body), 3, now)).toMatchObject({ kind: 'retry', badAnswer: true });
  });

  it.each([500, 502, 503, 408, 429])('%i is retried, honouring Retry-After', (status) => {
    expect(classifyOutcome(answer(status, '', { 'retry-after': '2' }), 3, now)).toEqual({
      kind: 'retry',
      reason: `HTTP ${status}`,
      retryAfterMs: 2_000,
      badAnswer: false,
    });
  });

  it('a network failure is retried with our own backoff', () => {
    expect(classifyOutcome({ kind: 'network', code: 'ECONNRESET', message: 'socket hang up' }, 3, now)).toEqual({
      kind: 'retry',
      reason: 'network: ECONNRESET socket hang up',
      retryAfterMs: null,
      badAnswer: false,
    });
  });

  it('413 splits, 401/403 pause, a documented 400/422 refusal quarantines, with the collector’s reason', () => {
    expect(classifyOutcome(answer(413), 3, now).kind).toBe('split');
    expect(classifyOutcome(answer(401, '{"error":"unauthorized","reason":"unknown token"}'), 3, now)).toEqual({
      kind: 'unauthorized',
      status: 401,
      reason: 'HTTP 401 unauthorized: unknown token',
    });
    expect(classifyOutcome(answer(403), 3, now).kind).toBe('unauthorized');
    expect(classifyOutcome(answer(400, '{"error":"invalid-batch","reason":"events.0.id: Invalid UUID"}'), 3, now)).toEqual({
      kind: 'quarantine',
      status: 400,
      reason: 'HTTP 400 invalid-batch: events.0.id: Invalid UUID',
    });
    expect(classifyOutcome(answer(422, '{"error":"invalid-json","reason":"Unexpected token"}'), 3, now)).toMatchObject({ kind: 'quarantine', status: 422 });
    expect(classifyOutcome(answer(400, '{"error":"bad-encoding"}'), 3, now)).toMatchObject({ kind: 'quarantine', status: 400 });
  });

  it.each([
    ['404 from a wrong path', 404, '{"error":"not-found","reason":"POST /wrong/v1/batches"}'],
    ['404 from a web server', 404, '<html><body>Not Found</body></html>'],
    ['405', 405, ''],
    ['410', 410, ''],
    ['421', 421, ''],
    ['415 (no gzip)', 415, '{"error":"unsupported-encoding"}'],
    ['400 without a body', 400, ''],
    ['400 from a proxy', 400, '<html>Bad Request</html>'],
    ['400 with an undocumented code', 400, '{"error":"something-else"}'],
    ['422 without the documented body', 422, 'nope'],
    ['418', 418, ''],
  ])('%s is a misconfigured endpoint (pause), never a quarantined batch', (_name, status, body) => {
    expect(classifyOutcome(answer(status, body), 3, now)).toMatchObject({ kind: 'misconfigured', status });
  });

  it('statuses outside the protocol (204, 302) are bad answers, retried', () => {
    expect(classifyOutcome(answer(204), 3, now)).toMatchObject({ kind: 'retry', badAnswer: true });
    expect(classifyOutcome(answer(302), 3, now)).toMatchObject({ kind: 'retry', badAnswer: true });
  });
});
