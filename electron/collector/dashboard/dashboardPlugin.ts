import { timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ackRequestSchema,
  ALERT_STREAM_EVENT,
  alertsQuerySchema,
  CSRF_HEADER,
  CSV_TABLES,
  drillQuerySchema,
  loginRequestSchema,
  periodQuerySchema,
  SESSION_COOKIE,
  type CsvTable,
  type Me,
} from '../../../shared/central/dashboardApi.ts';
import { StorageUnavailableError } from '../collectorStorage.ts';
import type { CentralAlerts, CentralReadModel, Scope } from '../central/readModel.ts';
import { describeIssues } from '../refusal.ts';
import type { DashboardAccounts, DashboardSession } from './accounts.ts';
import { alertStream, visibleTo } from './alertStream.ts';
import { CSV_OF, csvText, type TableAnswers } from './csv.ts';

/**
 * The dashboard's door on the collector (docs/central.md): the page, the login, and the API the page
 * asks (shared/central/dashboardApi.ts). A Fastify plugin the collector registers under /dashboard;
 * encapsulated, so its cookie, hooks and error answers stay out of the devices' routes.
 *
 * Who may ask: only a person logged in with a dashboard account (accounts.ts). A device token or the
 * admin token is not a login. Every state-changing request carries the session's CSRF token.
 */
export interface DashboardOptions {
  readonly accounts: DashboardAccounts;
  readonly readModel: CentralReadModel;
  readonly alerts: CentralAlerts;
  /** The built page: `dashboard.html` and `assets/` (dist/dashboard of the build). */
  readonly pageDir: string;
  /**
   * The session cookie gets `Secure`: set it when people reach the collector over https, also when
   * TLS ends at a load balancer in front of it (the browser sees https; the cookie must never travel in clear).
   */
  readonly secureCookies: boolean;
  /** Login attempts per client address (request.ip) and window, in this instance (default 20 a minute). */
  readonly loginRateLimit?: { readonly max: number; readonly windowMs: number };
  /** How often the live feed asks the database for alert changes (default 2000 ms). */
  readonly alertPollMs?: number;
  /** A comment line on every live feed this often (default 20000 ms): proxies keep the stream, and a dead session ends it. */
  readonly heartbeatMs?: number;
  /** Live feeds one instance serves at once (default 500); more are answered 503. */
  readonly maxAlertListeners?: number;
  readonly log?: (line: string) => void;
}

/** What the dashboard refused since start: for the collector's GET /healthz. */
export interface DashboardCounters {
  /** Wrong user name or password (401). */
  refusedLogins: number;
  /** Names locked by wrong passwords in a row. */
  lockouts: number;
  /** Logins refused 429: a locked name, or too many attempts from one address. */
  throttledLogins: number;
  /** A session cookie that is malformed, tampered with, unknown or expired (401). */
  badCookies: number;
  /** A state-changing request without the session's CSRF token (403). */
  csrfRefusals: number;
  /** A request with an Authorization header (a device's or the admin token): not a login (401). */
  tokenRefusals: number;
  /** Other 4xx: no session, invalid query or body, unknown alert, unknown path. */
  otherRefusals: number;
  /** 503: the database failed. */
  storageFailures: number;
  /** 500: a defect (logged). */
  internalErrors: number;
  /** Live feeds open now. */
  alertListeners: number;
  /** Polls of the live feed that failed. */
  alertPollFailures: number;
}

export interface Dashboard {
  /** Register with `{ prefix: DASHBOARD_PATH }`. */
  readonly plugin: FastifyPluginAsync;
  counters(): DashboardCounters;
}

