/**
 * The configuration's rules, each written once: the patterns, limits and defaults of the keys, and the
 * checks that compare two of them. Plain values and functions, no validation library: shared/config.ts
 * builds its zod schema from them, and the setup wizard in the renderer checks its draft with the same
 * rules without bundling zod. Change a rule here and both follow; tests/unit/config/configRules.test.ts
 * holds the schema to these values and finds any copy of a pattern left in the renderer.
 */

/** A number a key accepts, from `min` to `max` inclusive, and its value when the key is left out. */
export interface Limit {
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * `operator`: the console on an operator's PC at a window (calls the queue through the office hub);
 * `hall`: the board in the hall (waiting counts and calls). Both need a `hub` section.
 */
export const DEVICE_MODES = ['rating', 'tickets', 'operator', 'hall'] as const;
/** The modes that only work with an office hub (the config refuses them without a `hub` section). */
export const HUB_MODES: readonly DeviceMode[] = ['operator', 'hall'];
export type DeviceMode = (typeof DEVICE_MODES)[number];

const DEVICE_ID_MAX_LENGTH = 64;

export const deviceRules = {
  idMaxLength: DEVICE_ID_MAX_LENGTH,
  /** Lower-case letters, digits, ".", "_" or "-", the first a letter or digit; at most idMaxLength characters. */
  idPattern: new RegExp(`^[a-z0-9][a-z0-9._-]{0,${DEVICE_ID_MAX_LENGTH - 1}}$`),
  officeMaxLength: 200,
  windowMaxLength: 20,
  defaultMode: 'rating' satisfies DeviceMode,
  defaultTimezone: 'Europe/Moscow',
} as const;

export const uiRules = {
  defaultLocale: 'ru' satisfies Locale,
  /** The languages the switch offers when ui.locales is left out. */
  defaultLocales: LOCALES,
} as const;

export const RATING_SCALES = [3, 4, 5] as const;
export type RatingScale = (typeof RATING_SCALES)[number];

export const ratingRules = {
  scales: RATING_SCALES,
  defaultScale: 5 satisfies RatingScale,
  /** After a vote, further presses for this long are one visit's extra presses, not new votes. */
  cooldownSeconds: { min: 0, max: 600, default: 10 },
  thanksSeconds: { min: 1, max: 60, default: 4 },
  /** Idle screen: a switched language goes back to the default after this long without a touch. */
  idleSeconds: { min: 5, max: 3600, default: 60 },
  followUp: {
    enabled: true,
    /** Scores at or below this ask "what could be better?". */
    maxScore: { min: 1, max: 4, default: 2 },
    seconds: { min: 3, max: 120, default: 20 },
  },
} as const;

export const BUTTON_PROTOCOLS = ['okno-buttons/1', 'keymap'] as const;
export type ButtonProtocol = (typeof BUTTON_PROTOCOLS)[number];

/** The buttons a box may have, and the keys of buttons.keymap. */
export const BUTTON_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
export type ButtonKey = (typeof BUTTON_KEYS)[number];

/** The longest byte sequence one button may send in the keymap protocol: what the config stores, learning refuses beyond. */
export const MAX_KEYMAP_FRAME_BYTES = 32;

export const buttonsRules = {
  /** buttons.path: by USB id from `usb`, else the first port that answers `?` with HELLO. */
  autoPath: 'auto',
  defaultBaudRate: 9600,
  protocols: BUTTON_PROTOCOLS,
  defaultProtocol: 'okno-buttons/1' satisfies ButtonProtocol,
  /** A USB vendor or product id: four hex digits, e.g. "2341". */
  usbIdPattern: /^[0-9a-fA-F]{4}$/,
  /** The same button again within this window is one press (contact bounce). */
  debounceMs: { min: 0, max: 1000, default: 50 },
  /** keymap protocol: a pause this long ends a press's byte sequence. */
  interByteTimeoutMs: { min: 2, max: 1000, default: 30 },
  /** This button opens the technician's PIN pad instead of voting (a hidden key inside the box). */
  serviceButton: { min: 1, max: BUTTON_KEYS.length },
  /** This button turns speech mode on (and, pressed again, repeats what the screen says): a tactile key for a visitor who cannot see. */
  speechButton: { min: 1, max: BUTTON_KEYS.length },
  /** In speech mode on a ticket dispenser, the box moves through the services: which button does what. */
  defaultSpeechKeys: { previous: 1, next: 2, choose: 3, repeat: 4 },
  /** keymap protocol: the bytes one button sends, in hex ("1b5b41"). */
  keymapBytesPattern: new RegExp(`^([0-9a-fA-F]{2}){1,${MAX_KEYMAP_FRAME_BYTES}}$`),
} as const;

/** Characters per line for each paper width (mm). */
export const PAPER_COLUMNS = { '80': 48, '58': 32 } as const;

export const printerRules = {
  defaultBaudRate: 19200,
  /** Characters per line: 48 for 80 mm paper, 32 for 58 mm. */
  columns: { min: 24, max: 64, default: PAPER_COLUMNS['80'] },
  /**
   * How long to wait for the answer to the status request (DLE EOT) before printing. A printer that
   * works answers in milliseconds; the limit only matters when it is silent (then the ticket is issued,
   * not printed). 1 s, not less: a busy kiosk PC or a USB adapter can be late, and a late answer loses a print.
   */
  statusTimeoutMs: { min: 50, max: 5000, default: 1000 },
} as const;

/** The hosts a sync endpoint may reach over plain http://: this machine (a local collector). */
export const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '[::1]'] as const;

