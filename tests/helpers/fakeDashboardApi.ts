import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { z } from 'zod';
import { CONTENT_SECURITY_POLICY, readRendererFile } from '../../electron/rendererFiles.ts';
import {
  ackRequestSchema,
  ALERT_STREAM_EVENT,
  alertSchema,
  alertsQuerySchema,
  alertsSchema,
  CSRF_HEADER,
  CSV_TABLES,
  DASHBOARD_API,
  DASHBOARD_PATH,
  devicesSchema,
  drillQuerySchema,
  drillSchema,
  followUpsSchema,
  heatmapSchema,
  loginRequestSchema,
  meSchema,
  overviewSchema,
  periodQuerySchema,
  queueFiguresSchema,
  SESSION_COOKIE,
  type Alert,
  type Drill,
  type DrillQuery,
  type Heatmap,
  type Me,
  type Overview,
  type PeriodQuery,
  type QueueFigures,
  type Satisfaction,
} from '../../shared/central/dashboardApi.ts';
import { FOLLOW_UP_REASONS } from '../../shared/followUp.ts';
import { ROOT } from './okno.ts';

/**
 * A fake of the collector's dashboard door for the page's end-to-end test: it serves the built page
 * (dist/dashboard/dashboard.html at /dashboard, its assets at /dashboard/assets/, with the collector's
 * CSP) and answers every route of shared/central/dashboardApi.ts with fixture figures, each checked
 * against the contract's schema before it is sent, so the page is tested against what the contract
 * allows. Sessions by cookie, the CSRF header checked on every POST, a live alert stream the test
 * pushes into, and a switch that ends every session (a 401 mid-session).
 */

export const FAKE_USERS = {
  /** A city account: all offices. */
  city: { username: 'ivanova', password: 'correct horse battery', role: 'city', office: null },
  /** An account locked by too many wrong passwords: every login answers 429 with Retry-After. */
  locked: { username: 'locked', password: 'whatever', role: 'city', office: null },
} as const;
const LOCKED_FOR_SECONDS = 600;

export const FAKE_OFFICES = ['mfc-tverskoy', 'mfc-arbat', 'mfc-presnya'] as const;

interface Session {
  readonly username: string;
  readonly role: 'city' | 'office';
  readonly office: string | null;
  readonly csrfToken: string;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly csrf: string | null;
  readonly body: string;
}

export interface FakeDashboardApi {
  /** http://127.0.0.1:PORT/dashboard */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  /** Live stream connections open now. */
  streams(): number;
  /** Sends an alert (new or changed) on every open stream, as the collector does. */
  pushAlert(alert: Alert): void;
  /** Ends every session: the next request of the page gets 401. */
  endSessions(): void;
  close(): Promise<void>;
}

const satisfaction = (count: number, average: number | null, topTwoShare: number | null): Satisfaction => ({ count, average, topTwoShare });
const NONE = satisfaction(0, null, null);

const DAY_MS = 86_400_000;
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (number: number): string => new Date(number * DAY_MS).toISOString().slice(0, 10);

/** The overview of any period: fixed totals (87.5 % now, 85 % before: +2.5 points), a day-by-day line. */
function overviewOf(query: PeriodQuery): Overview {
  const first = dayNumber(query.from);
  const last = dayNumber(query.to);
  const length = last - first + 1;
  const daily = Array.from({ length }, (_, index) => {
    const day = first + index;
    return { day: dayOf(day), ...satisfaction(20 + (day % 5), 4.4 + (day % 4) / 10, 0.78 + (day % 15) / 100) };
  });
  const offices = [
    { office: 'mfc-tverskoy', current: satisfaction(240, 4.71, 0.921), previous: satisfaction(230, 4.6, 0.9) },
    { office: 'mfc-arbat', current: satisfaction(180, 4.48, 0.817), previous: satisfaction(170, 4.52, 0.83) },
    { office: 'mfc-presnya', current: NONE, previous: NONE },
  ].filter((row) => query.office === undefined || row.office === query.office);
  return {
    period: { from: query.from, to: query.to },
    previous: { from: dayOf(first - length), to: dayOf(first - 1) },
    current: satisfaction(420, 4.62, 0.875),
    previousFigures: satisfaction(400, 4.5, 0.85),
    daily,
    offices,
  };
}

