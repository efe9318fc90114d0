import { describe, expect, it } from 'vitest';
import { scoreForKey, type KeyPress } from '../../../../renderer/common/keyboard.ts';

const press = (key: string, code: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code,
  repeat: false,
  ...extra,
});

describe('scoreForKey', () => {
  it('maps the digit row 1..scale to the score', () => {
    for (let n = 1; n <= 5; n += 1) expect(scoreForKey(press(String(n), `Digit${n}`), 5)).toBe(n);
  });

  it('maps the numeric keypad, with and without NumLock', () => {
    expect(scoreForKey(press('3', 'Numpad3'), 5)).toBe(3);
    // NumLock off: the key says "End", the physical key is still Numpad1.
    expect(scoreForKey(press('End', 'Numpad1'), 5)).toBe(1);
    expect(scoreForKey(press('PageDown', 'Numpad3'), 5)).toBe(3);
  });

  it('goes by the physical key whatever the layout produces', () => {
    // AZERTY: the key left of "é" produces "&" but is Digit1.
    expect(scoreForKey(press('&', 'Digit1'), 5)).toBe(1);
    expect(scoreForKey(press('"', 'Digit3'), 5)).toBe(3);
  });

  it('falls back to the character when a device sends no code', () => {
    expect(scoreForKey(press('4', ''), 5)).toBe(4);
    expect(scoreForKey(press('Unidentified', ''), 5)).toBeNull();
  });

  it('refuses scores outside the scale', () => {
    expect(scoreForKey(press('4', 'Digit4'), 3)).toBeNull();
    expect(scoreForKey(press('3', 'Digit3'), 3)).toBe(3);
    expect(scoreForKey(press('5', 'Digit5'), 4)).toBeNull();
    expect(scoreForKey(press('4', 'Numpad4'), 4)).toBe(4);
    expect(scoreForKey(press('6', 'Digit6'), 5)).toBeNull();
    expect(scoreForKey(press('9', 'Numpad9'), 5)).toBeNull();
  });

  it('ignores zero and keys that are not digits', () => {
    for (const [key, code] of [
      ['0', 'Digit0'],
      ['0', 'Numpad0'],
      ['Enter', 'Enter'],
      [' ', 'Space'],
      ['a', 'KeyA'],
      ['+', 'NumpadAdd'],
      ['F1', 'F1'],
      ['10', ''],
      ['١', ''], // Arabic-Indic one: not a key a button box sends
    ] as const) {
      expect(scoreForKey(press(key, code), 5), `${key} / ${code}`).toBeNull();
    }
  });

  it('ignores auto-repeat while a key is held down', () => {
    expect(scoreForKey(press('2', 'Digit2', { repeat: true }), 5)).toBeNull();
    expect(scoreForKey(press('End', 'Numpad1', { repeat: true }), 5)).toBeNull();
  });

  it('ignores shortcuts with Ctrl, Alt or Meta', () => {
    expect(scoreForKey(press('1', 'Digit1', { ctrlKey: true }), 5)).toBeNull();
    expect(scoreForKey(press('1', 'Digit1', { altKey: true }), 5)).toBeNull();
    expect(scoreForKey(press('1', 'Digit1', { metaKey: true }), 5)).toBeNull();
    expect(scoreForKey(press('1', 'Digit1', { ctrlKey: false, altKey: false, metaKey: false }), 5)).toBe(1);
  });
});
