import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyPluginAsync, type FastifyReply, type FastifyRequest } from 'fastify';
import { parseRequestTarget, type RequestTarget } from '../http/requestTarget.ts';
import { guardServer } from '../http/serverGuards.ts';
import { refused, sendAnswer } from './collectorAnswer.ts';
import { zeroCounters, type CollectorCounters } from './collectorCounters.ts';
import { ERROR_CODE_OF_STATUS, failureOf } from './collectorFailures.ts';
import type { CollectorStorage } from './collectorStorage.ts';
import type { DeviceTokens } from './deviceTokens.ts';
import { DEFAULT_EXPORT_PAGE_BYTES } from './exportPage.ts';
import { refusal } from './refusal.ts';
import { methodOfPath, syncRoutes } from './syncRoutes.ts';

export type { CollectorCounters } from './collectorCounters.ts';
export { DEFAULT_EXPORT_LIMIT, MAX_EXPORT_LIMIT } from './syncRoutes.ts';

/**
 * The reference collector of okno-sync/1 (docs/protocol-sync.md, docs/openapi.yaml) on Fastify, over
 * its store (SQLite or PostgreSQL, collectorStorage.ts), with the dashboard mounted at /dashboard when
 * one is given. Every answer is JSON; every refusal says why in `error` (a code) and `reason` (for a
 * human). Nothing a client sends can stop it: every request's errors are answered and counted
 * (issue #11, defect 7), Fastify's own refusals included (collectorFailures.ts).
 */
export interface CollectorOptions {
  readonly store: CollectorStorage;
  readonly tokens: DeviceTokens;
  /** For GET /v1/devices/{id}/events; without it, export is refused. */
  readonly adminToken?: string;
  readonly host?: string;
  readonly port?: number;
  /** Limit of the body as sent (compressed or not) and after decompression. */
  readonly maxBodyBytes?: number;
  /** Bound of one export page's items, in bytes of JSON (a page always holds at least one event). */
  readonly maxExportPageBytes?: number;
  readonly now?: () => Date;
  readonly onBatch?: (info: { deviceId: string; batchId: string; events: number; accepted: number; duplicates: number }) => void;
  /** A storage failure (503) or a defect of the collector (500): one line for its operator. */
  readonly log?: (line: string) => void;
  /**
   * The dashboard: a Fastify plugin served under /dashboard, its own options bound when it was made
   * (e.g. `dashboardPlugin({ readModel, accounts })`). It runs in its own encapsulated context: its
   * hooks, cookies and body parsers stay its own; an error it does not answer itself is answered and
   * counted like the collector's. Without it, /dashboard answers 404 saying what it needs.
   */
  readonly dashboard?: FastifyPluginAsync;
  /** More to show on GET /healthz under `dashboard` (the dashboard's refusal counters). */
  readonly dashboardCounters?: () => Readonly<Record<string, number>>;
  /**
   * Behind a load balancer or reverse proxy: its addresses or networks. A request from one of them
   * gives the client's address in X-Forwarded-For (the dashboard's login limit is per address;
   * without it every client shares the proxy's); a header from anyone else is not believed.
   */
  readonly trustProxy?: readonly string[];
}

export interface Collector {
  readonly url: string;
  readonly port: number;
  readonly counters: Readonly<CollectorCounters>;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DASHBOARD_PREFIX = '/dashboard';
export const NO_DASHBOARD_REASON = 'this collector serves no dashboard: the dashboard needs the PostgreSQL store (--store postgres://…)';

/** Where a request whose target cannot be read is routed: to no route, so the 404 path answers it (400). */
const UNREADABLE_TARGET = '/';
/**
 * Above any path the request line can carry (Node's 16 KiB header limit): a long device id reaches
 * the export route and is refused there by name (invalid-device), as before Fastify.
 */
const MAX_PARAM_LENGTH = 64 * 1024;

/** A request-target the collector serves: a path and query (requestTarget.ts) whose percent-encoding is UTF-8. */
function readTarget(target: string | undefined): RequestTarget | null {
  const read = parseRequestTarget(target);
  if (read === null) return null;
  try {
    decodeURIComponent(read.path);
  } catch {
    return null;
  }
  return read;
}

const underDashboard = (path: string): boolean => path === DASHBOARD_PREFIX || path.startsWith(`${DASHBOARD_PREFIX}/`);

export async function startCollector(options: CollectorOptions): Promise<Collector> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = options.log ?? (() => undefined);
  const counters = zeroCounters();
  /** Each request's target as read before routing; null when it cannot be read. */
  const targets = new WeakMap<IncomingMessage, RequestTarget | null>();
  const targetOf = (request: FastifyRequest): RequestTarget =>
    targets.get(request.raw) ?? { path: request.url.split('?')[0] ?? '', query: new URLSearchParams(request.url.split('?')[1] ?? '') };

