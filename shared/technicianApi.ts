import type { ConfigInput } from './config.ts';

/**
 * Technician mode's views: the PIN pad, the setup wizard, hardware tests and diagnostics, as the
 * device tells them (its requests are in shared/requests/). Secrets (the sync token, the PIN hash)
 * never cross this boundary towards the renderer: settings say "set" / "not set", and a new value
 * travels only renderer → core.
 */

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
export type PublicConfig = Omit<ConfigInput, 'sync' | 'technician' | 'hub'> & {
  readonly hub?: Omit<NonNullable<ConfigInput['hub']>, 'token'>;
  readonly sync?: Omit<NonNullable<ConfigInput['sync']>, 'token' | 'previousTokens'>;
  readonly technician?: Omit<NonNullable<ConfigInput['technician']>, 'pinHash'>;
};

export interface SettingsView {
  /** Where the config is saved. */
  readonly path: string | null;
  /** Null on the first run (no config file yet). */
  readonly config: PublicConfig | null;
  readonly secrets: { readonly syncToken: Secret; readonly pin: Secret; readonly hubToken: Secret };
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

/** The wizard's test of the office hub (testHubConnection). */
export interface HubConnectionTestView {
  /** SHA-256 of the certificate the hub showed (compare it with what `okno hub` printed); null when none was reached. */
  readonly fingerprint: string | null;
  /** A TLS handshake with the address succeeded. */
  readonly reachable: boolean;
  /** The hub took the token (GET /office/v1/health); false: refused; null: not checked. */
  readonly authorized: boolean | null;
  /** What went wrong, in okno's words; never the server's prose nor the token. */
  readonly problem: string | null;
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

/** A button learned in a button test: its number and the bytes it sends (hex). */
export interface LearnedButtonView {
  readonly button: number;
  readonly sequence: string;
}

/** What a requeue marked to be sent again. */
export interface RequeuedBatches {
  readonly batches: number;
  readonly events: number;
}
