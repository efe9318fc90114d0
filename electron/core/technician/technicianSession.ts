import type { TechnicianConfig } from '../../../shared/config.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import type { TechnicianView } from '../../../shared/technicianApi.ts';
import type { Clock } from '../clock.ts';
import type { Scheduler } from '../scheduler.ts';
import { afterWrongPin, attemptsLeft, heldAt, holdLockout, UNLOCKED, type HeldLockout, type LockoutState } from './pinLockout.ts';
import { verifyPin } from './pinHash.ts';

/**
 * Who is at the device: nobody special (closed), someone at the PIN pad, or a technician (open).
 * The PIN pad closes by itself when left untouched; technician mode leaves by itself after
 * `idleSeconds` without a touch, except on the first run, where there is nothing to go back to.
 */

export type LeaveReason = 'exit' | 'idle';

/** What the session records; the device host writes it to the journal. */
export type SessionRecord =
  | { readonly type: 'pinRefused'; readonly reason: 'wrong' | 'locked' | 'no-pin-set'; readonly lockout: LockoutState }
  | { readonly type: 'pinAccepted' };

export interface TechnicianSessionOptions {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** The current technician config (it changes when a new config is applied). */
  readonly rules: () => TechnicianConfig;
  /** The lockout as the journal last recorded it (UNLOCKED until the journal is open: see `restoreLockout`). */
  readonly initialLockout: LockoutState;
  readonly record: (record: SessionRecord) => void;
  readonly onChange: () => void;
  readonly onLeave: (reason: LeaveReason) => Promise<void>;
  /** The PIN pad closes after this long untouched. */
  readonly pinPadMs?: number;
}

/** The session's part of TechnicianView (the device host adds the button test). */
export type SessionView = Exclude<TechnicianView, { readonly phase: 'open' }> | { readonly phase: 'open'; readonly firstRun: boolean; readonly idleSeconds: number | null };

export interface TechnicianSession {
  view(): SessionView;
  isOpen(): boolean;
  /** The device has no config: open straight away, with no PIN and no auto-exit. */
  openFirstRun(): void;
  openPinPad(): Result<null>;
  enterPin(pin: string): Promise<Result<null>>;
  /** A touch on a technician screen or the PIN pad. */
  activity(): void;
  leave(reason: LeaveReason): Promise<Result<null>>;
  /** The lockout the journal recorded, once it is open: a lockout survives a restart of the process. */
  restoreLockout(state: LockoutState): void;
  close(): void;
}

export function createTechnicianSession(options: TechnicianSessionOptions): TechnicianSession {
  const { clock, scheduler } = options;
  const pinPadMs = options.pinPadMs ?? 60_000;
  let phase: 'closed' | 'pin' | 'open' = 'closed';
  let firstRun = false;
  // Held by the monotonic clock while this process runs: a wall clock set back or forward moves neither end.
  let held: HeldLockout = holdLockout(options.initialLockout, options.rules(), clock.now(), clock.monotonicMs());
  let timer: unknown = null;
  let deadline = 0;
  let checking: Promise<Result<null>> | null = null;

  const currentLockout = (): LockoutState => {
    held = heldAt(held, clock.now(), clock.monotonicMs());
    return held.state;
  };
  const setLockout = (state: LockoutState): LockoutState => {
    held = holdLockout(state, options.rules(), clock.now(), clock.monotonicMs());
    return held.state;
  };

  const arm = (ms: number, onTimeout: () => void): void => {
    if (timer !== null) scheduler.clearTimeout(timer);
    deadline = clock.monotonicMs() + ms;
    timer = scheduler.setTimeout(() => {
      timer = null;
      onTimeout();
    }, ms);
  };
  const disarm = (): void => {
    if (timer !== null) scheduler.clearTimeout(timer);
    timer = null;
  };

  const closePinPad = (): void => {
    if (phase !== 'pin') return;
    phase = 'closed';
    disarm();
    options.onChange();
  };

  const armIdle = (): void => {
    if (phase !== 'open' || firstRun) return;
    arm(options.rules().idleSeconds * 1000, () => void session.leave('idle'));
  };

  const session: TechnicianSession = {
    restoreLockout(state) {
      setLockout(state);
    },
    view() {
      if (phase === 'closed') return { phase };
      if (phase === 'pin') {
        const state = currentLockout();
        return {
          phase,
          attemptsLeft: attemptsLeft(state, options.rules()),
          lockedUntil: state.lockedUntil,
          endsInMs: Math.max(0, Math.round(deadline - clock.monotonicMs())),
        };
      }
      return { phase, firstRun, idleSeconds: firstRun ? null : options.rules().idleSeconds };
    },
    isOpen: () => phase === 'open',
    openFirstRun() {
      phase = 'open';
      firstRun = true;
      disarm();
      options.onChange();
    },
    openPinPad() {
      if (phase === 'open') return ok(null);
      phase = 'pin';
      arm(pinPadMs, closePinPad);
      options.onChange();
      return ok(null);
    },
    enterPin(pin) {
      // One check at a time: a second PIN sent while the first is hashed must not skip the count.
      const previous = checking ?? Promise.resolve(ok(null));
      const next = previous.then(async (): Promise<Result<null>> => {
        if (phase === 'open') return ok(null);
        if (phase !== 'pin') return fail('not-accepting', 'the PIN pad is not open');
        arm(pinPadMs, closePinPad);
        const state = currentLockout();
        if (state.lockedUntil !== null) {
          options.record({ type: 'pinRefused', reason: 'locked', lockout: state });
          options.onChange();
          return fail('pin-locked', `too many wrong PINs: locked until ${state.lockedUntil}`);
        }
        const hash = options.rules().pinHash;
        if (!hash) {
          options.record({ type: 'pinRefused', reason: 'no-pin-set', lockout: state });
          return fail('wrong-pin', 'no PIN is set on this device: set one with "okno set-pin"');
        }
        if (!(await verifyPin(pin, hash))) {
          const lockout = setLockout(afterWrongPin(currentLockout(), options.rules(), clock.now()));
          options.record({ type: 'pinRefused', reason: 'wrong', lockout });
          options.onChange();
          return lockout.lockedUntil !== null
            ? fail('pin-locked', `too many wrong PINs: locked until ${lockout.lockedUntil}`)
            : fail('wrong-pin', `wrong PIN: ${attemptsLeft(lockout, options.rules())} attempts left`);
        }
        setLockout(UNLOCKED);
        options.record({ type: 'pinAccepted' });
        phase = 'open';
        firstRun = false;
        armIdle();
        options.onChange();
        return ok(null);
      });
      checking = next;
      return next;
    },
    activity() {
      if (phase === 'pin') arm(pinPadMs, closePinPad);
      else armIdle();
    },
    async leave(reason) {
      if (phase === 'pin') {
        closePinPad();
        return ok(null);
      }
      if (phase !== 'open') return ok(null);
      phase = 'closed';
      firstRun = false;
      disarm();
      await options.onLeave(reason);
      options.onChange();
      return ok(null);
    },
    close: disarm,
  };
  return session;
}
