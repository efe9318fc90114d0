import { technicianRules } from '../../../shared/configRules.ts';

/**
 * PIN rules on the screen side: the config's own (4 to 8 digits), from shared/configRules.ts, which
 * the zod schema uses too and which brings no validation library into the page.
 */

export const PIN_MIN = technicianRules.pinMinLength;
export const PIN_MAX = technicianRules.pinMaxLength;
export const PIN_DIGITS = technicianRules.pinPattern;

export const isValidPin = (pin: string): boolean => PIN_DIGITS.test(pin);

/** The PIN with one more digit; unchanged when it is full or the key is not a digit. */
export function appendDigit(pin: string, digit: string): string {
  if (!/^\d$/.test(digit) || pin.length >= PIN_MAX) return pin;
  return pin + digit;
}

export const eraseDigit = (pin: string): string => pin.slice(0, -1);

export type NewPinProblem = 'pin-format' | 'pin-mismatch';

/** Why a new PIN typed twice cannot be saved, or null when it can. */
export function newPinProblem(pin: string, again: string): NewPinProblem | null {
  if (!isValidPin(pin)) return 'pin-format';
  if (pin !== again) return 'pin-mismatch';
  return null;
}

/** Whether the PIN pad is locked at `now` (ms since the epoch). */
export function isLocked(lockedUntil: string | null, now: number): boolean {
  if (lockedUntil === null) return false;
  const until = Date.parse(lockedUntil);
  return Number.isFinite(until) && until > now;
}
