import { z } from 'zod';

/**
 * The device configuration file. Key names are a public contract (DESIGN.md): add keys, rename none.
 * Objects are strict so that a technician's typo ("cooldownSecond") is reported, not silently ignored.
 */

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const LOCALES = ['ru', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const deviceSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, ".", "_" or "-", at most 64 characters'),
  office: z.string().min(1).max(200),
  window: z.string().min(1).max(20),
  mode: z.enum(['rating', 'tickets']).default('rating'),
  timezone: z.string().refine(isTimeZone, 'not a known IANA time zone').default('Europe/Moscow'),
  /** Windows: start okno when the kiosk user signs in (Linux: the systemd units do this). */
  startAtLogin: z.boolean().default(false),
});

export const uiSchema = z
  .strictObject({
    locale: localeSchema.default('ru'),
    locales: z.array(localeSchema).min(1).default(['ru', 'en']),
  })
  .refine((ui) => ui.locales.includes(ui.locale), {
    message: 'ui.locale must be one of ui.locales',
    path: ['locale'],
  });

export const ratingSchema = z.strictObject({
  scale: z.union([z.literal(3), z.literal(4), z.literal(5)]).default(5),
  /** After a vote, further presses for this long are one visit's extra presses, not new votes. */
  cooldownSeconds: z.number().min(0).max(600).default(10),
  thanksSeconds: z.number().min(1).max(60).default(4),
  /** Idle screen: a switched language goes back to the default after this long without a touch. */
  idleSeconds: z.number().min(5).max(3600).default(60),
  followUp: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Scores at or below this ask "what could be better?". */
      maxScore: z.number().int().min(1).max(4).default(2),
      seconds: z.number().min(3).max(120).default(20),
    })
    .prefault({}),
});

/** The longest byte sequence one button may send in the keymap protocol: what the config stores, learning refuses beyond. */
export const MAX_KEYMAP_FRAME_BYTES = 32;

const usbId = z.string().regex(/^[0-9a-fA-F]{4}$/, 'four hex digits, e.g. "2341"');

export const buttonsSchema = z.strictObject({
  /** A serial device path, or "auto": by USB id from `usb`, else the first port that answers `?` with HELLO. */
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  protocol: z.enum(['okno-buttons/1', 'keymap']).default('okno-buttons/1'),
  usb: z.array(z.strictObject({ vendorId: usbId, productId: usbId })).default([]),
  /** The same button again within this window is one press (contact bounce). */
  debounceMs: z.number().int().min(0).max(1000).default(50),
  /** keymap protocol: a pause this long ends a press's byte sequence. */
  interByteTimeoutMs: z.number().int().min(2).max(1000).default(30),
  /** keymap protocol: button → the bytes it sends, in hex ("1": "1b5b41"). Filled by learning. */
  /** This button opens the technician's PIN pad instead of voting (a hidden key inside the box). */
  serviceButton: z.number().int().min(1).max(9).optional(),
  keymap: z
    .partialRecord(
      z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9']),
      z.string().regex(new RegExp(`^([0-9a-fA-F]{2}){1,${MAX_KEYMAP_FRAME_BYTES}}$`), `hex bytes, at most ${MAX_KEYMAP_FRAME_BYTES} of them`),
    )
    .default({}),
});
export type ButtonsConfig = z.output<typeof buttonsSchema>;

export const printerSchema = z.strictObject({
  /** A serial port (/dev/ttyUSB0, COM3) or a printer device file (/dev/usb/lp0). */
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(19200),
  /** Characters per line: 48 for 80 mm paper, 32 for 58 mm. */
  columns: z.number().int().min(24).max(64).default(48),
  /**
   * How long to wait for the answer to the status request (DLE EOT) before printing. A printer that
   * works answers in milliseconds; the limit only matters when it is silent (then the ticket is issued,
   * not printed). 1 s, not less: a busy kiosk PC or a USB adapter can be late, and a late answer loses a print.
   */
  statusTimeoutMs: z.number().int().min(50).max(5000).default(1000),
});
export type PrinterConfig = z.output<typeof printerSchema>;

