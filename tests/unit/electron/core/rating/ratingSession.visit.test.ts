import { describe, expect, it } from 'vitest';
import { initialSession, nextSession, type RatingRules, type SessionInput, type SessionState } from '../../../../../electron/core/rating/ratingSession.ts';
import type { VisitLink } from '../../../../../electron/core/rating/windowVisit.ts';

const rules: RatingRules = {
  scale: 5,
  cooldownMs: 10_000,
  thanksMs: 4_000,
  idleMs: 60_000,
  followUp: { enabled: false, maxScore: 2, ms: 20_000 },
  defaultLocale: 'ru',
  locales: ['ru', 'en'],
};
const T17: VisitLink = { ticketId: '0190f3a4-1111-7000-8000-000000000017', ticketNumber: 'П-017', serviceId: 'passport', operatorId: 'op-ivanova' };
const T18: VisitLink = { ...T17, ticketId: '0190f3a4-1111-7000-8000-000000000018', ticketNumber: 'П-018' };

const linked = (id: string, at: number, link: VisitLink, alreadyRated = false): SessionInput => ({
  type: 'press',
  id,
  score: 4,
  source: 'serial',
  at,
  visit: { link, alreadyRated },
});

const committed = (state: SessionState, at: number): SessionState => nextSession(rules, state, { type: 'committed', at }).state;

describe('ratingSession with visits (office hub)', () => {
  it('a linked press records the rating with its visit', () => {
    const step = nextSession(rules, initialSession(rules, 0), linked('a', 0, T17));
    expect(step.effects).toEqual([{ type: 'recordRating', id: 'a', score: 4, scale: 5, source: 'serial', link: T17 }]);
    expect(step.state.phase).toBe('rated');
  });

  it('a press for a ticket rated already is suppressed as already-rated and says it counts, without a cooldown', () => {
    const step = nextSession(rules, initialSession(rules, 0), linked('a', 0, T17, true));
    expect(step.effects).toEqual([{ type: 'recordSuppressed', id: 'a', score: 4, source: 'serial', reason: 'already-rated' }]);
    expect(step.state).toMatchObject({ phase: 'thanks', kind: 'already-counted', lastVoteAt: null });
    // Nothing was counted: an unlinked press right after the screen is a vote.
    const after = nextSession(rules, step.state, { type: 'press', id: 'b', score: 5, source: 'touch', at: 4_000 });
    expect(after.effects).toMatchObject([{ type: 'recordRating', id: 'b' }]);
  });

  it('a linked press of the next visit is a vote even within the cooldown: the ticket, not the time, is the visit', () => {
    const first = committed(nextSession(rules, initialSession(rules, 0), linked('a', 0, T17)).state, 0);
    const second = nextSession(rules, first, linked('b', 5_000, T18));
    expect(second.effects).toMatchObject([{ type: 'recordRating', id: 'b', link: T18 }]);
    // An unlinked press within the cooldown is still the same visit.
    const unlinked = nextSession(rules, first, { type: 'press', id: 'c', score: 1, source: 'touch', at: 5_000 });
    expect(unlinked.effects).toMatchObject([{ type: 'recordSuppressed', reason: 'cooldown' }]);
  });

  it('a rating the journal refused as the ticket\'s second becomes the suppressed press, under the same id', () => {
    const rated = nextSession(rules, initialSession(rules, 0), linked('a', 0, T17)).state;
    const step = nextSession(rules, rated, { type: 'alreadyRated', source: 'serial', at: 10 });
    expect(step.effects).toEqual([{ type: 'recordSuppressed', id: 'a', score: 4, source: 'serial', reason: 'already-rated' }]);
    expect(step.state).toMatchObject({ phase: 'thanks', kind: 'already-counted', lastVoteAt: null, endsAt: 4_010 });
  });

  it('alreadyRated outside `rated` changes nothing', () => {
    const idle = initialSession(rules, 0);
    expect(nextSession(rules, idle, { type: 'alreadyRated', source: 'touch', at: 1 })).toEqual({ state: idle, effects: [] });
  });

  it('presses on the thanks screen stay thanks-screen, linked or not', () => {
    const thanks = committed(nextSession(rules, initialSession(rules, 0), linked('a', 0, T17)).state, 0);
    expect(nextSession(rules, thanks, linked('b', 1_000, T17, true)).effects).toMatchObject([{ reason: 'thanks-screen' }]);
  });
});
