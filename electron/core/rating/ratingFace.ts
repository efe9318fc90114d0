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
}

export function rulesFromConfig(config: Config): RatingRules {
  return {
    scale: config.rating.scale,
    cooldownMs: config.rating.cooldownSeconds * 1000,
    thanksMs: config.rating.thanksSeconds * 1000,
    idleMs: config.rating.idleSeconds * 1000,
    followUp: {
      enabled: config.rating.followUp.enabled,
      maxScore: config.rating.followUp.maxScore,
      ms: config.rating.followUp.seconds * 1000,
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
  const rules = rulesFromConfig(config);
  let session: SessionState = initialSession(rules, clock.monotonicMs());
  let timer: unknown = null;
  let closed = false;

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
    const deadline = nextDeadline(rules, session);
    if (deadline === null || closed) return;
    timer = scheduler.setTimeout(() => {
      timer = null;
      feed({ type: 'tick', at: clock.monotonicMs() });
    }, Math.max(0, deadline - clock.monotonicMs()));
  };

  /** Writes one effect; false when the journal could not take it. */
  const commit = (effect: SessionEffect): boolean => {
    try {
      const journal = store.journal();
      switch (effect.type) {
        case 'recordRating':
          journal.append('rating.submitted', { score: effect.score, scale: effect.scale, source: effect.source, window: config.device.window }, effect.id);
          break;
        case 'recordSuppressed':
          journal.append('rating.suppressed', { score: effect.score, source: effect.source, reason: effect.reason }, effect.id);
          break;
        case 'recordFollowUp':
          journal.append('rating.followUp', { ratingId: effect.ratingId, reason: effect.reason });
          break;
      }
      store.noteWrite(null);
      return true;
    } catch (error) {
      counters.storageWriteFailures += 1;
      store.noteWrite(error);
      return false;
    }
  };

  interface Fed {
    readonly rejected?: string;
    readonly committed: boolean;
    readonly effects: readonly SessionEffect[];
  }

  function feed(input: SessionInput): Fed {
    const before = session;
    const step = nextSession(rules, session, input);
    if (step.rejected) return { rejected: step.rejected, committed: false, effects: [] };
    session = step.state;
    let committed = true;
    for (const effect of step.effects) committed = commit(effect) && committed;
    if (session.phase === 'rated') {
      // The rating must be durable before the screen may say thank you.
      session = nextSession(rules, session, { type: committed ? 'committed' : 'commitFailed', at: clock.monotonicMs() }).state;
    }
    if (session !== before || step.effects.length > 0) deps.onChange();
    schedule();
    return { committed, effects: step.effects };
  }

  const press = (score: number, source: InputSource): Result<PressOutcome> => {
    if (closed) return fail('not-accepting', 'the kiosk is shutting down');
    const id = newEventId();
    const fed = feed({ type: 'press', id, score, source, at: clock.monotonicMs() });
    if (fed.rejected === 'score-out-of-range') {
      counters.scoreOutOfRange += 1;
      deps.onChange();
      return fail('score-out-of-range', `score ${score} is outside the ${rules.scale}-point scale`);
    }
    if (fed.rejected) return fail('not-accepting', `press refused: ${fed.rejected}`);
    if (!fed.committed) return fail('storage-unavailable', 'the press could not be saved: the device needs a technician');
    const recorded = fed.effects.some((effect) => effect.type === 'recordRating');
    return ok({ outcome: recorded ? 'recorded' : 'suppressed', eventId: id });
  };

  const view = (): FaceView => ({ session: sessionView(), tickets: null, problems: [] });

  return {
    name: 'rating',
    view,
    press,
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
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
    },
  };
}
