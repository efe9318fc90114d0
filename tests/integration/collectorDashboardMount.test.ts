import type { FastifyPluginAsync } from 'fastify';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_DASHBOARD_REASON } from '../../electron/collector/collectorServer.ts';
import { callCollector } from '../helpers/collectorContract.ts';
import { startTestCollector, type TestCollector } from '../helpers/collectorInProcess.ts';
import { rawExchange } from '../helpers/rawHttp.ts';
import { useTempDirs } from '../helpers/tempDir.ts';

/**
 * The collector's mount point for the dashboard (CollectorOptions.dashboard): a Fastify plugin under
 * /dashboard, in a context of its own (its JSON bodies parsed, the sync routes' byte bodies not its
 * concern), its errors answered `{ error, reason }` and counted like the collector's. A tiny plugin
 * stands in for the real one.
 */
const tempDir = useTempDirs();
let running: TestCollector | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const tinyDashboard: FastifyPluginAsync = async (app) => {
  app.get('/', async () => ({ page: 'overview' }));
  app.post('/echo', async (request) => ({ got: request.body }));
  app.get('/needs-login', async () => {
    throw Object.assign(new Error('no session'), { statusCode: 401 });
  });
  app.get('/defect', async () => {
    throw new TypeError('a defect of the dashboard');
  });
};

const json = async (response: Response): Promise<unknown> => (await response.json()) as unknown;

describe('collector: the dashboard mount point', () => {
  it('believes X-Forwarded-For only from the load balancers it was given (--trust-proxy)', async () => {
    const whoAsks: FastifyPluginAsync = async (app) => {
      app.get('/ip', async (request) => ({ ip: request.ip }));
    };
    const ask = async (url: string) =>
      json(await fetch(new URL('/dashboard/ip', url), { headers: { 'x-forwarded-for': '203.0.113.7' } }));
    running = await startTestCollector(tempDir(), { dashboard: whoAsks, trustProxy: ['127.0.0.1'] });
    expect(await ask(running.collector.url)).toEqual({ ip: '203.0.113.7' });
    await running.close();
    // The request comes from 127.0.0.1, which is not the balancer here: its header names nobody.
    running = await startTestCollector(tempDir(), { dashboard: whoAsks, trustProxy: ['10.0.0.0/8'] });
    expect(await ask(running.collector.url)).toEqual({ ip: '127.0.0.1' });
    await running.close();
    running = await startTestCollector(tempDir(), { dashboard: whoAsks });
    expect(await ask(running.collector.url)).toEqual({ ip: '127.0.0.1' });
  });

  it('serves the plugin under /dashboard, with JSON bodies, beside the sync routes', async () => {
    running = await startTestCollector(tempDir(), { dashboard: tinyDashboard });
    const { url } = running.collector;
    for (const path of ['/dashboard', '/dashboard/']) {
      const page = await fetch(new URL(path, url));
      expect(page.status, path).toBe(200);
      expect(await json(page)).toEqual({ page: 'overview' });
    }
    const echo = await fetch(new URL('/dashboard/echo', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":[1,2]}' });
    expect(await json(echo)).toEqual({ got: { a: [1, 2] } });
    // The collector's own routes are unchanged by it.
    expect((await callCollector(url, '/healthz')).status).toBe(200);
  });

  it('answers and counts what the plugin throws or does not serve, in the collector’s shape', async () => {
    running = await startTestCollector(tempDir(), { dashboard: tinyDashboard });
    const { url, counters } = running.collector;
    const login = await fetch(new URL('/dashboard/needs-login', url));
    expect([login.status, await json(login)]).toEqual([401, { error: 'unauthorized', reason: 'no session' }]);
    const badJson = await fetch(new URL('/dashboard/echo', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(badJson.status).toBe(400);
    expect(await json(badJson)).toMatchObject({ error: 'bad-request', reason: expect.any(String) as unknown });
    const missing = await fetch(new URL('/dashboard/nothing', url));
    expect([missing.status, await json(missing)]).toEqual([404, { error: 'not-found', reason: 'GET /dashboard/nothing' }]);
    expect(counters.refusedRequests).toBe(3);
    const defect = await fetch(new URL('/dashboard/defect', url));
    expect([defect.status, await json(defect)]).toEqual([500, { error: 'internal', reason: 'the collector failed on this request (see its log)' }]);
    expect(counters.internalErrors).toBe(1);
    expect(running.logged.join('\n')).toContain('a defect of the dashboard');
    // An unreadable request-target is the collector's 400 before any route, the dashboard's included.
    expect((await rawExchange(running.collector.port, 'GET /dashboard/%/ HTTP/1.1\r\nhost: c\r\n\r\n')).statuses).toEqual([400]);
    expect(counters.badRequests).toBe(1);
  });

  it('without a dashboard, /dashboard answers 404 saying what it needs', async () => {
    running = await startTestCollector(tempDir());
    for (const path of ['/dashboard', '/dashboard/', '/dashboard/api/overview']) {
      const answer = await fetch(new URL(path, running.collector.url), { method: path.endsWith('overview') ? 'POST' : 'GET' });
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(await json(answer)).toEqual({ error: 'not-found', reason: NO_DASHBOARD_REASON });
    }
    expect(NO_DASHBOARD_REASON).toContain('--store postgres://');
    // Other paths keep their own reason.
    expect(await json(await fetch(new URL('/dashboards', running.collector.url)))).toEqual({ error: 'not-found', reason: 'GET /dashboards' });
  });
});

describe('collector with a dashboard mounted (property test)', () => {
  const wellBehaved: FastifyPluginAsync = async (app) => {
    app.get('/', async () => ({ page: 'overview' }));
    app.post('/api/acknowledge', async (request) => ({ got: request.body ?? null }));
  };
  const chars = (alphabet: string, maxLength: number) => fc.string({ unit: fc.constantFrom(...alphabet), maxLength });
  const request = fc
    .tuple(
      fc.constantFrom('GET', 'POST', 'PUT', 'HEAD', 'OPTIONS', 'DELETE'),
      fc.constantFrom('/dashboard', '/dashboard/', '/dashboard/api/acknowledge', '//dashboard', 'http://c/dashboard/', '/dashboard/../'),
      chars('/[]%:@?#&=+;,!$()*~._-ab09\\|{}^`"<> \u00e9', 16),
      fc.constantFrom('', 'content-type: application/json\r\n', 'content-type: text/plain\r\n', 'content-type: ;;\r\n', 'content-encoding: gzip\r\n'),
      fc.oneof(fc.constant(''), fc.constant('{"a":1}'), fc.constant('{"a":'), fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1'))),
    )
    .map(([method, prefix, rest, header, body]) => `${method} ${prefix}${rest} HTTP/1.1\r\nhost: c\r\n${header}content-length: ${Buffer.byteLength(body, 'latin1')}\r\n\r\n${body}`);

  it('answers anything under /dashboard with something other than a 5xx, in JSON, and keeps serving', async () => {
    running = await startTestCollector(tempDir(), { dashboard: wellBehaved });
    const { port, url, counters } = running.collector;
    await fc.assert(
      fc.asyncProperty(request, async (raw) => {
        const answer = await rawExchange(port, Buffer.from(raw, 'latin1'));
        for (const status of answer.statuses) expect(status, raw).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    expect((await fetch(new URL('/dashboard', url))).status).toBe(200);
    expect(counters).toMatchObject({ internalErrors: 0, storageFailures: 0, serverErrors: 0 });
  });
});