function drillOf(query: DrillQuery): Drill {
  switch (query.level) {
    case 'office':
      return {
        level: 'office',
        rows: [
          { key: 'mfc-tverskoy', withheld: false, figures: satisfaction(240, 4.71, 0.921) },
          { key: 'mfc-arbat', withheld: false, figures: satisfaction(180, 4.48, 0.817) },
        ],
      };
    case 'window':
      return {
        level: 'window',
        rows: ['1', '2', '3'].map((key, index) => ({ key, withheld: false, figures: satisfaction(80 - index * 10, 4.7 - index / 10, 0.93 - index / 20) })),
      };
    case 'service':
      return {
        level: 'service',
        rows: [
          { key: 'passport', withheld: false, figures: satisfaction(45, 4.6, 0.889) },
          { key: 'registration', withheld: false, figures: satisfaction(25, 4.4, 0.8) },
        ],
      };
    case 'operator':
      return {
        level: 'operator',
        rows: [
          { key: 'op-smirnova', withheld: false, figures: satisfaction(36, 4.75, 0.944) },
          // Fewer than OPERATOR_MIN_RATINGS (10): the collector gives no figure, only that there are too few.
          { key: 'op-petrov', withheld: true, figures: NONE },
        ],
      };
  }
}

function heatmapOf(): Heatmap {
  const cells: Heatmap['cells'] = [];
  for (let weekday = 1; weekday <= 6; weekday += 1) {
    const [open, close] = weekday === 6 ? [10, 14] : [9, 18];
    for (let hour = open; hour <= close; hour += 1) {
      const share = 0.55 + (((weekday * 7 + hour * 3) % 9) * 5) / 100;
      cells.push({ weekday, hour, figures: satisfaction(5 + ((weekday + hour) % 7), 3.8 + share, Math.min(1, share)) });
    }
  }
  return { cells };
}

const queueRow = (key: string, called: number, wait: number, over: number, service: number): QueueFigures['total'] => ({
  key,
  called,
  averageWaitSeconds: wait,
  overNormShare: over,
  finished: called - 2,
  averageServiceSeconds: service,
});
const QUEUE: QueueFigures = {
  total: queueRow('', 300, 540, 0.12, 420),
  byService: [queueRow('passport', 180, 660, 0.18, 480), queueRow('registration', 120, 360, 0.03, 330)],
  byWindow: [queueRow('1', 110, 500, 0.1, 400), queueRow('2', 100, 560, 0.13, 430), queueRow('3', 90, 570, 0.14, 440)],
};

const deviceStatus = (change: Record<string, unknown> = {}) => ({
  reason: 'periodic',
  version: '0.1.0',
  mode: 'rating',
  backlog: 0,
  oldestUnsentAt: null,
  clockOffsetMs: 150,
  buttons: 'connected',
  printer: 'none',
  storage: 'ok',
  storageProblem: null,
  hub: 'connected',
  failedWrites: 0,
  ...change,
});

function devicesOf(office: string | undefined, nowMs: number) {
  const ago = (minutes: number): string => new Date(nowMs - minutes * 60_000).toISOString();
  const devices = [
    { deviceId: 'tv-rating-01', office: 'mfc-tverskoy', lastSeenAt: ago(2), statusAt: ago(3), status: deviceStatus() },
    { deviceId: 'tv-tickets-01', office: 'mfc-tverskoy', lastSeenAt: ago(1), statusAt: ago(1), status: deviceStatus({ mode: 'tickets', buttons: 'none', printer: 'paper-out' }) },
    { deviceId: 'ar-rating-02', office: 'mfc-arbat', lastSeenAt: ago(190), statusAt: ago(195), status: deviceStatus({ backlog: 12, clockOffsetMs: -75_000 }) },
  ];
  return { devices: devices.filter((device) => office === undefined || device.office === office) };
}