/** HTTPS, so the device token never travels in clear; plain HTTP only to this machine. */
export function isAllowedEndpoint(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (LOCAL_HOSTS as readonly string[]).includes(url.hostname);
}

export const syncRules = {
  intervalSeconds: { min: 1, max: 86400, default: 30 },
  /** One request's whole time (connect, send, answer); longer counts as a failure and is retried. */
  timeoutSeconds: { min: 0.05, max: 600, default: 30 },
  /** Retry backoff: exponential with full jitter from min to max (docs/protocol-sync.md). */
  backoffMinSeconds: { min: 0.01, max: 3600, default: 1 },
  backoffMaxSeconds: { min: 0.01, max: 86400, default: 900 },
  /** Events the collector acknowledged are pruned from the journal after this many days. */
  retentionDays: { min: 1, max: 3650, default: 90 },
} as const;

export const hubRules = {
  /** SHA-256 of the hub's certificate as okno shows it: 32 upper-case hex pairs joined by ":". */
  fingerprintPattern: /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/,
  /** okno-office/1 is HTTPS only: the hub's certificate is pinned, the device token never travels in clear. */
  urlProtocol: 'https:',
  tokenMinLength: 16,
} as const;

export const SPEECH_ENGINES = ['bundled', 'system'] as const;
/** `bundled`: eSpeak NG (WebAssembly, ships with okno, ru and en); `system`: the operating system's voice when one is installed, else the bundled one. */
export type SpeechEngineName = (typeof SPEECH_ENGINES)[number];

/** What a visitor's box key does in speech mode (besides the scores on a rating terminal). */
export const SPEECH_KEYS = ['previous', 'next', 'choose', 'repeat'] as const;
export type SpeechKeyName = (typeof SPEECH_KEYS)[number];

export const speechRules = {
  engines: SPEECH_ENGINES,
  defaultEngine: 'bundled' satisfies SpeechEngineName,
  /** Loudness of the announcements and of speech mode, in per cent of the sound card's level. */
  volume: { min: 0, max: 100, default: 80 },
  /** Speaking speed, in per cent of the voice's normal speed. */
  rate: { min: 50, max: 200, default: 100 },
  /** The volume a technician or a visitor changed returns to `volume` every day at this local time (device.timezone). */
  defaultResetAt: '06:00',
  /** A visitor's louder/quieter key moves the volume this much, for the visit only (EN 301 549 §5.1.3.12–13). */
  volumeStep: 10,
  /** In speech mode every timeout of the screen is this many times longer (WCAG 2.2.1). */
  timeoutFactor: { min: 1, max: 10, default: 3 },
  /** "More time" adds this much to a countdown (WCAG 2.2.1: at least 10 times, never a limit on the number of presses). */
  moreTimeSeconds: { min: 10, max: 600, default: 30 },
  /** The longest announcement template, and the placeholders it may use. */
  templateMaxLength: 200,
  templatePlaceholders: ['ticket', 'window'] as const,
} as const;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const queueRules = {
  /** A service's or a group's id: lower-case letters, digits, "_" or "-", the first a letter or digit. */
  idPattern: /^[a-z0-9][a-z0-9_-]*$/,
  /** Letter(s) before the number: "П" gives "П-017". */
  prefixLength: { min: 1, max: 3 },
  /** The numbers a dispenser may give (each end of a service's range). */
  number: { min: 0, max: 9999 },
  /** A time of day in opening hours: "08:30". */
  clockTimePattern: /^([01]\d|2[0-3]):[0-5]\d$/,
  /** How long the ticket stays on screen before the menu comes back. */
  ticketSeconds: { min: 3, max: 120, default: 15 },
  /** A group left open goes back to the start after this long untouched. */
  idleSeconds: { min: 5, max: 3600, default: 60 },
} as const;

/** A service's numbers, [from, to]. */
export type NumberRange = readonly [number, number];

/** Two services would give the same ticket numbers: the same prefix and ranges that meet. */
export const rangesOverlap = (a: { readonly prefix: string; readonly range: NumberRange }, b: { readonly prefix: string; readonly range: NumberRange }): boolean =>
  a.prefix === b.prefix && a.range[0] <= b.range[1] && b.range[0] <= a.range[1];

const PIN_MIN_LENGTH = 4;
const PIN_MAX_LENGTH = 8;

/** A technician PIN: digits only, so the on-screen PIN pad can enter it. */
export const PIN_PATTERN = new RegExp(`^\\d{${PIN_MIN_LENGTH},${PIN_MAX_LENGTH}}$`);

export const technicianRules = {
  pinMinLength: PIN_MIN_LENGTH,
  pinMaxLength: PIN_MAX_LENGTH,
  pinPattern: PIN_PATTERN,
  /** What `okno set-pin` and the wizard write: "scrypt$N$r$p$salt$hash", base64url. */
  pinHashPattern: /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{32,}$/,
  /** Technician mode leaves by itself after this long without a touch. */
  idleSeconds: { min: 30, max: 3600, default: 120 },
  /** This many wrong PINs in a row lock the PIN pad… */
  maxAttempts: { min: 3, max: 20, default: 5 },
  /** …for this long the first time; each further lockout before a right PIN is longer, up to 24 h (docs/security.md). Kept across restarts. */
  lockoutMinutes: { min: 1, max: 1440, default: 5 },
} as const;
