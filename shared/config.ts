import { z } from 'zod';
import {
  BUTTON_KEYS,
  buttonsRules,
  DEVICE_MODES,
  HUB_MODES,
  hubRules,
  deviceRules,
  isAllowedEndpoint,
  LOCALES,
  MAX_KEYMAP_FRAME_BYTES,
  printerRules,
  queueRules,
  rangesOverlap,
  ratingRules,
  syncRules,
  speechRules,
  SPEECH_KEYS,
  technicianRules,
  uiRules,
  WEEKDAYS,
  type Limit,
} from './configRules.ts';

/**
 * The device configuration file. Key names are a public contract (DESIGN.md): add keys, rename none.
 * Objects are strict so that a technician's typo ("cooldownSecond") is reported, not silently ignored.
 * Every pattern, limit and default comes from configRules.ts, which the renderer shares without zod.
 */

export { LOCALES, MAX_KEYMAP_FRAME_BYTES, PIN_PATTERN, WEEKDAYS, type Weekday } from './configRules.ts';

/** A number within a rule's limits, its default when left out. */
const within = (limit: Limit) => z.number().min(limit.min).max(limit.max).default(limit.default);
/** A whole number within a rule's limits, its default when left out. */
const wholeWithin = (limit: Limit) => z.number().int().min(limit.min).max(limit.max).default(limit.default);

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const deviceSchema = z.strictObject({
  id: z
    .string()
    .regex(deviceRules.idPattern, `lower-case letters, digits, ".", "_" or "-", at most ${deviceRules.idMaxLength} characters`),
  office: z.string().min(1).max(deviceRules.officeMaxLength),
  window: z.string().min(1).max(deviceRules.windowMaxLength),
  mode: z.enum(DEVICE_MODES).default(deviceRules.defaultMode),
  timezone: z.string().refine(isTimeZone, 'not a known IANA time zone').default(deviceRules.defaultTimezone),
  /** Windows: start okno when the kiosk user signs in (Linux: the systemd units do this). */
  startAtLogin: z.boolean().default(false),
});

export const uiSchema = z
  .strictObject({
    locale: localeSchema.default(uiRules.defaultLocale),
    locales: z.array(localeSchema).min(1).default([...uiRules.defaultLocales]),
  })
  .refine((ui) => ui.locales.includes(ui.locale), {
    message: 'ui.locale must be one of ui.locales',
    path: ['locale'],
  });

export const ratingSchema = z.strictObject({
  scale: z.union(ratingRules.scales.map((scale) => z.literal(scale))).default(ratingRules.defaultScale),
  cooldownSeconds: within(ratingRules.cooldownSeconds),
  thanksSeconds: within(ratingRules.thanksSeconds),
  idleSeconds: within(ratingRules.idleSeconds),
  followUp: z
    .strictObject({
      enabled: z.boolean().default(ratingRules.followUp.enabled),
      maxScore: wholeWithin(ratingRules.followUp.maxScore),
      seconds: within(ratingRules.followUp.seconds),
    })
    .prefault({}),
});

const usbId = z.string().regex(buttonsRules.usbIdPattern, 'four hex digits, e.g. "2341"');

export const buttonsSchema = z.strictObject({
  /** A serial device path, or "auto": by USB id from `usb`, else the first port that answers `?` with HELLO. */
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(buttonsRules.defaultBaudRate),
  protocol: z.enum(buttonsRules.protocols).default(buttonsRules.defaultProtocol),
  usb: z.array(z.strictObject({ vendorId: usbId, productId: usbId })).default([]),
  debounceMs: wholeWithin(buttonsRules.debounceMs),
  interByteTimeoutMs: wholeWithin(buttonsRules.interByteTimeoutMs),
  serviceButton: z.number().int().min(buttonsRules.serviceButton.min).max(buttonsRules.serviceButton.max).optional(),
  /** Turns speech mode on, and in speech mode says the screen again (a tactile key, e.g. with a raised dot or Braille). */
  speechButton: z.number().int().min(buttonsRules.speechButton.min).max(buttonsRules.speechButton.max).optional(),
  /** In speech mode on a ticket dispenser: the button for each move through the services. */
  speechKeys: z
    .strictObject(Object.fromEntries(SPEECH_KEYS.map((key) => [key, z.number().int().min(1).max(9)])) as Record<(typeof SPEECH_KEYS)[number], z.ZodNumber>)
    .default({ ...buttonsRules.defaultSpeechKeys }),
  /** keymap protocol: button → the bytes it sends, in hex ("1": "1b5b41"). Filled by learning. */
  keymap: z
    .partialRecord(z.enum(BUTTON_KEYS), z.string().regex(buttonsRules.keymapBytesPattern, `hex bytes, at most ${MAX_KEYMAP_FRAME_BYTES} of them`))
    .default({}),
});
export type ButtonsConfig = z.output<typeof buttonsSchema>;

