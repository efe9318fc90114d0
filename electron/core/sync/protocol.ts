import { z } from 'zod';
import { deviceRules } from '../../../shared/configRules.ts';

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
/**
 * How deep arrays and objects may nest in a batch body, counting its own four levels (the body,
 * `events`, the event, its `payload`): a payload holds at most 60 more. The collector checks it before
 * anything recursive reads the body: 200,000 levels once overflowed the stack and were answered as a
 * storage failure (issue #11, defect 9).
 */
export const MAX_JSON_NESTING = 64;

/** The same pattern as IsoWithOffset in docs/openapi.yaml. */
export const ISO_WITH_OFFSET = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** A day that exists: Date.parse alone takes 2026-02-30 for 2 March. */
const isRealDay = (value: string): boolean => {
  const [, y, m, d] = (ISO_WITH_OFFSET.exec(value) ?? []).map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const daysInMonth = m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  return d <= daysInMonth && !Number.isNaN(Date.parse(value));
};

const isoWithOffset = z.string().regex(ISO_WITH_OFFSET, 'ISO 8601 time with a UTC offset').refine(isRealDay, 'not a real date');

/** The same device id the config file allows (shared/configRules.ts): the collector's wire holds it to the same rule. */
export const deviceIdSchema = z.string().regex(deviceRules.idPattern, 'lower-case letters, digits, ".", "_" or "-", at most 64 characters');

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
