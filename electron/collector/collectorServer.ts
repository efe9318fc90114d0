import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gunzip as gunzipCallback } from 'node:zlib';
import { z } from 'zod';
import { BATCHES_PATH, batchSchema, deviceIdSchema, HEALTH_PATH, WHOAMI_PATH } from '../core/sync/protocol.ts';
import type { CollectorStore } from './collectorStore.ts';
import { sameSecret, type DeviceTokens } from './deviceTokens.ts';

const gunzip = promisify(gunzipCallback);

/**
 * The reference collector of okno-sync/1 (docs/protocol-sync.md, docs/openapi.yaml): Node's HTTP
 * server over its own SQLite file. Every answer is JSON; every refusal says why in `error` (a code)
 * and `reason` (for a human).
 */
export interface CollectorOptions {
  readonly store: CollectorStore;
  readonly tokens: DeviceTokens;
  /** For GET /v1/devices/{id}/events; without it, export is refused. */
  readonly adminToken?: string;
  readonly host?: string;
  readonly port?: number;
  /** Limit of the body as sent (compressed or not) and after decompression. */
  readonly maxBodyBytes?: number;
  readonly now?: () => Date;
  readonly onBatch?: (info: { deviceId: string; batchId: string; events: number; accepted: number; duplicates: number }) => void;
}