export const printerSchema = z.strictObject({
  /** A serial port (/dev/ttyUSB0, COM3) or a printer device file (/dev/usb/lp0). */
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(printerRules.defaultBaudRate),
  columns: wholeWithin(printerRules.columns),
  statusTimeoutMs: wholeWithin(printerRules.statusTimeoutMs),
});
export type PrinterConfig = z.output<typeof printerSchema>;

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
  intervalSeconds: within(syncRules.intervalSeconds),
  timeoutSeconds: within(syncRules.timeoutSeconds),
  backoffMinSeconds: within(syncRules.backoffMinSeconds),
  backoffMaxSeconds: within(syncRules.backoffMaxSeconds),
  retentionDays: within(syncRules.retentionDays),
});

/**
 * The office hub (okno-office/1, docs/protocol-office.md): the queue authority this device talks to over
 * the office LAN. HTTPS only, with the hub's self-signed certificate pinned by its SHA-256 fingerprint
 * (the technician wizard's connection test shows and saves it). The token is a secret like sync.token.
 */
export const hubSchema = z.strictObject({
  url: z
    .string()
    .refine((text) => URL.canParse(text), 'not a URL: write it whole, e.g. "https://192.168.1.10:8443/"')
    .refine((text) => !URL.canParse(text) || new URL(text).protocol === hubRules.urlProtocol, 'must be https:// (the hub\'s certificate is pinned)'),
  token: z.string().min(hubRules.tokenMinLength, `at least ${hubRules.tokenMinLength} characters`),
  fingerprint: z.string().regex(hubRules.fingerprintPattern, 'the SHA-256 fingerprint "okno hub" prints: 32 hex pairs joined by ":"'),
});
export type HubLinkConfig = z.output<typeof hubSchema>;

const localizedText = z.partialRecord(localeSchema, z.string().min(1));
export type LocalizedText = z.infer<typeof localizedText>;

const clockTime = z.string().regex(queueRules.clockTimePattern, 'a time like "08:30"');

export const openingHoursSchema = z
  .strictObject({ days: z.array(z.enum(WEEKDAYS)).min(1), from: clockTime, to: clockTime })
  .refine((hours) => hours.from < hours.to, { message: '"from" must be before "to"', path: ['to'] });
export type OpeningHours = z.infer<typeof openingHoursSchema>;

const ticketNumber = z.number().int().min(queueRules.number.min).max(queueRules.number.max);

export const serviceSchema = z
  .strictObject({
    id: z.string().regex(queueRules.idPattern),
    /** Letter(s) before the number: "П" gives "П-017". */
    prefix: z.string().min(queueRules.prefixLength.min).max(queueRules.prefixLength.max),
    /** The numbers this dispenser may give: two dispensers of one office get ranges that do not overlap. */
    range: z.tuple([ticketNumber, ticketNumber]),
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
  id: z.string().regex(queueRules.idPattern),
  name: localizedText,
});

export const queueSchema = z
  .strictObject({
    services: z.array(serviceSchema).default([]),
    groups: z.array(serviceGroupSchema).default([]),
    /** Shown on the ticket screen and printed: "Ожидайте вызова на табло в зале 2". */
    hint: localizedText.optional(),
    ticketSeconds: within(queueRules.ticketSeconds),
    idleSeconds: within(queueRules.idleSeconds),
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
        if (rangesOverlap(other, service)) ctx.addIssue({ code: 'custom', message: `prefix "${service.prefix}" and range overlap service "${other.id}": numbers would repeat`, path: ['services', index, 'range'] });
      });
    });
  });
export type QueueConfig = z.output<typeof queueSchema>;

