import Database from 'better-sqlite3';
import Fastify, { type FastifyError, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  announcementsBodySchema,
  commandBodySchema,
  OFFICE_PATHS,
  OFFICE_PROTOCOL,
  signInBodySchema,
  ticketsBodySchema,
  type AnnouncementsAnswer,
  type CommandAnswer,
} from '../../shared/office/officeProtocol.ts';
import { guardServer } from '../http/serverGuards.ts';
import type { AnnouncementLog } from './announcementLog.ts';
import type { HubCounters } from './hubCounters.ts';
import { bearerToken, mayUse, type HubDevice, type HubDevices } from './hubDevices.ts';
import type { HubConfig } from './hubConfig.ts';
import type { OfficeQueue } from './officeQueue.ts';
import type { SignInGuard } from './signInGuard.ts';
import type { SnapshotStreams } from './snapshotStreams.ts';

/**
 * okno-office/1 over HTTPS (docs/protocol-office.md, docs/openapi-office.yaml), on Fastify. Who is
 * asking is settled before a byte of the body is read (bearer token → device → role → path); every
 * body and query is parsed with the protocol's zod schemas. Nothing a device sends is answered with a
 * 5xx or stops the hub: bad input is a 4xx with `{ error, message }` and a counter; only the journal
 * failing is a 503 (the device tries again), and a defect of the hub a 500 (logged).
 */

export const DEFAULT_BODY_LIMIT = 64 * 1024;

export interface HubServerOptions {
  readonly config: HubConfig;
  readonly queue: OfficeQueue;
  /** The hall boards' reports of what they announced. */
  readonly announcements: AnnouncementLog;
  readonly devices: HubDevices;
  readonly signIn: SignInGuard;
  readonly streams: SnapshotStreams;
  readonly counters: HubCounters;
  readonly tls: { readonly key: string; readonly cert: string };
  readonly host: string;
  readonly port: number;
  readonly bodyLimit?: number;
  /** A storage failure or a defect: one line for the hub's operator. */
  readonly log?: (line: string) => void;
}

