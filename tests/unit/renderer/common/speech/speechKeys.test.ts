import { describe, expect, it } from 'vitest';
import { buttonsRules } from '../../../../../shared/configRules.ts';
import { speechKeyAction } from '../../../../../renderer/common/speech/speechKeys.ts';

const KEYS = buttonsRules.defaultSpeechKeys;
const press = (key: string, code = '', extra: object = {}) => ({ key, code, repeat: false, ...extra });
const on = { on: true, dispenser: true, keys: KEYS };

describe('speech mode keys', () => {
  it('keypad 0 (Insert without NumLock) and F1 toggle, on or off; digits 1–9 never do (they are votes)', () => {
    for (const context of [on, { ...on, on: false }]) {
      expect(speechKeyAction(press('0', 'Numpad0'), context)).toEqual({ kind: 'toggle' });
      expect(speechKeyAction(press('Insert', 'Numpad0'), context)).toEqual({ kind: 'toggle' });
      expect(speechKeyAction(press('F1', 'F1'), context)).toEqual({ kind: 'toggle' });
    }
    expect(speechKeyAction(press('1', 'Digit1'), { ...on, on: false })).toBeNull();
    expect(speechKeyAction(press('1', 'Digit1'), { ...on, dispenser: false })).toBeNull();
  });

  it('held keys and shortcuts are nothing', () => {
    expect(speechKeyAction(press('F1', 'F1', { repeat: true }), on)).toBeNull();
    expect(speechKeyAction(press('0', 'Numpad0', { ctrlKey: true }), on)).toBeNull();
  });

  it('when on: volume, repeat and more time; off: none of them', () => {
    expect(speechKeyAction(press('+', 'NumpadAdd'), on)).toEqual({ kind: 'volume', step: 1 });
    expect(speechKeyAction(press('-', 'Minus'), on)).toEqual({ kind: 'volume', step: -1 });
    expect(speechKeyAction(press('*', 'NumpadMultiply'), on)).toEqual({ kind: 'move', key: 'repeat' });
    expect(speechKeyAction(press('/', 'NumpadDivide'), on)).toEqual({ kind: 'moreTime' });
    expect(speechKeyAction(press('+', 'NumpadAdd'), { ...on, on: false })).toBeNull();
  });

  it('the dispenser: arrows, Tab and Shift+Tab move, Enter and Space choose, a box digit is its configured key', () => {
    expect(speechKeyAction(press('ArrowDown'), on)).toEqual({ kind: 'move', key: 'next' });
    expect(speechKeyAction(press('ArrowUp'), on)).toEqual({ kind: 'move', key: 'previous' });
    expect(speechKeyAction(press('Tab', 'Tab'), on)).toEqual({ kind: 'move', key: 'next' });
    expect(speechKeyAction(press('Tab', 'Tab', { shiftKey: true }), on)).toEqual({ kind: 'move', key: 'previous' });
    expect(speechKeyAction(press('Enter', 'Enter'), on)).toEqual({ kind: 'move', key: 'choose' });
    expect(speechKeyAction(press(' ', 'Space'), on)).toEqual({ kind: 'move', key: 'choose' });
    expect(speechKeyAction(press('3', 'Numpad3'), on)).toEqual({ kind: 'move', key: 'choose' });
    expect(speechKeyAction(press('&', 'Digit1'), { ...on, keys: { previous: 5, next: 6, choose: 7, repeat: 1 } })).toEqual({ kind: 'move', key: 'repeat' });
    expect(speechKeyAction(press('9', 'Digit9'), on)).toBeNull();
    // The rating terminal has no menu: its arrows are the page's own.
    expect(speechKeyAction(press('ArrowDown'), { ...on, dispenser: false })).toBeNull();
  });
});
