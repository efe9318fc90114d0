import type { Config } from '../../../shared/config.ts';
import type { InputSource } from '../../../shared/events.ts';
import type { PressOutcome, SessionView } from '../../../shared/kioskApi.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import type { Clock } from '../clock.ts';
import type { Counters } from '../counters.ts';
import type { Face, FaceView } from '../device/face.ts';
import type { Scheduler } from '../scheduler.ts';
import { newEventId } from '../store/journal.ts';
import type { JournalStore } from '../store/journalStore.ts';
import type { HubLink } from '../office/hubLink.ts';
import { UNLINKED, windowVisit, type WindowVisit } from './windowVisit.ts';
import {
  initialSession,
  nextDeadline,
  nextSession,
  type RatingRules,
  type SessionEffect,
  type SessionInput,
  type SessionState,
} from './ratingSession.ts';

export interface RatingFace extends Face {
  readonly name: 'rating';
  /** A press from hardware (serial buttons). Goes through the same session as touch. */
  press(score: number, source: InputSource): Result<PressOutcome>;
  close(): void;
}

export interface RatingFaceDeps {
  readonly config: Config;
  readonly store: JournalStore;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly counters: Counters;
  /** Told after every change of the screen, of health or of counters (the state and the status file). */
  readonly onChange: () => void;
  /**
   * The office hub (config `hub`): the screen follows this terminal's window (device.window) and a
   * press is linked to its visit. Null or absent, or the hub not connected: unlinked, as without one.
   */
  readonly hub?: HubLink | null;
  /** Whether the journal holds a rating of this ticket (one per ticket); null when it cannot tell now. */
  readonly ratedTicket?: (ticketId: string) => boolean | null;
  /** Lights the box's rating LEDs once (okno-buttons/1 `L<n>`); repeated, it makes the invitation to rate blink. */
  readonly lightLeds?: () => void;
  /** Speech mode (WCAG 2.2.1): every screen timeout is this many times longer; 1 when absent. */
  readonly timeoutFactor?: () => number;
  /** The screen went back to its start by itself (a timeout): speech mode ends there. */
  readonly onBackToStart?: () => void;
}

/** The firmware lights an LED for 1.5 s: lit again every 3 s, it blinks. */
export const INVITE_BLINK_PERIOD_MS = 3_000;
/** A visitor who walked away is not invited for ever: the LEDs stop after this (the screen keeps inviting). */
export const INVITE_BLINK_MS = 120_000;

/** The journal's unique index on a rating's ticket (migration 5) refused a second rating of a ticket. */
export const isSecondRatingOfTicket = (error: unknown): boolean =>
  error instanceof Error &&
  'code' in error &&
  typeof error.code === 'string' &&
  error.code.startsWith('SQLITE_CONSTRAINT') &&
  error.message.includes('events_rating_ticket');

/** The session's rules; `timeoutFactor` (speech mode) lengthens what the visitor reads, not the cooldown between visits. */
export function rulesFromConfig(config: Config, timeoutFactor = 1): RatingRules {
  return {
    scale: config.rating.scale,
    cooldownMs: config.rating.cooldownSeconds * 1000,
    thanksMs: config.rating.thanksSeconds * 1000 * timeoutFactor,
    idleMs: config.rating.idleSeconds * 1000 * timeoutFactor,
    followUp: {
      enabled: config.rating.followUp.enabled,
      maxScore: config.rating.followUp.maxScore,
      ms: config.rating.followUp.seconds * 1000 * timeoutFactor,
    },
    defaultLocale: config.ui.locale,
    locales: config.ui.locales,
  };
}

/**
 * The rating terminal's face: runs the pure rating session, commits its effects to the journal
 * before anything is shown, tells the device each change and keeps the screen timeouts.
 */
