import { z } from 'zod';
import { FOLLOW_UP_REASONS } from './followUp.ts';

/**
 * Every fact a device records is one of these events, in an append-only journal, shipped as-is by
 * okno-sync/1. Payload shapes are part of the sync contract (docs/protocol-sync.md).
 */

export const inputSourceSchema = z.enum(['touch', 'keyboard', 'serial']);
export type InputSource = z.infer<typeof inputSourceSchema>;

export const suppressReasonSchema = z.enum(['thanks-screen', 'cooldown', 'follow-up']);
export type SuppressReason = z.infer<typeof suppressReasonSchema>;

export const eventPayloadSchemas = {
  'rating.submitted': z.strictObject({
    score: z.number().int().min(1).max(5),
    scale: z.number().int().min(3).max(5),
    source: inputSourceSchema,
    window: z.string(),
  }),
  'rating.suppressed': z.strictObject({
    score: z.number().int().min(1).max(9),
    source: inputSourceSchema,
    reason: suppressReasonSchema,
  }),
  'rating.followUp': z.strictObject({
    ratingId: z.uuid(),
    reason: z.enum(FOLLOW_UP_REASONS),
  }),
  'ticket.issued': z.strictObject({
    ticketId: z.uuid(),
    number: z.string().min(3),
    service: z.string(),
    /** The local day the number belongs to (device.timezone): numbers restart each day. */
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    issuedAt: z.string().optional(),
    printed: z.enum(['yes', 'no', 'failed']),
  }),
  /** The ticket printer could not print (or will not: paper out, cover open, no answer). */
  'printer.fault': z.strictObject({
    kind: z.enum(['paper-out', 'cover-open', 'no-answer', 'offline', 'open-failed', 'write-failed']),
    ticketId: z.uuid().optional(),
    detail: z.string().max(500).optional(),
  }),
  'device.started': z.strictObject({
    version: z.string(),
    mode: z.enum(['rating', 'tickets']),
  }),
  /** The journal failed its integrity check at start; the damaged file was kept under this name. */
  'storage.recovered': z.strictObject({
    quarantinedFile: z.string(),
    reason: z.string(),
  }),
  /**
   * A PIN entered on the technician's PIN pad that did not open it: wrong, or entered while locked.
   * `failures` counts wrong PINs in a row, `lockouts` the lockouts since the last accepted PIN (each
   * lasts longer); the lockout, its end and its escalation are kept in the journal this way, so a
   * restart does not reset them. (`lockouts` is absent from events written before escalation.)
   */
  'technician.pinRefused': z.strictObject({
    reason: z.enum(['wrong', 'locked', 'no-pin-set']),
    failures: z.number().int().min(0),
    lockouts: z.number().int().min(0).optional(),
    lockedUntil: z.string().nullable(),
  }),
  'technician.pinAccepted': z.strictObject({}),
  /** Technician mode closed: by the technician, or by itself after the idle time. */
  'technician.left': z.strictObject({ reason: z.enum(['exit', 'idle']), configChanged: z.boolean() }),
  /** The technician saved the config; which top-level sections differ from before (never their values). */
  'config.saved': z.strictObject({ sections: z.array(z.string()), pinChanged: z.boolean(), tokenChanged: z.boolean() }),
} as const;

export type EventType = keyof typeof eventPayloadSchemas;
export type EventPayload<T extends EventType> = z.infer<(typeof eventPayloadSchemas)[T]>;

/** One journal entry, in the shape okno-sync/1 ships it. */
export interface JournalEvent<T extends EventType = EventType> {
  readonly id: string;
  readonly seq: number;
  readonly type: T;
  /** ISO 8601 with the device's UTC offset, e.g. 2026-11-23T10:14:58.004+03:00 */
  readonly occurredAt: string;
  readonly payload: EventPayload<T>;
}
