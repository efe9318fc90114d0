import { z } from 'zod';
import { buttonsSchema, PIN_PATTERN, printerSchema, syncSchema, type ConfigInput } from './config.ts';
import { TECHNICIAN_CHANNELS, type TechnicianIntent } from './kioskChannels.ts';
import type { Result } from './result.ts';

/**
 * Technician mode's side of the KioskApi: the PIN pad, the setup wizard, hardware tests and
 * diagnostics. Secrets (the sync token, the PIN hash) never cross this boundary towards the
 * renderer: settings say "set" / "not set", and a new value travels only renderer → core.
 */

// ---- what the renderer may ask ----

const empty = z.strictObject({});

export const pinInputSchema = z.strictObject({ pin: z.string().regex(PIN_PATTERN, '4 to 8 digits') });
export type PinInput = z.infer<typeof pinInputSchema>;

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
});
export type SaveSettingsInput = z.infer<typeof saveSettingsInputSchema>;

export const buttonTestInputSchema = buttonsSchema.pick({ path: true, baudRate: true, protocol: true, keymap: true, interByteTimeoutMs: true });
export type ButtonTestInput = z.input<typeof buttonTestInputSchema>;

export const learnButtonInputSchema = z.strictObject({ button: z.number().int().min(1).max(9) });
export type LearnButtonInput = z.infer<typeof learnButtonInputSchema>;

export const printTestInputSchema = printerSchema;
export type PrintTestInput = z.input<typeof printTestInputSchema>;

export const connectionTestInputSchema = z.strictObject({
  endpoint: syncSchema.shape.endpoint,
  /** The token to try; null: the one saved in the config, and only when `endpoint` is the one it was saved with. */
  token: z.string().min(1).max(4096).nullable(),
  /** The device id the token should belong to (the wizard's draft). */
  deviceId: z.string().min(1).max(64),
});
export type ConnectionTestInput = z.infer<typeof connectionTestInputSchema>;

export const exportInputSchema = z.strictObject({ folder: z.string().min(1).max(4096) });
export type ExportInput = z.infer<typeof exportInputSchema>;

export const TECHNICIAN_INPUTS = {
  openPinPad: empty,
  enterPin: pinInputSchema,
  leave: empty,
  activity: empty,
  getSettings: empty,
  saveSettings: saveSettingsInputSchema,
  listPorts: empty,
  startButtonTest: buttonTestInputSchema,
  stopButtonTest: empty,
  learnButton: learnButtonInputSchema,
  testPrint: printTestInputSchema,
  testConnection: connectionTestInputSchema,
  getDiagnostics: empty,
  listExportTargets: empty,
  exportDiagnostics: exportInputSchema,
  requeueQuarantined: empty,
} as const satisfies Record<TechnicianIntent, z.ZodType>;

export const TECHNICIAN_INTENTS = Object.fromEntries(
  (Object.keys(TECHNICIAN_CHANNELS) as TechnicianIntent[]).map((intent) => [intent, { schema: TECHNICIAN_INPUTS[intent], ...TECHNICIAN_CHANNELS[intent] }]),
) as { readonly [I in TechnicianIntent]: { readonly schema: (typeof TECHNICIAN_INPUTS)[I] } & (typeof TECHNICIAN_CHANNELS)[I] };

// ---- what the renderer is told ----

/** A live view of the button device under test: every press shows as it arrives. */
export interface ButtonTestView {
  readonly path: string;
  /** The protocol this test speaks: learning needs "keymap" (a test restarts when the protocol changes). */
  readonly protocol: 'okno-buttons/1' | 'keymap';
  readonly state: 'connecting' | 'connected' | 'waiting' | 'error' | 'stopped';
  readonly detail: string | null;
  /** From HELLO: "okno-box 1.2 5 buttons". */
  readonly device: { readonly model: string; readonly firmware: string; readonly buttons: number } | null;
  /** The latest presses, newest last (at most 20). */
  readonly presses: readonly { readonly button: number; readonly at: string }[];
  /** "Press button N now…": the button being learned, else null. */
  readonly learning: number | null;
  /** The keymap learned so far in this test (button → hex bytes). */
  readonly keymap: Readonly<Record<string, string>>;
  /** The most bytes one button's press may have (what the config can keep): learning refuses a longer one. */
  readonly maxFrameBytes: number;
}

/** Technician mode in KioskState: the renderer shows the PIN pad or the technician screens from it. */
export type TechnicianView =
  | { readonly phase: 'closed' }
  | {
      readonly phase: 'pin';
      readonly attemptsLeft: number;
      /** ISO time: the PIN pad refuses every PIN until then. */
      readonly lockedUntil: string | null;
      /** The PIN pad closes by itself after this long untouched. */
      readonly endsInMs: number;
    }
  | {
      readonly phase: 'open';
      /** No config yet: the wizard is the only screen, and it must set the first PIN. */
      readonly firstRun: boolean;
      /** Technician mode leaves by itself after this long untouched (null on the first run). */
      readonly idleSeconds: number | null;
      readonly buttonTest: ButtonTestView | null;
    };

export type Secret = 'set' | 'not-set';

/** The config without its secrets: what the technician screens may show and edit. */
export type PublicConfig = Omit<ConfigInput, 'sync' | 'technician'> & {
  readonly sync?: Omit<NonNullable<ConfigInput['sync']>, 'token' | 'previousTokens'>;
  readonly technician?: Omit<NonNullable<ConfigInput['technician']>, 'pinHash'>;
};

