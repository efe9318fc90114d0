import { promisify } from 'node:util';
import { gunzip as gunzipCallback } from 'node:zlib';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { BATCHES_PATH, deviceIdSchema, HEALTH_PATH, WHOAMI_PATH } from '../core/sync/protocol.ts';
import type { RequestTarget } from '../http/requestTarget.ts';
import { readBatchBody } from './batchBody.ts';
import { refused, sendAnswer, type Answer } from './collectorAnswer.ts';
import type { CollectorCounters } from './collectorCounters.ts';
import type { CollectorStorage } from './collectorStorage.ts';
import { sameSecret, type DeviceTokens } from './deviceTokens.ts';
import { describeIssues, refusal } from './refusal.ts';

const gunzip = promisify(gunzipCallback);

/**
 * The routes of okno-sync/1 (docs/protocol-sync.md, docs/openapi.yaml) as a Fastify plugin: POST
 * /v1/batches, GET /v1/whoami, GET /v1/devices/{id}/events, GET /healthz. Who is asking is settled
 * in onRequest, before a byte of the body is read; the body reaches the handler as the bytes sent,
 * since the collector stores each event's text exactly as received (batchBody.ts).
 */
export interface SyncRoutesOptions {
  readonly store: CollectorStorage;
  readonly tokens: DeviceTokens;
  readonly adminToken?: string;
  readonly maxBodyBytes: number;
  readonly maxExportPageBytes: number;
  readonly now: () => Date;
  readonly onBatch?: (info: { deviceId: string; batchId: string; events: number; accepted: number; duplicates: number }) => void;
  readonly counters: CollectorCounters;
  readonly dashboardCounters?: () => Readonly<Record<string, number>>;
  /** The request-target as the collector read it (collectorServer.ts), with the query as sent. */
  readonly targetOf: (request: FastifyRequest) => RequestTarget;
}

export const MAX_EXPORT_LIMIT = 10_000;
export const DEFAULT_EXPORT_LIMIT = 1000;
/** The export's route; EXPORT_PATH reads its device id from the path as sent (still percent-encoded). */
export const EXPORT_ROUTE = '/v1/devices/:deviceId/events';
export const EXPORT_PATH = /^\/v1\/devices\/([^/]+)\/events$/;

/** The method each path is served with, for the 405 of another one. */
export function methodOfPath(path: string): 'GET' | 'POST' | undefined {
  if (path === BATCHES_PATH) return 'POST';
  if (path === HEALTH_PATH || path === WHOAMI_PATH || EXPORT_PATH.test(path)) return 'GET';
  return undefined;
}

