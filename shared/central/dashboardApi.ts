import { z } from 'zod';
import { deviceStatusSchema } from '../events.ts';
import { FOLLOW_UP_REASONS } from '../followUp.ts';

/**
 * The collector dashboard's HTTP API (docs/central.md): what the React page at /dashboard asks, and
 * what the collector answers. One contract for both sides: the server validates what it sends with
 * these schemas in tests, the page parses every answer with them.
 *
 * Every figure comes from the rollups (never from raw events). Days are the office's local days:
 * a device's `occurredAt` carries its UTC offset, and the rollups keep its local hour.
 */

export const DASHBOARD_PATH = '/dashboard';
export const DASHBOARD_API = '/dashboard/api';
/** The header that carries the session's CSRF token on every state-changing request. */
export const CSRF_HEADER = 'x-okno-csrf';
export const SESSION_COOKIE = 'okno_session';
/** The MFC norm: a visitor should not wait longer than this. */
export const WAIT_NORM_SECONDS = 15 * 60;
/** Operator-level figures are shown only from this many ratings in the period (privacy). */
export const OPERATOR_MIN_RATINGS = 10;
/** The longest period one request may ask for. */
export const MAX_PERIOD_DAYS = 366;

export const roleSchema = z.enum(['city', 'office']);
export type Role = z.infer<typeof roleSchema>;

export const usernameSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._@-]*$/, 'lower-case letters, digits, ".", "_", "@" or "-"');

// ---- session ----

export const loginRequestSchema = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** GET /dashboard/api/me (and the answer to a login). */
export const meSchema = z.object({
  username: usernameSchema,
  role: roleSchema,
  /** The office of an `office` account; null for `city`. */
  office: z.string().nullable(),
  /** Send it back in CSRF_HEADER on every POST. */
  csrfToken: z.string().min(16),
});
export type Me = z.infer<typeof meSchema>;

/** A refusal, as every okno server gives it: a code and a sentence for a human. */
export const apiErrorSchema = z.object({ error: z.string(), reason: z.string() });

// ---- the period and the scope of a question ----

export const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * from..to, both days included. `office` narrows a city account's question to one office; an office
 * account is always narrowed to its own (the server ignores another).
 */
export const periodQuerySchema = z
  .object({ from: daySchema, to: daySchema, office: z.string().min(1).optional() })
  .refine((q) => Number.isFinite(dayNumber(q.from)) && Number.isFinite(dayNumber(q.to)), 'not a real day')
  .refine((q) => dayNumber(q.from) <= dayNumber(q.to), '"from" is after "to"')
  .refine((q) => dayNumber(q.to) - dayNumber(q.from) < MAX_PERIOD_DAYS, `at most ${MAX_PERIOD_DAYS} days`);
export type PeriodQuery = z.infer<typeof periodQuerySchema>;

export const periodSchema = z.object({ from: daySchema, to: daySchema });

/** Satisfaction of some ratings: the share of the top two scores of their scale, the average score, how many. */
export const satisfactionSchema = z.object({
  count: z.number().int().min(0),
  /** null without ratings. */
  average: z.number().nullable(),
  /** 0..1; null without ratings. */
  topTwoShare: z.number().min(0).max(1).nullable(),
});
export type Satisfaction = z.infer<typeof satisfactionSchema>;

// ---- GET /dashboard/api/overview ----

export const overviewSchema = z.object({
  period: periodSchema,
  /** The same number of days just before. */
  previous: periodSchema,
  current: satisfactionSchema,
  previousFigures: satisfactionSchema,
  /** One point per day of the period, for the trend chart. */
  daily: z.array(satisfactionSchema.extend({ day: daySchema })),
  /** Ranked: highest topTwoShare first (offices without ratings last), then more ratings first. */
  offices: z.array(z.object({ office: z.string(), current: satisfactionSchema, previous: satisfactionSchema })),
});
export type Overview = z.infer<typeof overviewSchema>;

// ---- GET /dashboard/api/drill ----

export const drillLevelSchema = z.enum(['office', 'window', 'service', 'operator']);
export type DrillLevel = z.infer<typeof drillLevelSchema>;

/** office → window → service → operator: each level narrows by the ones above it that are given. */
export const drillQuerySchema = z.object({
  from: daySchema,
  to: daySchema,
  level: drillLevelSchema,
  office: z.string().min(1).optional(),
  window: z.string().min(1).optional(),
  service: z.string().min(1).optional(),
});
export type DrillQuery = z.infer<typeof drillQuerySchema>;

