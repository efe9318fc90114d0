import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchSchema } from '../../electron/core/sync/protocol.ts';
import { callCollector } from '../helpers/collectorContract.ts';
import { ADMIN, batchText, DEVICE, eventId, startTestCollector, TOKEN, type TestCollector } from '../helpers/collectorInProcess.ts';
import { rawExchange } from '../helpers/rawHttp.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import { readVector } from '../helpers/vectors.ts';

/**
 * Property tests of the collector's request handling (issue #11, item 16): whatever arrives —
 * request-target, method, headers, body, on a raw socket where fetch could not send it — the answer
 * is never a 5xx, the process never stops, and /healthz still answers. Plus: any event text the
 * schema takes is exported byte for byte (defect 4). numRuns keep the file to a few seconds.
 */
const tempDir = useTempDirs();
const vector = readVector('okno-sync-1.json') as { request: Record<string, unknown> };
let running: TestCollector;
beforeAll(async () => {
  running = await startTestCollector(tempDir());
});
afterAll(async () => {
  await running.close();
});

const chars = (alphabet: string, maxLength: number) => fc.string({ unit: fc.constantFrom(...alphabet), maxLength });
const WEIRD = '/[]%:@?#&=+;,!$\'()*~._-abcXYZ019\\|{}^`"<> \t\u00e9\u0000\r\n';

