import { describe, expect, it } from 'vitest';
import { isPinPadCombo, pinPadKey, type ComboPress } from '../../../../renderer/technician/technicianKeys.ts';

const combo = (extra: Partial<ComboPress> = {}): ComboPress => ({ key: 'O', code: 'KeyO', repeat: false, ctrlKey: true, altKey: true, shiftKey: true, metaKey: false, ...extra });

describe('the key combination that asks for the PIN pad', () => {
  it('is Ctrl+Alt+Shift+O', () => {
    expect(isPinPadCombo(combo())).toBe(true);
  });

  it('works by the physical key, whatever the layout types there', () => {
    // Russian layout: the O key types "Щ".
    expect(isPinPadCombo(combo({ key: 'Щ' }))).toBe(true);
    expect(isPinPadCombo(combo({ key: 'O', code: 'KeyP' }))).toBe(false);
  });

  it('falls back to the letter when a device sends no code', () => {
    expect(isPinPadCombo(combo({ key: 'o', code: '' }))).toBe(true);
    expect(isPinPadCombo(combo({ key: 'p', code: '' }))).toBe(false);
  });

  it('needs all three modifiers and no Meta, and ignores auto-repeat', () => {
    expect(isPinPadCombo(combo({ ctrlKey: false }))).toBe(false);
    expect(isPinPadCombo(combo({ altKey: false }))).toBe(false);
    expect(isPinPadCombo(combo({ shiftKey: false }))).toBe(false);
    expect(isPinPadCombo(combo({ metaKey: true }))).toBe(false);
    expect(isPinPadCombo(combo({ repeat: true }))).toBe(false);
  });

  it('a plain O or a rating digit is not the combination', () => {
    expect(isPinPadCombo({ key: 'o', code: 'KeyO', repeat: false })).toBe(false);
    expect(isPinPadCombo({ key: '1', code: 'Digit1', repeat: false })).toBe(false);
  });
});

describe('physical keys on the PIN pad', () => {
  const key = (k: string, code: string, extra: Partial<ComboPress> = {}) => pinPadKey({ key: k, code, repeat: false, ...extra });

  it('digits 0–9 from the top row and the numpad, also 0 (unlike rating keys)', () => {
    expect(key('0', 'Digit0')).toEqual({ kind: 'digit', digit: '0' });
    expect(key('7', 'Numpad7')).toEqual({ kind: 'digit', digit: '7' });
    // NumLock off: Numpad1 is "End", still the digit 1.
    expect(key('End', 'Numpad1')).toEqual({ kind: 'digit', digit: '1' });
    // AZERTY: Digit2 types "é".
    expect(key('é', 'Digit2')).toEqual({ kind: 'digit', digit: '2' });
    expect(key('5', '')).toEqual({ kind: 'digit', digit: '5' });
  });

  it('Backspace erases, Enter submits, Escape cancels', () => {
    expect(key('Backspace', 'Backspace')).toEqual({ kind: 'erase' });
    expect(key('Enter', 'Enter')).toEqual({ kind: 'submit' });
    expect(key('Enter', 'NumpadEnter')).toEqual({ kind: 'submit' });
    expect(key('Escape', 'Escape')).toEqual({ kind: 'cancel' });
  });

  it('a held Backspace keeps erasing, a held digit or Enter does not repeat', () => {
    expect(key('Backspace', 'Backspace', { repeat: true })).toEqual({ kind: 'erase' });
    expect(key('3', 'Digit3', { repeat: true })).toBeNull();
    expect(key('Enter', 'Enter', { repeat: true })).toBeNull();
  });

  it('ignores letters, shortcuts and other keys', () => {
    expect(key('a', 'KeyA')).toBeNull();
    expect(key('Tab', 'Tab')).toBeNull();
    expect(key('1', 'Digit1', { ctrlKey: true })).toBeNull();
    expect(key('1', 'Digit1', { altKey: true })).toBeNull();
    expect(key('٣', '')).toBeNull();
  });
});