const INITIAL_ALERTS: Alert[] = [
  {
    id: 'alert-low-1',
    kind: 'low-scores',
    office: 'mfc-arbat',
    window: '5',
    deviceId: 'ar-rating-02',
    openedAt: '2026-12-03T08:40:00.000Z',
    facts: { count: 3, minutes: 30 },
    acknowledged: null,
  },
  {
    id: 'alert-paper-0',
    kind: 'paper-out',
    office: 'mfc-tverskoy',
    window: null,
    deviceId: 'tv-tickets-01',
    openedAt: '2026-12-02T15:00:00.000Z',
    facts: {},
    acknowledged: { by: 'ivanova', at: '2026-12-02T15:20:00.000Z', comment: 'Бумагу заменили' },
  },
];

function cookieOf(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeDashboardApi(): Promise<FakeDashboardApi> {
  const dist = join(ROOT, 'dist', 'dashboard');
  if (!existsSync(join(dist, 'dashboard.html'))) throw new Error('the dashboard is not built: run "npm run build" before this test');
  const sessions = new Map<string, Session>();
  const requests: RecordedRequest[] = [];
  const streams = new Set<ServerResponse>();
  let alerts = [...INITIAL_ALERTS];

  const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
    response.end(JSON.stringify(body));
  };
  const refuse = (response: ServerResponse, status: number, error: string, reason: string, headers: Record<string, string> = {}) => send(response, status, { error, reason }, headers);
  /** An answer checked against the contract first: a fixture the contract does not allow fails the test here. */
  const answer = <T>(response: ServerResponse, schema: z.ZodType<T>, value: T) => send(response, 200, schema.parse(value));
  const queryOf = (url: URL): Record<string, string> => Object.fromEntries(url.searchParams.entries());

  const handle = async (request: IncomingMessage, response: ServerResponse, url: URL, body: string): Promise<void> => {
    const path = url.pathname;
    const method = request.method ?? 'GET';
    if (method === 'GET' && (path === DASHBOARD_PATH || path === `${DASHBOARD_PATH}/`)) {
      const file = await readRendererFile(dist, 'dashboard.html');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY, 'cache-control': 'no-store' });
      response.end(file?.body);
      return;
    }
    if (method === 'GET' && path.startsWith(`${DASHBOARD_PATH}/assets/`)) {
      const file = await readRendererFile(dist, path.slice(DASHBOARD_PATH.length + 1));
      if (!file) return refuse(response, 404, 'not-found', path);
      response.writeHead(200, { 'content-type': file.contentType, 'content-security-policy': CONTENT_SECURITY_POLICY });
      response.end(file.body);
      return;
    }
    if (!path.startsWith(`${DASHBOARD_API}/`)) return refuse(response, 404, 'not-found', path);
    const route = path.slice(DASHBOARD_API.length + 1);

    if (method === 'POST' && route === 'login') {
      const parsed = loginRequestSchema.safeParse(JSON.parse(body || '{}'));
      if (!parsed.success) return refuse(response, 400, 'bad-request', 'username and password are needed');
      if (parsed.data.username === FAKE_USERS.locked.username) {
        return refuse(response, 429, 'locked', 'too many failed logins', { 'retry-after': String(LOCKED_FOR_SECONDS) });
      }
      const user = FAKE_USERS.city;
      if (parsed.data.username !== user.username || parsed.data.password !== user.password) return refuse(response, 401, 'wrong-password', 'wrong username or password');
      const token = randomBytes(24).toString('hex');
      const session: Session = { username: user.username, role: user.role, office: user.office, csrfToken: randomBytes(24).toString('hex') };
      sessions.set(token, session);
      const me: Me = { ...session };
      return send(response, 200, meSchema.parse(me), { 'set-cookie': `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/dashboard` });
    }

    const token = cookieOf(request, SESSION_COOKIE);
    const session = token === null ? undefined : sessions.get(token);
    if (!session) return refuse(response, 401, 'unauthorized', 'sign in first');
    if (method === 'POST' && request.headers[CSRF_HEADER] !== session.csrfToken) return refuse(response, 403, 'csrf', `the ${CSRF_HEADER} header is missing or wrong`);

    if (method === 'POST' && route === 'logout') {
      sessions.delete(token!);
      response.writeHead(204, { 'set-cookie': `${SESSION_COOKIE}=; Max-Age=0; Path=/dashboard` });
      response.end();
      return;
    }
    const ack = /^alerts\/([^/]+)\/ack$/.exec(route);
    if (method === 'POST' && ack) {
      const parsed = ackRequestSchema.safeParse(JSON.parse(body || '{}'));
      if (!parsed.success) return refuse(response, 400, 'bad-request', 'a comment is needed');
      const found = alerts.find((each) => each.id === decodeURIComponent(ack[1]!));
      if (!found) return refuse(response, 404, 'not-found', 'no such alert');
      const acknowledged: Alert = found.acknowledged ? found : { ...found, acknowledged: { by: session.username, at: new Date().toISOString(), comment: parsed.data.comment } };
      alerts = alerts.map((each) => (each.id === found.id ? acknowledged : each));
      broadcast(acknowledged);
      return answer(response, alertSchema, acknowledged);
    }
    if (method !== 'GET') return refuse(response, 405, 'method', `${method} ${path}`);

    if (route === 'me') return answer(response, meSchema, { ...session });
    const csv = /^([a-z]+)\.csv$/.exec(route);
    if (csv && (CSV_TABLES as readonly string[]).includes(csv[1]!)) {
      response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${csv[1]}.csv"` });
      response.end('key,count\r\nx,1\r\n');
      return;
    }
    if (route === 'alerts/stream') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      response.write(': live\n\n');
      streams.add(response);
      response.on('close', () => streams.delete(response));
      return;
    }
    const query = queryOf(url);
    switch (route) {
      case 'overview':
      case 'heatmap':
      case 'followups':
      case 'queue': {
        const parsed = periodQuerySchema.safeParse(query);
        if (!parsed.success) return refuse(response, 400, 'bad-request', parsed.error.issues[0]?.message ?? 'bad query');
        if (route === 'overview') return answer(response, overviewSchema, overviewOf(parsed.data));
        if (route === 'heatmap') return answer(response, heatmapSchema, heatmapOf());
        if (route === 'queue') return answer(response, queueFiguresSchema, QUEUE);
        return answer(response, followUpsSchema, { rows: FOLLOW_UP_REASONS.map((reason, index) => ({ reason, count: [42, 7, 11, 0, 19][index] ?? 0 })) });
      }
      case 'drill': {
        const parsed = drillQuerySchema.safeParse(query);
        if (!parsed.success) return refuse(response, 400, 'bad-request', parsed.error.issues[0]?.message ?? 'bad query');
        return answer(response, drillSchema, drillOf(parsed.data));
      }
      case 'devices':
        return answer(response, devicesSchema, devicesSchema.parse(devicesOf(query.office, Date.now())));
      case 'alerts': {
        const parsed = alertsQuerySchema.safeParse(query);
        if (!parsed.success) return refuse(response, 400, 'bad-request', 'state is open or all');
        const shown = alerts.filter((each) => (parsed.data.state === 'all' || each.acknowledged === null) && (parsed.data.office === undefined || each.office === parsed.data.office));
        return answer(response, alertsSchema, { alerts: [...shown].sort((a, b) => b.openedAt.localeCompare(a.openedAt)) });
      }
      default:
        return refuse(response, 404, 'not-found', path);
    }
  };

  const broadcast = (alert: Alert) => {
    const frame = `event: ${ALERT_STREAM_EVENT}\ndata: ${JSON.stringify(alertSchema.parse(alert))}\n\n`;
    for (const stream of streams) stream.write(frame);
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    bodyOf(request)
      .then(async (body) => {
        response.on('finish', () =>
          requests.push({ method: request.method ?? 'GET', path: `${url.pathname}${url.search}`, status: response.statusCode, csrf: (request.headers[CSRF_HEADER] as string | undefined) ?? null, body }),
        );
        await handle(request, response, url, body);
      })
      .catch((error: unknown) => {
        // A fixture the contract refuses, or a bug of this fake: a 500 the test sees, with why.
        if (!response.headersSent) refuse(response, 500, 'fake-failed', String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${DASHBOARD_PATH}`,
    requests,
    streams: () => streams.size,
    pushAlert: (alert) => {
      alerts = [alertSchema.parse(alert), ...alerts.filter((each) => each.id !== alert.id)];
      broadcast(alert);
    },
    endSessions: () => {
      sessions.clear();
      for (const stream of streams) stream.end();
    },
    close: async () => {
      for (const stream of streams) stream.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