const announcementTemplate = z
  .string()
  .min(1)
  .max(speechRules.templateMaxLength)
  .refine(
    (text) => [...text.matchAll(/\{([^}]*)\}/g)].every((match) => (speechRules.templatePlaceholders as readonly string[]).includes(match[1] ?? '')),
    `only the placeholders ${speechRules.templatePlaceholders.map((name) => `{${name}}`).join(' and ')}`,
  );

/**
 * Speech (docs/accessibility.md): the hall board's announcements and the citizen screens' speech mode.
 * Left out, speech works with the bundled voice and the defaults; `announce: false` silences the board.
 */
export const speechSchema = z.strictObject({
  engine: z.enum(speechRules.engines).default(speechRules.defaultEngine),
  /** With engine "system": the OS voice's name per language (as the OS lists it); left out, the OS's voice for the language. */
  systemVoices: z.partialRecord(localeSchema, z.string().min(1).max(200)).default({}),
  volume: wholeWithin(speechRules.volume),
  rate: wholeWithin(speechRules.rate),
  resetAt: clockTime.default(speechRules.defaultResetAt),
  /** The hall board says each call (and recall). */
  announce: z.boolean().default(true),
  /** A chime before each announcement. */
  chime: z.boolean().default(true),
  /** The languages of each announcement, in order; left out: ui.locales. */
  languages: z.array(localeSchema).min(1).optional(),
  /** The announcement per language; left out, the built-in one ("Талон {ticket}, {window}"). `{ticket}` and `{window}` are said as words. */
  templates: z.partialRecord(localeSchema, z.strictObject({ call: announcementTemplate, recall: announcementTemplate.optional() })).default({}),
  /** Citizen screens offer speech mode (the on-screen button, the key, buttons.speechButton). */
  mode: z.boolean().default(true),
  timeoutFactor: within(speechRules.timeoutFactor),
  moreTimeSeconds: within(speechRules.moreTimeSeconds),
});
export type SpeechConfig = z.output<typeof speechSchema>;

export const technicianSchema = z.strictObject({
  /** The PIN as a salted scrypt hash ("scrypt$N$r$p$salt$hash", base64url): `okno set-pin` or the wizard writes it. A secret: never sent to the renderer. */
  pinHash: z.string().regex(technicianRules.pinHashPattern, 'a hash written by "okno set-pin", not a PIN').optional(),
  idleSeconds: within(technicianRules.idleSeconds),
  maxAttempts: wholeWithin(technicianRules.maxAttempts),
  lockoutMinutes: within(technicianRules.lockoutMinutes),
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
    hub: hubSchema.optional(),
    queue: queueSchema.optional(),
    speech: speechSchema.prefault({}),
    technician: technicianSchema.prefault({}),
  })
  .refine((config) => config.device.mode !== 'tickets' || (config.queue?.services.length ?? 0) > 0, {
    message: 'a ticket dispenser needs at least one service in queue.services',
    path: ['queue', 'services'],
  })
  .refine((config) => !HUB_MODES.includes(config.device.mode) || config.hub !== undefined, {
    message: 'an operator console or a hall board needs the office hub: a "hub" section (url, token, fingerprint)',
    path: ['hub'],
  })
  // One button, one meaning: the service button always wins, so a speech button on it would never speak.
  .refine((config) => config.buttons?.speechButton === undefined || config.buttons.speechButton !== config.buttons.serviceButton, {
    message: 'buttons.speechButton and buttons.serviceButton must be different buttons',
    path: ['buttons', 'speechButton'],
  })
  // The speech button repeats in speech mode; a move on the same button could never be made.
  .refine((config) => config.buttons?.speechButton === undefined || !Object.values(config.buttons.speechKeys).includes(config.buttons.speechButton), {
    message: 'buttons.speechKeys must not use buttons.speechButton (the default keys are buttons 1–4: give the speech button another, or set speechKeys)',
    path: ['buttons', 'speechKeys'],
  })
  .refine((config) => config.buttons === undefined || new Set(Object.values(config.buttons.speechKeys)).size === Object.keys(config.buttons.speechKeys).length, {
    message: 'buttons.speechKeys: previous, next, choose and repeat need a button each',
    path: ['buttons', 'speechKeys'],
  });

/** What a technician writes (defaults may be left out). */
export type ConfigInput = z.input<typeof configSchema>;
/** What the core works with (every default filled in). */
export type Config = z.output<typeof configSchema>;