export const drillSchema = z.object({
  level: drillLevelSchema,
  rows: z.array(
    z.object({
      /** The office, window, service or operator id; "" for ratings without one (not linked to a visit). */
      key: z.string(),
      /**
       * `withheld`: an operator with fewer than OPERATOR_MIN_RATINGS ratings in the period: the figures
       * are not given (count 0, average and share null), only that there are too few.
       */
      withheld: z.boolean(),
      figures: satisfactionSchema,
    }),
  ),
});
export type Drill = z.infer<typeof drillSchema>;

// ---- GET /dashboard/api/heatmap ----

export const heatmapSchema = z.object({
  cells: z.array(
    z.object({
      /** ISO weekday of the office's local day: 1 Monday … 7 Sunday. */
      weekday: z.number().int().min(1).max(7),
      /** The office's local hour, 0..23. */
      hour: z.number().int().min(0).max(23),
      figures: satisfactionSchema,
    }),
  ),
});
export type Heatmap = z.infer<typeof heatmapSchema>;

// ---- GET /dashboard/api/followups ----

export const followUpsSchema = z.object({
  /** Every reason, in the order of FOLLOW_UP_REASONS, with 0 when none. */
  rows: z.array(z.object({ reason: z.enum(FOLLOW_UP_REASONS), count: z.number().int().min(0) })),
});
export type FollowUps = z.infer<typeof followUpsSchema>;

// ---- GET /dashboard/api/queue (only when the office queue, okno hub, is in use) ----

export const queueRowSchema = z.object({
  key: z.string(),
  /** Tickets called (each call of a ticket counted once: its first call). */
  called: z.number().int().min(0),
  averageWaitSeconds: z.number().min(0).nullable(),
  /** 0..1: the share of called tickets that waited longer than WAIT_NORM_SECONDS; null when none called. */
  overNormShare: z.number().min(0).max(1).nullable(),
  finished: z.number().int().min(0),
  averageServiceSeconds: z.number().min(0).nullable(),
});
export type QueueRow = z.infer<typeof queueRowSchema>;

export const queueFiguresSchema = z.object({
  total: queueRowSchema,
  byService: z.array(queueRowSchema),
  byWindow: z.array(queueRowSchema),
});
export type QueueFigures = z.infer<typeof queueFiguresSchema>;

// ---- GET /dashboard/api/devices ----

export const deviceHealthSchema = z.object({
  deviceId: z.string(),
  office: z.string().nullable(),
  /** The collector's clock when the device's last batch arrived (ISO 8601 UTC). */
  lastSeenAt: z.string(),
  /** The device's latest device.status (by its occurredAt) and when it was recorded; null before the first. */
  statusAt: z.string().nullable(),
  status: deviceStatusSchema.nullable(),
});
export type DeviceHealth = z.infer<typeof deviceHealthSchema>;
export const devicesSchema = z.object({ devices: z.array(deviceHealthSchema) });
export type Devices = z.infer<typeof devicesSchema>;

// ---- alerts: GET /dashboard/api/alerts, POST /dashboard/api/alerts/{id}/ack, GET /dashboard/api/alerts/stream ----

export const alertKindSchema = z.enum(['low-scores', 'office-satisfaction', 'device-silent', 'backlog', 'paper-out', 'clock-off']);
export type AlertKind = z.infer<typeof alertKindSchema>;

export const alertSchema = z.object({
  id: z.string(),
  kind: alertKindSchema,
  office: z.string().nullable(),
  window: z.string().nullable(),
  deviceId: z.string().nullable(),
  /** When the condition was found (ISO 8601 UTC). */
  openedAt: z.string(),
  /**
   * What was found, for the page to put in words of its language: e.g. { count: 3, minutes: 30 } for
   * low-scores, { share: 0.71, threshold: 0.8, day: "2026-12-03" } for office-satisfaction,
   * { lastSeenAt } for device-silent, { backlog, limit }, { offsetMs, limitMs }.
   */
  facts: z.record(z.string(), z.union([z.string(), z.number()])),
  acknowledged: z.object({ by: z.string(), at: z.string(), comment: z.string() }).nullable(),
});
export type Alert = z.infer<typeof alertSchema>;
export const alertsQuerySchema = z.object({ state: z.enum(['open', 'all']).default('open'), office: z.string().min(1).optional() });
export const alertsSchema = z.object({ alerts: z.array(alertSchema) });
export type Alerts = z.infer<typeof alertsSchema>;
export const ackRequestSchema = z.strictObject({ comment: z.string().trim().min(1).max(500) });
/** The SSE event of the live feed: one alert, new or acknowledged, as alertSchema JSON. */
export const ALERT_STREAM_EVENT = 'alert';

// ---- CSV ----

/** GET /dashboard/api/{table}.csv with the same query as the table's JSON: every table can be exported. */
export const CSV_TABLES = ['overview', 'drill', 'heatmap', 'followups', 'queue', 'devices', 'alerts'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];