const method = fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'get', 'PRI'), chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ-!', 12));
const target = fc.oneof(
  fc.constantFrom('/healthz', '/v1/batches', '/v1/whoami', `/v1/devices/${DEVICE}/events`, '//[', '//x:99999/', 'http://[/', '//%/', '*', 'http://x/healthz', ''),
  fc.tuple(fc.constantFrom('/', '//', 'http://', 'https://', '/v1/devices/', `/v1/devices/${DEVICE}/events?`, ''), chars(WEIRD, 40)).map(([prefix, rest]) => prefix + rest),
);
const headerName = fc.oneof(
  fc.constantFrom('content-length', 'transfer-encoding', 'content-encoding', 'authorization', 'host', 'connection', 'expect', 'upgrade', 'content-type'),
  chars('abcdefghijklmnopqrstuvwxyz-_:() ', 16),
);
const headerValue = fc.oneof(
  fc.constantFrom('0', '5', '-1', '99999999999', 'chunked', 'gzip', 'br', `Bearer ${TOKEN}`, `Bearer ${ADMIN}`, 'close', '100-continue', 'websocket'),
  chars(' !"#$%&\'()*+,-./0123456789:;<=>?@ABCZ[\\]^_`abcz{|}~\t\u00e9\u0000', 30),
);
const body = fc.oneof(
  fc.constant(''),
  fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.constant(JSON.stringify(vector.request)),
);
const rawRequest = fc
  .tuple(method, target, fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', ''), fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 }), body)
  .map(([verb, path, version, headers, text]) => `${verb} ${path} ${version}\r\nhost: collector\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${text}`);

async function healthy(): Promise<void> {
  const response = await fetch(new URL('/healthz', running.collector.url));
  expect(response.status).toBe(200);
}

describe('collector request handling (property tests)', () => {
  it('answers any raw request with something other than a 5xx, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(rawRequest, async (request) => {
        const answer = await rawExchange(running.collector.port, Buffer.from(request, 'latin1'));
        for (const status of answer.statuses) expect(status, request).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    await healthy();
    expect(running.collector.counters).toMatchObject({ internalErrors: 0, storageFailures: 0, serverErrors: 0 });
  });

  it('answers any batch body with 200 exactly when the schema takes it, else a 4xx naming why', async () => {
    const event = (vector.request.events as Record<string, unknown>[])[0]!;
    const mutated = fc.oneof(
      fc.jsonValue({ maxDepth: 5 }),
      fc.record({ field: fc.constantFrom('deviceId', 'batchId', 'sentAt', 'events', 'extra'), value: fc.jsonValue({ maxDepth: 3 }) }).map(({ field, value }) => ({ ...vector.request, [field]: value })),
      fc
        .record({ field: fc.constantFrom('id', 'seq', 'type', 'occurredAt', 'payload', 'extra'), value: fc.jsonValue({ maxDepth: 3 }), n: fc.nat() })
        .map(({ field, value, n }) => ({ ...vector.request, batchId: eventId(n, '01936f5e-7a2b-7c3d-8e4f'), events: [{ ...event, id: eventId(n, '01936f5e-9999-7000-8000'), [field]: value }] })),
    );
    await fc.assert(
      fc.asyncProperty(mutated, fc.boolean(), async (value, compress) => {
        const text = JSON.stringify(value);
        // The answer is checked against docs/openapi.yaml too.
        const response = await callCollector(running.collector.url, '/v1/batches', {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(compress ? { 'content-encoding': 'gzip' } : {}) },
          body: compress ? new Uint8Array(gzipSync(text)) : text,
          expect: 'either',
        });
        const answer = response.json as { error?: string; reason?: string };
        expect(response.status, text).toBeLessThan(500);
        const parsed = batchSchema.safeParse(value);
        // A valid batch for another device id is that device's to send: 403.
        if (parsed.success) expect(response.status, text).toBe(parsed.data.deviceId === DEVICE ? 200 : 403);
        else expect(answer, text).toMatchObject({ error: expect.any(String) as unknown, reason: expect.any(String) as unknown });
      }),
      { numRuns: 150 },
    );
    await healthy();
  });

  it('exports every accepted event’s text exactly as it was sent (issue #11, defect 4)', async () => {
    // JSON text the way other encoders write it: white space anywhere, escapes, numbers in every form.
    const ws = chars(' \t\n\r', 2);
    const number = fc.oneof(
      fc.constantFrom('0', '-0', '1.50', '1e2', '1E+2', '-2.5e-3', '12345678901234567890', '0.1000', '1e400'),
      fc.integer().map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    );
    const string = fc
      .array(fc.oneof(fc.constantFrom('\\u00e9', '\\u00E9', '\\/', '\\"', '\\\\', '\\n', '\\ud83d\\ude00', 'é', '😀', 'П-017', ' '), chars('abcxyz0', 3)), { maxLength: 5 })
      .map((parts) => `"${parts.join('')}"`);
    const key = fc.oneof(string, fc.constantFrom('"__proto__"', '"constructor"', '"score"'));
    const { value } = fc.letrec<{ value: string; object: string }>((tie) => ({
      value: fc.oneof({ depthSize: 'small', maxDepth: 3 }, number, string, fc.constantFrom('true', 'false', 'null'), tie('object'), fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`)),
      object: fc.array(fc.tuple(ws, key, ws, tie('value'), ws), { maxLength: 4 }).map((members) => `{${members.map(([a, k, b, v, c]) => `${a}${k}${b}:${b}${v}${c}`).join(',')}}`),
    }));
    const payload = fc.array(fc.tuple(key, value), { maxLength: 4 }).map((members) => `{${members.map(([k, v]) => `${k}:${v}`).join(',')}}`);
    let n = 0;
    let lastCursor = 0;
    await fc.assert(
      fc.asyncProperty(payload, ws, async (payloadText, space) => {
        n += 1;
        const eventText = `{${space}"id":"${eventId(n, '01936f5e-5555-7000-8000')}",${space}"seq":${n},"type":"rating.submitted","occurredAt":"2026-11-23T10:14:58.004+03:00","payload":${space}${payloadText}${space}}`;
        const posted = await fetch(new URL('/v1/batches', running.collector.url), {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: batchText(1_000_000 + n, [eventText]),
        });
        expect(posted.status, eventText).toBe(200);
        const { text, json } = await callCollector(running.collector.url, `/v1/devices/${DEVICE}/events?after=${lastCursor}&limit=10000`, { headers: { authorization: `Bearer ${ADMIN}` } });
        lastCursor = (json as { items: { cursor: number }[] }).items.at(-1)?.cursor ?? lastCursor;
        const at = text.lastIndexOf(`"event":{${space}"id":"${eventId(n, '01936f5e-5555-7000-8000')}"`);
        expect(at, eventText).toBeGreaterThan(0);
        expect(text.slice(at + '"event":'.length, at + '"event":'.length + eventText.length)).toBe(eventText);
      }),
      { numRuns: 60 },
    );
  });
});
