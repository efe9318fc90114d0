import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callCollector } from '../helpers/collectorContract.ts';
import { startTestCollector, TOKEN, type TestCollector } from '../helpers/collectorInProcess.ts';
import { rawExchange } from '../helpers/rawHttp.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { ADMIN_TOKEN, COLLECTOR_READY, spawnOkno, writeDevicesFile, type ChildWithLine } from './sync/syncFixtures.ts';

const tempDir = useTempDirs();

let running: TestCollector | null = null;
let child: ChildWithLine | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
  await child?.stop();
  child = null;
});

const get = (target: string, headers = '') => `GET ${target} HTTP/1.1\r\nhost: collector\r\n${headers}\r\n`;
const bodyOf = (text: string): unknown => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as unknown;

describe('reference collector: a request never stops it (issue #11, defect 7)', () => {
  it('answers the request-targets that once stopped `okno collector`, and keeps serving', async () => {
    const dir = tempDir();
    child = await spawnOkno(['collector', '--db', join(dir, 'collector.db'), '--devices', writeDevicesFile(dir), '--port', '0', '--admin-token', ADMIN_TOKEN], COLLECTOR_READY);
    const port = Number(new URL(child.url).port);
    for (const target of ['//[', '//x:99999/', 'http://[/', '//%/', '*', 'http://x:99999/healthz', '/v1/devices/%/events']) {
      const answer = await rawExchange(port, get(target));
      expect(answer.statuses, target).toHaveLength(1);
      expect(answer.statuses[0], target).toBeGreaterThanOrEqual(400);
      expect(answer.statuses[0], target).toBeLessThan(500);
      expect(bodyOf(answer.text), target).toMatchObject({ error: expect.any(String) as unknown, reason: expect.any(String) as unknown });
    }
    expect(child.child.exitCode).toBeNull();
    const health = await callCollector(child.url, '/healthz');
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ counters: { badRequests: 6, internalErrors: 0, storageFailures: 0 } });
  });

  it('answers 400 to an invalid request-target, and 404 to a valid path it does not serve', async () => {
    running = await startTestCollector(tempDir());
    const { port } = running.collector;
    for (const target of ['//[', 'http://[/', '//%/', '/healthz?%zz', '*', 'http://x:99999/healthz']) {
      const answer = await rawExchange(port, get(target));
      expect(answer.statuses, target).toEqual([400]);
      expect(bodyOf(answer.text), target).toEqual({ error: 'bad-request', reason: 'the request-target is not a valid path and query' });
    }
    // "//x:99999/" is a valid origin-form path: read as a path, never as an authority.
    expect((await rawExchange(port, get('//x:99999/'))).statuses).toEqual([404]);
    // Absolute-form, as a proxy sends it, is served.
    expect((await rawExchange(port, get('http://collector.example/healthz'))).statuses).toEqual([200]);
    expect(running.collector.counters.badRequests).toBe(6);
  });

  it('answers what Node’s parser refuses (400, 431), and CONNECT (405), with a JSON error, counted', async () => {
    running = await startTestCollector(tempDir());
    const { port } = running.collector;
    const broken = await rawExchange(port, 'GET /healthz HTTP/1.1\r\nbad header\r\n\r\n');
    expect(broken.statuses).toEqual([400]);
    expect(bodyOf(broken.text)).toMatchObject({ error: 'bad-request' });
    const huge = await rawExchange(port, get('/healthz', `x-big: ${'a'.repeat(20_000)}\r\n`));
    expect(huge.statuses).toEqual([431]);
    expect(bodyOf(huge.text)).toMatchObject({ error: 'headers-too-large' });
    const tunnel = await rawExchange(port, 'CONNECT example.org:443 HTTP/1.1\r\nhost: example.org:443\r\n\r\n');
    expect(tunnel.statuses).toEqual([405]);
    expect(tunnel.text).toMatch(/\r\nallow: GET, POST\r\n/);
    expect(running.collector.counters.malformedRequests).toBe(3);
    expect((await callCollector(running.collector.url, '/healthz')).status).toBe(200);
  });

  it('counts a client that goes away mid-body, and stores nothing from it', async () => {
    running = await startTestCollector(tempDir());
    const { port } = running.collector;
    const socket = connect({ port, host: '127.0.0.1' });
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(`POST /v1/batches HTTP/1.1\r\nhost: collector\r\nauthorization: Bearer ${TOKEN}\r\ncontent-type: application/json\r\ncontent-length: 5000\r\n\r\n{"deviceId":`);
    await waitFor(() => socket.bytesWritten > 100, 'the request head written');
    socket.destroy();
    const collector = running.collector;
    await waitFor(() => collector.counters.abortedRequests === 1, 'the aborted request counted');
    expect(collector.counters).toMatchObject({ internalErrors: 0, storageFailures: 0 });
    expect(running.store.count()).toBe(0);
    expect((await callCollector(collector.url, '/healthz')).status).toBe(200);
  });
});
