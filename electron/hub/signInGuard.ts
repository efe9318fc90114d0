import type { Clock } from '../core/clock.ts';
import { verifyPin } from '../core/technician/pinHash.ts';
import { afterWrongPin, heldAt, holdLockout, UNLOCKED, type HeldLockout, type LockoutRules } from '../core/technician/pinLockout.ts';

/**
 * Operators' PINs at sign-in: checked against `operators[].pinHash` one at a time (scrypt takes
 * 64 MiB and tens of ms: a burst of sign-ins must not take the hub's memory), with the technician
 * PIN pad's lockout per operator, so nobody at a console can try all four-digit PINs of a colleague.
 * The lockout is kept while the hub runs (a restart opens it again; the hub's journal is the office's).
 */

export const OPERATOR_LOCKOUT: LockoutRules = { maxAttempts: 5, lockoutMinutes: 5 };

export type PinCheck = { readonly ok: true } | { readonly ok: false; readonly refusal: 'wrong-pin' | 'locked' | 'unknown-operator'; readonly message: string };

export interface SignInGuard {
  check(operatorId: string, pin: string): Promise<PinCheck>;
}

export function signInGuard(options: { operators: readonly { id: string; pinHash: string }[]; clock: Clock; rules?: LockoutRules }): SignInGuard {
  const rules = options.rules ?? OPERATOR_LOCKOUT;
  const hashes = new Map(options.operators.map((operator) => [operator.id, operator.pinHash]));
  const lockouts = new Map<string, HeldLockout>();
  let queue: Promise<unknown> = Promise.resolve();

  const current = (operatorId: string): HeldLockout => {
    const held = lockouts.get(operatorId) ?? { state: UNLOCKED, endsAtMs: null };
    return heldAt(held, options.clock.now(), options.clock.monotonicMs());
  };

  async function checkNow(operatorId: string, pin: string): Promise<PinCheck> {
    const hash = hashes.get(operatorId);
    if (hash === undefined) return { ok: false, refusal: 'unknown-operator', message: `no operator "${operatorId}" in the hub's config` };
    const before = current(operatorId);
    if (before.state.lockedUntil !== null) return { ok: false, refusal: 'locked', message: `too many wrong PINs: try again after ${before.state.lockedUntil}` };
    if (await verifyPin(pin, hash)) {
      lockouts.delete(operatorId);
      return { ok: true };
    }
    const now = options.clock.now();
    const after = holdLockout(afterWrongPin(current(operatorId).state, rules, now), rules, now, options.clock.monotonicMs());
    lockouts.set(operatorId, after);
    return after.state.lockedUntil === null
      ? { ok: false, refusal: 'wrong-pin', message: `wrong PIN (${rules.maxAttempts - after.state.failures} tries left)` }
      : { ok: false, refusal: 'locked', message: `wrong PIN; too many in a row: try again after ${after.state.lockedUntil}` };
  }

  return {
    check(operatorId, pin) {
      const result = queue.then(() => checkNow(operatorId, pin));
      // The next check waits for this one, whatever its outcome.
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