  const refuseBadTarget = (reply: FastifyReply): FastifyReply => {
    counters.badRequests += 1;
    return sendAnswer(reply, refused(refusal(400, 'bad-request', 'the request-target is not a valid path and query'), { connection: 'close' }));
  };

  const app = Fastify({
    logger: false,
    trustProxy: options.trustProxy ? [...options.trustProxy] : false,
    bodyLimit: maxBodyBytes,
    keepAliveTimeout: 30_000,
    // Slowloris: a request (head and body) must arrive within a minute; Node answers 408 (guardServer).
    requestTimeout: 60_000,
    // Closing the collector must not wait for a keep-alive connection a device holds open.
    forceCloseConnections: true,
    // Fastify's 503 while closing is not shaped `{ error, reason }`; closing closes every connection anyway.
    return503OnClosing: false,
    exposeHeadRoutes: false,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // guardServer (below) answers and counts the requests Node's parser refuses.
    clientErrorHandler: () => undefined,
    // The request-target is attacker input, read before any route: one that threw once stopped the
    // collector (issue #11, defect 7). Absolute-form is routed by its path; dot segments are removed.
    rewriteUrl: (raw) => {
      const target = readTarget(raw.url);
      targets.set(raw, target);
      if (target === null) return UNREADABLE_TARGET;
      const query = target.query.toString();
      return query === '' ? target.path : `${target.path}?${query}`;
    },
    // A path the router cannot decode or a parameter it will not take: input, so a 400 (no hooks run here).
    frameworkErrors: (error, _request, reply) => {
      const failure = failureOf(error, { maxBodyBytes, clientGone: false });
      if (failure.kind === 'aborted') return;
      if (failure.kind === 'refused') counters.badRequests += 1;
      else counters.internalErrors += 1;
      sendAnswer(reply, failure.answer);
    },
  });

  /** No route for this method and path: 400 (an unreadable target), 405 with Allow (a known path), or 404. */
  const notRouted = (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (targets.get(request.raw) === null) return refuseBadTarget(reply);
    const { path } = targetOf(request);
    counters.refusedRequests += 1;
    const method = methodOfPath(path);
    if (method !== undefined) return sendAnswer(reply, refused(refusal(405, 'method-not-allowed', `${method} only`), { allow: method }));
    if (!options.dashboard && underDashboard(path)) return sendAnswer(reply, refused(refusal(404, 'not-found', NO_DASHBOARD_REASON)));
    return sendAnswer(reply, refused(refusal(404, 'not-found', `${request.method} ${path}`)));
  };

  // Answered before a byte of the body is read: a 404 or 405 has no use for it. The dashboard's own
  // paths are its to answer (it may have a 404 of its own).
  app.addHook('onRequest', async (request, reply) => {
    if (!request.is404) return undefined;
    if (options.dashboard && targets.get(request.raw) !== null && underDashboard(targetOf(request).path)) return undefined;
    return notRouted(request, reply);
  });
  app.setNotFoundHandler((request, reply) => notRouted(request, reply));

  app.setErrorHandler((error, request, reply) => {
    const failure = failureOf(error, { maxBodyBytes, clientGone: request.raw.destroyed && !request.raw.complete });
    if (failure.kind === 'aborted') {
      counters.abortedRequests += 1;
      reply.hijack();
      reply.raw.destroy();
      return;
    }
    if (failure.kind === 'refused') counters.refusedRequests += 1;
    else {
      if (failure.kind === 'storage') counters.storageFailures += 1;
      else counters.internalErrors += 1;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`okno: collector ${failure.kind === 'storage' ? 'storage failure' : 'internal error'} on ${request.method} ${request.url}: ${message}`);
    }
    if (reply.sent) {
      reply.raw.destroy();
      return;
    }
    return sendAnswer(reply, failure.answer);
  });

  await app.register(
    syncRoutes({
      store: options.store,
      tokens: options.tokens,
      ...(options.adminToken ? { adminToken: options.adminToken } : {}),
      maxBodyBytes,
      maxExportPageBytes: options.maxExportPageBytes ?? DEFAULT_EXPORT_PAGE_BYTES,
      now: options.now ?? (() => new Date()),
      ...(options.onBatch ? { onBatch: options.onBatch } : {}),
      ...(options.dashboardCounters ? { dashboardCounters: options.dashboardCounters } : {}),
      counters,
      targetOf,
    }),
  );
  if (options.dashboard) await app.register(options.dashboard, { prefix: DASHBOARD_PREFIX });

  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  guardServer(app.server, {
    allow: 'GET, POST',
    errorBody: (status, reason) => JSON.stringify({ error: ERROR_CODE_OF_STATUS[status] ?? 'bad-request', reason }),
    onMalformedRequest: () => {
      counters.malformedRequests += 1;
    },
    onServerError: (error) => {
      counters.serverErrors += 1;
      log(`okno: collector listening socket: ${error.message}`);
    },
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    port,
    counters,
    close: () => app.close(),
  };
}
