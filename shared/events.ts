import { z } from 'zod';
import { DEVICE_MODES } from './configRules.ts';
import { FOLLOW_UP_REASONS } from './followUp.ts';

/**
 * Every fact a device records is one of these events, in an append-only journal, shipped as-is by
 * okno-sync/1. Payload shapes are part of the sync contract (docs/protocol-sync.md).
 */

export const inputSourceSchema = z.enum(['touch', 'keyboard', 'serial']);
export type InputSource = z.infer<typeof inputSourceSchema>;

/** `already-rated`: a press for a visit (ticket) that has its rating already: one rating per ticket. */
export const suppressReasonSchema = z.enum(['thanks-screen', 'cooldown', 'follow-up', 'already-rated']);
export type SuppressReason = z.infer<typeof suppressReasonSchema>;

/** Why a `device.status` was recorded: the first after start, the heartbeat, or a state that changed. */
export const statusReasonSchema = z.enum(['start', 'periodic', 'change']);
export type StatusReason = z.infer<typeof statusReasonSchema>;

/**
 * The button box as a status reports it: `none` without `buttons`; else the box's own state
 * (electron/core/serial/buttonDevice.ts): `waiting` (not found / unplugged, retrying), `error` (refused:
 * permissions, busy), `stopped` (a technician's button test holds the port).
 */
export const boxStateSchema = z.enum(['none', 'connecting', 'connected', 'waiting', 'error', 'stopped']);
export type BoxState = z.infer<typeof boxStateSchema>;

/**
 * The ticket printer as its last check or print left it (electron/core/printer/receiptPrinter.ts): `none`
 * without `printer`; `unknown` before the first ticket; the paper sensor (DLE EOT 4) gives `paper-near-end`
 * (it still prints) and `paper-out`.
 */
export const printerConditionSchema = z.enum(['unknown', 'ready', 'paper-near-end', 'paper-out', 'cover-open', 'error', 'no-answer', 'open-failed', 'write-failed']);
export type PrinterCondition = z.infer<typeof printerConditionSchema>;

/** `failing`: the journal is open but its last write failed (a full disk); `unavailable`: it cannot be opened. */
export const storageStateSchema = z.enum(['ok', 'failing', 'unavailable']);
export type StorageState = z.infer<typeof storageStateSchema>;

/** The link to the office hub (electron/core/office/hubLink.ts); `none` without `hub`. */
export const hubLinkStateSchema = z.enum(['none', 'connected', 'connecting', 'refused']);
export type HubLinkState = z.infer<typeof hubLinkStateSchema>;

export const deviceStatusSchema = z.strictObject({
  reason: statusReasonSchema,
  version: z.string(),
  mode: z.enum(DEVICE_MODES),
  /** Events recorded before this one and not yet acknowledged by the collector; null when the journal could not be read. */
  backlog: z.number().int().min(0).nullable(),
  /** occurredAt of the oldest of them, or null. */
  oldestUnsentAt: z.string().nullable(),
  /** Collector clock minus device clock as last measured by the uploader (positive: the device is behind); null before the first answer. */
  clockOffsetMs: z.number().int().nullable(),
  buttons: boxStateSchema,
  printer: z.union([z.literal('none'), printerConditionSchema]),
  storage: storageStateSchema,
  /** The storage's last error, shortened; null when it is ok. */
  storageProblem: z.string().max(300).nullable(),
  hub: hubLinkStateSchema,
  /** device.status events that could not be written since this process started (their states are in this one). */
  failedWrites: z.number().int().min(0),
});
export type DeviceStatusPayload = z.infer<typeof deviceStatusSchema>;

