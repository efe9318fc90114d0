import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  afterWrongPin,
  attemptsLeft,
  heldAt,
  holdLockout,
  lockoutAt,
  lockoutMinutesFor,
  MAX_LOCKOUT_MINUTES,
  readLockout,
  UNLOCKED,
  type LockoutRules,
  type LockoutState,
} from '../../../../../electron/core/technician/pinLockout.ts';
import { technicianSchema } from '../../../../../shared/config.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const DEFAULTS: LockoutRules = technicianSchema.parse({});
const MINUTE = 60_000;
const WEEK = 7 * 24 * 60 * MINUTE;

const lockedFor = (state: LockoutState, now: Date): number => (state.lockedUntil === null ? 0 : Date.parse(state.lockedUntil) - now.getTime());

describe('lockout escalation', () => {
  it('with the defaults: 5 min, 15 min, 1 h, 4 h, 16 h, then 24 h each', () => {
    expect(DEFAULTS).toMatchObject({ maxAttempts: 5, lockoutMinutes: 5 });
    expect([1, 2, 3, 4, 5, 6, 7, 50, 1e9].map((n) => lockoutMinutesFor(DEFAULTS, n))).toEqual([5, 15, 60, 240, 960, 1440, 1440, 1440, 1440]);
  });

  it('never longer than a day, never shorter than the configured first lockout, whatever the rules', () => {
    for (const lockoutMinutes of [1, 2.5, 5, 60, 1440]) {
      for (let n = 1; n <= 40; n += 1) {
        const length = lockoutMinutesFor({ maxAttempts: 5, lockoutMinutes }, n);
        expect(length).toBeGreaterThanOrEqual(lockoutMinutes);
        expect(length).toBeLessThanOrEqual(MAX_LOCKOUT_MINUTES);
        expect(length).toBeGreaterThanOrEqual(lockoutMinutesFor({ maxAttempts: 5, lockoutMinutes }, n - 1));
      }
    }
  });

  it('each lockout after the last allowed attempt is longer than the one before, and only a right PIN resets the count', () => {
    let state: LockoutState = UNLOCKED;
    let now = new Date('2026-11-23T07:00:00Z');
    const lengths: number[] = [];
    for (let lockout = 1; lockout <= 4; lockout += 1) {
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        expect(attemptsLeft(state, DEFAULTS)).toBe(6 - attempt);
        state = afterWrongPin(state, DEFAULTS, now);
      }
      expect(state.lockouts).toBe(lockout);
      lengths.push(lockedFor(state, now) / MINUTE);
      expect(attemptsLeft(state, DEFAULTS)).toBe(0);
      // Still locked one millisecond before the end; open (with the count kept) at the end.
      expect(lockoutAt(state, DEFAULTS, new Date(Date.parse(state.lockedUntil!) - 1)).lockedUntil).toBe(state.lockedUntil);
      now = new Date(Date.parse(state.lockedUntil!));
      state = lockoutAt(state, DEFAULTS, now);
      expect(state).toEqual({ failures: 0, lockouts: lockout, lockedUntil: null });
    }
    expect(lengths).toEqual([5, 15, 60, 240]);
    // A right PIN is the only way back to the first, short lockout (the session sets UNLOCKED).
    expect(afterWrongPin(UNLOCKED, { ...DEFAULTS, maxAttempts: 1 }, now).lockouts).toBe(1);
  });

  it('an attacker trying PINs non-stop for a week gets at most 60 tries with the defaults (docs/security.md)', () => {
    let state: LockoutState = UNLOCKED;
    const start = Date.parse('2026-11-23T07:00:00Z');
    let now = start;
    let tried = 0;
    // Tries whenever the pad takes a PIN: at once while open, else the moment the lockout ends.
    for (let guard = 0; guard < 100_000 && now < start + WEEK; guard += 1) {
      state = lockoutAt(state, DEFAULTS, new Date(now));
      if (state.lockedUntil !== null) {
        now = Date.parse(state.lockedUntil);
        continue;
      }
      tried += 1;
      state = afterWrongPin(state, DEFAULTS, new Date(now));
    }
    expect(tried).toBe(60);
    // All 10,000 four-digit PINs would take years, not a week.
  });
});

