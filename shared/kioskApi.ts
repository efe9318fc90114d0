import { z } from 'zod';
import type { Locale } from './config.ts';
import { localeSchema } from './config.ts';
import { FOLLOW_UP_REASONS, type FollowUpReason } from './followUp.ts';
import { BRIDGE_NAME, HTTP_EVENTS, HTTP_STATE, IPC_EVENT, IPC_GET_STATE, KIOSK_CHANNELS, type KioskIntent } from './kioskChannels.ts';
import type { Result } from './result.ts';
import type { TechnicianApi, TechnicianView } from './technicianApi.ts';

/**
 * KioskApi: the renderer's only door to the device. Two transports implement it — Electron IPC via
 * the preload bridge, and HTTP + server-sent events via the browser host — and the same contract
 * tests run against both and against the core directly.
 */

// ---- what the renderer may ask (validated with these schemas on the core side) ----

/** A renderer can only report touch or keyboard presses; serial presses come from the core itself. */
export const pressInputSchema = z.strictObject({
  score: z.number().int().min(1).max(9),
  source: z.enum(['touch', 'keyboard']),
});
export type PressInput = z.infer<typeof pressInputSchema>;

/** `reason: null` is "skip". */
export const followUpInputSchema = z.strictObject({
  reason: z.enum(FOLLOW_UP_REASONS).nullable(),
});
export type FollowUpInput = z.infer<typeof followUpInputSchema>;

export const localeInputSchema = z.strictObject({ locale: localeSchema });
export type LocaleInput = z.infer<typeof localeInputSchema>;

/** Ticket dispenser: a visitor picked a service. */
export const issueTicketInputSchema = z.strictObject({ serviceId: z.string().min(1).max(64) });
export type IssueTicketInput = z.infer<typeof issueTicketInputSchema>;

/** Ticket dispenser: "done" on the ticket screen, back to the menu before the timeout. */
export const closeTicketInputSchema = z.strictObject({});
export type CloseTicketInput = z.infer<typeof closeTicketInputSchema>;

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
  readonly health: { readonly needsTechnician: boolean; readonly problems: readonly HealthProblem[] };
  /**
   * Technician mode: closed, the PIN pad, or open. On a device with no config yet it is open with
   * `firstRun` (the setup wizard), and `device` holds placeholders.
   */
  readonly technician: TechnicianView;
}

export type KioskEvent = { readonly type: 'state'; readonly state: KioskState };

export interface KioskApi {
  getState(): Promise<KioskState>;
  press(input: PressInput): Promise<Result<PressOutcome>>;
  answerFollowUp(input: FollowUpInput): Promise<Result<null>>;
  setLocale(input: LocaleInput): Promise<Result<null>>;
  issueTicket(input: IssueTicketInput): Promise<Result<TicketView>>;
  closeTicket(input: CloseTicketInput): Promise<Result<null>>;
  /** Technician mode (shared/technicianApi.ts). */
  readonly technician: TechnicianApi;
  /** Listener gets every state the core publishes, in order. Returns the unsubscribe function. */
  subscribe(listener: (event: KioskEvent) => void): () => void;
}

/** The intents, with their schema and their names on each transport (shared/kioskChannels.ts). */
export const KIOSK_INTENTS = {
  press: { schema: pressInputSchema, ...KIOSK_CHANNELS.press },
  answerFollowUp: { schema: followUpInputSchema, ...KIOSK_CHANNELS.answerFollowUp },
  setLocale: { schema: localeInputSchema, ...KIOSK_CHANNELS.setLocale },
  issueTicket: { schema: issueTicketInputSchema, ...KIOSK_CHANNELS.issueTicket },
  closeTicket: { schema: closeTicketInputSchema, ...KIOSK_CHANNELS.closeTicket },
} as const satisfies Record<KioskIntent, unknown>;

export { BRIDGE_NAME, HTTP_EVENTS, HTTP_STATE, IPC_EVENT, IPC_GET_STATE, type KioskIntent };
