import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gunzip as gunzipCallback } from 'node:zlib';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { BATCHES_PATH, deviceIdSchema, HEALTH_PATH, WHOAMI_PATH } from '../core/sync/protocol.ts';
import { parseRequestTarget, type RequestTarget } from '../http/requestTarget.ts';
import { guardServer } from '../http/serverGuards.ts';
import { readBatchBody } from './batchBody.ts';
import { StorageUnavailableError, type CollectorStorage } from './collectorStorage.ts';
import { sameSecret, type DeviceTokens } from './deviceTokens.ts';
import { DEFAULT_EXPORT_PAGE_BYTES } from './exportPage.ts';
import { describeIssues, refusal, type Refusal } from './refusal.ts';

const gunzip = promisify(gunzipCallback);

/**
 * The reference collector of okno-sync/1 (docs/protocol-sync.md, docs/openapi.yaml): Node's HTTP
 * server over its store (SQLite or PostgreSQL, collectorStorage.ts). Every answer is JSON; every refusal says why in `error` (a code)
 * and `reason` (for a human). Nothing a client sends can stop it: every request's errors are
 * answered and counted (issue #11, defect 7).
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
}

/** What went wrong with requests since start; GET /healthz shows them. */
export interface CollectorCounters {
  /** Answered 400 before routing: a request-target that is not a path (`//[`, `*`, `http://[/`). */
  badRequests: number;
  /** Refused by Node's HTTP parser (a malformed request line or header, too large, too slow): answered 400/408/413/431 when possible. */
  malformedRequests: number;
  /** The client went away before its request was read. */
  abortedRequests: number;
  /** Answered 4xx by a route: token, validation, limits, unknown path, wrong method. */
  refusedRequests: number;
  /** Answered 503: the collector's storage failed; devices retry. */
  storageFailures: number;
  /** Answered 500: a defect of the collector (logged). */
  internalErrors: number;
  /** Errors of the listening socket (e.g. EMFILE); the collector keeps listening. */
  serverErrors: number;
}

export interface Collector {
  readonly url: string;
  readonly port: number;
  readonly counters: Readonly<CollectorCounters>;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const MAX_EXPORT_LIMIT = 10_000;
export const DEFAULT_EXPORT_LIMIT = 1000;

interface Answer {
  readonly status: number;
  /** JSON text, or a value to serialise. */
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const refused = ({ status, error, reason }: Refusal, headers?: Record<string, string>): Answer => ({ status, body: { error, reason }, ...(headers ? { headers } : {}) });

function send(response: ServerResponse, answer: Answer): void {
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...answer.headers,
  });
  response.end(text);
}

const ABORTED = Symbol('aborted');

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | Refusal | typeof ABORTED> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return refusal(413, 'too-large', `body of ${declared} bytes is over the limit of ${limit}`);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > limit) return refusal(413, 'too-large', `body is over the limit of ${limit} bytes`);
      chunks.push(chunk as Buffer);
    }
  } catch {
    // The only error a request stream has: the client went away mid-body.
    return ABORTED;
  }
  return Buffer.concat(chunks);
}

const bearer = (request: IncomingMessage): string | null => {
  const match = /^Bearer ([\x21-\x7e]+)$/.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
};

const decimal = (name: string, fallback: number, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,16}$/, `${name}: a decimal integer`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .default(fallback);

const exportQuerySchema = z.strictObject({
  after: decimal('after', 0, 0, Number.MAX_SAFE_INTEGER),
  limit: decimal('limit', DEFAULT_EXPORT_LIMIT, 1, MAX_EXPORT_LIMIT),
});

const METHOD_OF_PATH = new Map([
  [HEALTH_PATH, 'GET'],
  [WHOAMI_PATH, 'GET'],
  [BATCHES_PATH, 'POST'],
]);
const EXPORT_PATH = /^\/v1\/devices\/([^/]+)\/events$/;
/** The codes of the answers to requests Node's parser refused (docs/protocol-sync.md, "Error codes"). */
const CLIENT_ERROR_CODES: Readonly<Record<number, string>> = { 400: 'bad-request', 405: 'method-not-allowed', 408: 'timeout', 413: 'too-large', 431: 'headers-too-large' };

