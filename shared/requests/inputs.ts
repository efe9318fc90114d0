import { z } from 'zod';
import { buttonsSchema, localeSchema, PIN_PATTERN, printerSchema, syncSchema, hubSchema } from '../config.ts';
import { FOLLOW_UP_REASONS } from '../followUp.ts';
import { commandBodySchema, signInBodySchema } from '../office/officeProtocol.ts';

/**
 * The input schemas of the registry's requests (shared/requests/registry.ts), checked by the core
 * before a handler sees an input (electron/core/device/requests.ts). A new request may as well
 * write its schema in its registry entry; these are here to keep the registry a table to read.
 */

/** A request without input: `{}` and nothing else. */
export const empty = z.strictObject({});

// ---- the citizen's screens ----

/** A renderer can only report touch or keyboard presses; serial presses come from the core itself. */
export const pressInputSchema = z.strictObject({
  score: z.number().int().min(1).max(9),
  source: z.enum(['touch', 'keyboard']),
});

/** `reason: null` is "skip". */
export const followUpInputSchema = z.strictObject({
  reason: z.enum(FOLLOW_UP_REASONS).nullable(),
});

export const localeInputSchema = z.strictObject({ locale: localeSchema });

/** Ticket dispenser: a visitor picked a service. */
export const issueTicketInputSchema = z.strictObject({ serviceId: z.string().min(1).max(64) });

/** Operator's console: the operator signs in at this window with their id and personal PIN. */
export const operatorSignInInputSchema = signInBodySchema;

/**
 * Operator's console: a queue command as the okno-office/1 body, less the idempotency key, which the
 * console's core makes for each press (a page cannot make a press act twice by sending a key twice).
 */
export const operatorCommandInputSchema = z.discriminatedUnion('command', [
  commandBodySchema.options[0].omit({ idempotencyKey: true }),
  commandBodySchema.options[1].omit({ idempotencyKey: true }),
]);

/** Text to say, one part per language run ("Талон", then "P seventeen" in English): each part in its own voice. */
export const speakInputSchema = z.strictObject({
  parts: z.array(z.strictObject({ lang: localeSchema, text: z.string().min(1).max(1000) })).min(1).max(40),
  /** A new request interrupts nothing in the core: the page stops what it played. This only names the clip's purpose in the log. */
  purpose: z.enum(['screen', 'choice', 'result', 'help']).default('screen'),
});

export const speechModeInputSchema = z.strictObject({
  on: z.boolean(),
  /** What turned it on or off, for the counters: the on-screen button, a key, the box's speech button, the screen returning to its start. */
  source: z.enum(['touch', 'keyboard', 'serial', 'start']),
});

/** The visitor's louder (+1) or quieter (−1), for this visit only. */
export const speechVolumeInputSchema = z.strictObject({ step: z.union([z.literal(1), z.literal(-1)]) });

/** The hall board: the audio of the announcement it shows. */
export const announcementClipInputSchema = z.strictObject({
  id: z.string().min(1).max(64),
  /** `chime`: answered at once; `words`: answered when synthesized (the chime covers that time). */
  part: z.enum(['chime', 'words']).default('words'),
});

/** The hall board played the announcement, or could not. */
export const announcementDoneInputSchema = z.strictObject({
  id: z.string().min(1).max(64),
  outcome: z.enum(['played', 'failed']),
  /** Why it failed, in the page's words (autoplay refused, no audio device, a decode error). */
  reason: z.string().max(300).nullable().default(null),
});

// ---- technician mode ----

export const pinInputSchema = z.strictObject({ pin: z.string().regex(PIN_PATTERN, '4 to 8 digits') });

/**
 * The whole config as the wizard edited it, without its secrets. Checked here only for its outer
 * shape: after the secrets are merged back in, the config file's own schema checks every field.
 */
export const saveSettingsInputSchema = z.strictObject({
  config: z.record(z.string(), z.unknown()),
  /** A new sync token; null keeps the one saved (if any). */
  syncToken: z.string().min(1).max(4096).nullable(),
  /** A new PIN; null keeps the one saved. The first run must set one. */
  pin: z.string().regex(PIN_PATTERN, '4 to 8 digits').nullable(),
  /** A new office hub token (hub.token); null or absent keeps the one saved, for the same hub address only. */
  hubToken: z.string().min(1).max(4096).nullable().default(null),
});

export const buttonTestInputSchema = buttonsSchema.pick({ path: true, baudRate: true, protocol: true, keymap: true, interByteTimeoutMs: true });

export const learnButtonInputSchema = z.strictObject({ button: z.number().int().min(1).max(9) });

export const connectionTestInputSchema = z.strictObject({
  endpoint: syncSchema.shape.endpoint,
  /** The token to try; null: the one saved in the config, and only when `endpoint` is the one it was saved with. */
  token: z.string().min(1).max(4096).nullable(),
  /** The device id the token should belong to (the wizard's draft). */
  deviceId: z.string().min(1).max(64),
});

export const hubConnectionTestInputSchema = z.strictObject({
  url: hubSchema.shape.url,
  /** The token to try; null: the one saved, and only when `url` is the address it was saved for. */
  token: z.string().min(1).max(4096).nullable(),
});

/** A test page on the printer being set up: the printer's own config section. */
export const printTestInputSchema = printerSchema;

export const exportInputSchema = z.strictObject({ folder: z.string().min(1).max(4096) });
