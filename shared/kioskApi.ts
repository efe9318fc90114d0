import type { Locale } from './config.ts';
import type { FollowUpReason } from './followUp.ts';
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

export interface KioskState {
  /** Increases with every change; a transport drops a state older than the one it has. */
  readonly revision: number;
  readonly device: { readonly id: string; readonly office: string; readonly window: string; readonly mode: 'rating' | 'tickets' };
  readonly ui: { readonly defaultLocale: Locale; readonly locales: readonly Locale[] };
  readonly rating: { readonly scale: 3 | 4 | 5; readonly followUpReasons: readonly FollowUpReason[] };
  /** The rating session; on a ticket dispenser only its `locale` matters (phase stays `idle`). */
  readonly session: SessionView;
  /** The ticket dispenser (device.mode "tickets"), else null. */
  readonly tickets: TicketsView | null;
  /** The rating terminal's visit from the office hub, else null (unlinked: the screens are as without a hub). */
  readonly visit: VisitView | null;
  readonly health: { readonly needsTechnician: boolean; readonly problems: readonly HealthProblem[] };
  /**
   * Technician mode: closed, the PIN pad, or open. On a device with no config yet it is open with
   * `firstRun` (the setup wizard), and `device` holds placeholders.
   */
  readonly technician: TechnicianView;
}

export type KioskEvent = { readonly type: 'state'; readonly state: KioskState };