export interface HubServer {
  /** https://HOST:PORT/ (127.0.0.1 when listening on every address). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const METHODS: ReadonlyMap<string, 'GET' | 'POST'> = new Map([
  [OFFICE_PATHS.health, 'GET'],
  [OFFICE_PATHS.state, 'GET'],
  [OFFICE_PATHS.stream, 'GET'],
  [OFFICE_PATHS.tickets, 'POST'],
  [OFFICE_PATHS.ahead, 'GET'],
  [OFFICE_PATHS.signIn, 'POST'],
  [OFFICE_PATHS.signOut, 'POST'],
  [OFFICE_PATHS.command, 'POST'],
  [OFFICE_PATHS.announcements, 'POST'],
]);

const aheadQuerySchema = z.strictObject({ service: z.string().min(1).max(64) });
/** Sign-out says nothing but who (the token): an empty body or `{}`. */
const signOutBodySchema = z.strictObject({});

class Refused extends Error {
  override readonly name = 'Refused';
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const describe = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`).join('; ');

/** The body as JSON text (the content-type parser keeps it as text): zod decides, not a parser's exception. */
function parseBody<T>(schema: z.ZodType<T>, raw: unknown, empty: unknown = undefined): T {
  let value: unknown = empty;
  if (typeof raw === 'string' && raw.length > 0) {
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new Refused(400, 'invalid-json', `the body is not JSON: ${(error as Error).message}`);
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Refused(400, 'invalid-body', describe(parsed.error));
  return parsed.data;
}

const ERROR_CODES: Readonly<Record<number, string>> = { 400: 'bad-request', 404: 'not-found', 405: 'method-not-allowed', 408: 'timeout', 413: 'too-large', 415: 'unsupported-media-type', 431: 'headers-too-large' };

export async function startHubServer(options: HubServerOptions): Promise<HubServer> {
  const { queue, counters, streams, config } = options;
  const log = options.log ?? (() => undefined);
  const devices = new WeakMap<FastifyRequest, HubDevice>();

  const count4xx = (status: number): void => {
    if (status === 401) counters.unauthorized += 1;
    else if (status === 403) counters.forbidden += 1;
    else if (status === 404 || status === 405) counters.notFound += 1;
    else if (status === 409) counters.conflicts += 1;
    else if (status === 413) counters.tooLarge += 1;
    else counters.badRequests += 1;
  };

  const app = Fastify({
    https: { key: options.tls.key, cert: options.tls.cert },
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    logger: false,
    // Closing the hub must not wait for a keep-alive connection that a device holds open.
    forceCloseConnections: true,
    requestTimeout: 30_000,
    exposeHeadRoutes: false,
    // guardServer (below) answers and counts the requests Node's parser refuses.
    clientErrorHandler: () => undefined,
    frameworkErrors: (error, _request, reply) => {
      // A request-target Fastify cannot route (bad percent-encoding, …): input, so 400. Written on the raw
      // response: this reply's types are the route's, which a request that has no route does not have.
      count4xx(400);
      reply.hijack();
      const body = JSON.stringify({ error: 'bad-request', message: `the request cannot be routed: ${error.message}` });
      reply.raw.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), 'cache-control': 'no-store' });
      reply.raw.end(body);
    },
  });

  guardServer(app.server, {
    errorBody: (status, message) => JSON.stringify({ error: ERROR_CODES[status] ?? 'bad-request', message }),
    allow: 'GET, POST',
    onMalformedRequest: () => {
      counters.requests += 1;
      counters.badRequests += 1;
    },
    onServerError: (error) => log(`okno hub: server error: ${error.message}`),
  });

  // Every body is kept as text whatever its content-type: parsing is zod's job, so a wrong body is always a 400 of ours.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.addHook('onRequest', async (request, reply) => {
    counters.requests += 1;
    const path = request.routeOptions.url;
    if (path === undefined || !METHODS.has(path)) return;
    const token = bearerToken(request.headers.authorization);
    const device = token === null ? null : options.devices.deviceFor(token);
    if (device === null) {
      count4xx(401);
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized', message: 'missing or unknown device token' });
    }
    if (!mayUse(device.role, path)) {
      count4xx(403);
      return reply.code(403).send({ error: 'forbidden', message: `a ${device.role} device may not use ${path}` });
    }
    devices.set(request, device);
  });

  const deviceOf = (request: FastifyRequest): HubDevice => {
    const device = devices.get(request);
    if (!device) throw new Error('route reached without a device (onRequest hook)');
    return device;
  };
  const windowOf = (request: FastifyRequest): string => {
    const window = deviceOf(request).window;
    // The config schema requires a window for operator consoles; a hub without that check would reach here.
    if (window === null) throw new Refused(403, 'forbidden', 'this device has no window in the hub\'s config');
    return window;
  };

  app.setErrorHandler((error: FastifyError | Refused | Error, request, reply) => {
    if (error instanceof Refused) {
      count4xx(error.status);
      return reply.code(error.status).send({ error: error.code, message: error.message });
    }
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Fastify's own refusals: a body over the limit, a bad content-length, a request that timed out…
      count4xx(status);
      return reply.code(status).send({ error: ERROR_CODES[status] ?? 'bad-request', message: error.message });
    }
    if (error instanceof Database.SqliteError) {
      counters.storageFailures += 1;
      log(`okno hub: storage failure on ${request.method} ${request.url}: ${error.message}`);
      return reply.code(503).header('retry-after', '5').send({ error: 'unavailable', message: `the hub's journal cannot be written: ${error.message}` });
    }
    counters.internalErrors += 1;
    log(`okno hub: internal error on ${request.method} ${request.url}: ${error.stack ?? error.message}`);
    return reply.code(500).send({ error: 'internal', message: 'the hub failed to answer; it keeps running' });
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const method = METHODS.get(path);
    if (method !== undefined) {
      count4xx(405);
      return reply.code(405).header('allow', method).send({ error: 'method-not-allowed', message: `${method} only` });
    }
    count4xx(404);
    return reply.code(404).send({ error: 'not-found', message: `${request.method} ${path}` });
  });

  app.get(OFFICE_PATHS.health, (request) => {
    const device = deviceOf(request);
    return {
      ok: true,
      protocol: OFFICE_PROTOCOL,
      office: { id: config.office.id, name: config.office.name },
      revision: queue.revision(),
      day: queue.state().day,
      device: { id: device.id, role: device.role, window: device.window },
      streams: streams.size(),
      counters,
    };
  });

  app.get(OFFICE_PATHS.state, () => queue.snapshot());

  app.get(OFFICE_PATHS.stream, (request, reply) => {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    streams.open({
      write: (chunk) => raw.write(chunk),
      end: () => raw.end(),
      onClose: (listener) => {
        request.raw.once('close', listener);
        raw.once('close', listener);
        raw.once('error', listener);
      },
    });
  });

  app.post(OFFICE_PATHS.tickets, (request) => {
    const body = parseBody(ticketsBodySchema, request.body);
    const device = deviceOf(request);
    if (body.deviceId !== device.id) throw new Refused(403, 'forbidden', `this token belongs to ${device.id}, not to ${body.deviceId}`);
    return queue.receive(device.id, body.tickets);
  });

  app.get(OFFICE_PATHS.ahead, (request) => {
    const query = aheadQuerySchema.safeParse(request.query);
    if (!query.success) throw new Refused(400, 'invalid-query', describe(query.error));
    if (!config.services.some((service) => service.id === query.data.service)) {
      throw new Refused(400, 'unknown-service', `no service "${query.data.service}" in the hub's config`);
    }
    return queue.ahead(query.data.service);
  });

  app.post(OFFICE_PATHS.signIn, async (request): Promise<CommandAnswer> => {
    const body = parseBody(signInBodySchema, request.body);
    const window = windowOf(request);
    const check = await options.signIn.check(body.operatorId, body.pin);
    if (!check.ok) {
      if (check.refusal === 'wrong-pin' || check.refusal === 'locked') counters.wrongPins += 1;
      return { ok: false, refusal: check.refusal, message: check.message };
    }
    return queue.signIn(window, body.operatorId);
  });

  app.post(OFFICE_PATHS.signOut, (request): CommandAnswer => {
    parseBody(signOutBodySchema, request.body, {});
    return queue.signOut(windowOf(request));
  });

  app.post(OFFICE_PATHS.command, (request): CommandAnswer => {
    const body = parseBody(commandBodySchema, request.body);
    const window = windowOf(request);
    const answer = queue.command(window, body);
    if (answer === 'conflict') throw new Refused(409, 'idempotency-conflict', 'this idempotency key was used at another window');
    return answer;
  });

  app.post(OFFICE_PATHS.announcements, (request): AnnouncementsAnswer => {
    const body = parseBody(announcementsBodySchema, request.body);
    const device = deviceOf(request);
    // Like the tickets: a board reports in its own name only, and the journal records the token's device.
    if (body.deviceId !== device.id) throw new Refused(403, 'forbidden', `this token belongs to ${device.id}, not to ${body.deviceId}`);
    const answer = options.announcements.record(device.id, body.announcements);
    counters.duplicateAnnouncements += answer.duplicates;
    return answer;
  });

  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const shown = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `https://${shown}:${port}/`,
    port,
    async close() {
      streams.close();
      await app.close();
    },
  };
}
