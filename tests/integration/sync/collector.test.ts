import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startCollector, type Collector } from '../../../electron/collector/collectorServer.ts';
import { openCollectorStore, type CollectorStore } from '../../../electron/collector/collectorStore.ts';
import { deviceTokens, sha256 } from '../../../electron/collector/deviceTokens.ts';
import { useTempDirs } from '../../helpers/tempDir.ts';
import { readVector } from '../../helpers/vectors.ts';

const tempDir = useTempDirs();
const vector = readVector('okno-sync-1.json') as {
  request: { deviceId: string; events: { id: string; seq: number; payload: unknown }[] };
  response: unknown;
  response_on_resend: unknown;
};
const TOKEN = 'tverskoy-w05-token-0123456789';
const OTHER_TOKEN = 'arbat-w01-token-0123456789abc';
const ADMIN = 'admin-token-0123456789';

let running: { collector: Collector; store: CollectorStore } | null = null;
afterEach(async () => {
  await running?.collector.close();
  running?.store.close();
  running = null;
});

async function start(maxBodyBytes?: number): Promise<Collector> {
  const store = openCollectorStore(join(tempDir(), 'collector.db'));
  const tokens = deviceTokens({
    devices: { 'mfc-tverskoy-w05': { token: TOKEN }, 'mfc-arbat-w01': { tokenSha256: sha256(OTHER_TOKEN).toString('hex') } },
  });
  const collector = await startCollector({ store, tokens, adminToken: ADMIN, ...(maxBodyBytes ? { maxBodyBytes } : {}) });
  running = { collector, store };
  return collector;
}

async function post(collector: Collector, body: string | Buffer, headers: Record<string, string> = {}, token = TOKEN) {
  const response = await fetch(new URL('/v1/batches', collector.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function exportEvents(collector: Collector, deviceId: string, query = '', token = ADMIN) {
  const response = await fetch(new URL(`/v1/devices/${deviceId}/events${query}`, collector.url), { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as { events: { id: string; seq: number; payload: unknown; receivedAt: string }[]; nextAfterSeq: number | null } };
}

describe('reference collector (okno-sync/1)', () => {
  it('accepts the test vector once, and counts its resend as duplicates', async () => {
    const collector = await start();
    const first = await post(collector, JSON.stringify(vector.request));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject(vector.response as object);
    expect(typeof first.body.receivedAt).toBe('string');
    const again = await post(collector, gzipSync(JSON.stringify(vector.request)), { 'content-encoding': 'gzip' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject(vector.response_on_resend as object);

    const exported = await exportEvents(collector, vector.request.deviceId);
    expect(exported.status).toBe(200);
    expect(exported.body.events.map((event) => [event.id, event.seq, event.payload])).toEqual(vector.request.events.map((event) => [event.id, event.seq, event.payload]));
  });

  it('refuses a missing or unknown token (401) and another device’s events (403)', async () => {
    const collector = await start();
    const body = JSON.stringify(vector.request);
    expect((await post(collector, body, {}, 'not-a-token')).status).toBe(401);
    const response = await fetch(new URL('/v1/batches', collector.url), { method: 'POST', body });
    expect(response.status).toBe(401);
    const foreign = await post(collector, body, {}, OTHER_TOKEN);
    expect(foreign).toEqual({ status: 403, body: { error: 'forbidden', reason: 'this token belongs to mfc-arbat-w01, not to mfc-tverskoy-w05' } });
    expect((await exportEvents(collector, 'mfc-tverskoy-w05')).body.events).toEqual([]);
  });

  it('answers 400 with the field at fault', async () => {
    const collector = await start();
    const bad = structuredClone(vector.request) as { events: { id: string; occurredAt?: string }[] };
    bad.events[1]!.id = 'not-a-uuid';
    delete bad.events[2]!.occurredAt;
    const answer = await post(collector, JSON.stringify(bad));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid-batch');
    expect(answer.body.reason).toContain('events.1.id');
    expect(answer.body.reason).toContain('events.2.occurredAt');
    expect(await post(collector, '{"deviceId":')).toMatchObject({ status: 400, body: { error: 'invalid-json' } });
    expect(await post(collector, Buffer.from('not gzip'), { 'content-encoding': 'gzip' })).toMatchObject({ status: 400, body: { error: 'bad-encoding' } });
  });

  it('limits the body as sent and after decompression (413)', async () => {
    const collector = await start(8 * 1024);
    const big = structuredClone(vector.request) as { events: { payload: Record<string, unknown> }[] };
    big.events[0]!.payload.note = 'x'.repeat(20_000);
    expect((await post(collector, JSON.stringify(big))).status).toBe(413);
    // 20 KB of x compress to a few dozen bytes: the limit applies to what it inflates to.
    const bomb = gzipSync(JSON.stringify(big));
    expect(bomb.length).toBeLessThan(8 * 1024);
    expect(await post(collector, bomb, { 'content-encoding': 'gzip' })).toMatchObject({ status: 413, body: { error: 'too-large' } });
  });

  it('export needs the admin token, pages by seq, and /healthz answers', async () => {
    const collector = await start();
    await post(collector, JSON.stringify(vector.request));
    expect((await exportEvents(collector, 'mfc-tverskoy-w05', '', TOKEN)).status).toBe(401);
    const page = await exportEvents(collector, 'mfc-tverskoy-w05', '?afterSeq=1&limit=1');
    expect(page.body.events.map((event) => event.seq)).toEqual([2]);
    expect(page.body.nextAfterSeq).toBe(2);
    expect((await exportEvents(collector, 'mfc-tverskoy-w05', '?limit=0')).status).toBe(400);
    expect((await exportEvents(collector, '%E0%A4%A')).status).toBe(400);
    expect((await exportEvents(collector, 'Not_A_Device')).status).toBe(400);
    const health = await fetch(new URL('/healthz', collector.url));
    expect(await health.json()).toEqual({ ok: true, devices: 2, events: 3 });
  });
});
