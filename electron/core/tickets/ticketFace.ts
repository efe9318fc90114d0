import type { Config, Locale, LocalizedText, ServiceConfig } from '../../../shared/config.ts';
import type { ServiceView, TicketView } from '../../../shared/kioskApi.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import type { Clock } from '../clock.ts';
import type { Counters } from '../counters.ts';
import type { Face, FaceView } from '../device/face.ts';
import { encodeTicket } from '../printer/ticketLayout.ts';
import type { ReceiptPrinter } from '../printer/receiptPrinter.ts';
import type { Scheduler } from '../scheduler.ts';
import type { JournalStore, JournalSyncAccess } from '../store/journalStore.ts';
import type { HubLink } from '../office/hubLink.ts';
import { aheadAnswerSchema, type AheadAnswer } from '../../../shared/office/officeProtocol.ts';
import { aheadText } from './aheadText.ts';
import { localTime } from './localTime.ts';
import { serviceAvailability, type DayCount } from './serviceAvailability.ts';
import { createTicketLedger, type IssuedTicket, type TicketLedger } from './ticketLedger.ts';

/**
 * The ticket dispenser's face: the service menu as the hall sees it (what is open, what ran out),
 * issuing a ticket (printer status first, then the number and its event in one transaction, then
 * the paper), and the ticket screen with its timeout.
 */
/** The least time the ticket screen stays in speech mode (see ticketScreenMs). */
export const SPOKEN_TICKET_MS = 45_000;

export interface TicketFace extends Face {
  readonly name: 'tickets';
  close(): Promise<void>;
}

export interface TicketFaceDeps {
  readonly config: Config;
  readonly store: JournalStore & JournalSyncAccess;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly counters: Counters;
  readonly printer: ReceiptPrinter | null;
  /** Told after every change of the screen, the menu, the printer or the counters (the state and the status file). */
  readonly onChange: () => void;
  /** How often the menu re-checks opening hours (a service opening at 09:00 lights up by itself). */
  readonly refreshMs?: number;
  /** The office hub (config `hub`): asked for the people ahead of each new ticket; null or absent: not asked. */
  readonly hub?: HubLink | null;
  /** Counted: answers about people ahead that were late, failed or malformed (the ticket came out without them). */
  readonly onAheadMissing?: (why: 'late' | 'failed' | 'malformed') => void;
  /** Speech mode (WCAG 2.2.1): the ticket screen and the idle time are this many times longer; 1 when absent. */
  readonly timeoutFactor?: () => number;
  /** The screen went back to the menu (a timeout, or the visitor's Done): speech mode ends there. */
  readonly onBackToStart?: () => void;
}

/** How long a ticket waits for the hub's "people ahead" before it is printed without them. */
export const AHEAD_TIMEOUT_MS = 300;

type Screen = { readonly kind: 'menu' } | { readonly kind: 'ticket'; readonly ticket: TicketView; readonly endsAt: number };

const pick = (text: LocalizedText, locale: Locale, fallback: Locale): string => text[locale] ?? text[fallback] ?? Object.values(text)[0] ?? '';