export function createRatingFace(deps: RatingFaceDeps): RatingFace {
  const { config, store, clock, scheduler, counters } = deps;
  const plainRules = rulesFromConfig(config);
  let scaled: { factor: number; rules: RatingRules } = { factor: 1, rules: plainRules };
  /** The rules with the timeouts of now: longer in speech mode. */
  const rulesNow = (): RatingRules => {
    const factor = deps.timeoutFactor?.() ?? 1;
    if (factor !== scaled.factor) scaled = { factor, rules: rulesFromConfig(config, factor) };
    return scaled.rules;
  };
  let session: SessionState = initialSession(plainRules, clock.monotonicMs());
  let timer: unknown = null;
  let closed = false;

  // ---- the visit at this window (office hub) ----
  const hub = deps.hub ?? null;
  /** Tickets known rated (or known not): the journal is asked once per ticket, not at every state. */
  const rated = new Map<string, boolean>();
  const isRated = (ticketId: string): boolean => {
    const known = rated.get(ticketId);
    if (known !== undefined) return known;
    const answer = deps.ratedTicket?.(ticketId) ?? null;
    if (answer !== null) rated.set(ticketId, answer);
    return answer ?? false;
  };
  const currentVisit = (): WindowVisit =>
    hub ? windowVisit(hub.snapshot(), hub.status().state === 'connected', config.device.window, isRated) : UNLINKED;
  let visit: WindowVisit = currentVisit();
  let blink: { ticketNumber: string; until: number; timer: unknown } | null = null;

  const stopBlink = (): void => {
    if (blink && blink.timer !== null) scheduler.clearTimeout(blink.timer);
    blink = null;
  };
  const blinkTick = (): void => {
    if (!blink || closed) return;
    if (clock.monotonicMs() >= blink.until) {
      blink = { ...blink, timer: null };
      return;
    }
    deps.lightLeds?.();
    blink = { ...blink, timer: scheduler.setTimeout(blinkTick, INVITE_BLINK_PERIOD_MS) };
  };
  /** The LEDs blink while the screen invites to rate a visit, from the moment it starts, for a while. */
  const updateBlink = (): void => {
    const inviting = visit.view?.phase === 'rate' && !closed && deps.lightLeds ? visit.view.ticketNumber : null;
    if (inviting === blink?.ticketNumber) return;
    stopBlink();
    if (inviting === null) return;
    // Through the scheduler, never in the caller's stack: the box may not be made yet when the face is.
    blink = { ticketNumber: inviting, until: clock.monotonicMs() + INVITE_BLINK_MS, timer: scheduler.setTimeout(blinkTick, 0) };
  };
  /** A new snapshot or link status: tell the device only when this window's visit changed. */
  const followHub = (): void => {
    if (closed) return;
    const next = currentVisit();
    const changed = JSON.stringify(next) !== JSON.stringify(visit);
    visit = next;
    updateBlink();
    if (changed) deps.onChange();
  };
  const stopFollowing = hub ? hub.onChange(followHub) : () => undefined;
  updateBlink();

  const sessionView = (): SessionView => {
    const remaining = (endsAt: number): number => Math.max(0, Math.round(endsAt - clock.monotonicMs()));
    switch (session.phase) {
      case 'idle':
      case 'rated':
        return { phase: 'idle', locale: session.locale };
      case 'followUp':
        return { phase: 'followUp', locale: session.locale, score: session.score, endsInMs: remaining(session.endsAt) };
      case 'thanks':
        return { phase: 'thanks', locale: session.locale, kind: session.kind, endsInMs: remaining(session.endsAt) };
      case 'notSaved':
        return { phase: 'notSaved', locale: session.locale, endsInMs: remaining(session.endsAt) };
    }
  };

  const schedule = (): void => {
    if (timer !== null) scheduler.clearTimeout(timer);
    timer = null;
    const deadline = nextDeadline(rulesNow(), session);
    if (deadline === null || closed) return;
    timer = scheduler.setTimeout(() => {
      timer = null;
      feed({ type: 'tick', at: clock.monotonicMs() });
    }, Math.max(0, deadline - clock.monotonicMs()));
  };

  type Written = 'written' | 'failed' | 'already-rated';

  /** Writes one effect. */
  const commit = (effect: SessionEffect): Written => {
    try {
      const journal = store.journal();
      switch (effect.type) {
        case 'recordRating': {
          const link = effect.link
            ? { ticketId: effect.link.ticketId, ticketNumber: effect.link.ticketNumber, serviceId: effect.link.serviceId, operatorId: effect.link.operatorId }
            : {};
          journal.append('rating.submitted', { score: effect.score, scale: effect.scale, source: effect.source, window: config.device.window, ...link }, effect.id);
          if (effect.link) rated.set(effect.link.ticketId, true);
          break;
        }
        case 'recordSuppressed':
          journal.append('rating.suppressed', { score: effect.score, source: effect.source, reason: effect.reason }, effect.id);
          break;
        case 'recordFollowUp':
          journal.append('rating.followUp', { ratingId: effect.ratingId, reason: effect.reason });
          break;
      }
      store.noteWrite(null);
      return 'written';
    } catch (error) {
      if (effect.type === 'recordRating' && effect.link && isSecondRatingOfTicket(error)) {
        // Another press got there first (or the cache was cold): the ticket has its rating. Not a storage fault.
        rated.set(effect.link.ticketId, true);
        return 'already-rated';
      }
      counters.storageWriteFailures += 1;
      store.noteWrite(error);
      return 'failed';
    }
  };

  interface Fed {
    readonly rejected?: string;
    readonly committed: boolean;
    /** Whether a rating was written (not a suppressed press, not a second rating of its ticket). */
    readonly recorded: boolean;
  }

  function feed(input: SessionInput): Fed {
    const before = session;
    const step = nextSession(rulesNow(), session, input);
    if (step.rejected) return { rejected: step.rejected, committed: false, recorded: false };
    session = step.state;
    const written = step.effects.map(commit);
    let committed = !written.includes('failed');
    const recorded = step.effects.some((effect, index) => effect.type === 'recordRating' && written[index] === 'written');
    if (session.phase === 'rated') {
      if (written.includes('already-rated') && input.type === 'press') {
        const again = nextSession(rulesNow(), session, { type: 'alreadyRated', source: input.source, at: clock.monotonicMs() });
        session = again.state;
        committed = again.effects.map(commit).every((outcome) => outcome === 'written');
      } else {
        // The rating must be durable before the screen may say thank you.
        session = nextSession(rulesNow(), session, { type: committed ? 'committed' : 'commitFailed', at: clock.monotonicMs() }).state;
      }
    }
    if (written.length > 0) {
      // A rated visit leaves the screen (and the LEDs stop).
      visit = currentVisit();
      updateBlink();
    }
    if (session !== before || step.effects.length > 0) deps.onChange();
    // A timeout took the screen back to its start (a tick changes the session only so).
    if (input.type === 'tick' && session !== before) deps.onBackToStart?.();
    schedule();
    return { committed, recorded };
  }

  const press = (score: number, source: InputSource): Result<PressOutcome> => {
    if (closed) return fail('not-accepting', 'the kiosk is shutting down');
    const id = newEventId();
    // The snapshot at hand, never a request: a press does not wait for the network.
    const link = currentVisit().link;
    const pressVisit = link ? { link, alreadyRated: isRated(link.ticketId) } : undefined;
    const fed = feed({ type: 'press', id, score, source, at: clock.monotonicMs(), ...(pressVisit ? { visit: pressVisit } : {}) });
    if (fed.rejected === 'score-out-of-range') {
      counters.scoreOutOfRange += 1;
      deps.onChange();
      return fail('score-out-of-range', `score ${score} is outside the ${plainRules.scale}-point scale`);
    }
    if (fed.rejected) return fail('not-accepting', `press refused: ${fed.rejected}`);
    if (!fed.committed) return fail('storage-unavailable', 'the press could not be saved: the device needs a technician');
    return ok({ outcome: fed.recorded ? 'recorded' : 'suppressed', eventId: id });
  };

  const view = (): FaceView => ({ session: sessionView(), tickets: null, visit: visit.view, problems: [] });

  return {
    name: 'rating',
    view,
    press,
    countdowns: {
      stretch: (factor) => void feed({ type: 'stretch', factor, at: clock.monotonicMs() }),
      moreTime: (ms) => feed({ type: 'moreTime', ms, at: clock.monotonicMs() }).rejected === undefined,
    },
    handlers: {
      press: (input) => press(input.score, input.source),
      answerFollowUp: (input) => {
        const fed = feed({ type: 'answerFollowUp', reason: input.reason, at: clock.monotonicMs() });
        if (fed.rejected) return fail('no-follow-up', 'no follow-up question is on screen');
        return fed.committed ? ok(null) : fail('storage-unavailable', 'the answer could not be saved');
      },
      setLocale: (input) => {
        const fed = feed({ type: 'setLocale', locale: input.locale, at: clock.monotonicMs() });
        return fed.rejected ? fail('unknown-locale', `locale ${input.locale} is not enabled on this device`) : ok(null);
      },
    },
    close() {
      closed = true;
      stopFollowing();
      stopBlink();
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
    },
  };
}