export interface Collector {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

type Refusal = { status: number; error: string; reason: string };
const refusal = (status: number, error: string, reason: string): Refusal => ({ status, error, reason });

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), 'cache-control': 'no-store', ...headers });
  response.end(text);
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | Refusal> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return refusal(413, 'too-large', `body of ${declared} bytes is over the limit of ${limit}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return refusal(413, 'too-large', `body is over the limit of ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const bearer = (request: IncomingMessage): string | null => {
  const match = /^Bearer ([\x21-\x7e]+)$/.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
};

const describe = (error: z.ZodError): string =>
  error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
    .join('; ');

const exportQuerySchema = z.strictObject({
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

export async function startCollector(options: CollectorOptions): Promise<Collector> {
  const { store, tokens } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const now = options.now ?? (() => new Date());

  async function postBatch(request: IncomingMessage): Promise<{ status: number; body: unknown }> {
    // Who is asking, before reading a byte of what they send.
    const token = bearer(request);
    const deviceId = token === null ? null : tokens.deviceFor(token);
    if (deviceId === null) return { status: 401, body: { error: 'unauthorized', reason: 'missing or unknown device token' } };

    const raw = await readBody(request, maxBodyBytes);
    if (!Buffer.isBuffer(raw)) return { status: raw.status, body: { error: raw.error, reason: raw.reason } };
    const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
    let text: string;
    if (encoding === 'gzip') {
      try {
        // maxOutputLength: a small gzip bomb must not become a large allocation.
        text = (await gunzip(raw, { maxOutputLength: maxBodyBytes })).toString('utf8');
      } catch (error) {
        const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /too large|maxOutputLength/i.test((error as Error).message);
        return tooLarge
          ? { status: 413, body: { error: 'too-large', reason: `decompressed body is over the limit of ${maxBodyBytes} bytes` } }
          : { status: 400, body: { error: 'bad-encoding', reason: `gzip body cannot be decompressed: ${(error as Error).message}` } };
      }
    } else if (encoding === 'identity') {
      text = raw.toString('utf8');
    } else {
      return { status: 415, body: { error: 'unsupported-encoding', reason: `content-encoding "${encoding}" (use gzip or none)` } };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { status: 400, body: { error: 'invalid-json', reason: (error as Error).message } };
    }
    const parsed = batchSchema.safeParse(json);
    if (!parsed.success) return { status: 400, body: { error: 'invalid-batch', reason: describe(parsed.error) } };
    const batch = parsed.data;
    if (batch.deviceId !== deviceId) {
      return { status: 403, body: { error: 'forbidden', reason: `this token belongs to ${deviceId}, not to ${batch.deviceId}` } };
    }
    const ids = new Set(batch.events.map((event) => event.id));
    if (ids.size !== batch.events.length) return { status: 400, body: { error: 'invalid-batch', reason: 'the same event id twice in one batch' } };
    const receivedAt = now().toISOString();
    const payloads = batch.events.map((event) => JSON.stringify(event.payload));
    const { accepted, duplicates } = store.insertBatch(batch, payloads, receivedAt);
    options.onBatch?.({ deviceId, batchId: batch.batchId, events: batch.events.length, accepted, duplicates });
    return { status: 200, body: { accepted, duplicates, receivedAt } };
  }

  /** Which device a token belongs to: lets a technician test a token without sending events. */
  function whoami(request: IncomingMessage): { status: number; body: unknown } {
    const token = bearer(request);
    const deviceId = token === null ? null : tokens.deviceFor(token);
    if (deviceId === null) return { status: 401, body: { error: 'unauthorized', reason: 'missing or unknown device token' } };
    return { status: 200, body: { deviceId } };
  }

  function exportEvents(request: IncomingMessage, url: URL, deviceId: string): { status: number; body: unknown } {
    const token = bearer(request);
    if (!options.adminToken) return { status: 403, body: { error: 'forbidden', reason: 'this collector was started without --admin-token' } };
    if (token === null || !sameSecret(token, options.adminToken)) return { status: 401, body: { error: 'unauthorized', reason: 'missing or wrong admin token' } };
    const id = deviceIdSchema.safeParse(deviceId);
    if (!id.success) return { status: 400, body: { error: 'invalid-device', reason: describe(id.error) } };
    const query = exportQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) return { status: 400, body: { error: 'invalid-query', reason: describe(query.error) } };
    const rows = store.eventsAfter(id.data, query.data.afterSeq, query.data.limit);
    const events = rows.map((row) => ({ ...row, payload: JSON.parse(row.payload) as unknown }));
    const last = rows.at(-1);
    return { status: 200, body: { deviceId: id.data, events, nextAfterSeq: rows.length === query.data.limit && last ? last.seq : null } };
  }

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://collector');
      try {
        if (url.pathname === HEALTH_PATH && request.method === 'GET') {
          sendJson(response, 200, { ok: true, devices: tokens.size, events: store.count() });
          return;
        }
        if (url.pathname === WHOAMI_PATH) {
          if (request.method !== 'GET') return sendJson(response, 405, { error: 'method-not-allowed', reason: 'GET only' }, { allow: 'GET' });
          const { status, body } = whoami(request);
          return sendJson(response, status, body);
        }
        if (url.pathname === BATCHES_PATH) {
          if (request.method !== 'POST') return sendJson(response, 405, { error: 'method-not-allowed', reason: 'POST only' }, { allow: 'POST' });
          const { status, body } = await postBatch(request);
          // A refused body may be unread: close rather than read megabytes to keep the connection.
          return sendJson(response, status, body, status === 200 ? {} : { connection: 'close' });
        }
        const exportMatch = /^\/v1\/devices\/([^/]+)\/events$/.exec(url.pathname);
        if (exportMatch?.[1]) {
          if (request.method !== 'GET') return sendJson(response, 405, { error: 'method-not-allowed', reason: 'GET only' }, { allow: 'GET' });
          let deviceId: string;
          try {
            deviceId = decodeURIComponent(exportMatch[1]);
          } catch {
            return sendJson(response, 400, { error: 'invalid-device', reason: 'the device id is not valid percent-encoding' });
          }
          const { status, body } = exportEvents(request, url, deviceId);
          return sendJson(response, status, body);
        }
        sendJson(response, 404, { error: 'not-found', reason: `${request.method} ${url.pathname}` });
      } catch (error) {
        // A storage failure here is the collector's problem, not the device's: 503 makes it retry later.
        if (!response.headersSent) sendJson(response, 503, { error: 'unavailable', reason: (error as Error).message }, { 'retry-after': '5' });
        else response.destroy();
      }
    })();
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
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
