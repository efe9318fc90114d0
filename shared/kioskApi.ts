import type { Locale } from './config.ts';
import type { DeviceMode, SpeechEngineName, SpeechKeyName } from './configRules.ts';
import type { FollowUpReason } from './followUp.ts';
import type { OfficeRefusal, QueueCommandName } from './office/officeProtocol.ts';
import type { TechnicianView } from './technicianApi.ts';

/**
 * What the device tells the screens: the state (one builder makes it, electron/core/device/
 * deviceState.ts) and the answers' types. The requests themselves are in shared/requests/.
 */

export interface PressOutcome {
  readonly outcome: 'recorded' | 'suppressed';
  /** Journal event id (UUIDv7) of the rating or of the suppressed press. */
  readonly eventId: string;
}

// ---- what the renderer is told ----

export type SessionView =
  | { readonly phase: 'idle'; readonly locale: Locale }
  | { readonly phase: 'followUp'; readonly locale: Locale; readonly score: number; readonly endsInMs: number }
  | {
      readonly phase: 'thanks';
      readonly locale: Locale;
      /** `already-counted`: a second press in the same visit; the screen says the vote already counts. */
      readonly kind: 'voted' | 'already-counted';
      readonly endsInMs: number;
    }
  | { readonly phase: 'notSaved'; readonly locale: Locale; readonly endsInMs: number };

export type SessionPhase = SessionView['phase'];

/**
 * The visit at this rating terminal's window, as the office hub shows it (device config `hub`): the
 * ticket invited, the visit being served, or the finished visit the screen invites to rate. Null
 * without a hub, while the hub is not connected, or when nothing is going on at the window.
 */
export interface VisitView {
  readonly phase: 'called' | 'serving' | 'rate';
  /** "П-017" */
  readonly ticketNumber: string;
  /** The operator's display name, when the hub knows who it is. */
  readonly operatorName: string | null;
}

export type HealthProblem = 'storage-unavailable' | 'printer-fault';

/** Text in each enabled language, as configured ({ ru: "Паспорт", en: "Passport" }). */
export type Localized = Partial<Record<Locale, string>>;

/** Whether a printed ticket came out: `no` when no printer is configured, `failed` when it reported a fault or did not answer. */
export type TicketPrinted = 'yes' | 'no' | 'failed';

export interface TicketView {
  readonly id: string;
  /** "П-017" */
  readonly number: string;
  readonly serviceId: string;
  /** ISO 8601 local time with offset. */
  readonly issuedAt: string;
  readonly printed: TicketPrinted;
  /** People waiting for this service before this ticket, as the office hub said; null without a hub or when it did not answer in time. */
  readonly ahead: number | null;
  /** About how long the wait is, in minutes (rounded to 5); null when unknown. */
  readonly estimateMinutes: number | null;
}

export type ServiceUnavailable = 'closed' | 'daily-limit' | 'range-exhausted';

export interface ServiceView {
  readonly id: string;
  readonly name: Localized;
  readonly bring: Localized;
  readonly group: string | null;
  readonly available: boolean;
  readonly unavailable: ServiceUnavailable | null;
  /** When closed: when it opens next, local "HH:MM" today, or null when not today. */
  readonly opensAt: string | null;
}

export interface TicketsView {
  readonly services: readonly ServiceView[];
  readonly groups: readonly { readonly id: string; readonly name: Localized }[];
  readonly hint: Localized | null;
  /** An open group, or a switched language, goes back to the start after this long untouched. */
  readonly idleSeconds: number;
  readonly screen: { readonly kind: 'menu' } | { readonly kind: 'ticket'; readonly ticket: TicketView; readonly endsInMs: number };
}

// ---- the office: the operator's console and the hall board (they see the hub through the device) ----

