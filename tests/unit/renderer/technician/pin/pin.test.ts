import { describe, expect, it } from 'vitest';
import { PIN_PATTERN } from '../../../../../shared/config.ts';
import { appendDigit, eraseDigit, isLocked, isValidPin, newPinProblem, PIN_DIGITS } from '../../../../../renderer/technician/pin/pin.ts';

describe('PIN rules on the screen', () => {
  it('agree with the config schema (the renderer keeps its own copy to stay free of zod)', () => {
    expect(PIN_DIGITS.source).toBe(PIN_PATTERN.source);
    for (const pin of ['', '123', '1234', '12345678', '123456789', '12a4', ' 1234', '١٢٣٤', '0000']) {
      expect(isValidPin(pin), pin).toBe(PIN_PATTERN.test(pin));
    }
  });

  it('4 to 8 digits', () => {
    expect(isValidPin('123')).toBe(false);
    expect(isValidPin('1234')).toBe(true);
    expect(isValidPin('12345678')).toBe(true);
    expect(isValidPin('123456789')).toBe(false);
    expect(isValidPin('12 34')).toBe(false);
  });

  it('typing stops at 8 digits and takes only digits', () => {
    let pin = '';
    for (const digit of '1234567890') pin = appendDigit(pin, digit);
    expect(pin).toBe('12345678');
    expect(appendDigit('12', 'a')).toBe('12');
    expect(appendDigit('12', '34')).toBe('12');
  });

  it('erase takes the last digit away, and nothing from nothing', () => {
    expect(eraseDigit('1234')).toBe('123');
    expect(eraseDigit('')).toBe('');
  });

  it('a new PIN must be valid and typed the same twice', () => {
    expect(newPinProblem('2580', '2580')).toBeNull();
    expect(newPinProblem('258', '258')).toBe('pin-format');
    expect(newPinProblem('2580', '2581')).toBe('pin-mismatch');
    expect(newPinProblem('2580', '')).toBe('pin-mismatch');
  });

  it('is locked until the time the core gave, not after', () => {
    const until = '2026-11-23T14:05:00.000Z';
    const at = Date.parse(until);
    expect(isLocked(until, at - 1)).toBe(true);
    expect(isLocked(until, at)).toBe(false);
    expect(isLocked(null, at)).toBe(false);
    expect(isLocked('not a time', at)).toBe(false);
  });
});
