import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  alertSchema,
  alertsSchema,
  apiErrorSchema,
  CSRF_HEADER,
  CSV_TABLES,
  devicesSchema,
  drillSchema,
  followUpsSchema,
  heatmapSchema,
  meSchema,
  overviewSchema,
  queueFiguresSchema,
  SESSION_COOKIE,
} from '../../../../../shared/central/dashboardApi.ts';
import { dashboardAccounts, type DashboardAccounts } from '../../../../../electron/collector/dashboard/accounts.ts';
import { createDashboard, type Dashboard, type DashboardOptions } from '../../../../../electron/collector/dashboard/dashboardPlugin.ts';
import { migratePostgres } from '../../../../../electron/collector/postgresMigrations.ts';
import { startPostgres, type TestPostgres } from '../../../../helpers/postgres.ts';
import { waitFor } from '../../../../helpers/waitFor.ts';
import { fakeAlerts, fakeReadModel } from './fakeCentral.ts';

/** The dashboard's routes on Fastify, with real accounts in PostgreSQL and fake figures (fakeCentral.ts). */
let server: TestPostgres;
let pageDir: string;
const pools: pg.Pool[] = [];
const apps: FastifyInstance[] = [];
const PASSWORD = 'correct horse battery';
const CHEAP = { N: 1024, r: 8, p: 1 };
const PERIOD = 'from=2026-03-01&to=2026-03-31';

beforeAll(async () => {
  server = await startPostgres();
  pageDir = mkdtempSync(join(tmpdir(), 'okno-page-'));
  writeFileSync(join(pageDir, 'dashboard.html'), '<!doctype html><title>okno dashboard</title><script type="module" src="/dashboard/assets/app-1.js"></script>');
  mkdirSync(join(pageDir, 'assets'));
  writeFileSync(join(pageDir, 'assets', 'app-1.js'), 'console.log("okno")');
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await server.stop();
  rmSync(pageDir, { recursive: true, force: true });
});

async function accountsOn(url: string): Promise<DashboardAccounts> {
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  // The server's stop at the end ends idle connections (57P01): expected then, not a failure.
  pool.on('error', () => undefined);
  pools.push(pool);
  const client = await pool.connect();
  try {
    await migratePostgres(client);
  } finally {
    client.release();
  }
  return dashboardAccounts(pool, { cost: CHEAP });
}

interface Instance {
  readonly app: FastifyInstance;
  readonly dashboard: Dashboard;
  readonly accounts: DashboardAccounts;
  readonly readModel: ReturnType<typeof fakeReadModel>;
}

/** One collector instance's dashboard: Fastify with the plugin under /dashboard. */
async function instance(accounts: DashboardAccounts, extra: Partial<DashboardOptions> = {}): Promise<Instance> {
  const readModel = fakeReadModel();
  const dashboard = createDashboard({ accounts, readModel, alerts: fakeAlerts(), pageDir, secureCookies: false, ...extra });
  const app = Fastify();
  await app.register(dashboard.plugin, { prefix: '/dashboard' });
  await app.ready();
  apps.push(app);
  return { app, dashboard, accounts, readModel };
}

async function withUsers(extra: Partial<DashboardOptions> = {}): Promise<Instance & { url: string }> {
  const url = await server.createDatabase();
  const accounts = await accountsOn(url);
  await accounts.addUser({ username: 'city.head', role: 'city', office: null, password: PASSWORD });
  await accounts.addUser({ username: 'olga', role: 'office', office: 'tverskoy', password: PASSWORD });
  return { ...(await instance(accounts, extra)), url };
}

interface Login {
  readonly cookie: string;
  readonly csrf: string;
  readonly setCookie: string;
}

async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<Login> {
  const answer = await app.inject({ method: 'POST', url: '/dashboard/api/login', payload: { username, password } });
  expect(answer.statusCode, answer.body).toBe(200);
  const me = meSchema.parse(answer.json());
  const setCookie = String(answer.headers['set-cookie']);
  const value = /okno_session=([^;]+)/.exec(setCookie)?.[1] ?? '';
  return { cookie: `${SESSION_COOKIE}=${value}`, csrf: me.csrfToken, setCookie };
}

