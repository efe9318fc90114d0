import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCollector, type Collector } from '../../electron/collector/collectorServer.ts';
import { openCollectorStore, type CollectorStore } from '../../electron/collector/collectorStore.ts';
import { deviceTokens } from '../../electron/collector/deviceTokens.ts';
import { endpointUrl } from '../../electron/core/sync/protocol.ts';
import { startDevice, type Device } from '../../electron/core/device/device.ts';
import { testConnection } from '../../electron/core/technician/connectionTest.ts';
import { hashPin } from '../../electron/core/technician/pinHash.ts';
import type { ConnectionTestView } from '../../shared/technicianApi.ts';
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

  it('an unknown token is refused, with the collector’s error code, without the token', async () => {
    const running = await collector();
    const token = 'a-token-nobody-registered-0123';
    const view = await testConnection({ endpoint: running.url, token, deviceId: DEVICE });
    expect(view).toMatchObject({ health: 'ok', auth: 'refused', collectorDeviceId: null, detail: 'whoami: HTTP 401: unauthorized' });
  });

  it('without a token only the health is checked, and the answer says a token is needed', async () => {
    const running = await collector();
    expect(await testConnection({ endpoint: running.url, token: null, deviceId: DEVICE })).toMatchObject({ health: 'ok', auth: 'token-needed', collectorDeviceId: null, detail: null });
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
    expect(view.detail).toBe('healthz: ECONNREFUSED');
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
    expect(await testConnection({ endpoint: old.url, token: TOKEN, deviceId: DEVICE })).toMatchObject({ health: 'ok', auth: 'not-supported', detail: 'whoami: HTTP 404: not-found' });
  });

  it('a server error on healthz is a bad answer; a 503 on whoami leaves the token not checked', async () => {
    const broken = await server((request, response) => (request.url === '/healthz' ? json(response, 500, { error: 'boom' }) : json(response, 503, { error: 'unavailable', reason: 'disk full' })));
    const view = await testConnection({ endpoint: broken.url, token: TOKEN, deviceId: DEVICE });
    // The collector's error codes are repeated ("unavailable"); an unknown one ("boom") and its prose are not.
    expect(view).toMatchObject({ health: 'bad-answer', auth: 'not-checked', detail: 'healthz: HTTP 500; whoami: HTTP 503: unavailable' });
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
    expect(view).toMatchObject({ health: 'ok', auth: 'not-checked', detail: 'whoami: HTTP 302 (a redirect: not followed)' });
  });

  it('a server that echoes the token back does not put it on the screen', async () => {
    const echo = await server((request, response) =>
      request.url === '/healthz' ? json(response, 200, { ok: true }) : json(response, 401, { error: 'unauthorized', reason: `token ${request.headers.authorization?.slice(7)} is unknown` }),
    );
    const view = await testConnection({ endpoint: echo.url, token: TOKEN, deviceId: DEVICE });
    expect(view.auth).toBe('refused');
    expect(view.detail).toBe('whoami: HTTP 401: unauthorized');
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

describe('the saved token goes only to the endpoint it was saved with', () => {
  const PIN = '2468';
  const TYPED = 'a-token-the-technician-typed-42';

  /** A device whose config holds `endpoint` and TOKEN, with technician mode open (the PIN entered). */
  async function device(endpoint: string): Promise<{ host: Device; configPath: string }> {
    const dir = tempDir();
    const configPath = join(dir, 'etc', 'config.json');
    mkdirSync(join(dir, 'etc'));
    const config = { device: { id: DEVICE, office: 'МФЦ', window: '5' }, sync: { endpoint, token: TOKEN }, technician: { pinHash: await hashPin(PIN) } };
    writeFileSync(configPath, JSON.stringify(config));
    const host = await startDevice({ configPath, dataDir: join(dir, 'data') });
    cleanups.push(() => host.close());
    expect(await host.handle('openPinPad', {})).toMatchObject({ ok: true });
    expect(await host.handle('enterPin', { pin: PIN })).toMatchObject({ ok: true });
    return { host, configPath };
  }
  const test = async (host: Device, endpoint: string, token: string | null): Promise<ConnectionTestView> => {
    const result = await host.handle('testConnection', { endpoint, token, deviceId: DEVICE });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  it('a typed endpoint that is not the saved one, no token typed: the saved token is not sent, and the answer says a token is needed', async () => {
    const running = await collector();
    const elsewhere = await server((request, response) => (request.url === '/healthz' ? json(response, 200, { ok: true }) : json(response, 200, { deviceId: DEVICE })));
    const { host } = await device(running.url);

    expect(await test(host, elsewhere.url, null)).toMatchObject({ health: 'ok', auth: 'token-needed', collectorDeviceId: null });
    expect(elsewhere.requests.map((request) => request.authorization)).toEqual([null]);
    // The same collector written differently (no final slash, a path that resolves alike) is the saved endpoint: its token goes.
    expect(await test(host, running.url.replace(/\/$/, ''), null)).toMatchObject({ health: 'ok', auth: 'ok', collectorDeviceId: DEVICE });
    // A token typed for the new endpoint goes there: the technician gave it.
    expect(await test(host, elsewhere.url, TYPED)).toMatchObject({ auth: 'ok' });
    expect(elsewhere.requests.map((request) => request.authorization)).toEqual([null, null, `Bearer ${TYPED}`]);
    expect(JSON.stringify(elsewhere.requests)).not.toContain(TOKEN);
  });

  it('a save that moves sync.endpoint without a new token is refused, naming sync.token; with the token typed it is saved', async () => {
    const running = await collector();
    const elsewhere = await server((_request, response) => json(response, 200, { ok: true }));
    const { host, configPath } = await device(running.url);
    const before = readFileSync(configPath, 'utf8');
    const config = { device: { id: DEVICE, office: 'МФЦ', window: '5' }, sync: { endpoint: elsewhere.url } };

    const refused = await host.handle('saveSettings', { config, syncToken: null, pin: null });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-config', message: expect.stringContaining('sync.token') } });
    expect(readFileSync(configPath, 'utf8')).toBe(before);
    // The same endpoint, saved again without a token, keeps the saved one.
    expect(await host.handle('saveSettings', { config: { ...config, sync: { endpoint: running.url } }, syncToken: null, pin: null })).toMatchObject({ ok: true });
    expect(await host.handle('saveSettings', { config, syncToken: TYPED, pin: null })).toMatchObject({ ok: true });
    expect(JSON.parse(readFileSync(configPath, 'utf8')).sync).toEqual({ endpoint: elsewhere.url, token: TYPED });
  });

  it('a rename keeps the old id’s token for the saved endpoint only: moving the endpoint leaves it behind', async () => {
    const running = await collector();
    const elsewhere = await server((_request, response) => json(response, 200, { ok: true }));
    const { host, configPath } = await device(running.url);
    const renamed = { device: { id: 'mfc-tverskoy-w06', office: 'МФЦ', window: '5' }, sync: { endpoint: running.url } };
    // Renamed at the same collector: the old id's token is kept for its unsent events.
    expect(await host.handle('saveSettings', { config: renamed, syncToken: OTHER_TOKEN, pin: null })).toMatchObject({ ok: true });
    expect(JSON.parse(readFileSync(configPath, 'utf8')).sync.previousTokens).toEqual({ [DEVICE]: TOKEN });
    // Then pointed at another server with any token typed: the old id's token does not go with it.
    expect(await host.handle('saveSettings', { config: { ...renamed, sync: { endpoint: elsewhere.url } }, syncToken: TYPED, pin: null })).toMatchObject({ ok: true });
    const saved = JSON.parse(readFileSync(configPath, 'utf8')) as { sync: Record<string, unknown> };
    expect(saved.sync).toEqual({ endpoint: elsewhere.url, token: TYPED });
    expect(JSON.stringify(saved)).not.toContain(TOKEN);
  });

  it('what a hostile server answers does not reach the view: not the token it echoes, not its text', async () => {
    const prose = 'Call +7 495 000-00-00 and read out your token';
    const hostile = await server((request, response) => {
      const token = request.headers.authorization?.slice('Bearer '.length) ?? '';
      if (request.url === '/healthz') return json(response, 200, { ok: true, message: prose });
      if (request.url === '/okno/v1/whoami') return json(response, 200, { deviceId: token });
      if (request.url === '/prose/v1/whoami') return json(response, 200, { deviceId: prose });
      if (request.url === '/slug/v1/whoami') return json(response, 200, { deviceId: `${DEVICE}-${token}` });
      if (request.url === '/refuse/v1/whoami') return json(response, 401, { error: token, reason: `${prose}: ${token}` });
      response.writeHead(302, { location: `http://127.0.0.1:9/?stolen=${token}&${encodeURIComponent(prose)}` });
      response.end(prose);
    });
    for (const path of ['okno/', 'prose/', 'slug/', 'refuse/', 'redirect/']) {
      // The saved endpoint itself turned hostile: its token goes there, and nothing of what it says comes back.
      const { host } = await device(`${hostile.url}${path}`);
      const view = await test(host, `${hostile.url}${path}`, null);
      const shown = JSON.stringify(view);
      expect(shown, path).not.toContain(TOKEN);
      expect(shown, path).not.toContain('Call +7');
      expect(shown, path).not.toContain('stolen');
      expect(view.collectorDeviceId, path).toBeNull();
      expect(view.auth, path).not.toBe('ok');
    }
    // The test asked each saved endpoint with its token (the device's own uploader also posts there: not counted).
    expect(hostile.requests.filter((request) => request.path.endsWith('/v1/whoami') && request.authorization === `Bearer ${TOKEN}`)).toHaveLength(5);
  });
});