export const eventPayloadSchemas = {
  'rating.submitted': z.strictObject({
    score: z.number().int().min(1).max(5),
    scale: z.number().int().min(3).max(5),
    source: inputSourceSchema,
    window: z.string(),
    /** With an office hub: the visit this rating is about (docs/protocol-office.md). Absent when unlinked. */
    ticketId: z.uuid().optional(),
    ticketNumber: z.string().optional(),
    serviceId: z.string().optional(),
    operatorId: z.string().optional(),
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
    mode: z.enum(['rating', 'tickets', 'operator', 'hall']),
  }),
  /**
   * The device's health for the central collector (docs/events.md "Device health"): recorded at start,
   * every 5 minutes, and on a change of one of its states (debounced). Only with `sync` configured.
   */
  'device.status': deviceStatusSchema,
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
  // ---- the office hub's queue (okno hub, docs/protocol-office.md); every time is the event's occurredAt ----
  /** A dispenser's ticket reached the hub and joined its service's queue. */
  'ticket.received': z.strictObject({
    ticketId: z.uuid(),
    number: z.string(),
    serviceId: z.string(),
    /** The priority category of the service, or null. */
    priority: z.string().nullable(),
    day: z.string(),
    issuedAt: z.string(),
    dispenserId: z.string(),
    /** The dispenser's `ticket.issued` event id: the hub takes each once. */
    sourceEventId: z.uuid(),
  }),
  /** A ticket the hub cannot queue: kept here so nothing a dispenser sent is lost. */
  'ticket.refused': z.strictObject({
    ticketId: z.uuid(),
    number: z.string(),
    serviceId: z.string(),
    dispenserId: z.string(),
    sourceEventId: z.uuid(),
    reason: z.enum(['unknown-service', 'expired']),
  }),
  'ticket.called': z.strictObject({
    ticketId: z.uuid(),
    number: z.string(),
    serviceId: z.string(),
    window: z.string(),
    operatorId: z.string(),
    waitedSeconds: z.number().min(0),
  }),
  'ticket.recalled': z.strictObject({ ticketId: z.uuid(), number: z.string(), window: z.string(), operatorId: z.string(), recall: z.number().int().min(1) }),
  'ticket.noShow': z.strictObject({ ticketId: z.uuid(), number: z.string(), serviceId: z.string(), window: z.string(), operatorId: z.string() }),
  'service.started': z.strictObject({ ticketId: z.uuid(), number: z.string(), serviceId: z.string(), window: z.string(), operatorId: z.string() }),
  'service.finished': z.strictObject({
    ticketId: z.uuid(),
    number: z.string(),
    serviceId: z.string(),
    window: z.string(),
    operatorId: z.string(),
    serviceSeconds: z.number().min(0),
  }),
  /** The ticket keeps its number and goes to another service's queue, or to one window. */
  'ticket.redirected': z.strictObject({
    ticketId: z.uuid(),
    number: z.string(),
    fromServiceId: z.string(),
    window: z.string(),
    operatorId: z.string(),
    toServiceId: z.string(),
    toWindow: z.string().nullable(),
    position: z.enum(['head', 'tail']),
  }),
  /** Still waiting (or called) when the office's local day ended. */
  'ticket.expired': z.strictObject({ ticketId: z.uuid(), number: z.string(), serviceId: z.string(), day: z.string() }),
  'window.paused': z.strictObject({ window: z.string(), operatorId: z.string() }),
  'window.resumed': z.strictObject({ window: z.string(), operatorId: z.string() }),
  'operator.signedIn': z.strictObject({ window: z.string(), operatorId: z.string() }),
  'operator.signedOut': z.strictObject({ window: z.string(), operatorId: z.string(), reason: z.enum(['sign-out', 'signed-in-elsewhere', 'day-end']) }),
  /** The hall board said a call, played or why not: in the board's journal, and sent on to the hub's (okno-office/1 POST /office/v1/announcements). */
  'hall.announced': z.strictObject({
    /** The board's own id of this announcement: a report the hub gets twice counts once. */
    announcementId: z.uuid(),
    ticketId: z.uuid(),
    number: z.string(),
    recall: z.number().int().min(0),
    /** The hall board that played it. */
    deviceId: z.string(),
    outcome: z.enum(['played', 'failed']),
    reason: z.string().nullable(),
    /** When the board started playing it (or gave up), device clock. */
    at: z.string(),
  }),
  /**
   * The office's local midnight passed: the queue now belongs to `day` (after the expiries of the day
   * before). Recorded even when nothing expired, so a replay of the journal knows the day and restarts
   * the day's medians at the same point.
   */
  'queue.dayStarted': z.strictObject({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), previousDay: z.string() }),
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
