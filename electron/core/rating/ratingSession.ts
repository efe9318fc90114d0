import type { Locale } from '../../../shared/config.ts';
import type { InputSource, SuppressReason } from '../../../shared/events.ts';
import type { FollowUpReason } from '../../../shared/followUp.ts';
import type { VisitLink } from './windowVisit.ts';

/**
 * The rating session of one service window, as a pure state machine: no clock, no I/O.
 * Time arrives as `at` (milliseconds of a monotonic clock) in every input; what must be recorded
 * leaves as effects, which the caller commits before it shows the next state.
 *
 *   idle ──press──▶ rated ──committed──▶ followUp (low score) ──answer/skip──▶ thanks ──timeout──▶ idle
 *                     │                      └──────────timeout──────────────────────────────────▶ idle
 *                     │                  ──▶ thanks (other scores)
 *                     └──commitFailed──▶ notSaved ──timeout──▶ idle
 *
 * One vote per visit: a press while the thanks or follow-up screen is up, or within
 * `cooldownSeconds` after a vote, is a `rating.suppressed` effect, never a rating.
 *
 * With an office hub a press may carry the visit (ticket) it is about: then the visit itself is the
 * rule, one rating per ticket, and the cooldown (a guess at "the same visit") does not apply. A press
 * for a ticket rated already is suppressed as `already-rated`; so is one the journal refuses as a
 * second rating of its ticket (`alreadyRated` after the commit: rated ──alreadyRated──▶ thanks).
 *
 * Timeouts (WCAG 2.2.1): the caller gives the rules with every duration already multiplied for speech
 * mode; `stretch` makes the countdown running now longer when speech mode turns on, and `moreTime`
 * ("more time") lets it run on; a changed language's way back on the start screen counts as one.
 */

export interface RatingRules {
  readonly scale: 3 | 4 | 5;
  readonly cooldownMs: number;
  readonly thanksMs: number;
  readonly idleMs: number;
  readonly followUp: { readonly enabled: boolean; readonly maxScore: number; readonly ms: number };
  readonly defaultLocale: Locale;
  readonly locales: readonly Locale[];
}

export type SessionState =
  | { readonly phase: 'idle'; readonly locale: Locale; readonly lastVoteAt: number | null; readonly lastActivityAt: number }
  | { readonly phase: 'rated'; readonly locale: Locale; readonly lastVoteAt: number | null; readonly ratingId: string; readonly score: number; readonly at: number }
  | { readonly phase: 'followUp'; readonly locale: Locale; readonly lastVoteAt: number; readonly ratingId: string; readonly score: number; readonly endsAt: number }
  | { readonly phase: 'thanks'; readonly locale: Locale; readonly lastVoteAt: number | null; readonly kind: 'voted' | 'already-counted'; readonly endsAt: number }
  | { readonly phase: 'notSaved'; readonly locale: Locale; readonly lastVoteAt: number | null; readonly endsAt: number };

/** The visit a press is about, and whether a rating of it is on record already. */
export interface PressVisit {
  readonly link: VisitLink;
  readonly alreadyRated: boolean;
}

export type SessionInput =
  /** `id` is the journal id the press will get, whatever it turns out to be (rating or suppressed). */
  | { readonly type: 'press'; readonly id: string; readonly score: number; readonly source: InputSource; readonly at: number; readonly visit?: PressVisit }
  /** The journal refused the rating just pressed: its ticket has a rating already. */
  | { readonly type: 'alreadyRated'; readonly source: InputSource; readonly at: number }
  | { readonly type: 'committed'; readonly at: number }
  | { readonly type: 'commitFailed'; readonly at: number }
  | { readonly type: 'answerFollowUp'; readonly reason: FollowUpReason | null; readonly at: number }
  | { readonly type: 'setLocale'; readonly locale: Locale; readonly at: number }
  /** Speech mode turned on: what is left of the running countdown is `factor` times longer. */
  | { readonly type: 'stretch'; readonly factor: number; readonly at: number }
  /** "More time": the running countdown ends `ms` later than it would have (never limited in count). */
  | { readonly type: 'moreTime'; readonly ms: number; readonly at: number }
  | { readonly type: 'tick'; readonly at: number };

