import type Database from 'better-sqlite3';

/**
 * The PIN pad's lockout: `maxAttempts` wrong PINs in a row lock it for `lockoutMinutes`. Pure, so
 * the rules are tested without a clock; the state lives in the journal (the last technician.pin*
 * event), which is what keeps a lockout across a restart.
 */

export interface LockoutRules {
  readonly maxAttempts: number;
  readonly lockoutMinutes: number;
}

export interface LockoutState {
  /** Wrong PINs in a row since the last accepted PIN or the end of the last lockout. */
  readonly failures: number;
  /** ISO time; null when not locked. */
  readonly lockedUntil: string | null;
}

export const UNLOCKED: LockoutState = { failures: 0, lockedUntil: null };

/**
 * The state as it stands at `now`: an expired lockout is forgotten, and a lockout that ends
 * further away than one lockout period (the clock was set back) ends one period from now.
 */
export function lockoutAt(state: LockoutState, rules: LockoutRules, now: Date): LockoutState {
  if (state.lockedUntil === null) return state;
  const until = Date.parse(state.lockedUntil);
  if (Number.isNaN(until) || until <= now.getTime()) return UNLOCKED;
  const latest = now.getTime() + rules.lockoutMinutes * 60_000;
  return until > latest ? { failures: state.failures, lockedUntil: new Date(latest).toISOString() } : state;
}

export const attemptsLeft = (state: LockoutState, rules: LockoutRules): number =>
  state.lockedUntil === null ? Math.max(0, rules.maxAttempts - state.failures) : 0;

/** After a wrong PIN: one more failure, and the lockout when it was the last attempt allowed. */
export function afterWrongPin(state: LockoutState, rules: LockoutRules, now: Date): LockoutState {
  const failures = state.failures + 1;
  return failures >= rules.maxAttempts
    ? { failures, lockedUntil: new Date(now.getTime() + rules.lockoutMinutes * 60_000).toISOString() }
    : { failures, lockedUntil: null };
}

/** The lockout state recorded by the latest technician.pin* event of the journal. */
export function readLockout(db: Database.Database): LockoutState {
  const row = db
    .prepare("SELECT type, payload FROM events WHERE type IN ('technician.pinRefused', 'technician.pinAccepted') ORDER BY seq DESC LIMIT 1")
    .get() as { type: string; payload: string } | undefined;
  if (!row || row.type === 'technician.pinAccepted') return UNLOCKED;
  try {
    const payload = JSON.parse(row.payload) as { failures?: unknown; lockedUntil?: unknown };
    return {
      failures: typeof payload.failures === 'number' ? payload.failures : 0,
      lockedUntil: typeof payload.lockedUntil === 'string' ? payload.lockedUntil : null,
    };
  } catch {
    return UNLOCKED;
  }
}