const get = (app: FastifyInstance, url: string, cookie?: string) => app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

const refusal = (body: string) => apiErrorSchema.parse(JSON.parse(body));

const GET_ROUTES = [
  '/dashboard/api/me',
  ...CSV_TABLES.flatMap((table) => [`/dashboard/api/${table}?${PERIOD}&level=office`, `/dashboard/api/${table}.csv?${PERIOD}&level=office`]),
  '/dashboard/api/alerts/stream',
];
const POST_ROUTES = [
  { url: '/dashboard/api/logout', payload: {} },
  { url: '/dashboard/api/alerts/1/ack', payload: { comment: 'called the office' } },
];

describe('dashboard: the page', () => {
  it('serves dashboard.html at /dashboard and /dashboard/ with a strict policy, and the assets under /dashboard/assets/', async () => {
    const { app } = await withUsers();
    for (const url of ['/dashboard', '/dashboard/']) {
      const page = await get(app, url);
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('okno dashboard');
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    const asset = await get(app, '/dashboard/assets/app-1.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    const missing = await get(app, '/dashboard/assets/none.js');
    expect(missing.statusCode).toBe(404);
    expect(refusal(missing.body).error).toBe('not-found');
  });
});

describe('dashboard: who may ask', () => {
  it('answers 401 on every API route without a session, and 401 to a tampered or unknown cookie (counted, cleared)', async () => {
    const { app, dashboard } = await withUsers();
    const { cookie } = await login(app, 'olga');
    const tampered = `${cookie.slice(0, -2)}${cookie.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const url of GET_ROUTES) {
      const none = await get(app, url);
      expect(none.statusCode, url).toBe(401);
      expect(refusal(none.body).error).toBe('no-session');
      for (const bad of [tampered, `${SESSION_COOKIE}=forged`]) {
        const answer = await get(app, url, bad);
        expect(answer.statusCode, url).toBe(401);
        expect(refusal(answer.body).error).toBe('bad-session');
        expect(String(answer.headers['set-cookie'])).toMatch(/okno_session=;.*Expires=Thu, 01 Jan 1970/);
      }
    }
    for (const { url, payload } of POST_ROUTES) {
      expect((await app.inject({ method: 'POST', url, payload })).statusCode, url).toBe(401);
      expect((await app.inject({ method: 'POST', url, payload, headers: { cookie: tampered, [CSRF_HEADER]: 'x'.repeat(43) } })).statusCode, url).toBe(401);
    }
    expect(dashboard.counters().badCookies).toBe(GET_ROUTES.length * 2 + POST_ROUTES.length);
  });

  it('a device token or the admin token is not a login: 401 on every dashboard route, even with a valid session', async () => {
    const { app, dashboard } = await withUsers();
    const { cookie, csrf } = await login(app, 'city.head');
    const headers = { authorization: 'Bearer tverskoy-w05-token-0123456789', cookie, [CSRF_HEADER]: csrf };
    for (const url of ['/dashboard', '/dashboard/assets/app-1.js', ...GET_ROUTES]) {
      const answer = await app.inject({ method: 'GET', url, headers });
      expect(answer.statusCode, url).toBe(401);
      expect(refusal(answer.body).error).toBe('not-a-login');
    }
    const loginWithToken = await app.inject({ method: 'POST', url: '/dashboard/api/login', headers: { authorization: 'Bearer admin' }, payload: { username: 'city.head', password: PASSWORD } });
    expect(loginWithToken.statusCode).toBe(401);
    for (const { url, payload } of POST_ROUTES) expect((await app.inject({ method: 'POST', url, payload, headers })).statusCode, url).toBe(401);
    expect(dashboard.counters().tokenRefusals).toBe(2 + GET_ROUTES.length + 1 + POST_ROUTES.length);
  });
});

describe('dashboard: login and logout', () => {
  it('sets the session cookie HttpOnly, SameSite=Strict, Path=/dashboard (Secure only with secureCookies) and answers /me', async () => {
    const plain = await withUsers();
    const { setCookie, cookie } = await login(plain.app, 'olga');
    expect(setCookie).toMatch(/^okno_session=[\w-]{43}; Path=\/dashboard; HttpOnly; SameSite=Strict$/);
    const me = await get(plain.app, '/dashboard/api/me', cookie);
    expect(meSchema.parse(me.json())).toMatchObject({ username: 'olga', role: 'office', office: 'tverskoy' });

    const secure = await instance(plain.accounts, { secureCookies: true });
    expect((await login(secure.app, 'olga')).setCookie).toMatch(/; Secure/);
    // A session opened through one instance works through another: nothing is kept in an instance.
    expect((await get(secure.app, '/dashboard/api/me', cookie)).statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown user alike (401), refuses a login that is not JSON, counts them', async () => {
    const { app, dashboard } = await withUsers();
    const wrong = await app.inject({ method: 'POST', url: '/dashboard/api/login', payload: { username: 'olga', password: 'not her password' } });
    const unknown = await app.inject({ method: 'POST', url: '/dashboard/api/login', payload: { username: 'nobody', password: 'not her password' } });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.body).toBe(unknown.body);
    expect(refusal(wrong.body)).toEqual({ error: 'wrong-login', reason: 'wrong user name or password' });
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const form = await app.inject({ method: 'POST', url: '/dashboard/api/login', headers: { 'content-type': 'text/plain' }, payload: '{"username":"olga","password":"correct horse battery"}' });
    expect(form.statusCode).toBe(415);
    const extra = await app.inject({ method: 'POST', url: '/dashboard/api/login', payload: { username: 'olga', password: PASSWORD, role: 'city' } });
    expect(extra.statusCode).toBe(400);
    expect(refusal(extra.body).reason).toMatch(/role|unrecognized/i);
    expect(dashboard.counters()).toMatchObject({ refusedLogins: 2 });
  });

  it('locks a name after 5 wrong passwords across two instances on one database: 429 with Retry-After, then even the right password', async () => {
    const one = await withUsers();
    const two = await instance(one.accounts);
    const attempt = (app: FastifyInstance, password: string) => app.inject({ method: 'POST', url: '/dashboard/api/login', payload: { username: 'olga', password } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await attempt(i % 2 === 0 ? one.app : two.app, 'wrong password!')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const locked = await attempt(two.app, PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(refusal(locked.body).error).toBe('locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(one.dashboard.counters()).toMatchObject({ lockouts: 1, refusedLogins: 2 });
    expect(two.dashboard.counters()).toMatchObject({ lockouts: 0, refusedLogins: 2, throttledLogins: 1 });
  });

  it('limits login attempts per address in an instance: 429 with Retry-After', async () => {
    const { app, dashboard } = await withUsers({ loginRateLimit: { max: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i += 1) await app.inject({ method: 'POST', url: '/dashboard/api/login', payload: { username: `guess${i}`, password: 'x' } });
    const limited = await app.inject({ method: 'POST', url: '/dashboard/api/login', payload: { username: 'olga', password: PASSWORD } });
    expect(limited.statusCode).toBe(429);
    expect(refusal(limited.body).error).toBe('rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(dashboard.counters().throttledLogins).toBe(1);
  });

  it('logout needs the CSRF token and ends the session; a removed user\'s session is refused at once', async () => {
    const { app, accounts } = await withUsers();
    const session = await login(app, 'olga');
    const noToken = await app.inject({ method: 'POST', url: '/dashboard/api/logout', headers: { cookie: session.cookie } });
    expect(noToken.statusCode).toBe(403);
    const out = await app.inject({ method: 'POST', url: '/dashboard/api/logout', headers: { cookie: session.cookie, [CSRF_HEADER]: session.csrf } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/okno_session=;/);
    expect((await get(app, '/dashboard/api/me', session.cookie)).statusCode).toBe(401);

    const other = await login(app, 'city.head');
    expect((await get(app, '/dashboard/api/me', other.cookie)).statusCode).toBe(200);
    await accounts.removeUser('city.head');
    expect((await get(app, `/dashboard/api/overview?${PERIOD}`, other.cookie)).statusCode).toBe(401);
  });
});

describe('dashboard: the figures', () => {
  it('answers every table within the contract, and validates queries naming the field (400)', async () => {
    const { app } = await withUsers();
    const { cookie } = await login(app, 'city.head');
    const schemas = { overview: overviewSchema, drill: drillSchema, heatmap: heatmapSchema, followups: followUpsSchema, queue: queueFiguresSchema, devices: devicesSchema, alerts: alertsSchema };
    for (const [table, schema] of Object.entries(schemas)) {
      const answer = await get(app, `/dashboard/api/${table}?${PERIOD}&level=window&office=tverskoy`, cookie);
      expect(answer.statusCode, table).toBe(200);
      expect(() => (schema as z.ZodType).parse(answer.json()), table).not.toThrow();
    }
    const missing = await get(app, '/dashboard/api/overview?from=2026-03-01', cookie);
    expect(missing.statusCode).toBe(400);
    expect(refusal(missing.body)).toMatchObject({ error: 'invalid-query' });
    expect(refusal(missing.body).reason).toMatch(/^to:/);
    const level = await get(app, `/dashboard/api/drill?${PERIOD}&level=floor`, cookie);
    expect(refusal(level.body).reason).toMatch(/^level:/);
    const backwards = await get(app, '/dashboard/api/heatmap?from=2026-03-31&to=2026-03-01', cookie);
    expect(refusal(backwards.body).reason).toMatch(/"from" is after "to"/);
    const state = await get(app, '/dashboard/api/alerts?state=closed', cookie);
    expect(refusal(state.body).reason).toMatch(/^state:/);
  });

  it('narrows an office account to its own office whatever it asks; a city account may narrow itself', async () => {
    const { app, readModel } = await withUsers();
    const olga = await login(app, 'olga');
    for (const table of ['overview', 'drill', 'heatmap', 'followups', 'queue']) {
      expect((await get(app, `/dashboard/api/${table}?${PERIOD}&level=window&office=arbat`, olga.cookie)).statusCode).toBe(200);
    }
    const devices = devicesSchema.parse((await get(app, '/dashboard/api/devices?office=arbat', olga.cookie)).json());
    expect(devices.devices.map((d) => d.office)).toEqual(['tverskoy']);
    expect(readModel.asked.map(({ query, scope }) => ({ office: query?.office, scope }))).toEqual(
      Array.from({ length: 6 }, (_, i) => ({ office: i < 5 ? 'tverskoy' : undefined, scope: { role: 'office', office: 'tverskoy' } })),
    );
    readModel.asked.length = 0;
    const city = await login(app, 'city.head');
    await get(app, `/dashboard/api/overview?${PERIOD}&office=arbat`, city.cookie);
    await get(app, `/dashboard/api/overview?${PERIOD}`, city.cookie);
    expect(readModel.asked.map(({ query, scope }) => ({ office: query?.office, scope }))).toEqual([
      { office: 'arbat', scope: { role: 'city', office: null } },
      { office: undefined, scope: { role: 'city', office: null } },
    ]);
    expect(devicesSchema.parse((await get(app, '/dashboard/api/devices?office=arbat', city.cookie)).json()).devices.map((d) => d.deviceId)).toEqual(['arbat-w01']);
  });

  it('exports every table as RFC 4180 CSV, safe from spreadsheet formulas', async () => {
    const { app } = await withUsers();
    const { cookie } = await login(app, 'city.head');
    for (const table of CSV_TABLES) {
      const answer = await get(app, `/dashboard/api/${table}.csv?${PERIOD}&level=office`, cookie);
      expect(answer.statusCode, table).toBe(200);
      expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
      expect(answer.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="okno-${table}(-2026-03-01-2026-03-31)?\\.csv"$`));
      expect(answer.body.startsWith('\uFEFF')).toBe(true);
      expect(answer.body.endsWith('\r\n')).toBe(true);
    }
    const overview = (await get(app, `/dashboard/api/overview.csv?${PERIOD}`, cookie)).body;
    expect(overview.slice(1).split('\r\n')).toEqual([
      'rank,office,count,average,top_two_share,previous_count,previous_average,previous_top_two_share',
      `1,"'=HYPERLINK(""http://evil"")",7,4.5,0.9,5,4.5,0.9`,
      '2,"МФЦ ""Тверской"", 1",5,4.5,0.9,0,,',
      '',
    ]);
    expect((await get(app, `/dashboard/api/overview.csv?from=2026-03-01`, cookie)).statusCode).toBe(400);
  });
});

