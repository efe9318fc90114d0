import { describe, expect, it } from 'vitest';
import { initialSession, nextDeadline, nextSession, type RatingRules, type SessionState } from '../../../../../electron/core/rating/ratingSession.ts';

const rules: RatingRules = {
  scale: 5,
  cooldownMs: 10_000,
  thanksMs: 4_000,
  idleMs: 60_000,
  followUp: { enabled: true, maxScore: 2, ms: 20_000 },
  defaultLocale: 'ru',
  locales: ['ru', 'en'],
};

/** The session after a vote of `score` at 0, committed. */
function voted(score: number): SessionState {
  const rated = nextSession(rules, initialSession(rules, 0), { type: 'press', id: 'r1', score, source: 'serial', at: 0 }).state;
  return nextSession(rules, rated, { type: 'committed', at: 0 }).state;
}

const notSaved = (): SessionState => {
  const rated = nextSession(rules, initialSession(rules, 0), { type: 'press', id: 'r1', score: 4, source: 'serial', at: 0 }).state;
  return nextSession(rules, rated, { type: 'commitFailed', at: 0 }).state;
};

describe('the rating session in speech mode (WCAG 2.2.1)', () => {
  it.each([
    ['follow-up question', () => voted(1), 20_000],
    ['thanks screen', () => voted(5), 4_000],
    ['not-saved screen', notSaved, 4_000],
  ])('stretch: what is left of the %s is made factor times longer', (_name, start, ms) => {
    const state = start();
    expect(nextDeadline(rules, state)).toBe(ms);
    // Half of it gone, then speech mode turns on (× 3): the other half lasts three times as long.
    const step = nextSession(rules, state, { type: 'stretch', factor: 3, at: ms / 2 });
    expect(step.rejected).toBeUndefined();
    expect(nextDeadline(rules, step.state)).toBe(ms / 2 + (ms / 2) * 3);
    expect(nextSession(rules, step.state, { type: 'tick', at: ms * 2 - 1 }).state.phase).toBe(state.phase);
    expect(nextSession(rules, step.state, { type: 'tick', at: ms * 2 }).state.phase).toBe('idle');
  });

  it.each([
    ['follow-up question', () => voted(1), 20_000],
    ['thanks screen', () => voted(5), 4_000],
    ['not-saved screen', notSaved, 4_000],
  ])('more time: the %s runs on that much longer, as often as asked', (_name, start, ms) => {
    let state = start();
    for (let i = 1; i <= 12; i += 1) {
      const step = nextSession(rules, state, { type: 'moreTime', ms: 30_000, at: 1_000 });
      expect(step.rejected).toBeUndefined();
      state = step.state;
      expect(nextDeadline(rules, state)).toBe(ms + i * 30_000);
    }
  });

  it('more time in the last moment counts; after the end the screen is back at its start, with nothing to extend', () => {
    const state = voted(5);
    // The catch-up tick takes the expired thanks screen back to the start: nothing runs there.
    expect(nextSession(rules, state, { type: 'moreTime', ms: 30_000, at: 5_000 }).rejected).toBe('no-countdown');
    const running = nextSession(rules, state, { type: 'moreTime', ms: 30_000, at: 3_999 });
    expect(nextDeadline(rules, running.state)).toBe(34_000);
  });

  it('the start screen: a switched language gets more time; the default one has no countdown', () => {
    const idle = initialSession(rules, 0);
    expect(nextSession(rules, idle, { type: 'moreTime', ms: 30_000, at: 10 }).rejected).toBe('no-countdown');
    const english = nextSession(rules, idle, { type: 'setLocale', locale: 'en', at: 0 }).state;
    const more = nextSession(rules, english, { type: 'moreTime', ms: 30_000, at: 10_000 });
    expect(nextDeadline(rules, more.state)).toBe(90_000);
    // The idle time is counted with the rules given, which the face multiplies already: stretch leaves it.
    expect(nextSession(rules, english, { type: 'stretch', factor: 3, at: 10_000 }).state).toBe(english);
    const longer = { ...rules, idleMs: 180_000 };
    expect(nextDeadline(longer, english)).toBe(180_000);
  });

  it('a vote being committed has no countdown', () => {
    const rated = nextSession(rules, initialSession(rules, 0), { type: 'press', id: 'r1', score: 4, source: 'serial', at: 0 }).state;
    expect(nextSession(rules, rated, { type: 'moreTime', ms: 30_000, at: 1 }).rejected).toBe('no-countdown');
    expect(nextSession(rules, rated, { type: 'stretch', factor: 3, at: 1 }).rejected).toBe('no-countdown');
  });
});