/** How this device reaches its office hub (okno-office/1). */
export interface HubConnectionView {
  /** `connected`: live; `connecting`: not (yet), trying again; `refused`: the hub refused this device (config). */
  readonly state: 'connected' | 'connecting' | 'refused';
  /** Why not connected, in a technician's words; null when connected. */
  readonly problem: string | null;
}

/** What the console's operator asked: a queue command, or signing in or out. */
export type OperatorAction = QueueCommandName | 'sign-in' | 'sign-out';

/**
 * Why the console's request did nothing: the hub's refusal, `offline` (the hub did not answer; the
 * console says "no connection"), `in-flight` (another request of this console is on its way: a
 * double click), `no-hub` (this device has no link to a hub).
 */
export type ConsoleRefusal = OfficeRefusal | 'offline' | 'in-flight' | 'no-hub';

/** The answer to a console's request: done (with the ticket it concerned, if any) or refused, in words the screen chooses. */
export type ConsoleAnswer =
  | { readonly ok: true; readonly ticket: { readonly ticketId: string; readonly number: string } | null }
  | { readonly ok: false; readonly refusal: ConsoleRefusal; readonly message: string };

export interface OperatorTicketView {
  readonly ticketId: string;
  readonly number: string;
  readonly serviceId: string;
  readonly serviceName: Localized;
  /** `called`: invited, on the way; `serving`: at the window. */
  readonly phase: 'called' | 'serving';
  /** When it was called (hub clock, ISO). */
  readonly calledAt: string;
  /** How long it waited in the queue before this call, in whole minutes. */
  readonly waitedMinutes: number;
  readonly recalls: number;
}

export interface OperatorWindowView {
  readonly id: string;
  readonly label: string;
  readonly status: 'closed' | 'open' | 'paused';
  readonly operator: { readonly id: string; readonly name: string } | null;
  readonly current: OperatorTicketView | null;
}

export interface OfficeServiceView {
  readonly id: string;
  readonly prefix: string;
  readonly name: Localized;
  readonly waiting: number;
  /** How long the longest-waiting ticket has waited, in whole minutes; null when none waits. */
  readonly oldestWaitMinutes: number | null;
  /** Whether this console's window serves it (the others are redirect targets). */
  readonly mine: boolean;
}

/** The operator's console (device.mode "operator"). */
export interface OperatorView {
  readonly connection: HubConnectionView;
  /** When the shown office state arrived (device clock, ISO), once it is older than 10 s and the link is not live; else null. */
  readonly staleSince: string | null;
  /** Whether any office state has arrived yet (before: "connecting"). */
  readonly synced: boolean;
  /** This console's window (device.window) as the hub shows it; null before the first state or when the hub has no such window. */
  readonly window: OperatorWindowView | null;
  /** The window's own services first (in its order), then the office's other services. */
  readonly services: readonly OfficeServiceView[];
  /** The other windows (redirect targets). */
  readonly windows: readonly { readonly id: string; readonly label: string; readonly status: 'closed' | 'open' | 'paused' }[];
  /** A request on its way to the hub: the buttons wait for it. */
  readonly pending: OperatorAction | null;
  /** The answer to the last request, shown for a few seconds. */
  readonly notice: { readonly action: OperatorAction; readonly answer: ConsoleAnswer } | null;
}

/**
 * The call the board is announcing now (chime, then the phrase in each language): highlighted on the
 * board while it is spoken. The page fetches its audio (`announcementClip`), plays it and reports
 * (`announcementDone`); the next announcement waits for that report, so two never overlap.
 */
export interface HallAnnouncementView {
  /** One announcement (a call or a recall); the clip and the report use it. */
  readonly id: string;
  readonly ticketId: string;
  readonly number: string;
  readonly recall: number;
  /**
   * A chime comes first: the page asks for the `chime` part and plays it at once, then the `words` part
   * (synthesized meanwhile). Without it, the words' clip is ready when the announcement is shown.
   */
  readonly chime: boolean;
}