describe('dashboard: alerts', () => {
  it('acknowledges an alert with a comment only with the session\'s CSRF token (403 without or wrong), and only in scope', async () => {
    const alerts = fakeAlerts();
    const { app, dashboard } = await withUsers({ alerts });
    const tverskoy = alerts.open({ kind: 'paper-out', office: 'tverskoy', window: '5', deviceId: 'tverskoy-w05', openedAt: '2026-03-02T08:00:00.000Z', facts: {} });
    const arbat = alerts.open({ kind: 'device-silent', office: 'arbat', window: null, deviceId: 'arbat-w01', openedAt: '2026-03-02T08:00:00.000Z', facts: { lastSeenAt: '2026-03-02T06:00:00.000Z' } });
    const olga = await login(app, 'olga');
    const ack = (id: string, headers: Record<string, string>) => app.inject({ method: 'POST', url: `/dashboard/api/alerts/${id}/ack`, headers: { cookie: olga.cookie, ...headers }, payload: { comment: 'paper loaded' } });
    expect((await ack(tverskoy.id, {})).statusCode).toBe(403);
    expect((await ack(tverskoy.id, { [CSRF_HEADER]: 'x'.repeat(43) })).statusCode).toBe(403);
    const other = await login(app, 'city.head');
    expect((await ack(tverskoy.id, { [CSRF_HEADER]: other.csrf })).statusCode).toBe(403);
    expect(dashboard.counters().csrfRefusals).toBe(3);
    const done = await ack(tverskoy.id, { [CSRF_HEADER]: olga.csrf });
    expect(done.statusCode).toBe(200);
    expect(alertSchema.parse(done.json()).acknowledged).toEqual({ by: 'olga', at: '2026-03-02T09:00:00.000Z', comment: 'paper loaded' });
    const outOfScope = await ack(arbat.id, { [CSRF_HEADER]: olga.csrf });
    expect(outOfScope.statusCode).toBe(404);
    expect(refusal(outOfScope.body).error).toBe('no-such-alert');
    const empty = await app.inject({ method: 'POST', url: `/dashboard/api/alerts/${arbat.id}/ack`, headers: { cookie: other.cookie, [CSRF_HEADER]: other.csrf }, payload: { comment: '   ' } });
    expect(empty.statusCode).toBe(400);
    expect(refusal(empty.body).reason).toMatch(/^comment:/);
    const list = alertsSchema.parse((await get(app, '/dashboard/api/alerts?state=all', olga.cookie)).json());
    expect(list.alerts.map((a) => a.id)).toEqual([tverskoy.id]);
  });

  it('the live feed delivers alerts opened and acknowledged through another instance, in the listener\'s scope', async () => {
    const url = await server.createDatabase();
    const accounts = await accountsOn(url);
    await accounts.addUser({ username: 'olga', role: 'office', office: 'tverskoy', password: PASSWORD });
    const alerts = fakeAlerts();
    const one = await instance(accounts, { alerts, alertPollMs: 50 });
    const two = await instance(accounts, { alerts, alertPollMs: 50 });
    const olga = await login(two.app, 'olga');
    const base = await one.app.listen({ port: 0, host: '127.0.0.1' });
    const feed = await openFeed(`${base}/dashboard/api/alerts/stream`, olga.cookie);
    try {
      expect(feed.response.statusCode).toBe(200);
      expect(feed.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      await waitFor(() => feed.text().includes(': connected'), 'the feed is open', 10_000);
      expect(one.dashboard.counters().alertListeners).toBe(1);
      alerts.open({ kind: 'device-silent', office: 'arbat', window: null, deviceId: 'arbat-w01', openedAt: '2026-03-02T08:00:00.000Z', facts: {} });
      const opened = alerts.open({ kind: 'low-scores', office: 'tverskoy', window: '5', deviceId: null, openedAt: '2026-03-02T08:01:00.000Z', facts: { count: 3, minutes: 30 } });
      const ack = await two.app.inject({ method: 'POST', url: `/dashboard/api/alerts/${opened.id}/ack`, headers: { cookie: olga.cookie, [CSRF_HEADER]: olga.csrf }, payload: { comment: 'spoke to the operator' } });
      expect(ack.statusCode).toBe(200);
      const events = await waitFor(() => {
        const found = feed.events();
        return found.length >= 2 ? found : undefined;
      }, 'two alert events', 10_000);
      expect(events.map((e) => e.event)).toEqual(['alert', 'alert']);
      const delivered = events.map((e) => alertSchema.parse(JSON.parse(e.data)));
      expect(delivered.map((a) => [a.id, a.office, a.acknowledged?.by ?? null])).toEqual([
        [opened.id, 'tverskoy', null],
        [opened.id, 'tverskoy', 'olga'],
      ]);
    } finally {
      feed.close();
    }
    await waitFor(() => one.dashboard.counters().alertListeners === 0, 'the listener is gone', 10_000);
  });

  it('bounds the live feeds of an instance (503 + Retry-After), sends heartbeats, and ends a feed whose session ended', async () => {
    const { app, dashboard } = await withUsers({ maxAlertListeners: 1, heartbeatMs: 50 });
    const olga = await login(app, 'olga');
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const feed = await openFeed(`${base}/dashboard/api/alerts/stream`, olga.cookie);
    try {
      await waitFor(() => feed.text().includes(': keepalive'), 'a heartbeat', 10_000);
      const second = await openFeed(`${base}/dashboard/api/alerts/stream`, olga.cookie);
      second.close();
      expect(second.response.statusCode).toBe(503);
      expect(second.response.headers['retry-after']).toBe('5');
      await app.inject({ method: 'POST', url: '/dashboard/api/logout', headers: { cookie: olga.cookie, [CSRF_HEADER]: olga.csrf } });
      await waitFor(() => feed.ended(), 'the feed of a logged-out session ends', 10_000);
      expect(dashboard.counters().alertListeners).toBe(0);
    } finally {
      feed.close();
    }
  });

  it('ends its live feeds when the instance closes (the pages reconnect elsewhere)', async () => {
    const { app } = await withUsers();
    const olga = await login(app, 'olga');
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const feed = await openFeed(`${base}/dashboard/api/alerts/stream`, olga.cookie);
    await waitFor(() => feed.text().includes(': connected'), 'the feed is open', 10_000);
    await app.close();
    await waitFor(() => feed.ended(), 'the feed ends', 10_000);
  });
});

describe('dashboard: the database down', () => {
  it('answers 503 with Retry-After and counts it', async () => {
    const pool = new pg.Pool({ connectionString: 'postgres://okno@127.0.0.1:1/none', connectionTimeoutMillis: 2000 });
    pools.push(pool);
    const { app, dashboard } = await instance(dashboardAccounts(pool, { cost: CHEAP }));
    const answer = await get(app, '/dashboard/api/me', `${SESSION_COOKIE}=${'A'.repeat(43)}`);
    expect(answer.statusCode).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect(refusal(answer.body).error).toBe('unavailable');
    const loginDown = await app.inject({ method: 'POST', url: '/dashboard/api/login', payload: { username: 'olga', password: PASSWORD } });
    expect(loginDown.statusCode).toBe(503);
    expect(dashboard.counters()).toMatchObject({ storageFailures: 2, internalErrors: 0 });
  });
});

interface Feed {
  readonly response: IncomingMessage;
  text(): string;
  events(): { event: string; data: string }[];
  ended(): boolean;
  close(): void;
}

/** A live feed read as a browser's EventSource would: the raw text, and its events. */
function openFeed(url: string, cookie: string): Promise<Feed> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { cookie, accept: 'text/event-stream' } }, (response) => {
      let text = '';
      let ended = false;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => (ended = true));
      response.on('close', () => (ended = true));
      resolve({
        response,
        text: () => text,
        ended: () => ended,
        events: () =>
          text
            .split('\n\n')
            .map((block) => ({
              event: /^event: (.*)$/m.exec(block)?.[1] ?? '',
              data: /^data: (.*)$/m.exec(block)?.[1] ?? '',
            }))
            .filter((e) => e.event !== ''),
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
    request.end();
  });
}
