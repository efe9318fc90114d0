import type Database from 'better-sqlite3';

/**
 * The PIN pad's lockout: `maxAttempts` wrong PINs in a row lock it, and each lockout since the last
 * accepted PIN lasts longer than the one before (5 min, 15 min, 1 h, 4 h, 16 h, then 24 h each with
 * the defaults), so no local process can try all four-digit PINs in a week (docs/security.md has
 * the figure). Pure, so the rules are tested without a clock; the state lives in the journal (the
 * last technician.pin* event), which is what keeps a lockout and its escalation across a restart.
 */

export interface LockoutRules {
  readonly maxAttempts: number;
  /** The first lockout's length; later ones escalate from it. */
  readonly lockoutMinutes: number;
}

export interface LockoutState {
  /** Wrong PINs in a row since the last accepted PIN or the end of the last lockout. */
  readonly failures: number;
  /** Lockouts since the last accepted PIN: the next one lasts longer. Only a right PIN resets it. */
  readonly lockouts: number;
  /** ISO time; null when not locked. */
  readonly lockedUntil: string | null;
}

export const UNLOCKED: LockoutState = { failures: 0, lockouts: 0, lockedUntil: null };

/** No lockout lasts longer than a day, however many came before: a technician who mistyped can still come back tomorrow. */
export const MAX_LOCKOUT_MINUTES = 24 * 60;

/** How long the n-th lockout in a row lasts (n ≥ 1): the first lockoutMinutes, then ×3, then ×4 each time, at most a day. */
export function lockoutMinutesFor(rules: LockoutRules, lockout: number): number {
  const n = Math.max(1, Math.floor(lockout));
  // Bounded before the power, so a huge count cannot overflow to Infinity or NaN.
  const factor = n === 1 ? 1 : 3 * 4 ** Math.min(n - 2, 16);
  return Math.min(MAX_LOCKOUT_MINUTES, rules.lockoutMinutes * factor);
}

const minutes = (n: number): number => n * 60_000;

/**
 * The state as it stands at `now` by the wall clock (after a restart: nothing else is known). An
 * expired lockout opens the pad again, but the count of lockouts stays, so the next one is longer.
 * A lockout that ends further away than its own length (the clock was set back) ends one length
 * from now: setting the clock back neither lengthens it beyond its step nor shortens it below it.
 */
export function lockoutAt(state: LockoutState, rules: LockoutRules, now: Date): LockoutState {
  if (state.lockedUntil === null) return state;
  const until = Date.parse(state.lockedUntil);
  if (Number.isNaN(until) || until <= now.getTime()) return { failures: 0, lockouts: state.lockouts, lockedUntil: null };
  const latest = now.getTime() + minutes(lockoutMinutesFor(rules, state.lockouts));
  return until > latest ? { ...state, lockedUntil: new Date(latest).toISOString() } : state;
}

export const attemptsLeft = (state: LockoutState, rules: LockoutRules): number =>
  state.lockedUntil === null ? Math.max(0, rules.maxAttempts - state.failures) : 0;

/** After a wrong PIN: one more failure, and the next, longer lockout when it was the last attempt allowed. */
export function afterWrongPin(state: LockoutState, rules: LockoutRules, now: Date): LockoutState {
  const failures = state.failures + 1;
  if (failures < rules.maxAttempts) return { failures, lockouts: state.lockouts, lockedUntil: null };
  const lockouts = state.lockouts + 1;
  return { failures, lockouts, lockedUntil: new Date(now.getTime() + minutes(lockoutMinutesFor(rules, lockouts))).toISOString() };
}

/**
 * A lockout as a running process holds it: the state (what is recorded, with a wall-clock end) and
 * the end by the monotonic clock, which no clock change moves. While the process runs the monotonic
 * end decides; the wall-clock end is only what a restart starts from.
 */
export interface HeldLockout {
  readonly state: LockoutState;
  /** Monotonic milliseconds at which the lockout ends; null when not locked. */
  readonly endsAtMs: number | null;
}

/** Takes a state from the record (at start, or just decided) into the running process. */
export function holdLockout(state: LockoutState, rules: LockoutRules, now: Date, monotonicMs: number): HeldLockout {
  const current = lockoutAt(state, rules, now);
  if (current.lockedUntil === null) return { state: current, endsAtMs: null };
  return { state: current, endsAtMs: monotonicMs + (Date.parse(current.lockedUntil) - now.getTime()) };
}

/** The held lockout at this moment: ends when the monotonic clock says so, whatever the wall clock did meanwhile. */
export function heldAt(held: HeldLockout, now: Date, monotonicMs: number): HeldLockout {
  if (held.endsAtMs === null || held.state.lockedUntil === null) return held;
  const left = held.endsAtMs - monotonicMs;
  if (left <= 0) return { state: { failures: 0, lockouts: held.state.lockouts, lockedUntil: null }, endsAtMs: null };
  // Said in today's wall-clock time, so the screen, the log and the journal agree with the clock they show.
  return { state: { ...held.state, lockedUntil: new Date(now.getTime() + left).toISOString() }, endsAtMs: held.endsAtMs };
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0);

/** The lockout state recorded by the latest technician.pin* event of the journal. */
export function readLockout(db: Database.Database): LockoutState {
  const row = db
    .prepare("SELECT type, payload FROM events WHERE type IN ('technician.pinRefused', 'technician.pinAccepted') ORDER BY seq DESC LIMIT 1")
    .get() as { type: string; payload: string } | undefined;
  if (!row || row.type === 'technician.pinAccepted') return UNLOCKED;
  try {
    const payload = JSON.parse(row.payload) as { failures?: unknown; lockouts?: unknown; lockedUntil?: unknown };
    const lockedUntil = typeof payload.lockedUntil === 'string' ? payload.lockedUntil : null;
    // Events written before escalation carry no count: a lockout in force is at least the first.
    const lockouts = Math.max(count(payload.lockouts), lockedUntil === null ? 0 : 1);
    return { failures: count(payload.failures), lockouts, lockedUntil };
  } catch {
    return UNLOCKED;
  }
}