export type SessionEffect =
  | { readonly type: 'recordRating'; readonly id: string; readonly score: number; readonly scale: number; readonly source: InputSource; readonly link?: VisitLink }
  | { readonly type: 'recordSuppressed'; readonly id: string; readonly score: number; readonly source: InputSource; readonly reason: SuppressReason }
  | { readonly type: 'recordFollowUp'; readonly ratingId: string; readonly reason: FollowUpReason };

export type Rejection = 'score-out-of-range' | 'unknown-locale' | 'no-follow-up' | 'busy' | 'no-countdown';

export interface Step {
  readonly state: SessionState;
  readonly effects: readonly SessionEffect[];
  /** Set when the input was refused; the state is then unchanged and there are no effects. */
  readonly rejected?: Rejection;
}

export const initialSession = (rules: RatingRules, at: number): SessionState => ({
  phase: 'idle',
  locale: rules.defaultLocale,
  lastVoteAt: null,
  lastActivityAt: at,
});

const stay = (state: SessionState): Step => ({ state, effects: [] });
const reject = (state: SessionState, rejected: Rejection): Step => ({ state, effects: [], rejected });

const backToStart = (rules: RatingRules, lastVoteAt: number | null, at: number): SessionState => ({
  phase: 'idle',
  locale: rules.defaultLocale,
  lastVoteAt,
  lastActivityAt: at,
});

function suppressed(input: Extract<SessionInput, { type: 'press' }>, reason: SuppressReason): SessionEffect {
  return { type: 'recordSuppressed', id: input.id, score: input.score, source: input.source, reason };
}

function press(rules: RatingRules, state: SessionState, input: Extract<SessionInput, { type: 'press' }>): Step {
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > rules.scale) {
    return reject(state, 'score-out-of-range');
  }
  switch (state.phase) {
    case 'rated':
      // Only reachable if a caller feeds a press before reporting the commit; refuse rather than guess.
      return reject(state, 'busy');
    case 'thanks':
      return { state, effects: [suppressed(input, 'thanks-screen')] };
    case 'followUp':
      return { state, effects: [suppressed(input, 'follow-up')] };
    case 'idle':
    case 'notSaved': {
      if (input.visit?.alreadyRated) {
        // One rating per ticket: say it already counts; the vote time and the cooldown stay as they were.
        return {
          state: { phase: 'thanks', locale: state.locale, lastVoteAt: state.lastVoteAt, kind: 'already-counted', endsAt: input.at + rules.thanksMs },
          effects: [suppressed(input, 'already-rated')],
        };
      }
      if (!input.visit && state.lastVoteAt !== null && input.at - state.lastVoteAt < rules.cooldownMs) {
        // Same visit: say the vote already counts, without moving the cooldown or the vote time.
        return {
          state: { phase: 'thanks', locale: state.locale, lastVoteAt: state.lastVoteAt, kind: 'already-counted', endsAt: input.at + rules.thanksMs },
          effects: [suppressed(input, 'cooldown')],
        };
      }
      return {
        state: { phase: 'rated', locale: state.locale, lastVoteAt: state.lastVoteAt, ratingId: input.id, score: input.score, at: input.at },
        effects: [
          {
            type: 'recordRating',
            id: input.id,
            score: input.score,
            scale: rules.scale,
            source: input.source,
            ...(input.visit ? { link: input.visit.link } : {}),
          },
        ],
      };
    }
  }
}

function committed(rules: RatingRules, state: SessionState, at: number): Step {
  if (state.phase !== 'rated') return stay(state);
  const asksFollowUp = rules.followUp.enabled && state.score <= rules.followUp.maxScore;
  if (asksFollowUp) {
    return stay({ phase: 'followUp', locale: state.locale, lastVoteAt: at, ratingId: state.ratingId, score: state.score, endsAt: at + rules.followUp.ms });
  }
  return stay({ phase: 'thanks', locale: state.locale, lastVoteAt: at, kind: 'voted', endsAt: at + rules.thanksMs });
}

function commitFailed(rules: RatingRules, state: SessionState, at: number): Step {
  if (state.phase !== 'rated') return stay(state);
  // Nothing was counted, so the cooldown does not start: the citizen may try again.
  return stay({ phase: 'notSaved', locale: state.locale, lastVoteAt: state.lastVoteAt, endsAt: at + rules.thanksMs });
}