/** "23.11.2026 10:15" from "2026-11-23T10:15:02.120+03:00": the local time the visitor reads. */
export const printedTime = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)} ${iso.slice(11, 16)}`;

export function createTicketFace(deps: TicketFaceDeps): TicketFace {
  const { config, store, clock, scheduler, counters, printer } = deps;
  const queue = config.queue ?? { services: [], groups: [], ticketSeconds: 15, idleSeconds: 60, hint: undefined };
  const defaultLocale = config.ui.locale;
  let locale: Locale = defaultLocale;
  let screen: Screen = { kind: 'menu' };
  let lastActivityAt = clock.monotonicMs();
  let issuing = false;
  let printerProblem = false;
  let screenTimer: unknown = null;
  let lastServices = '';
  let closed = false;
  const factor = (): number => deps.timeoutFactor?.() ?? 1;
  /**
   * How long the ticket stays. With longer timeouts (speech mode) at least SPOKEN_TICKET_MS: the ticket said in
   * full (number, service, people ahead, wait, hint, keys) takes 15–20 s, and a short queue.ticketSeconds × the
   * factor would take the screen away mid-sentence.
   */
  const ticketScreenMs = (): number => {
    const ms = queue.ticketSeconds * 1000 * factor();
    return factor() > 1 ? Math.max(ms, SPOKEN_TICKET_MS) : ms;
  };
  /** The idle time of the menu (a switched language, an open group), longer in speech mode. */
  const idleMs = (): number => queue.idleSeconds * 1000 * factor();

  // One ledger per open database: its statements are prepared once, not at every state.
  let cached: { db: unknown; ledger: TicketLedger } | null = null;
  const ledger = (): TicketLedger => {
    const db = store.database();
    if (cached?.db !== db) cached = { db, ledger: createTicketLedger(db, store.journal()) };
    return cached.ledger;
  };

  const countsToday = (day: string): ReadonlyMap<string, DayCount> => {
    try {
      return ledger().countsFor(day);
    } catch {
      return new Map();
    }
  };

  const services = (): ServiceView[] => {
    const now = localTime(clock.now(), config.device.timezone);
    const counts = countsToday(now.day);
    return queue.services.map((service) => {
      const availability = serviceAvailability(service, now, counts.get(service.id) ?? { last: null, issued: 0 });
      return { id: service.id, name: service.name, bring: service.bring, group: service.group ?? null, ...availability };
    });
  };

  const view = (): FaceView => ({
    session: { phase: 'idle', locale },
    tickets: {
      services: services(),
      groups: queue.groups,
      hint: queue.hint ?? null,
      // The page times an open group by this: told already multiplied in speech mode.
      idleSeconds: queue.idleSeconds * factor(),
      screen:
        screen.kind === 'menu'
          ? { kind: 'menu' }
          : { kind: 'ticket', ticket: screen.ticket, endsInMs: Math.max(0, Math.round(screen.endsAt - clock.monotonicMs())) },
    },
    problems: printerProblem ? ['printer-fault'] : [],
  });

  /** The menu as last told: the opening-hours refresh tells the device only when it changed. */
  const publish = (): void => {
    lastServices = JSON.stringify(services());
    deps.onChange();
  };

  const backToMenu = (): void => {
    screen = { kind: 'menu' };
    locale = defaultLocale;
    lastActivityAt = clock.monotonicMs();
    deps.onBackToStart?.();
  };

  /** One timer for whatever ends next: the ticket screen, or a switched language on an idle menu. */
  const schedule = (): void => {
    if (screenTimer !== null) scheduler.clearTimeout(screenTimer);
    screenTimer = null;
    if (closed) return;
    const deadline =
      screen.kind === 'ticket' ? screen.endsAt : locale !== defaultLocale ? lastActivityAt + idleMs() : null;
    if (deadline === null) return;
    screenTimer = scheduler.setTimeout(() => {
      screenTimer = null;
      backToMenu();
      publish();
      schedule();
    }, Math.max(0, deadline - clock.monotonicMs()));
  };

  const refresh = setInterval(() => {
    if (JSON.stringify(services()) !== lastServices) publish();
  }, deps.refreshMs ?? 30_000);
  refresh.unref();

  const recordFault = (kind: 'paper-out' | 'cover-open' | 'no-answer' | 'offline' | 'open-failed' | 'write-failed', ticketId: string, detail?: string): void => {
    try {
      store.journal().append('printer.fault', { kind, ticketId, ...(detail ? { detail: detail.slice(0, 500) } : {}) });
    } catch {
      counters.storageWriteFailures += 1;
    }
  };

  /**
   * People ahead of a ticket just issued, or null: no hub, or no valid answer within AHEAD_TIMEOUT_MS.
   * Timed here too, by the face's scheduler, so a link that never answers cannot hold a ticket back.
   */
  const askAhead = async (serviceId: string): Promise<AheadAnswer | null> => {
    const hub = deps.hub;
    if (!hub) return null;
    let timer: unknown = null;
    const late = new Promise<'late'>((resolve) => {
      timer = scheduler.setTimeout(() => resolve('late'), AHEAD_TIMEOUT_MS);
    });
    const asked = hub.ahead(serviceId, AHEAD_TIMEOUT_MS).then(
      (answer) => answer,
      () => 'failed' as const,
    );
    try {
      const answer = await Promise.race([asked, late]);
      if (answer === 'late' || answer === 'failed' || answer === null) {
        deps.onAheadMissing?.(answer === null ? 'late' : answer);
        return null;
      }
      const checked = aheadAnswerSchema.safeParse(answer);
      if (!checked.success || checked.data.serviceId !== serviceId) {
        deps.onAheadMissing?.('malformed');
        return null;
      }
      return checked.data;
    } finally {
      scheduler.clearTimeout(timer);
    }
  };

  const printTicket = (ticket: IssuedTicket, service: ServiceConfig, ahead: AheadAnswer | null): void => {
    if (!printer) return;
    const bytes = encodeTicket({
      office: config.device.office,
      number: ticket.number,
      service: pick(service.name, locale, defaultLocale),
      issuedAt: printedTime(ticket.issuedAt),
      ahead: ahead ? aheadText(locale, ahead.ahead, ahead.estimateMinutes) : null,
      hint: queue.hint ? pick(queue.hint, locale, defaultLocale) : null,
      ticketId: ticket.id,
      columns: config.printer?.columns ?? 48,
    });
    void printer.print(bytes).then((printed) => {
      printerProblem = !printed;
      if (printed) return;
      recordFault('write-failed', ticket.id, printer.status().lastFault ?? undefined);
      // The number was given but the paper did not come: the screen must say "note your number".
      if (screen.kind === 'ticket' && screen.ticket.id === ticket.id) screen = { ...screen, ticket: { ...screen.ticket, printed: 'failed' } };
      publish();
    });
  };

  async function issueTicket(serviceId: string): Promise<Result<TicketView>> {
    if (closed) return fail('not-accepting', 'the dispenser is shutting down');
    if (issuing) return fail('not-accepting', 'a ticket is being issued');
    const service = queue.services.find((candidate) => candidate.id === serviceId);
    if (!service) return fail('unknown-service', `no service "${serviceId}" on this dispenser`);
    issuing = true;
    try {
      const check = printer ? await printer.check() : null;
      const printed = check === null ? 'no' : check.ready ? 'yes' : 'failed';
      // The day is that of the moment of issue, after the printer answered.
      const now = localTime(clock.now(), config.device.timezone);
      let issued;
      try {
        const availability = serviceAvailability(service, now, ledger().countsFor(now.day).get(service.id) ?? { last: null, issued: 0 });
        if (!availability.available && availability.unavailable === 'closed') {
          return fail('service-unavailable', `"${service.id}" is closed now`);
        }
        issued = ledger().issue(service, now.day, printed);
        store.noteWrite(null);
      } catch (error) {
        counters.storageWriteFailures += 1;
        store.noteWrite(error);
        publish();
        return fail('storage-unavailable', 'the ticket could not be saved: the device needs a technician');
      }
      if ('refused' in issued) {
        publish();
        return fail('service-unavailable', `"${service.id}": ${issued.refused}`);
      }
      const ticket = issued.ticket;
      if (check && !check.ready) recordFault(check.fault, ticket.id, check.detail);
      printerProblem = check !== null && !check.ready;
      // The ticket is in the journal already: the hub's answer only adds a line, it never holds the ticket.
      const ahead = await askAhead(service.id);
      if (printed === 'yes') printTicket(ticket, service, ahead);
      const view: TicketView = {
        id: ticket.id,
        number: ticket.number,
        serviceId: service.id,
        issuedAt: ticket.issuedAt,
        printed,
        ahead: ahead?.ahead ?? null,
        estimateMinutes: ahead?.estimateMinutes ?? null,
      };
      screen = { kind: 'ticket', ticket: view, endsAt: clock.monotonicMs() + ticketScreenMs() };
      lastActivityAt = clock.monotonicMs();
      publish();
      schedule();
      return ok(view);
    } finally {
      issuing = false;
    }
  }

  /** The running countdown (the ticket screen, or a switched language's way back) moved to end at `endsAt(current end)`. */
  const moveCountdown = (endsAt: (current: number, now: number) => number): boolean => {
    const now = clock.monotonicMs();
    if (screen.kind === 'ticket') screen = { ...screen, endsAt: endsAt(screen.endsAt, now) };
    else if (locale !== defaultLocale) lastActivityAt = endsAt(lastActivityAt + idleMs(), now) - idleMs();
    else return false;
    publish();
    schedule();
    return true;
  };

  return {
    name: 'tickets',
    view,
    countdowns: {
      stretch: (by) => {
        // The menu's idle time is counted from the last activity, already with the new factor: only the ticket screen's end is fixed.
        if (screen.kind === 'ticket') moveCountdown((endsAt, now) => now + Math.max(0, endsAt - now) * by);
        else schedule();
      },
      moreTime: (ms) => moveCountdown((endsAt, now) => Math.max(endsAt, now) + ms),
    },
    handlers: {
      setLocale: (input) => {
        if (!config.ui.locales.includes(input.locale)) return fail('unknown-locale', `locale ${input.locale} is not enabled on this device`);
        locale = input.locale;
        lastActivityAt = clock.monotonicMs();
        publish();
        schedule();
        return ok(null);
      },
      issueTicket: (input) => issueTicket(input.serviceId),
      closeTicket: () => {
        if (screen.kind === 'ticket') {
          backToMenu();
          publish();
          schedule();
        }
        return ok(null);
      },
    },
    async close() {
      closed = true;
      clearInterval(refresh);
      if (screenTimer !== null) scheduler.clearTimeout(screenTimer);
      screenTimer = null;
      await printer?.close();
    },
  };
}