export async function startCollector(options: CollectorOptions): Promise<Collector> {
  const { store, tokens } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxExportPageBytes = options.maxExportPageBytes ?? DEFAULT_EXPORT_PAGE_BYTES;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const counters: CollectorCounters = {
    badRequests: 0,
    malformedRequests: 0,
    abortedRequests: 0,
    refusedRequests: 0,
    storageFailures: 0,
    internalErrors: 0,
    serverErrors: 0,
  };

  async function postBatch(request: IncomingMessage): Promise<Answer | typeof ABORTED> {
    // Who is asking, before reading a byte of what they send.
    const token = bearer(request);
    const deviceId = token === null ? null : tokens.deviceFor(token);
    if (deviceId === null) return refused(refusal(401, 'unauthorized', 'missing or unknown device token'));

    const raw = await readBody(request, maxBodyBytes);
    if (raw === ABORTED) return ABORTED;
    if (!Buffer.isBuffer(raw)) return refused(raw);
    const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
    let body: Buffer;
    if (encoding === 'gzip') {
      try {
        // maxOutputLength: a small gzip bomb must not become a large allocation.
        body = await gunzip(raw, { maxOutputLength: maxBodyBytes });
      } catch (error) {
        const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /too large|maxOutputLength/i.test((error as Error).message);
        return tooLarge
          ? refused(refusal(413, 'too-large', `decompressed body is over the limit of ${maxBodyBytes} bytes`))
          : refused(refusal(400, 'bad-encoding', `gzip body cannot be decompressed: ${(error as Error).message}`));
      }
    } else if (encoding === 'identity') {
      body = raw;
    } else {
      return refused(refusal(415, 'unsupported-encoding', `content-encoding "${encoding}" (use gzip or none)`));
    }
    const received = readBatchBody(body);
    if ('status' in received) return refused(received);
    const { batch } = received;
    if (batch.deviceId !== deviceId) return refused(refusal(403, 'forbidden', `this token belongs to ${deviceId}, not to ${batch.deviceId}`));
    const receivedAt = now().toISOString();
    const { accepted, duplicates } = await store.storeBatch(received, receivedAt, tokens.officeOf(deviceId));
    options.onBatch?.({ deviceId, batchId: batch.batchId, events: batch.events.length, accepted, duplicates });
    return { status: 200, body: { accepted, duplicates, receivedAt } };
  }

  /** Which device a token belongs to: lets a technician test a token without sending events. */
  function whoami(request: IncomingMessage): Answer {
    const token = bearer(request);
    const deviceId = token === null ? null : tokens.deviceFor(token);
    if (deviceId === null) return refused(refusal(401, 'unauthorized', 'missing or unknown device token'));
    return { status: 200, body: { deviceId } };
  }

  async function exportEvents(request: IncomingMessage, encodedDeviceId: string, query: URLSearchParams): Promise<Answer> {
    const token = bearer(request);
    if (!options.adminToken) return refused(refusal(403, 'forbidden', 'this collector was started without --admin-token'));
    if (token === null || !sameSecret(token, options.adminToken)) return refused(refusal(401, 'unauthorized', 'missing or wrong admin token'));
    let deviceId: string;
    try {
      deviceId = decodeURIComponent(encodedDeviceId);
    } catch {
      return refused(refusal(400, 'invalid-device', 'the device id is not valid percent-encoding'));
    }
    const id = deviceIdSchema.safeParse(deviceId);
    if (!id.success) return refused(refusal(400, 'invalid-device', describeIssues(id.error)));
    const parsed = exportQuerySchema.safeParse(Object.fromEntries(query));
    if (!parsed.success) return refused(refusal(400, 'invalid-query', describeIssues(parsed.error)));
    const { after, limit } = parsed.data;
    return { status: 200, body: await store.exportPage(id.data, after, { maxEvents: limit, maxBytes: maxExportPageBytes }) };
  }

  async function health(): Promise<Answer> {
    return { status: 200, body: { ok: true, devices: tokens.size, events: await store.countEvents(), counters } };
  }

  async function route(request: IncomingMessage, target: RequestTarget): Promise<Answer | typeof ABORTED> {
    const exportMatch = EXPORT_PATH.exec(target.path);
    const method = exportMatch ? 'GET' : METHOD_OF_PATH.get(target.path);
    if (method === undefined) return refused(refusal(404, 'not-found', `${request.method} ${target.path}`));
    if (request.method !== method) return refused(refusal(405, 'method-not-allowed', `${method} only`), { allow: method });
    if (exportMatch?.[1]) return exportEvents(request, exportMatch[1], target.query);
    if (target.path === HEALTH_PATH) return health();
    if (target.path === WHOAMI_PATH) return whoami(request);
    const answer = await postBatch(request);
    // A refused body may be unread: close rather than read megabytes to keep the connection.
    return answer === ABORTED || answer.status === 200 ? answer : { ...answer, headers: { ...answer.headers, connection: 'close' } };
  }

  /** An exception out of a route: the storage (503, devices retry) or a defect (500). Never out of here. */
  function failed(request: IncomingMessage, response: ServerResponse, error: unknown): void {
    try {
      if (request.destroyed && !request.complete) {
        counters.abortedRequests += 1;
        response.destroy();
        return;
      }
      const storage = error instanceof Database.SqliteError || error instanceof StorageUnavailableError;
      const message = error instanceof Error ? error.message : String(error);
      if (storage) counters.storageFailures += 1;
      else counters.internalErrors += 1;
      log(`okno: collector ${storage ? 'storage failure' : 'internal error'} on ${request.method} ${request.url}: ${error instanceof Error ? (error.stack ?? message) : message}`);
      if (response.headersSent) {
        response.destroy();
        return;
      }
      send(
        response,
        storage
          ? { status: 503, body: { error: 'unavailable', reason: `storage failure, retry later: ${message}` }, headers: { 'retry-after': '5' } }
          : { status: 500, body: { error: 'internal', reason: 'the collector failed on this request (see its log)' }, headers: { connection: 'close' } },
      );
    } catch {
      response.destroy();
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = parseRequestTarget(request.url);
    if (target === null) {
      counters.badRequests += 1;
      send(response, refused(refusal(400, 'bad-request', 'the request-target is not a valid path and query'), { connection: 'close' }));
      return;
    }
    const routed = await route(request, target);
    if (routed === ABORTED) {
      counters.abortedRequests += 1;
      response.destroy();
      return;
    }
    if (routed.status >= 400) counters.refusedRequests += 1;
    send(response, routed);
  }

  // Everything a request does runs inside handle()'s promise, and failed() catches what it throws.
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => failed(request, response, error));
  });
  server.keepAliveTimeout = 30_000;
  server.requestTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  guardServer(server, {
    allow: 'GET, POST',
    errorBody: (status, reason) => JSON.stringify({ error: CLIENT_ERROR_CODES[status] ?? 'bad-request', reason }),
    onMalformedRequest: () => {
      counters.malformedRequests += 1;
    },
    onServerError: (error) => {
      counters.serverErrors += 1;
      log(`okno: collector listening socket: ${error.message}`);
    },
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    port,
    counters,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
