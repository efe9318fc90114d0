import { z } from 'zod';

/**
 * okno-sync/1 on the wire (docs/protocol-sync.md): one schema per direction, used by the uploader
 * for the collector's answers and by the reference collector for the device's batches.
 */
export const SYNC_PROTOCOL = 'okno-sync/1';
export const BATCHES_PATH = '/v1/batches';
export const HEALTH_PATH = '/healthz';
/** Optional in okno-sync/1: `200 { "deviceId": "…" }` for a known token, 401 otherwise (the technician's connection test). */
export const WHOAMI_PATH = '/v1/whoami';

/** A path under the collector's base URL, keeping a prefix in it: https://host/okno/ + /v1/batches → https://host/okno/v1/batches. */
export const endpointUrl = (endpoint: string, path: string): URL => new URL(path.replace(/^\/+/, ''), endpoint.endsWith('/') ? endpoint : `${endpoint}/`);

/** Limits of one batch; the collector's body limit is above them so a well-behaved device never meets it. */
export const MAX_BATCH_EVENTS = 500;
export const MAX_BATCH_BYTES = 256 * 1024;

const isoWithOffset = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?([+-]\d{2}:\d{2}|Z)$/, 'ISO 8601 time with a UTC offset')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a real date');

export const deviceIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, ".", "_" or "-", at most 64 characters');

export const wireEventSchema = z.strictObject({
  id: z.uuid(),
  seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  type: z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/, 'a dotted event type such as rating.submitted'),
  occurredAt: isoWithOffset,
  // Payload shapes belong to the event types (docs/events.md); the collector stores them as sent.
  payload: z.record(z.string(), z.unknown()),
});
export type WireEvent = z.infer<typeof wireEventSchema>;

export const batchSchema = z.strictObject({
  deviceId: deviceIdSchema,
  batchId: z.uuid(),
  sentAt: isoWithOffset,
  events: z.array(wireEventSchema).min(1).max(MAX_BATCH_EVENTS),
});
export type Batch = z.infer<typeof batchSchema>;

/** The collector's 200 answer. `receivedAt` is the collector's clock, for the device's offset. */
export const batchAnswerSchema = z.object({
  accepted: z.number().int().min(0),
  duplicates: z.number().int().min(0),
  receivedAt: z.string().optional(),
});
export type BatchAnswer = z.infer<typeof batchAnswerSchema>;

/** Every error answer of the collector: a stable code and a reason a human can act on. */
export const errorAnswerSchema = z.object({ error: z.string(), reason: z.string().optional() });

/**
 * The error codes with which the collector refuses a batch itself (400, or 422 from another
 * collector): only these set a batch aside (quarantine). Any other 4xx means the endpoint is wrong.
 */
export const BATCH_REJECTION_CODES = ['invalid-json', 'invalid-batch', 'bad-encoding'] as const;
