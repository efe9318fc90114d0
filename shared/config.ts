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
  keymap: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9']), z.string().regex(/^([0-9a-fA-F]{2}){1,32}$/, 'hex bytes')).default({}),
});
export type ButtonsConfig = z.output<typeof buttonsSchema>;

export const printerSchema = z.strictObject({
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(19200),
});

export const syncSchema = z.strictObject({
  endpoint: z.url({ protocol: /^https?$/ }),
  token: z.string().min(1),
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

export const serviceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/),
  prefix: z.string().min(1).max(3),
  range: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
  name: localizedText,
});

export const queueSchema = z.strictObject({
  services: z.array(serviceSchema).default([]),
});

export const configSchema = z.strictObject({
  device: deviceSchema,
  ui: uiSchema.prefault({}),
  rating: ratingSchema.prefault({}),
  buttons: buttonsSchema.optional(),
  printer: printerSchema.optional(),
  sync: syncSchema.optional(),
  queue: queueSchema.optional(),
});

/** What a technician writes (defaults may be left out). */
export type ConfigInput = z.input<typeof configSchema>;
/** What the core works with (every default filled in). */
export type Config = z.output<typeof configSchema>;