/** HTTPS, so the device token never travels in clear; plain HTTP only to this machine (a local collector). */
function isAllowedEndpoint(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export const syncSchema = z.strictObject({
  endpoint: z
    .string()
    // A refinement runs even after a failed check: every step here must take any string without throwing.
    .refine((text) => URL.canParse(text), 'not a URL: write it whole, e.g. "https://collector.example.org/"')
    .refine((text) => !URL.canParse(text) || isAllowedEndpoint(new URL(text)), 'must be https:// (plain http:// only to 127.0.0.1 or localhost)'),
  token: z.string().min(1),
  /**
   * Tokens of the ids this device had before a rename ({ "<old device id>": "<its token>" }): events are
   * always sent under the id they were recorded with, so the unsent ones of an old id need its token.
   * Without it they wait (doctor says so); they are never sent under the new id. A secret like `token`.
   */
  previousTokens: z
    .record(deviceSchema.shape.id, z.string().min(1))
    .optional(),
  intervalSeconds: z.number().min(1).max(86400).default(30),
  /** One request's whole time (connect, send, answer); longer counts as a failure and is retried. */
  timeoutSeconds: z.number().min(0.05).max(600).default(30),
  /** Retry backoff: exponential with full jitter from min to max (docs/protocol-sync.md). */
  backoffMinSeconds: z.number().min(0.01).max(3600).default(1),
  backoffMaxSeconds: z.number().min(0.01).max(86400).default(900),
  /** Events the collector acknowledged are pruned from the journal after this many days. */
  retentionDays: z.number().min(1).max(3650).default(90),
});

const localizedText = z.partialRecord(localeSchema, z.string().min(1));
export type LocalizedText = z.infer<typeof localizedText>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like "08:30"');

export const openingHoursSchema = z
  .strictObject({ days: z.array(z.enum(WEEKDAYS)).min(1), from: clockTime, to: clockTime })
  .refine((hours) => hours.from < hours.to, { message: '"from" must be before "to"', path: ['to'] });
export type OpeningHours = z.infer<typeof openingHoursSchema>;

export const serviceSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/),
    /** Letter(s) before the number: "П" gives "П-017". */
    prefix: z.string().min(1).max(3),
    /** The numbers this dispenser may give: two dispensers of one office get ranges that do not overlap. */
    range: z.tuple([z.number().int().min(0).max(9999), z.number().int().min(0).max(9999)]),
    name: localizedText,
    /** "What to bring", shown under the name. */
    bring: localizedText.default({}),
    group: z.string().min(1).optional(),
    /** When the service takes tickets (local time, device.timezone); none: always. */
    hours: z.array(openingHoursSchema).default([]),
    dailyLimit: z.number().int().positive().optional(),
  })
  .refine((service) => service.range[0] <= service.range[1], { message: 'range must be [from, to] with from ≤ to', path: ['range'] });
export type ServiceConfig = z.output<typeof serviceSchema>;

export const serviceGroupSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/),
  name: localizedText,
});

export const queueSchema = z
  .strictObject({
    services: z.array(serviceSchema).default([]),
    groups: z.array(serviceGroupSchema).default([]),
    /** Shown on the ticket screen and printed: "Ожидайте вызова на табло в зале 2". */
    hint: localizedText.optional(),
    /** How long the ticket stays on screen before the menu comes back. */
    ticketSeconds: z.number().min(3).max(120).default(15),
    /** A group left open goes back to the start after this long untouched. */
    idleSeconds: z.number().min(5).max(3600).default(60),
  })
  .superRefine((queue, ctx) => {
    const ids = new Set<string>();
    queue.services.forEach((service, index) => {
      if (ids.has(service.id)) ctx.addIssue({ code: 'custom', message: `duplicate service id "${service.id}"`, path: ['services', index, 'id'] });
      ids.add(service.id);
      if (service.group && !queue.groups.some((group) => group.id === service.group)) {
        ctx.addIssue({ code: 'custom', message: `no group "${service.group}" in queue.groups`, path: ['services', index, 'group'] });
      }
      queue.services.slice(0, index).forEach((other) => {
        const overlap = other.prefix === service.prefix && other.range[0] <= service.range[1] && service.range[0] <= other.range[1];
        if (overlap) ctx.addIssue({ code: 'custom', message: `prefix "${service.prefix}" and range overlap service "${other.id}": numbers would repeat`, path: ['services', index, 'range'] });
      });
    });
  });
export type QueueConfig = z.output<typeof queueSchema>;

/** A technician PIN: digits only, so the on-screen PIN pad can enter it. */
export const PIN_PATTERN = /^\d{4,8}$/;

export const technicianSchema = z.strictObject({
  /** The PIN as a salted scrypt hash ("scrypt$N$r$p$salt$hash", base64url): `okno set-pin` or the wizard writes it. A secret: never sent to the renderer. */
  pinHash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{32,}$/, 'a hash written by "okno set-pin", not a PIN').optional(),
  /** Technician mode leaves by itself after this long without a touch. */
  idleSeconds: z.number().min(30).max(3600).default(120),
  /** This many wrong PINs in a row lock the PIN pad… */
  maxAttempts: z.number().int().min(3).max(20).default(5),
  /** …for this long the first time; each further lockout before a right PIN is longer, up to 24 h (docs/security.md). Kept across restarts. */
  lockoutMinutes: z.number().min(1).max(1440).default(5),
});
export type TechnicianConfig = z.output<typeof technicianSchema>;

export const configSchema = z
  .strictObject({
    device: deviceSchema,
    ui: uiSchema.prefault({}),
    rating: ratingSchema.prefault({}),
    buttons: buttonsSchema.optional(),
    printer: printerSchema.optional(),
    sync: syncSchema.optional(),
    queue: queueSchema.optional(),
    technician: technicianSchema.prefault({}),
  })
  .refine((config) => config.device.mode !== 'tickets' || (config.queue?.services.length ?? 0) > 0, {
    message: 'a ticket dispenser needs at least one service in queue.services',
    path: ['queue', 'services'],
  });

/** What a technician writes (defaults may be left out). */
export type ConfigInput = z.input<typeof configSchema>;
/** What the core works with (every default filled in). */
export type Config = z.output<typeof configSchema>;
