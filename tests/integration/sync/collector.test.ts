import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectorStorage } from '../../../electron/collector/collectorStorage.ts';
import { MAX_JSON_NESTING } from '../../../electron/core/sync/protocol.ts';
import { callCollector } from '../../helpers/collectorContract.ts';
import { useCollectorEngines, type CollectorEngine, type OpenedEngine } from '../../helpers/collectorEngines.ts';
import { ADMIN, batchText, DEVICE, eventId, eventText, OTHER_TOKEN, serveTestCollector, TOKEN, type TestCollector, type TestCollectorOptions } from '../../helpers/collectorInProcess.ts';
import { useTempDirs } from '../../helpers/tempDir.ts';
import { readVector } from '../../helpers/vectors.ts';

const tempDir = useTempDirs();
const vector = readVector('okno-sync-1.json') as {
  request: { deviceId: string; events: { id: string; seq: number; payload: unknown }[] };
  response: unknown;
  response_on_resend: unknown;
};

const engines = useCollectorEngines();
let running: TestCollector<CollectorStorage> | null = null;
let opened: OpenedEngine | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
  opened = null;
});

/** Set by the describe.each below: the engine the current test runs on. */
let engine: CollectorEngine | null = null;

async function start(options: TestCollectorOptions = {}): Promise<string> {
  if (!engine) throw new Error('no engine: start() is for the describe.each over engines');
  opened = await engine.open(tempDir());
  running = await serveTestCollector(opened.storage, options);
  return running.collector.url;
}

interface ExportPage {
  deviceId: string;
  items: { cursor: number; batchId: string; sentAt: string; receivedAt: string; event: { id: string; seq: number; payload: unknown } }[];
  nextAfter: number | null;
}

/** Each request and answer is checked against docs/openapi.yaml by callCollector. */
async function post(url: string, body: string | Uint8Array, headers: Record<string, string> = {}, token = TOKEN, expect: 'valid' | 'invalid' = 'valid') {
  const answer = await callCollector(url, '/v1/batches', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body,
    expect,
  });
  return { status: answer.status, body: answer.json as Record<string, unknown> };
}

async function exportPage(url: string, deviceId: string, query = '', token = ADMIN, expect: 'valid' | 'invalid' = 'valid') {
  const answer = await callCollector(url, `/v1/devices/${deviceId}/events${query}`, { headers: { authorization: `Bearer ${token}` }, expect });
  return { status: answer.status, body: answer.json as ExportPage, text: answer.text };
}

/** Every page from after=0, following nextAfter; bounded so a paging bug cannot loop. */
async function exportAll(url: string, limit: number): Promise<{ pages: { text: string; body: ExportPage }[]; items: ExportPage['items'] }> {
  const pages: { text: string; body: ExportPage }[] = [];
  let after = 0;
  for (let i = 0; i < 1000; i += 1) {
    const page = await exportPage(url, DEVICE, `?after=${after}&limit=${limit}`);
    expect(page.status).toBe(200);
    pages.push(page);
    if (page.body.nextAfter === null) return { pages, items: pages.flatMap((p) => p.body.items) };
    after = page.body.nextAfter;
  }
  throw new Error('export did not end within 1000 pages');
}

/** The `event` members of an export answer as the raw text between `"event":` and the item's closing brace. */
const exportedEventTexts = (text: string): string[] => [...text.matchAll(/"event":(.*?)\}(?=,\{"cursor"|\],"nextAfter")/gs)].map((match) => match[1] ?? '');