describe('a clock set back or forward', () => {
  const rules = DEFAULTS;
  const now = new Date('2026-11-23T07:00:00Z');

  it('by the wall clock alone (after a restart): set back, the lockout ends at most its own step from now', () => {
    // The fifth lockout (16 h): set back a year, it must still be 16 h, not the first step's 5 min.
    const fifth: LockoutState = { failures: 5, lockouts: 5, lockedUntil: new Date(now.getTime() + 16 * 60 * MINUTE).toISOString() };
    const earlier = new Date(now.getTime() - 365 * 24 * 60 * MINUTE);
    expect(lockedFor(lockoutAt(fifth, rules, earlier), earlier)).toBe(16 * 60 * MINUTE);
    // Set back a little: the lockout is not shortened either.
    const justBefore = new Date(now.getTime() - 10 * MINUTE);
    expect(lockedFor(lockoutAt(fifth, rules, justBefore), justBefore)).toBe(16 * 60 * MINUTE);
  });

  it('while running, the monotonic clock decides: a wall clock set back or forward neither stretches nor shortens it', () => {
    const third = afterWrongPin({ failures: 4, lockouts: 2, lockedUntil: null }, rules, now);
    expect(lockedFor(third, now)).toBe(60 * MINUTE);
    let held = holdLockout(third, rules, now, 1_000);
    // 20 minutes later by the monotonic clock, the wall clock set back two days: 40 minutes left.
    const back = new Date(now.getTime() - 2 * 24 * 60 * MINUTE);
    held = heldAt(held, back, 1_000 + 20 * MINUTE);
    expect(lockedFor(held.state, back)).toBe(40 * MINUTE);
    // The wall clock set forward a year: still 40 minutes left.
    const forward = new Date(now.getTime() + 365 * 24 * 60 * MINUTE);
    held = heldAt(held, forward, 1_000 + 20 * MINUTE);
    expect(lockedFor(held.state, forward)).toBe(40 * MINUTE);
    expect(held.state.lockouts).toBe(3);
    // It ends when 60 monotonic minutes have passed, keeping the count.
    expect(heldAt(held, forward, 1_000 + 60 * MINUTE - 1).state.lockedUntil).not.toBeNull();
    expect(heldAt(held, forward, 1_000 + 60 * MINUTE)).toEqual({ state: { failures: 0, lockouts: 3, lockedUntil: null }, endsAtMs: null });
  });

  it('a recorded end that is not a date opens the pad but keeps the count', () => {
    expect(lockoutAt({ failures: 5, lockouts: 2, lockedUntil: 'soon' }, rules, now)).toEqual({ failures: 0, lockouts: 2, lockedUntil: null });
  });
});

describe('readLockout', () => {
  function journal(events: readonly { type: string; payload: unknown }[]): Database.Database {
    const db = new Database(join(tempDir(), 'journal.db'));
    db.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, type TEXT NOT NULL, payload TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO events (type, payload) VALUES (?, ?)');
    for (const event of events) insert.run(event.type, typeof event.payload === 'string' ? event.payload : JSON.stringify(event.payload));
    return db;
  }

  it('takes the state, escalation included, from the latest technician.pin* event', () => {
    const db = journal([
      { type: 'technician.pinRefused', payload: { reason: 'wrong', failures: 5, lockouts: 1, lockedUntil: '2026-11-23T07:05:00.000Z' } },
      { type: 'rating.submitted', payload: { score: 5 } },
      { type: 'technician.pinRefused', payload: { reason: 'wrong', failures: 1, lockouts: 3, lockedUntil: null } },
    ]);
    expect(readLockout(db)).toEqual({ failures: 1, lockouts: 3, lockedUntil: null });
    db.close();
  });

  it('after an accepted PIN: unlocked, the count back to zero', () => {
    const db = journal([
      { type: 'technician.pinRefused', payload: { reason: 'wrong', failures: 5, lockouts: 4, lockedUntil: '2026-11-23T07:05:00.000Z' } },
      { type: 'technician.pinAccepted', payload: {} },
    ]);
    expect(readLockout(db)).toEqual(UNLOCKED);
    db.close();
  });

  it('an event from before escalation (no count) in a lockout is the first lockout; damage reads as no count', () => {
    const old = journal([{ type: 'technician.pinRefused', payload: { reason: 'wrong', failures: 5, lockedUntil: '2026-11-23T07:05:00.000Z' } }]);
    expect(readLockout(old)).toEqual({ failures: 5, lockouts: 1, lockedUntil: '2026-11-23T07:05:00.000Z' });
    old.close();
    const odd = journal([{ type: 'technician.pinRefused', payload: { reason: 'wrong', failures: -3, lockouts: 'many', lockedUntil: 7 } }]);
    expect(readLockout(odd)).toEqual({ failures: 0, lockouts: 0, lockedUntil: null });
    odd.close();
  });
});
