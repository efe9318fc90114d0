import { describe, expect, it } from 'vitest';
import {
  initialSession,
  nextDeadline,
  nextSession,
  type RatingRules,
  type SessionInput,
  type SessionState,
  type Step,
} from '../../../../../electron/core/rating/ratingSession.ts';

const rules = (overrides: Partial<RatingRules> = {}): RatingRules => ({
  scale: 5,
  cooldownMs: 10_000,
  thanksMs: 4_000,
  idleMs: 60_000,
  followUp: { enabled: true, maxScore: 2, ms: 20_000 },
  defaultLocale: 'ru',
  locales: ['ru', 'en'],
  ...overrides,
});

let ids = 0;
const press = (score: number, at: number, source: 'touch' | 'keyboard' | 'serial' = 'touch'): SessionInput => ({
  type: 'press',
  id: `id-${++ids}`,
  score,
  source,
  at,
});

/** Feeds inputs, reporting every commit as successful (what the kiosk does when the disk is fine). */
function run(r: RatingRules, inputs: SessionInput[], start: SessionState = initialSession(r, 0)): { state: SessionState; steps: Step[] } {
  let state = start;
  const steps: Step[] = [];
  for (const input of inputs) {
    let step = nextSession(r, state, input);
    steps.push(step);
    state = step.state;
    if (state.phase === 'rated') {
      step = nextSession(r, state, { type: 'committed', at: input.at });
      state = step.state;
    }
  }
  return { state, steps };
}

const effectsOf = (steps: Step[]) => steps.flatMap((step) => step.effects);