describe.each(engines)('reference collector (okno-sync/1) on $name', (current) => {
  beforeEach(() => {
    engine = current;
  });

  it('accepts the test vector once, and counts its resend as duplicates', async () => {
    const url = await start();
    const first = await post(url, JSON.stringify(vector.request));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject(vector.response as object);
    expect(typeof first.body.receivedAt).toBe('string');
    const again = await post(url, gzipSync(JSON.stringify(vector.request)), { 'content-encoding': 'gzip' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject(vector.response_on_resend as object);

    const exported = await exportPage(url, vector.request.deviceId);
    expect(exported.status).toBe(200);
    expect(exported.body.items.map((item) => [item.event.id, item.event.seq, item.event.payload])).toEqual(vector.request.events.map((event) => [event.id, event.seq, event.payload]));
  });

  it('refuses a missing or unknown token (401) and another device’s events (403)', async () => {
    const url = await start();
    const body = JSON.stringify(vector.request);
    expect((await post(url, body, {}, 'not-a-token')).status).toBe(401);
    const anonymous = await callCollector(url, '/v1/batches', { method: 'POST', body });
    expect(anonymous.status).toBe(401);
    const foreign = await post(url, body, {}, OTHER_TOKEN);
    expect(foreign).toEqual({ status: 403, body: { error: 'forbidden', reason: 'this token belongs to mfc-arbat-w01, not to mfc-tverskoy-w05' } });
    expect((await exportPage(url, DEVICE)).body.items).toEqual([]);
  });

  it('answers 400 with the field at fault', async () => {
    const url = await start();
    const bad = structuredClone(vector.request) as { events: { id: string; occurredAt?: string }[] };
    bad.events[1]!.id = 'not-a-uuid';
    delete bad.events[2]!.occurredAt;
    const answer = await post(url, JSON.stringify(bad), {}, TOKEN, 'invalid');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid-batch');
    expect(answer.body.reason).toContain('events.1.id');
    expect(answer.body.reason).toContain('events.2.occurredAt');
    expect(await post(url, '{"deviceId":', {}, TOKEN, 'invalid')).toMatchObject({ status: 400, body: { error: 'invalid-json' } });
    expect(await post(url, Buffer.from('not gzip'), { 'content-encoding': 'gzip' }, TOKEN, 'invalid')).toMatchObject({ status: 400, body: { error: 'bad-encoding' } });
  });

  it('refuses what docs/openapi.yaml states as limits: seq ≤ 2^53−1, real days, the RFC UUID variant, one id once per batch', async () => {
    const url = await start();
    const cases: [string, 'valid' | 'invalid'][] = [
      [batchText(1, [eventText(1, 2 ** 53)]), 'invalid'],
      [batchText(2, [eventText(2, 1).replace('2026-11-23T10', '2026-02-30T10')]), 'valid'],
      [batchText(3, [eventText(3, 1).replace('2026-11-23T10', '2026-11-23T24')]), 'invalid'],
      [batchText(4, [eventText(4, 1).replace('-8000-', '-c000-')]), 'invalid'],
      [batchText(5, [eventText(5, 1), eventText(5, 2)]), 'valid'],
    ];
    for (const [body, schemaSays] of cases) {
      expect(await post(url, body, {}, TOKEN, schemaSays), body).toMatchObject({ status: 400, body: { error: 'invalid-batch' } });
    }
    expect(await running!.store.countEvents()).toBe(0);
  });

  it('limits the body as sent and after decompression (413)', async () => {
    const url = await start({ maxBodyBytes: 8 * 1024 });
    const big = structuredClone(vector.request) as { events: { payload: Record<string, unknown> }[] };
    big.events[0]!.payload.note = 'x'.repeat(20_000);
    expect((await post(url, JSON.stringify(big))).status).toBe(413);
    // 20 KB of x compress to a few dozen bytes: the limit applies to what it inflates to.
    const bomb = gzipSync(JSON.stringify(big));
    expect(bomb.length).toBeLessThan(8 * 1024);
    expect(await post(url, bomb, { 'content-encoding': 'gzip' })).toMatchObject({ status: 413, body: { error: 'too-large' } });
  });

  it('export needs the admin token, pages by cursor, and /healthz answers', async () => {
    const url = await start();
    await post(url, JSON.stringify(vector.request));
    expect((await exportPage(url, DEVICE, '', TOKEN)).status).toBe(401);
    const first = await exportPage(url, DEVICE, '?limit=1');
    expect(first.body.items.map((item) => item.event.seq)).toEqual([1]);
    const page = await exportPage(url, DEVICE, `?after=${first.body.nextAfter}&limit=1`);
    expect(page.body.items.map((item) => item.event.seq)).toEqual([2]);
    expect(page.body.nextAfter).toBe(page.body.items[0]!.cursor);
    expect((await exportPage(url, DEVICE, `?after=${page.body.nextAfter}&limit=5`)).body.nextAfter).toBeNull();
    expect((await exportPage(url, DEVICE, '?limit=0', ADMIN, 'invalid')).status).toBe(400);
    expect((await exportPage(url, DEVICE, '?afterSeq=1', ADMIN, 'invalid')).body).toMatchObject({ error: 'invalid-query' });
    // An integer for a schema validator, not digits only as the parameter's description asks.
    expect((await exportPage(url, DEVICE, '?after=1e3', ADMIN, 'valid')).status).toBe(400);
    expect((await exportPage(url, '%E0%A4%A', '', ADMIN, 'invalid')).status).toBe(400);
    expect((await exportPage(url, 'Not_A_Device', '', ADMIN, 'invalid')).status).toBe(400);
    const health = await callCollector(url, '/healthz');
    expect(health.json).toMatchObject({ ok: true, devices: 2, events: 3 });
  });

  it('pages by its own cursor: a reinstalled device (seq from 1 again) loses nothing (issue #11, defect 3)', async () => {
    const url = await start();
    // 10 events, then the device is reinstalled: 10 more, new ids, seq from 1 again.
    for (let n = 0; n < 20; n += 1) {
      expect((await post(url, batchText(n, [eventText(n, (n % 10) + 1)]))).status).toBe(200);
    }
    const { items } = await exportAll(url, 3);
    expect(items.map((item) => item.event.id)).toEqual(Array.from({ length: 20 }, (_, n) => eventId(n)));
    const cursors = items.map((item) => item.cursor);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
  });

  it('gives back each event’s JSON text as received, byte for byte (issue #11, defect 4)', async () => {
    const url = await start();
    const payloads = [
      '{"price":1.50,"big":12345678901234567890,"exp":1e2,"neg":-0.0}',
      '{"name":"\\u00e9t\\u00E9","emoji":"😀","tab":"a\\tb","slash":"\\/"}',
      '{"z":1,"a":2,"__proto__":{"x":1},"constructor":3}',
      '{ "spaced" : [ 1 , 2 ] ,\n\t"deep": {"a": {"b": null}} }',
      '{"dup":1,"dup":2}',
    ];
    const events = payloads.map((payload, i) => eventText(i, i + 1, payload).replace('{"id"', i === 3 ? '{ "id"' : '{"id"'));
    expect((await post(url, batchText(1, events))).status).toBe(200);
    const page = await exportPage(url, DEVICE);
    expect(exportedEventTexts(page.text)).toEqual(events);
    // And the payload column (for SQL) holds the payload's text as sent.
    expect(await opened!.payloads()).toEqual(payloads);
  });

  it('refuses invalid UTF-8 with 400 rather than storing U+FFFD (issue #11, defect 4)', async () => {
    const url = await start();
    const text = batchText(1, [eventText(1, 1, '{"name":"XX"}')]);
    const bytes = Buffer.from(text);
    const at = bytes.indexOf('XX');
    bytes[at] = 0xc3; // a lead byte…
    bytes[at + 1] = 0x28; // …not followed by a continuation byte
    expect(await post(url, bytes, {}, TOKEN, 'invalid')).toMatchObject({ status: 400, body: { error: 'invalid-json', reason: expect.stringContaining('UTF-8') as unknown } });
    expect(await post(url, gzipSync(bytes), { 'content-encoding': 'gzip' }, TOKEN, 'invalid')).toMatchObject({ status: 400, body: { error: 'invalid-json' } });
    expect(await running!.store.countEvents()).toBe(0);
  });

  it('refuses a member twice in an event (the stored text must mean one thing)', async () => {
    const url = await start();
    const twice = eventText(1, 1).replace('"seq":1,', '"seq":7,"seq":1,');
    expect(await post(url, batchText(1, [twice]))).toMatchObject({ status: 400, body: { error: 'invalid-batch', reason: 'events.0: member "seq" twice' } });
  });

  it('bounds an export page by bytes as well as by count (issue #11, defect 6)', async () => {
    const url = await start();
    // Nine events of 900 KB each: the default page (1000 events) would be 8 MB; the byte bound cuts it.
    const note = 'x'.repeat(900 * 1024);
    for (let n = 0; n < 9; n += 1) {
      expect((await post(url, batchText(n, [eventText(n, n + 1, `{"note":"${note}"}`)]))).status).toBe(200);
    }
    const { pages, items } = await exportAll(url, 1000);
    expect(items.map((item) => item.event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(Buffer.byteLength(page.text)).toBeLessThanOrEqual(4 * 1024 * 1024 + 1024);
  });

  it('sends an event larger than the page bound alone, so paging always moves on', async () => {
    const url = await start({ maxExportPageBytes: 1024 });
    for (let n = 0; n < 3; n += 1) expect((await post(url, batchText(n, [eventText(n, n + 1, `{"note":"${'y'.repeat(5000)}"}`)]))).status).toBe(200);
    const { pages } = await exportAll(url, 1000);
    expect(pages.map((page) => page.body.items.length)).toEqual([1, 1, 1]);
  });

  it(`answers 400 to a payload nested 200,000 deep, and takes ${MAX_JSON_NESTING} levels (issue #11, defect 9)`, async () => {
    const url = await start({ maxBodyBytes: 1024 * 1024 });
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    const deep = await post(url, batchText(1, [eventText(1, 1, `{"a":${nested(200_000)}}`)]));
    expect(deep).toMatchObject({ status: 400, body: { error: 'invalid-batch', reason: expect.stringContaining(`deeper than ${MAX_JSON_NESTING}`) as unknown } });
    // The body, events, the event and the payload are four levels: 60 more fit, 61 do not.
    expect((await post(url, batchText(2, [eventText(2, 1, `{"a":${nested(60)}}`)]))).status).toBe(200);
    expect((await post(url, batchText(3, [eventText(3, 2, `{"a":${nested(61)}}`)]))).status).toBe(400);
    expect(running!.collector.counters).toMatchObject({ storageFailures: 0, internalErrors: 0 });
  });

  it('answers another method on /healthz with 405 and Allow, like every other path', async () => {
    const url = await start();
    const answer = await callCollector(url, '/healthz', { method: 'POST' });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET');
    expect((await callCollector(url, '/nothing/here')).status).toBe(404);
  });
});

describe('reference collector: a failing store', () => {
  it('answers 503 only for a storage failure, and 500 (logged) for a defect', async () => {
    const failing = (error: Error): CollectorStorage => ({
      engine: 'sqlite',
      schemaVersion: 2,
      storeBatch: () => Promise.reject(error),
      exportPage: (deviceId) => Promise.resolve(`{"deviceId":"${deviceId}","items":[],"nextAfter":null}`),
      countEvents: () => Promise.resolve(0),
      end: () => Promise.resolve(),
    });
    const sqliteError = new Database.SqliteError('disk I/O error', 'SQLITE_IOERR');
    running = await serveTestCollector(failing(sqliteError));
    const storage = await post(running.collector.url, JSON.stringify(vector.request));
    expect(storage).toMatchObject({ status: 503, body: { error: 'unavailable' } });
    await running.close();
    running = await serveTestCollector(failing(new RangeError('Maximum call stack size exceeded')));
    const defect = await post(running.collector.url, JSON.stringify(vector.request));
    expect(defect).toMatchObject({ status: 500, body: { error: 'internal' } });
    expect(running.collector.counters.internalErrors).toBe(1);
    expect(running.logged.join('\n')).toContain('Maximum call stack size exceeded');
  });
});

describe('reference collector: SQLite and PostgreSQL give the same answers', () => {
  /** Every answer's status and bytes, for one fixed sequence of requests. */
  async function transcript(url: string): Promise<[string, number, string][]> {
    const requests: [string, string, RequestInit][] = [];
    const postAs = (body: string, token = TOKEN): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    requests.push(['vector', '/v1/batches', postAs(JSON.stringify(vector.request))]);
    requests.push(['vector again', '/v1/batches', postAs(JSON.stringify(vector.request))]);
    // Reinstalled: seq from 1 again, new ids; one event re-sent with other content among them.
    for (let n = 0; n < 6; n += 1) requests.push([`batch ${n}`, '/v1/batches', postAs(batchText(n, [eventText(n, (n % 3) + 1, `{"price":1.50,"n":${n}}`), eventText(n + 100, 9)]))]);
    requests.push(['re-sent, other content', '/v1/batches', postAs(batchText(9, [eventText(2, 1, '{"other":true}')]))]);
    requests.push(['malformed', '/v1/batches', postAs(batchText(10, [eventText(1, 1).replace('"seq":1', '"seq":-1')]))]);
    requests.push(['not json', '/v1/batches', postAs('{"deviceId":')]);
    requests.push(['foreign', '/v1/batches', postAs(batchText(11, [eventText(50, 1)]), OTHER_TOKEN)]);
    requests.push(['whoami', '/v1/whoami', { headers: { authorization: `Bearer ${TOKEN}` } }]);
    requests.push(['whoami, unknown', '/v1/whoami', { headers: { authorization: 'Bearer nobody-0123456789abcdef' } }]);
    const answers: [string, number, string][] = [];
    for (const [what, path, init] of requests) {
      const response = await fetch(new URL(path, url), init);
      answers.push([what, response.status, await response.text()]);
    }
    // The export, page by page, 4 events at a time.
    let after: number | null = 0;
    for (let page = 0; after !== null && page < 20; page += 1) {
      const response: Response = await fetch(new URL(`/v1/devices/${DEVICE}/events?after=${after}&limit=4`, url), { headers: { authorization: `Bearer ${ADMIN}` } });
      const text: string = await response.text();
      answers.push([`export after ${after}`, response.status, text]);
      after = (JSON.parse(text) as { nextAfter: number | null }).nextAfter;
    }
    const health = await fetch(new URL('/healthz', url));
    answers.push(['healthz', health.status, await health.text()]);
    return answers;
  }

  it('answers the same requests with the same status and bytes on both engines', async () => {
    const transcripts: [string, number, string][][] = [];
    for (const current of engines) {
      const { storage } = await current.open(tempDir());
      const collector = await serveTestCollector(storage, { now: () => new Date('2026-11-23T07:15:03.000Z') });
      try {
        transcripts.push(await transcript(collector.collector.url));
      } finally {
        await collector.close();
      }
    }
    const [sqlite, postgres] = transcripts;
    expect(sqlite!.filter(([, status]) => status === 200).length).toBeGreaterThan(10);
    expect(postgres).toEqual(sqlite);
  });
});