/** A refusal of a route: thrown, and answered `{error, reason}` by the plugin's error handler. */
class Refused extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;
  constructor(status: number, code: string, reason: string, headers: Readonly<Record<string, string>> = {}) {
    super(reason);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

const RETRY_AFTER_SECONDS = 5;
const alertIdSchema = z.object({ id: z.string().min(1).max(200) });
const devicesQuerySchema = z.object({ office: z.string().min(1).optional() });

/** The page may run only its own scripts, and never inside another site's frame. */
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

const sameToken = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

export function createDashboard(options: DashboardOptions): Dashboard {
  const log = options.log ?? (() => undefined);
  const count: Omit<DashboardCounters, 'alertListeners' | 'alertPollFailures'> = {
    refusedLogins: 0,
    lockouts: 0,
    throttledLogins: 0,
    badCookies: 0,
    csrfRefusals: 0,
    tokenRefusals: 0,
    otherRefusals: 0,
    storageFailures: 0,
    internalErrors: 0,
  };
  const stream = alertStream({
    alerts: options.alerts,
    pollMs: options.alertPollMs ?? 2000,
    heartbeatMs: options.heartbeatMs ?? 20_000,
    maxListeners: options.maxAlertListeners ?? 500,
    log,
  });
  const rateLimit = options.loginRateLimit ?? { max: 20, windowMs: 60_000 };

  const plugin: FastifyPluginAsync = async (app: FastifyInstance) => {
    const cookiePath = app.prefix === '' ? '/' : app.prefix;
    const cookieOptions = { httpOnly: true, sameSite: 'strict', path: cookiePath, secure: options.secureCookies } as const;

    await app.register(fastifyCookie);
    await app.register(fastifyRateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) => new Refused(429, 'rate-limited', `too many login attempts from this address: try again in ${Math.ceil(context.ttl / 1000)} s`),
    });
    await app.register(fastifyStatic, { root: join(options.pageDir, 'assets'), prefix: '/assets/', index: false, maxAge: '365d', immutable: true });
    // Before the server waits for its connections to end: the live feeds would never end by themselves.
    app.addHook('preClose', (done) => {
      stream.close();
      done();
    });

    // A token is how devices and the exporter speak to the collector; here only a person's session counts.
    app.addHook('onRequest', async (request) => {
      if (request.headers.authorization !== undefined) {
        count.tokenRefusals += 1;
        throw new Refused(401, 'not-a-login', 'the dashboard takes no token (a device or admin token is not a login): log in with a dashboard account');
      }
    });

    app.setNotFoundHandler((request, reply) => {
      count.otherRefusals += 1;
      void reply.code(404).send({ error: 'not-found', reason: `no ${request.method} ${request.url.split('?')[0] ?? ''} on the dashboard` });
    });

    app.setErrorHandler((error: unknown, request, reply) => {
      if (error instanceof Refused) {
        if (error.code === 'rate-limited') count.throttledLogins += 1;
        else if (error.status !== 401 && error.status !== 403 && error.code !== 'locked') count.otherRefusals += 1;
        void reply
          .code(error.status)
          .headers(error.headers)
          .send({ error: error.code, reason: error.message });
        return;
      }
      if (error instanceof StorageUnavailableError) {
        count.storageFailures += 1;
        log(`okno: dashboard storage failure on ${request.method} ${request.url.split('?')[0] ?? ''}: ${error.message}`);
        void reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send({ error: 'unavailable', reason: 'the database is not answering: try again in a moment' });
        return;
      }
      const status = typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
      if (status >= 400 && status < 500) {
        // Fastify's own refusals: a body that is not JSON, an unsupported media type, too large.
        count.otherRefusals += 1;
        void reply.code(status).send({ error: 'bad-request', reason: error instanceof Error ? error.message : 'bad request' });
        return;
      }
      count.internalErrors += 1;
      log(`okno: dashboard defect on ${request.method} ${request.url.split('?')[0] ?? ''}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      void reply.code(500).send({ error: 'internal', reason: 'a defect of the collector: it is logged' });
    });

    const refuseBadCookie = (reply: FastifyReply): Refused => {
      count.badCookies += 1;
      void reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return new Refused(401, 'bad-session', 'the session is unknown or has ended: log in again');
    };

    /** The request's live session, or a 401; with `csrf`, also its CSRF token in CSRF_HEADER, or a 403. */
    async function sessionOf(request: FastifyRequest, reply: FastifyReply, csrf: boolean): Promise<{ id: string; session: DashboardSession }> {
      const id = request.cookies[SESSION_COOKIE];
      if (id === undefined || id === '') {
        count.otherRefusals += 1;
        throw new Refused(401, 'no-session', 'log in first');
      }
      const session = await options.accounts.session(id, true);
      if (session === null) throw refuseBadCookie(reply);
      if (csrf) {
        const given = request.headers[CSRF_HEADER];
        if (typeof given !== 'string' || !sameToken(given, session.csrfToken)) {
          count.csrfRefusals += 1;
          throw new Refused(403, 'csrf', `a state-changing request needs the session's token in the ${CSRF_HEADER} header`);
        }
      }
      return { id, session };
    }

    const me = (session: DashboardSession): Me => ({ username: session.username, role: session.role, office: session.office, csrfToken: session.csrfToken });
    const scopeOf = (session: DashboardSession): Scope => ({ role: session.role, office: session.office });
    /** An office account is always narrowed to its own office, whatever it asks. */
    const officeFor = (session: DashboardSession, asked: string | undefined): string | undefined => (session.role === 'office' ? (session.office ?? undefined) : asked);

    function parse<T>(schema: z.ZodType<T>, value: unknown, what: 'query' | 'body'): T {
      const parsed = schema.safeParse(value ?? {});
      if (!parsed.success) throw new Refused(400, `invalid-${what}`, describeIssues(parsed.error));
      return parsed.data;
    }

    app.get('/', (_request, reply) => reply.headers(PAGE_HEADERS).sendFile('dashboard.html', options.pageDir));

    app.post('/api/login', { config: { rateLimit: { max: rateLimit.max, timeWindow: rateLimit.windowMs } } }, async (request, reply) => {
      // JSON only: a cross-site form can post text/plain or a form without a preflight, never JSON.
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) throw new Refused(415, 'unsupported-media-type', 'send the login as application/json');
      const { username, password } = parse(loginRequestSchema, request.body, 'body');
      const result = await options.accounts.login(username, password);
      if (result.outcome === 'locked') {
        count.throttledLogins += 1;
        if (result.lockedNow) count.lockouts += 1;
        throw new Refused(429, 'locked', `too many wrong passwords for this name: try again in ${Math.ceil(result.retryAfterSeconds / 60)} min`, { 'retry-after': String(result.retryAfterSeconds) });
      }
      if (result.outcome === 'wrong') {
        count.refusedLogins += 1;
        // One answer for an unknown name and a wrong password (and the same scrypt work for both).
        throw new Refused(401, 'wrong-login', 'wrong user name or password');
      }
      void reply.setCookie(SESSION_COOKIE, result.sessionId, cookieOptions);
      return me(result.session);
    });

    app.post('/api/logout', async (request, reply) => {
      const { id } = await sessionOf(request, reply, true);
      await options.accounts.logout(id);
      void reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send();
    });

    app.get('/api/me', async (request, reply) => me((await sessionOf(request, reply, false)).session));

    /** Each table's JSON route and its CSV twin, from one question to the read model. */
    const TABLES: { readonly [T in CsvTable]: (request: FastifyRequest, session: DashboardSession) => Promise<TableAnswers[T]> } = {
      overview: (request, session) => {
        const query = parse(periodQuerySchema, request.query, 'query');
        return options.readModel.overview({ ...query, office: officeFor(session, query.office) }, scopeOf(session));
      },
      drill: (request, session) => {
        const query = parse(drillQuerySchema, request.query, 'query');
        return options.readModel.drill({ ...query, office: officeFor(session, query.office) }, scopeOf(session));
      },
      heatmap: (request, session) => {
        const query = parse(periodQuerySchema, request.query, 'query');
        return options.readModel.heatmap({ ...query, office: officeFor(session, query.office) }, scopeOf(session));
      },
      followups: (request, session) => {
        const query = parse(periodQuerySchema, request.query, 'query');
        return options.readModel.followUps({ ...query, office: officeFor(session, query.office) }, scopeOf(session));
      },
      queue: (request, session) => {
        const query = parse(periodQuerySchema, request.query, 'query');
        return options.readModel.queue({ ...query, office: officeFor(session, query.office) }, scopeOf(session));
      },
      devices: async (request, session) => {
        const office = officeFor(session, parse(devicesQuerySchema, request.query, 'query').office);
        const answer = await options.readModel.devices(scopeOf(session));
        return { devices: answer.devices.filter((device) => office === undefined || device.office === office) };
      },
      alerts: async (request, session) => {
        const query = parse(alertsQuerySchema, request.query, 'query');
        const office = officeFor(session, query.office);
        const answer = await options.alerts.list(query.state, scopeOf(session));
        return { alerts: answer.alerts.filter((alert) => visibleTo(alert, scopeOf(session)) && (office === undefined || alert.office === office)) };
      },
    };

    const csvName = (table: CsvTable, query: unknown): string => {
      const period = z.object({ from: z.string(), to: z.string() }).safeParse(query);
      return period.success ? `okno-${table}-${period.data.from}-${period.data.to}.csv` : `okno-${table}.csv`;
    };

    function route<T extends CsvTable>(table: T): void {
      app.get(`/api/${table}`, async (request, reply) => TABLES[table](request, (await sessionOf(request, reply, false)).session));
      app.get(`/api/${table}.csv`, async (request, reply) => {
        const answer = await TABLES[table](request, (await sessionOf(request, reply, false)).session);
        const { header, rows } = CSV_OF[table](answer);
        return reply
          .header('content-type', 'text/csv; charset=utf-8; header=present')
          .header('content-disposition', `attachment; filename="${csvName(table, request.query)}"`)
          .send(csvText(header, rows));
      });
    }
    for (const table of CSV_TABLES) route(table);

    app.post('/api/alerts/:id/ack', async (request, reply) => {
      const { session } = await sessionOf(request, reply, true);
      const { id } = parse(alertIdSchema, request.params, 'query');
      const { comment } = parse(ackRequestSchema, request.body, 'body');
      const alert = await options.alerts.acknowledge(id, session.username, comment, scopeOf(session));
      if (alert === null) throw new Refused(404, 'no-such-alert', `there is no alert ${id} you may see`);
      return alert;
    });

    app.get('/api/alerts/stream', async (request, reply) => {
      const { id, session } = await sessionOf(request, reply, false);
      const raw = reply.raw;
      let checking = false;
      let remove: (() => void) | null = null;
      const end = (): void => {
        remove?.();
        remove = null;
        if (!raw.writableEnded) raw.end();
      };
      remove = await stream.add({
        scope: scopeOf(session),
        send(alert, cursor) {
          raw.write(`id: ${cursor}\nevent: ${ALERT_STREAM_EVENT}\ndata: ${JSON.stringify(alert)}\n\n`);
          // A page that reads nothing must not make the instance hold its alerts without bound.
          if (raw.writableLength > 1024 * 1024) end();
        },
        heartbeat() {
          raw.write(': keepalive\n\n');
          if (checking) return;
          checking = true;
          // A session ended (logout, removed user, expired) ends its feed; a database hiccup does not.
          options.accounts
            .session(id, false)
            .then((alive) => {
              if (alive === null) end();
            })
            .catch(() => undefined)
            .finally(() => {
              checking = false;
            });
        },
        end,
      });
      if (remove === null) throw new Refused(503, 'too-many-listeners', 'this collector instance serves as many live feeds as it may: try again shortly', { 'retry-after': String(RETRY_AFTER_SECONDS) });
      reply.hijack();
      raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' });
      raw.write(`retry: 5000\n: connected\n\n`);
      request.raw.on('close', end);
    });
  };

  return {
    plugin,
    counters: () => ({ ...count, alertListeners: stream.size, alertPollFailures: stream.pollFailures }),
  };
}