function alreadyRated(rules: RatingRules, state: SessionState, input: Extract<SessionInput, { type: 'alreadyRated' }>): Step {
  if (state.phase !== 'rated') return stay(state);
  // The press becomes the suppressed one, under the id it was given; nothing new was counted.
  return {
    state: { phase: 'thanks', locale: state.locale, lastVoteAt: state.lastVoteAt, kind: 'already-counted', endsAt: input.at + rules.thanksMs },
    effects: [{ type: 'recordSuppressed', id: state.ratingId, score: state.score, source: input.source, reason: 'already-rated' }],
  };
}

function answerFollowUp(rules: RatingRules, state: SessionState, input: Extract<SessionInput, { type: 'answerFollowUp' }>): Step {
  if (state.phase !== 'followUp') return reject(state, 'no-follow-up');
  const thanks: SessionState = { phase: 'thanks', locale: state.locale, lastVoteAt: state.lastVoteAt, kind: 'voted', endsAt: input.at + rules.thanksMs };
  if (input.reason === null) return stay(thanks);
  return { state: thanks, effects: [{ type: 'recordFollowUp', ratingId: state.ratingId, reason: input.reason }] };
}

/** The countdown running now moved to end at `endsAt(current end)`; rejected when none runs. */
function moveCountdown(rules: RatingRules, state: SessionState, endsAt: (current: number) => number): Step {
  switch (state.phase) {
    case 'followUp':
    case 'thanks':
    case 'notSaved':
      return stay({ ...state, endsAt: endsAt(state.endsAt) });
    case 'idle': {
      // The changed language's way back to the start: moved through the time of the last activity.
      const deadline = nextDeadline(rules, state);
      if (deadline === null) return reject(state, 'no-countdown');
      return stay({ ...state, lastActivityAt: endsAt(deadline) - rules.idleMs });
    }
    case 'rated':
      return reject(state, 'no-countdown');
  }
}

function tick(rules: RatingRules, state: SessionState, at: number): Step {
  switch (state.phase) {
    case 'idle':
      if (state.locale !== rules.defaultLocale && at - state.lastActivityAt >= rules.idleMs) {
        return stay(backToStart(rules, state.lastVoteAt, at));
      }
      return stay(state);
    case 'followUp':
    case 'thanks':
    case 'notSaved':
      return at >= state.endsAt ? stay(backToStart(rules, state.lastVoteAt, at)) : stay(state);
    case 'rated':
      return stay(state);
  }
}

export function nextSession(rules: RatingRules, state: SessionState, input: SessionInput): Step {
  // A late timer must not turn a new visit's vote into a suppressed press: catch up on expired
  // screens first, whatever the input.
  if (input.type !== 'tick') state = tick(rules, state, input.at).state;
  switch (input.type) {
    case 'press':
      return press(rules, state, input);
    case 'committed':
      return committed(rules, state, input.at);
    case 'commitFailed':
      return commitFailed(rules, state, input.at);
    case 'alreadyRated':
      return alreadyRated(rules, state, input);
    case 'answerFollowUp':
      return answerFollowUp(rules, state, input);
    case 'setLocale':
      if (!rules.locales.includes(input.locale)) return reject(state, 'unknown-locale');
      if (state.phase === 'idle') return stay({ ...state, locale: input.locale, lastActivityAt: input.at });
      return stay({ ...state, locale: input.locale });
    case 'stretch':
      // The start screen's idle time is counted from the last activity with the rules given: already longer.
      if (state.phase === 'idle') return stay(state);
      return moveCountdown(rules, state, (endsAt) => input.at + Math.max(0, endsAt - input.at) * input.factor);
    case 'moreTime':
      return moveCountdown(rules, state, (endsAt) => Math.max(endsAt, input.at) + input.ms);
    case 'tick':
      return tick(rules, state, input.at);
  }
}

/** When the next `tick` can change something, or null when only an input can. */
export function nextDeadline(rules: RatingRules, state: SessionState): number | null {
  switch (state.phase) {
    case 'idle':
      return state.locale !== rules.defaultLocale ? state.lastActivityAt + rules.idleMs : null;
    case 'followUp':
    case 'thanks':
    case 'notSaved':
      return state.endsAt;
    case 'rated':
      return null;
  }
}