export interface SettingsView {
  /** Where the config is saved. */
  readonly path: string | null;
  /** Null on the first run (no config file yet). */
  readonly config: PublicConfig | null;
  readonly secrets: { readonly syncToken: Secret; readonly pin: Secret };
  /** Time zones the wizard offers (IANA names). */
  readonly timeZones: readonly string[];
}

export interface SavedSettings {
  readonly path: string;
  /** The previous config, kept beside it (null on the first save). */
  readonly backup: string | null;
}

export interface PortView {
  readonly path: string;
  readonly manufacturer: string | null;
  readonly vendorId: string | null;
  readonly productId: string | null;
}

export type PrintTestOutcome = 'printed' | 'paper-out' | 'cover-open' | 'offline' | 'no-answer' | 'open-failed' | 'write-failed';

export interface PrintTestView {
  readonly outcome: PrintTestOutcome;
  readonly detail: string;
}

export interface ConnectionTestView {
  /** GET /healthz */
  readonly health: 'ok' | 'unreachable' | 'bad-answer';
  /** GET /v1/whoami with the token; token-needed: none was sent (a saved token goes only to the endpoint it was saved with). */
  readonly auth: 'ok' | 'refused' | 'other-device' | 'not-supported' | 'not-checked' | 'token-needed';
  /** The device the collector says the token belongs to: only a valid device id that holds no part of the token. */
  readonly collectorDeviceId: string | null;
  readonly latencyMs: number | null;
  /** What went wrong, in okno's words: statuses, network error codes, the collector's documented error codes; never the server's prose. */
  readonly detail: string | null;
}

export interface DiagnosticsView {
  readonly version: string;
  readonly startedAt: string;
  readonly uptimeSeconds: number;
  readonly configPath: string | null;
  readonly dataDir: string;
  readonly schemaVersion: number | null;
  readonly databaseBytes: number | null;
  /** Events of the local day (device.timezone) by type. */
  readonly eventsToday: Readonly<Record<string, number>>;
  /** Presses today that were not votes (a second press in one visit). */
  readonly suppressedToday: number;
  readonly sync: {
    readonly configured: boolean;
    readonly pending: number;
    readonly oldestPendingAt: string | null;
    readonly lastSuccessAt: string | null;
    readonly lastError: string | null;
    readonly lastErrorAt: string | null;
    readonly paused: string | null;
    /** What `paused` is about: a refused token, a wrong sync.endpoint, or an earlier device id without its token. */
    readonly pausedKind: 'token' | 'endpoint' | 'no-token' | null;
    /** Batches the collector refused, kept in the journal; `requeuedBatches` of them are marked to go again. */
    readonly quarantinedBatches: number;
    readonly quarantinedEvents: number;
    readonly requeuedBatches: number;
    /** Earlier device ids (a rename) whose unsent events wait for their token in sync.previousTokens. */
    readonly waitingForToken: readonly { readonly deviceId: string; readonly pending: number }[];
  };
  /** Collector clock minus device clock, as last measured; positive: the device is behind. */
  readonly clockOffsetMs: number | null;
  readonly buttons: {
    readonly path: string;
    readonly state: string;
    readonly lastError: string | null;
    readonly counters: Readonly<Record<string, number>>;
  } | null;
  readonly printer: {
    readonly path: string;
    readonly connected: boolean;
    readonly lastFault: string | null;
    readonly counters: Readonly<Record<string, number>>;
  } | null;
  /** The last 100 log lines, oldest first, one line each ("12:03:04 warn buttons: device unplugged"). */
  readonly logLines: readonly string[];
}

export interface ExportTarget {
  readonly path: string;
  /** What it is, for the screen to say in its language: a USB stick, a drive letter, a configured folder, this device. */
  readonly kind: 'usb' | 'drive' | 'folder' | 'device';
  /** The stick's or drive's name ("KINGSTON", "E:"), or the folder. */
  readonly name: string;
  /** The same in English, for logs and scripts: "USB: KINGSTON", "on this device". */
  readonly label: string;
  readonly removable: boolean;
}

export interface ExportedDiagnostics {
  readonly file: string;
  readonly bytes: number;
}

/** What a requeue marked to be sent again. */
export interface RequeuedBatches {
  readonly batches: number;
  readonly events: number;
}

export interface TechnicianApi {
  /** The hidden gesture or key combination: shows the PIN pad. */
  openPinPad(): Promise<Result<null>>;
  enterPin(input: PinInput): Promise<Result<null>>;
  /** Leaves technician mode (or closes the PIN pad); a saved config takes effect now. */
  leave(): Promise<Result<null>>;
  /** A touch on a technician screen: keeps it from leaving by itself. */
  activity(): Promise<Result<null>>;
  getSettings(): Promise<Result<SettingsView>>;
  saveSettings(input: SaveSettingsInput): Promise<Result<SavedSettings>>;
  listPorts(): Promise<Result<readonly PortView[]>>;
  startButtonTest(input: ButtonTestInput): Promise<Result<null>>;
  stopButtonTest(): Promise<Result<null>>;
  learnButton(input: LearnButtonInput): Promise<Result<{ readonly button: number; readonly sequence: string }>>;
  testPrint(input: PrintTestInput): Promise<Result<PrintTestView>>;
  testConnection(input: ConnectionTestInput): Promise<Result<ConnectionTestView>>;
  getDiagnostics(): Promise<Result<DiagnosticsView>>;
  listExportTargets(): Promise<Result<readonly ExportTarget[]>>;
  exportDiagnostics(input: ExportInput): Promise<Result<ExportedDiagnostics>>;
  /** Sends every quarantined sync batch again, once (after the collector was fixed). */
  requeueQuarantined(): Promise<Result<RequeuedBatches>>;
}

export { TECHNICIAN_CHANNELS, type TechnicianIntent };