const bearer = (request: FastifyRequest): string | null => {
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

const UNAUTHORIZED_DEVICE = refusal(401, 'unauthorized', 'missing or unknown device token');

export function syncRoutes(options: SyncRoutesOptions): FastifyPluginAsync {
  const { store, tokens, counters, maxBodyBytes } = options;
  /** The device of each batch request, settled in onRequest. */
  const devices = new WeakMap<FastifyRequest, string>();

  const answer = (reply: FastifyReply, result: Answer): FastifyReply => {
    if (result.status >= 400) counters.refusedRequests += 1;
    return sendAnswer(reply, result);
  };
  /** A refused batch's body may be unread: close rather than read megabytes to keep the connection. */
  const refuseBatch = (reply: FastifyReply, result: Answer): FastifyReply => answer(reply, { ...result, headers: { ...result.headers, connection: 'close' } });

  return async (app) => {
    // Every body as the bytes sent, whatever its Content-Type: readBatchBody decides what they are.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    app.post(BATCHES_PATH, {
      onRequest: async (request, reply) => {
        const token = bearer(request);
        const deviceId = token === null ? null : tokens.deviceFor(token);
        if (deviceId === null) return refuseBatch(reply, refused(UNAUTHORIZED_DEVICE));
        const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
        if (encoding !== 'gzip' && encoding !== 'identity') {
          return refuseBatch(reply, refused(refusal(415, 'unsupported-encoding', `content-encoding "${encoding}" (use gzip or none)`)));
        }
        devices.set(request, deviceId);
        return undefined;
      },
      handler: async (request, reply) => {
        const deviceId = devices.get(request);
        if (deviceId === undefined) throw new Error('POST /v1/batches reached its handler without a device (onRequest)');
        // No body at all (no Content-Type, no length) reaches here as undefined: an empty body, refused below as not JSON.
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        let body: Buffer;
        if ((request.headers['content-encoding'] ?? 'identity').toLowerCase() === 'gzip') {
          try {
            // maxOutputLength: a small gzip bomb must not become a large allocation.
            body = await gunzip(raw, { maxOutputLength: maxBodyBytes });
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            const tooLarge = (error instanceof Error && 'code' in error && error.code === 'ERR_BUFFER_TOO_LARGE') || /too large|maxOutputLength/i.test(message);
            return refuseBatch(
              reply,
              tooLarge
                ? refused(refusal(413, 'too-large', `decompressed body is over the limit of ${maxBodyBytes} bytes`))
                : refused(refusal(400, 'bad-encoding', `gzip body cannot be decompressed: ${message}`)),
            );
          }
        } else {
          body = raw;
        }
        const received = readBatchBody(body);
        if ('status' in received) return refuseBatch(reply, refused(received));
        const { batch } = received;
        if (batch.deviceId !== deviceId) return refuseBatch(reply, refused(refusal(403, 'forbidden', `this token belongs to ${deviceId}, not to ${batch.deviceId}`)));
        const receivedAt = options.now().toISOString();
        const { accepted, duplicates } = await store.storeBatch(received, receivedAt, tokens.officeOf(deviceId));
        options.onBatch?.({ deviceId, batchId: batch.batchId, events: batch.events.length, accepted, duplicates });
        return answer(reply, { status: 200, body: { accepted, duplicates, receivedAt } });
      },
    });

    /** Which device a token belongs to: lets a technician test a token without sending events. */
    app.get(WHOAMI_PATH, async (request, reply) => {
      const token = bearer(request);
      const deviceId = token === null ? null : tokens.deviceFor(token);
      if (deviceId === null) return answer(reply, refused(UNAUTHORIZED_DEVICE));
      return answer(reply, { status: 200, body: { deviceId } });
    });

    app.get(EXPORT_ROUTE, async (request, reply) => {
      const target = options.targetOf(request);
      const token = bearer(request);
      if (!options.adminToken) return answer(reply, refused(refusal(403, 'forbidden', 'this collector was started without --admin-token')));
      if (token === null || !sameSecret(token, options.adminToken)) return answer(reply, refused(refusal(401, 'unauthorized', 'missing or wrong admin token')));
      // The id from the path as sent, decoded here: the router's decoding (of "" or of "a%2Fb") is not the protocol's.
      const encodedDeviceId = EXPORT_PATH.exec(target.path)?.[1];
      if (encodedDeviceId === undefined) return answer(reply, refused(refusal(404, 'not-found', `${request.method} ${target.path}`)));
      let deviceId: string;
      try {
        deviceId = decodeURIComponent(encodedDeviceId);
      } catch {
        return answer(reply, refused(refusal(400, 'invalid-device', 'the device id is not valid percent-encoding')));
      }
      const id = deviceIdSchema.safeParse(deviceId);
      if (!id.success) return answer(reply, refused(refusal(400, 'invalid-device', describeIssues(id.error))));
      const parsed = exportQuerySchema.safeParse(Object.fromEntries(target.query));
      if (!parsed.success) return answer(reply, refused(refusal(400, 'invalid-query', describeIssues(parsed.error))));
      const { after, limit } = parsed.data;
      const page = await store.exportPage(id.data, after, { maxEvents: limit, maxBytes: options.maxExportPageBytes });
      return answer(reply, { status: 200, body: page });
    });

    app.get(HEALTH_PATH, async (_request, reply) =>
      answer(reply, {
        status: 200,
        body: { ok: true, devices: tokens.size, events: await store.countEvents(), counters, ...(options.dashboardCounters ? { dashboard: options.dashboardCounters() } : {}) },
      }),
    );
  };
}