describe('ratingSession', () => {
  it('starts idle in the default locale', () => {
    expect(initialSession(rules(), 0)).toEqual({ phase: 'idle', locale: 'ru', lastVoteAt: null, lastActivityAt: 0 });
  });

  it('a press in idle asks to record the rating and waits for the commit in `rated`', () => {
    const r = rules();
    const step = nextSession(r, initialSession(r, 0), { type: 'press', id: 'a', score: 5, source: 'touch', at: 100 });
    expect(step.state.phase).toBe('rated');
    expect(step.effects).toEqual([{ type: 'recordRating', id: 'a', score: 5, scale: 5, source: 'touch' }]);
  });

  it('only after the commit does it show thanks, for thanksSeconds, then returns to idle', () => {
    const r = rules();
    const { state } = run(r, [press(5, 100)]);
    expect(state).toMatchObject({ phase: 'thanks', kind: 'voted', endsAt: 4_100, lastVoteAt: 100 });
    expect(nextSession(r, state, { type: 'tick', at: 4_099 }).state.phase).toBe('thanks');
    expect(nextSession(r, state, { type: 'tick', at: 4_100 }).state).toMatchObject({ phase: 'idle', lastVoteAt: 100 });
  });

  it('a failed commit shows notSaved and does not start the cooldown', () => {
    const r = rules();
    const rated = nextSession(r, initialSession(r, 0), press(4, 100)).state;
    const failed = nextSession(r, rated, { type: 'commitFailed', at: 105 }).state;
    expect(failed).toMatchObject({ phase: 'notSaved', lastVoteAt: null, endsAt: 4_105 });
    const idle = nextSession(r, failed, { type: 'tick', at: 4_105 }).state;
    const retry = nextSession(r, idle, press(4, 4_200));
    expect(retry.effects[0]?.type).toBe('recordRating');
  });

  it.each([1, 2])('a low score (%i) asks the follow-up question', (score) => {
    const { state } = run(rules(), [press(score, 100)]);
    expect(state).toMatchObject({ phase: 'followUp', score, endsAt: 20_100 });
  });

  it.each([3, 4, 5])('score %i goes straight to thanks', (score) => {
    expect(run(rules(), [press(score, 100)]).state.phase).toBe('thanks');
  });

  it('followUp.maxScore and followUp.enabled decide when to ask', () => {
    expect(run(rules({ followUp: { enabled: true, maxScore: 3, ms: 1000 } }), [press(3, 1)]).state.phase).toBe('followUp');
    expect(run(rules({ followUp: { enabled: false, maxScore: 2, ms: 1000 } }), [press(1, 1)]).state.phase).toBe('thanks');
  });

  it('an answer records a follow-up linked to the rating, then thanks', () => {
    const r = rules();
    const first = press(1, 100);
    const { state } = run(r, [first]);
    const step = nextSession(r, state, { type: 'answerFollowUp', reason: 'waiting', at: 2_000 });
    expect(step.effects).toEqual([{ type: 'recordFollowUp', ratingId: (first as { id: string }).id, reason: 'waiting' }]);
    expect(step.state).toMatchObject({ phase: 'thanks', kind: 'voted', endsAt: 6_000 });
  });

  it('skipping the follow-up records nothing and says thanks', () => {
    const r = rules();
    const { state } = run(r, [press(2, 100)]);
    const step = nextSession(r, state, { type: 'answerFollowUp', reason: null, at: 500 });
    expect(step.effects).toEqual([]);
    expect(step.state.phase).toBe('thanks');
  });

  it('an unanswered follow-up times out to idle', () => {
    const r = rules();
    const { state } = run(r, [press(1, 100)]);
    expect(nextSession(r, state, { type: 'tick', at: 20_100 }).state.phase).toBe('idle');
  });

  it('an answer with no follow-up on screen is rejected without effects', () => {
    const r = rules();
    const idle = initialSession(r, 0);
    expect(nextSession(r, idle, { type: 'answerFollowUp', reason: 'comfort', at: 1 })).toEqual({ state: idle, effects: [], rejected: 'no-follow-up' });
  });

  describe('one vote per visit', () => {
    it('a press during thanks is suppressed (thanks-screen) and does not extend the screen', () => {
      const r = rules();
      const { state, steps } = run(r, [press(5, 100), press(4, 1_000, 'serial')]);
      expect(effectsOf(steps).map((e) => e.type)).toEqual(['recordRating', 'recordSuppressed']);
      expect(effectsOf(steps)[1]).toMatchObject({ reason: 'thanks-screen', score: 4, source: 'serial' });
      expect(state).toMatchObject({ phase: 'thanks', endsAt: 4_100 });
    });

    it('a press during the follow-up is suppressed (follow-up)', () => {
      const { steps, state } = run(rules(), [press(1, 100), press(5, 200)]);
      expect(effectsOf(steps)[1]).toMatchObject({ type: 'recordSuppressed', reason: 'follow-up' });
      expect(state.phase).toBe('followUp');
    });

    it('a press back in idle but within cooldownSeconds is suppressed (cooldown) and says it already counts', () => {
      const r = rules();
      const { steps, state } = run(r, [press(5, 100), { type: 'tick', at: 4_100 }, press(3, 10_099)]);
      expect(effectsOf(steps).map((e) => e.type)).toEqual(['recordRating', 'recordSuppressed']);
      expect(effectsOf(steps)[1]).toMatchObject({ reason: 'cooldown' });
      expect(state).toMatchObject({ phase: 'thanks', kind: 'already-counted', lastVoteAt: 100 });
    });

    it('the cooldown counts from the vote, not from suppressed presses', () => {
      const r = rules();
      const { steps } = run(r, [press(5, 100), { type: 'tick', at: 4_100 }, press(3, 9_000), { type: 'tick', at: 13_000 }, press(2, 13_100)]);
      expect(effectsOf(steps).filter((e) => e.type === 'recordRating')).toHaveLength(2);
    });

    it('exactly at the end of the cooldown a press is a new vote', () => {
      const r = rules();
      const { steps } = run(r, [press(5, 100), { type: 'tick', at: 4_100 }, press(4, 10_100)]);
      expect(effectsOf(steps).map((e) => e.type)).toEqual(['recordRating', 'recordRating']);
    });

    it('cooldown 0 allows a new vote as soon as the thanks screen is gone', () => {
      const r = rules({ cooldownMs: 0 });
      const { steps } = run(r, [press(5, 0), { type: 'tick', at: 4_000 }, press(5, 4_000)]);
      expect(effectsOf(steps).filter((e) => e.type === 'recordRating')).toHaveLength(2);
    });

    it('any number of presses in one visit give exactly one rating', () => {
      const r = rules();
      const inputs: SessionInput[] = [];
      for (let at = 0; at < 9_000; at += 150) inputs.push(press(1 + (at % 5), at, at % 2 ? 'serial' : 'touch'));
      const { steps } = run(r, inputs);
      const effects = effectsOf(steps);
      expect(effects.filter((e) => e.type === 'recordRating')).toHaveLength(1);
      expect(effects.filter((e) => e.type === 'recordSuppressed')).toHaveLength(inputs.length - 1);
    });
  });

  describe('scale', () => {
    it.each([3, 4, 5] as const)('a %i-point scale accepts 1..%i and rejects the rest', (scale) => {
      const r = rules({ scale });
      for (let score = 0; score <= 9; score += 1) {
        const step = nextSession(r, initialSession(r, 0), press(score, 1));
        if (score >= 1 && score <= scale) {
          expect(step.effects[0]).toMatchObject({ type: 'recordRating', score, scale });
        } else {
          expect(step).toMatchObject({ rejected: 'score-out-of-range', effects: [] });
        }
      }
    });

    it('rejects non-integer scores', () => {
      const r = rules();
      expect(nextSession(r, initialSession(r, 0), press(2.5, 1)).rejected).toBe('score-out-of-range');
    });

    it('an out-of-range press during thanks is rejected, not suppressed', () => {
      const r = rules({ scale: 3 });
      const { state } = run(r, [press(3, 0)]);
      expect(nextSession(r, state, press(5, 10)).rejected).toBe('score-out-of-range');
    });
  });

  describe('language', () => {
    it('switches the locale and returns to the default when the session goes back to the start', () => {
      const r = rules();
      const { state } = run(r, [{ type: 'setLocale', locale: 'en', at: 10 }, press(5, 100)]);
      expect(state).toMatchObject({ phase: 'thanks', locale: 'en' });
      expect(nextSession(r, state, { type: 'tick', at: 4_100 }).state.locale).toBe('ru');
    });

    it('on the idle screen a switched language goes back after idleSeconds without activity', () => {
      const r = rules();
      const state = nextSession(r, initialSession(r, 0), { type: 'setLocale', locale: 'en', at: 1_000 }).state;
      expect(nextDeadline(r, state)).toBe(61_000);
      expect(nextSession(r, state, { type: 'tick', at: 60_999 }).state.locale).toBe('en');
      expect(nextSession(r, state, { type: 'tick', at: 61_000 }).state.locale).toBe('ru');
    });

    it('refuses a locale that is not enabled', () => {
      const r = rules({ locales: ['ru'] });
      const start = initialSession(r, 0);
      expect(nextSession(r, start, { type: 'setLocale', locale: 'en', at: 1 })).toMatchObject({ state: start, rejected: 'unknown-locale' });
    });
  });

  describe('deadlines', () => {
    it('idle in the default locale has nothing to wait for', () => {
      const r = rules();
      expect(nextDeadline(r, initialSession(r, 0))).toBeNull();
    });

    it('thanks, follow-up and notSaved end at their endsAt', () => {
      const r = rules();
      expect(nextDeadline(r, run(r, [press(5, 0)]).state)).toBe(4_000);
      expect(nextDeadline(r, run(r, [press(1, 0)]).state)).toBe(20_000);
    });

    it('a tick before any deadline changes nothing', () => {
      const r = rules();
      const { state } = run(r, [press(5, 0)]);
      expect(nextSession(r, state, { type: 'tick', at: 1 }).state).toBe(state);
    });
  });

  it('a press while a commit is pending is refused, never doubled', () => {
    const r = rules();
    const rated = nextSession(r, initialSession(r, 0), press(5, 0)).state;
    expect(nextSession(r, rated, press(5, 1))).toMatchObject({ rejected: 'busy', effects: [] });
  });

  it('commit reports outside `rated` change nothing', () => {
    const r = rules();
    const idle = initialSession(r, 0);
    expect(nextSession(r, idle, { type: 'committed', at: 1 }).state).toBe(idle);
    expect(nextSession(r, idle, { type: 'commitFailed', at: 1 }).state).toBe(idle);
  });
});

describe('late timers', () => {
  it('a press after the thanks screen should have ended is a new vote even if no tick came', () => {
    const r = rules({ cooldownMs: 0 });
    const { state } = run(r, [press(5, 0)]);
    expect(state.phase).toBe('thanks');
    const step = nextSession(r, state, press(3, 4_000));
    expect(step.effects[0]).toMatchObject({ type: 'recordRating', score: 3 });
  });

  it('an answer after the follow-up timed out is refused', () => {
    const r = rules();
    const { state } = run(r, [press(1, 0)]);
    expect(nextSession(r, state, { type: 'answerFollowUp', reason: 'waiting', at: 20_000 }).rejected).toBe('no-follow-up');
  });
});
