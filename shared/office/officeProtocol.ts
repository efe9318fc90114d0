import { z } from 'zod';
import { PIN_PATTERN } from '../configRules.ts';
import { ticketIdSchema } from './officeSnapshot.ts';

/**
 * okno-office/1 (docs/protocol-office.md, docs/openapi-office.yaml): every `okno serve` of an office ↔
 * its hub, HTTPS on the LAN with the hub's certificate pinned by its SHA-256 fingerprint. Every request
 * carries `Authorization: Bearer <device token>`; the token's role says what it may do.
 */

export const OFFICE_PROTOCOL = 'okno-office/1';

export const DEVICE_ROLES = ['dispenser', 'window', 'hall', 'operator'] as const;
export type DeviceRole = (typeof DEVICE_ROLES)[number];

export const OFFICE_PATHS = {
  health: '/office/v1/health',
  /** GET: the whole office snapshot (every role). */
  state: '/office/v1/state',
  /** GET: server-sent events, one `snapshot` event per change, the whole snapshot first (every role). */
  stream: '/office/v1/stream',
  /** POST: tickets a dispenser issued, in issue order (dispenser). */
  tickets: '/office/v1/tickets',
  /** GET ?service=ID: people ahead of a ticket issued now, and the estimate (dispenser). */
  ahead: '/office/v1/ahead',
  /** POST: an operator signs in at the console's window, or out (operator). */
  signIn: '/office/v1/window/sign-in',
  signOut: '/office/v1/window/sign-out',
  /** POST: a queue command at the console's own window (operator). */
  command: '/office/v1/window/command',
  /** POST: what the hall board announced, played or failed, for the hub's journal (hall). */
  announcements: '/office/v1/announcements',
} as const;

/** What each role may ask. A hall display cannot call tickets; a dispenser cannot watch windows' operators act. */
export const ROLE_PATHS: Readonly<Record<DeviceRole, readonly string[]>> = {
  dispenser: [OFFICE_PATHS.health, OFFICE_PATHS.state, OFFICE_PATHS.stream, OFFICE_PATHS.tickets, OFFICE_PATHS.ahead],
  window: [OFFICE_PATHS.health, OFFICE_PATHS.state, OFFICE_PATHS.stream],
  hall: [OFFICE_PATHS.health, OFFICE_PATHS.state, OFFICE_PATHS.stream, OFFICE_PATHS.announcements],
  operator: [OFFICE_PATHS.health, OFFICE_PATHS.state, OFFICE_PATHS.stream, OFFICE_PATHS.signIn, OFFICE_PATHS.signOut, OFFICE_PATHS.command],
};

/** One ticket as a dispenser delivers it: its `ticket.issued` event, as recorded. */
export const deliveredTicketSchema = z.strictObject({
  /** The dispenser's journal event id: the hub takes each once. */
  eventId: z.uuid(),
  ticketId: ticketIdSchema,
  number: z.string().min(3).max(16),
  serviceId: z.string().min(1).max(64),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  issuedAt: z.string().min(10).max(40),
});
export type DeliveredTicket = z.infer<typeof deliveredTicketSchema>;

export const ticketsBodySchema = z.strictObject({
  deviceId: z.string().min(1).max(64),
  tickets: z.array(deliveredTicketSchema).min(1).max(500),
});
export type TicketsBody = z.infer<typeof ticketsBodySchema>;

export const ticketsAnswerSchema = z.strictObject({
  accepted: z.number().int().min(0),
  duplicates: z.number().int().min(0),
  /** Tickets the hub cannot queue (an unknown service, a day that has ended): kept in its journal, counted. */
  refused: z.array(z.strictObject({ ticketId: ticketIdSchema, reason: z.enum(['unknown-service', 'expired']) })),
});
export type TicketsAnswer = z.infer<typeof ticketsAnswerSchema>;

export const aheadAnswerSchema = z.strictObject({
  serviceId: z.string(),
  /** People waiting for this service now (a ticket issued now would be behind them). */
  ahead: z.number().int().min(0),
  /** Rounded to 5 minutes; null until the service has 5 finished visits today, or no window serves it. */
  estimateMinutes: z.number().int().min(0).nullable(),
});
export type AheadAnswer = z.infer<typeof aheadAnswerSchema>;

export const signInBodySchema = z.strictObject({
  operatorId: z.string().min(1).max(64),
  pin: z.string().regex(PIN_PATTERN),
});

export const QUEUE_COMMANDS = ['call-next', 'recall', 'no-show', 'start', 'finish', 'redirect', 'pause', 'resume'] as const;
export type QueueCommandName = (typeof QUEUE_COMMANDS)[number];

/**
 * A command at the console's window. `idempotencyKey` is made by the console for each press: a request
 * repeated after a lost answer (or a double click sent twice) acts once and gets the first answer again.
 */
export const commandBodySchema = z.discriminatedUnion('command', [
  z.strictObject({ command: z.enum(['call-next', 'recall', 'no-show', 'start', 'finish', 'pause', 'resume']), idempotencyKey: z.uuid() }),
  z.strictObject({
    command: z.literal('redirect'),
    idempotencyKey: z.uuid(),
    to: z.union([z.strictObject({ service: z.string().min(1).max(64) }), z.strictObject({ window: z.string().min(1).max(20) })]),
  }),
]);
export type CommandBody = z.infer<typeof commandBodySchema>;

/** Why the hub refused a command or a sign-in: the console says it in the operator's words. */
export const OFFICE_REFUSALS = [
  'not-signed-in',
  'wrong-pin',
  'locked',
  'unknown-operator',
  'unknown-window',
  'unknown-service',
  'queue-empty',
  'no-current-ticket',
  'recall-first',
  'busy',
  'on-break',
  'not-on-break',
] as const;
export type OfficeRefusal = (typeof OFFICE_REFUSALS)[number];

export const commandAnswerSchema = z.union([
  z.strictObject({ ok: z.literal(true), revision: z.number().int().min(0), ticket: z.strictObject({ ticketId: ticketIdSchema, number: z.string() }).nullable() }),
  z.strictObject({ ok: z.literal(false), refusal: z.enum(OFFICE_REFUSALS), message: z.string() }),
]);
export type CommandAnswer = z.infer<typeof commandAnswerSchema>;

/** One announcement a hall board made: `announcementId` (the board's own) lets a repeated report count once. */
export const announcementReportSchema = z.strictObject({
  announcementId: z.uuid(),
  ticketId: ticketIdSchema,
  number: z.string().min(1).max(16),
  recall: z.number().int().min(0).max(1000),
  outcome: z.enum(['played', 'failed']),
  reason: z.string().max(300).nullable(),
  at: z.string().min(10).max(40),
});
export type AnnouncementReport = z.infer<typeof announcementReportSchema>;

export const announcementsBodySchema = z.strictObject({
  deviceId: z.string().min(1).max(64),
  announcements: z.array(announcementReportSchema).min(1).max(100),
});
export type AnnouncementsBody = z.infer<typeof announcementsBodySchema>;

/** `accepted`: recorded in the hub's journal now; `duplicates`: recorded before (a report repeated after a lost answer). */
export const announcementsAnswerSchema = z.strictObject({
  accepted: z.number().int().min(0),
  duplicates: z.number().int().min(0),
});
export type AnnouncementsAnswer = z.infer<typeof announcementsAnswerSchema>;

/** Every 4xx/5xx of the hub: the same body as the collector's errors. */
export const officeErrorSchema = z.strictObject({ error: z.string(), message: z.string() });