export interface HallCallView {
  readonly ticketId: string;
  readonly number: string;
  readonly window: string;
  readonly windowLabel: string;
  /** When it was called (hub clock, ISO). */
  readonly at: string;
  /** 0 for the first call, one more per recall: the board announces a recall again. */
  readonly recall: number;
}

/** The hall board (device.mode "hall"). */
export interface HallView {
  readonly connection: HubConnectionView;
  /** As on the console: the arrival of the shown state once it is older than 10 s and the link is not live. */
  readonly staleSince: string | null;
  readonly synced: boolean;
  readonly services: readonly { readonly id: string; readonly prefix: string; readonly name: Localized; readonly waiting: number }[];
  /** The newest call, shown large. */
  readonly current: HallCallView | null;
  /** The calls before it, newest first. */
  readonly recent: readonly HallCallView[];
  /** Being announced now; null when the board is silent (speech.announce false, or nothing to say). */
  readonly announcement: HallAnnouncementView | null;
}

// ---- speech (docs/accessibility.md) ----

/** Audio the core synthesized: a WAV file (16-bit PCM, mono), base64, for the page to play. */
export interface SpeechClip {
  readonly id: string;
  /** base64 of a whole RIFF/WAVE file. */
  readonly wav: string;
  readonly durationMs: number;
  /** The engine that spoke it: `system` only when the config asked for it and the OS voice worked. */
  readonly engine: SpeechEngineName;
}

/** A key the visitor pressed on the button box in speech mode, for the screen to act on (`seq` increases with each press). */
export interface SpeechKeyView {
  readonly seq: number;
  readonly key: SpeechKeyName;
}

export interface SpeechView {
  /** This device can speak (speech.mode on and an engine loaded); without it the screens show no speech button. */
  readonly available: boolean;
  /** Speech mode: the screen reads itself aloud. Ends when the screen returns to its start. */
  readonly on: boolean;
  /** The playback gain, 0–1: speech.volume, or what the visitor chose for this visit, or what was set until the daily reset. */
  readonly volume: number;
  /** The newest box key in speech mode; null before the first. */
  readonly key: SpeechKeyView | null;
  /** In speech mode every timeout is this many times longer; 1 when off. */
  readonly timeoutFactor: number;
  /** The box's button for each move (buttons.speechKeys), for the screens to say "кнопка 3 — выбрать"; absent: the defaults. */
  readonly keys?: Readonly<Record<SpeechKeyName, number>>;
}

export interface KioskState {
  /** Increases with every change; a transport drops a state older than the one it has. */
  readonly revision: number;
  readonly device: { readonly id: string; readonly office: string; readonly window: string; readonly mode: DeviceMode };
  readonly ui: { readonly defaultLocale: Locale; readonly locales: readonly Locale[] };
  readonly rating: { readonly scale: 3 | 4 | 5; readonly followUpReasons: readonly FollowUpReason[] };
  /** The rating session; on a ticket dispenser only its `locale` matters (phase stays `idle`). */
  readonly session: SessionView;
  /** The ticket dispenser (device.mode "tickets"), else null. */
  readonly tickets: TicketsView | null;
  /** The operator's console (device.mode "operator"), else null. */
  readonly operator: OperatorView | null;
  /** The hall board (device.mode "hall"), else null. */
  readonly hall: HallView | null;
  /** The rating terminal's visit from the office hub, else null (unlinked: the screens are as without a hub). */
  readonly visit: VisitView | null;
  /** Speech mode on the citizen screens, and the volume the hall board plays at. */
  readonly speech: SpeechView;
  readonly health: { readonly needsTechnician: boolean; readonly problems: readonly HealthProblem[] };
  /**
   * Technician mode: closed, the PIN pad, or open. On a device with no config yet it is open with
   * `firstRun` (the setup wizard), and `device` holds placeholders.
   */
  readonly technician: TechnicianView;
}

export type KioskEvent = { readonly type: 'state'; readonly state: KioskState };
