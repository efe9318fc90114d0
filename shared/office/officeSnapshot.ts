import { z } from 'zod';

/**
 * okno-office/1: the office as the hub shows it to every device (docs/protocol-office.md). The hub sends
 * the whole snapshot on every change (a few kB for 60 windows), so a device that reconnects is never
 * left with a stale piece: it takes the newest revision and drops anything older. Devices parse it
 * with this schema: a malformed answer is refused and counted, never shown.
 */

const localized = z.partialRecord(z.enum(['ru', 'en']), z.string());
const isoTime = z.string().min(10).max(40);
export const ticketIdSchema = z.uuid();

export const serviceStateSchema = z.strictObject({
  id: z.string(),
  prefix: z.string(),
  name: localized,
  /** Tickets waiting for this service (redirected ones included). */
  waiting: z.number().int().min(0),
  /** When the ticket that has waited longest was received; null when none waits. */
  oldestWaitingSince: isoTime.nullable(),
  /** Median service time of this service today, in seconds, once there are enough samples; else null. */
  medianServiceSeconds: z.number().min(0).nullable(),
  /** Open windows (an operator signed in, not on a break) that serve this service. */
  openWindows: z.number().int().min(0),
});
export type ServiceState = z.infer<typeof serviceStateSchema>;

/** A ticket as a window deals with it. */
export const windowTicketSchema = z.strictObject({
  ticketId: ticketIdSchema,
  number: z.string(),
  serviceId: z.string(),
  /** `called`: invited, the citizen is on the way; `serving`: at the window. */
  phase: z.enum(['called', 'serving']),
  calledAt: isoTime,
  recalls: z.number().int().min(0),
  waitedSeconds: z.number().min(0),
});
export type WindowTicket = z.infer<typeof windowTicketSchema>;

/** The visit a window finished last: the rating terminal at that window links a press to it. */
export const finishedVisitSchema = z.strictObject({
  ticketId: ticketIdSchema,
  number: z.string(),
  serviceId: z.string(),
  operatorId: z.string(),
  finishedAt: isoTime,
});
export type FinishedVisit = z.infer<typeof finishedVisitSchema>;

export const windowStateSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  services: z.array(z.string()),
  /** `closed`: nobody signed in; `paused`: the operator is on a break. */
  status: z.enum(['closed', 'open', 'paused']),
  operator: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
  current: windowTicketSchema.nullable(),
  lastFinished: finishedVisitSchema.nullable(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

/** A call as the hall board lists it, newest first. */
export const hallCallSchema = z.strictObject({
  ticketId: ticketIdSchema,
  number: z.string(),
  window: z.string(),
  windowLabel: z.string(),
  at: isoTime,
  /** 0 for the first call, then one more for each recall. */
  recall: z.number().int().min(0),
});
export type HallCall = z.infer<typeof hallCallSchema>;

export const officeSnapshotSchema = z.strictObject({
  protocol: z.literal('okno-office/1'),
  /** Grows with every change the hub commits; a device drops a snapshot older than the one it shows. */
  revision: z.number().int().min(0),
  /** The hub's clock when it made the snapshot. */
  at: isoTime,
  office: z.strictObject({ id: z.string(), name: z.string(), timezone: z.string() }),
  /** The office's local day (YYYY-MM-DD) the queue belongs to: tickets of an earlier day have expired. */
  day: z.string(),
  services: z.array(serviceStateSchema),
  windows: z.array(windowStateSchema),
  /** The last calls, newest first (at most 10). */
  calls: z.array(hallCallSchema).max(10),
});
export type OfficeSnapshot = z.infer<typeof officeSnapshotSchema>;

/** How many calls the hall board keeps: the one shown large and the ones below it. */
export const HALL_CALLS = 10;
