import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCollector, type Collector } from '../../electron/collector/collectorServer.ts';
import { openCollectorStore, type CollectorStore } from '../../electron/collector/collectorStore.ts';
import { deviceTokens } from '../../electron/collector/deviceTokens.ts';
import { endpointUrl } from '../../electron/core/sync/protocol.ts';
import { testConnection } from '../../electron/core/technician/connectionTest.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

const tempDir = useTempDirs();
const DEVICE = 'mfc-tverskoy-w05';
const TOKEN = 'tverskoy-w05-token-0123456789';
const OTHER_TOKEN = 'arbat-w01-token-0123456789abc';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function collector(): Promise<Collector> {
  const store: CollectorStore = openCollectorStore(join(tempDir(), 'collector.db'));
  const running = await startCollector({ store, tokens: deviceTokens({ devices: { [DEVICE]: { token: TOKEN }, 'mfc-arbat-w01': { token: OTHER_TOKEN } } }) });
  cleanups.push(async () => {
    await running.close();
    store.close();
  });
  return running;
}

/** A server of our own on 127.0.0.1 that records what it was asked. */
async function server(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ url: string; requests: { path: string; authorization: string | null }[] }> {
  const requests: { path: string; authorization: string | null }[] = [];
  const http: Server = createServer((request, response) => {
    requests.push({ path: request.url ?? '', authorization: request.headers.authorization ?? null });
    handle(request, response);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/`, requests };
}

const json = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

describe('endpointUrl', () => {
  it('joins a path under the endpoint, keeping its prefix, with or without the final slash', () => {
    expect(endpointUrl('https://host/', '/healthz').href).toBe('https://host/healthz');
    expect(endpointUrl('https://host', '/healthz').href).toBe('https://host/healthz');
    expect(endpointUrl('https://host/okno/', '/v1/whoami').href).toBe('https://host/okno/v1/whoami');
    expect(endpointUrl('https://host/okno', '/v1/whoami').href).toBe('https://host/okno/v1/whoami');
  });
});

describe('testConnection against the reference collector', () => {
  it('health ok and auth ok for this device’s token', async () => {
    const running = await collector();
    const view = await testConnection({ endpoint: running.url, token: TOKEN, deviceId: DEVICE });
    expect(view).toMatchObject({ health: 'ok', auth: 'ok', collectorDeviceId: DEVICE, detail: null });
    expect(view.latencyMs).toEqual(expect.any(Number));
    expect(view.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('another device’s token: other-device, with the device the collector names', async () => {
    const running = await collector();
    const view = await testConnection({ endpoint: running.url, token: OTHER_TOKEN, deviceId: DEVICE });
    expect(view).toMatchObject({ health: 'ok', auth: 'other-device', collectorDeviceId: 'mfc-arbat-w01' });
    expect(view.detail).toContain('mfc-arbat-w01');
    expect(view.detail).not.toContain(OTHER_TOKEN);
  });

  it('an unknown token is refused, in the collector’s words, without the token', async () => {
    const running = await collector();
    const token = 'a-token-nobody-registered-0123';
    const view = await testConnection({ endpoint: running.url, token, deviceId: DEVICE });
    expect(view).toMatchObject({ health: 'ok', auth: 'refused', collectorDeviceId: null, detail: 'whoami: HTTP 401: missing or unknown device token' });
  });

  it('without a token only the health is checked', async () => {
    const running = await collector();
    expect(await testConnection({ endpoint: running.url, token: null, deviceId: DEVICE })).toMatchObject({ health: 'ok', auth: 'not-checked', collectorDeviceId: null, detail: null });
  });
});

describe('testConnection against what is not a collector', () => {
  it('keeps the endpoint’s path prefix for both requests', async () => {
    const fake = await server((request, response) => {
      if (request.url === '/okno/healthz') return json(response, 200, { ok: true });
      if (request.url === '/okno/v1/whoami') return json(response, 200, { deviceId: DEVICE });
      json(response, 404, { error: 'not-found' });
    });
    for (const endpoint of [`${fake.url}okno/`, `${fake.url}okno`]) {
      expect(await testConnection({ endpoint, token: TOKEN, deviceId: DEVICE })).toMatchObject({ health: 'ok', auth: 'ok' });
    }
    expect(fake.requests.map((request) => request.path)).toEqual(['/okno/healthz', '/okno/v1/whoami', '/okno/healthz', '/okno/v1/whoami']);
    expect(fake.requests[0]?.authorization).toBeNull(); // the token goes only to whoami
    expect(fake.requests[1]?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('a closed port: unreachable, the network’s reason, no token sent anywhere', async () => {
    const closed = await server(() => undefined);
    await cleanups.pop()?.();
    const view = await testConnection({ endpoint: closed.url, token: TOKEN, deviceId: DEVICE });
    expect(view).toMatchObject({ health: 'unreachable', auth: 'not-checked', collectorDeviceId: null, latencyMs: null });
    expect(view.detail).toMatch(/^healthz: .*ECONNREFUSED/);
  });

  it('a web server that answers HTML: bad-answer, and whoami not-supported', async () => {
    const web = await server((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>It works</title>');
    });
    const view = await testConnection({ endpoint: web.url, token: TOKEN, deviceId: DEVICE });
    expect(view).toMatchObject({ health: 'bad-answer', auth: 'not-supported' });
    expect(view.detail).toContain('healthz: HTTP 200 but not a JSON answer');
  });

  it('a collector without whoami: health ok, auth not-supported', async () => {
    const old = await server((request, response) => (request.url === '/healthz' ? json(response, 200, { ok: true }) : json(response, 404, { error: 'not-found', reason: `GET ${request.url}` })));
    expect(await testConnection({ endpoint: old.url, token: TOKEN, deviceId: DEVICE })).toMatchObject({ health: 'ok', auth: 'not-supported', detail: 'whoami: HTTP 404: GET /v1/whoami' });
  });

  it('a server error on healthz is a bad answer; a 503 on whoami leaves the token not checked', async () => {
    const broken = await server((request, response) => (request.url === '/healthz' ? json(response, 500, { error: 'boom' }) : json(response, 503, { error: 'unavailable', reason: 'disk full' })));
    const view = await testConnection({ endpoint: broken.url, token: TOKEN, deviceId: DEVICE });
    expect(view).toMatchObject({ health: 'bad-answer', auth: 'not-checked', detail: 'healthz: HTTP 500: boom; whoami: HTTP 503: disk full' });
  });

  it('a server that never answers: unreachable after the timeout', async () => {
    const slow = await server(() => undefined); // accepts, reads, says nothing
    const view = await testConnection({ endpoint: slow.url, token: TOKEN, deviceId: DEVICE }, { timeoutMs: 200 });
    expect(view).toMatchObject({ health: 'unreachable', auth: 'not-checked', latencyMs: null, detail: 'healthz: no answer within 200 ms' });
    expect(slow.requests.map((request) => request.path)).toEqual(['/healthz']);
  });

  it('a redirect is not followed: the token goes only to the address given', async () => {
    const redirecting = await server((request, response) => {
      if (request.url === '/healthz') return json(response, 200, { ok: true });
      response.writeHead(302, { location: 'http://127.0.0.1:9/steal' });
      response.end();
    });
    const view = await testConnection({ endpoint: redirecting.url, token: TOKEN, deviceId: DEVICE });
    expect(view).toMatchObject({ health: 'ok', auth: 'not-checked', detail: 'whoami: HTTP 302 to http://127.0.0.1:9/steal' });
  });

  it('a server that echoes the token back does not put it on the screen', async () => {
    const echo = await server((request, response) =>
      request.url === '/healthz' ? json(response, 200, { ok: true }) : json(response, 401, { error: 'unauthorized', reason: `token ${request.headers.authorization?.slice(7)} is unknown` }),
    );
    const view = await testConnection({ endpoint: echo.url, token: TOKEN, deviceId: DEVICE });
    expect(view.auth).toBe('refused');
    expect(view.detail).toBe('whoami: HTTP 401: token … is unknown');
  });

  it('never throws: a fetch that throws, or an endpoint that is not a URL', async () => {
    const throwing = (() => {
      throw new Error(`exploded with ${TOKEN}`);
    }) as unknown as typeof fetch;
    const view = await testConnection({ endpoint: 'https://collector.example/', token: TOKEN, deviceId: DEVICE }, { fetch: throwing });
    expect(view).toMatchObject({ health: 'unreachable', auth: 'not-checked' });
    expect(view.detail).not.toContain(TOKEN);
    expect(await testConnection({ endpoint: 'not a url', token: TOKEN, deviceId: DEVICE })).toMatchObject({ health: 'unreachable', detail: 'the endpoint is not a URL' });
  });
});
