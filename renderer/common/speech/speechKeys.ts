import { SPEECH_KEYS, type SpeechKeyName } from '../../../shared/configRules.ts';
import type { KeyPress } from '../keyboard.ts';

/**
 * The keyboard in speech mode (a visitor with a USB numeric keypad, or a keyboard-style button box).
 * Pure, so it is unit-tested in Node.
 *
 * - Numeric keypad 0 (or Insert, the same key without NumLock) and F1 turn speech mode on and off.
 *   Neither is a rating key (1–9, keyboard.ts) nor part of the technician's Ctrl+Alt+Shift+O, and
 *   F1 is the key people try for help; 0 is the biggest key on a keypad, easy to find by touch.
 * - + and − (keypad or main keyboard): louder and quieter.
 * - * : say the screen (or the focused item) again; / : more time on a screen with a countdown.
 * - On the dispenser: the arrows and Tab move, Enter and Space choose; a keyboard-style box's digits
 *   are its buttons, so they do what buttons.speechKeys says.
 */
/** The box's button for each move (buttons.speechKeys). */
export type SpeechKeys = Readonly<Record<SpeechKeyName, number>>;

export type SpeechKeyAction =
  | { readonly kind: 'toggle' }
  | { readonly kind: 'volume'; readonly step: 1 | -1 }
  | { readonly kind: 'moreTime' }
  | { readonly kind: 'move'; readonly key: SpeechKeyName };

export interface SpeechKeyPress extends KeyPress {
  readonly shiftKey?: boolean;
}

export function speechKeyAction(press: SpeechKeyPress, context: { readonly on: boolean; readonly dispenser: boolean; readonly keys: SpeechKeys }): SpeechKeyAction | null {
  if (press.repeat || press.altKey || press.ctrlKey || press.metaKey) return null;
  if (press.code === 'Numpad0' || press.key === 'Insert' || press.key === 'F1') return { kind: 'toggle' };
  if (!context.on) return null;
  if (press.code === 'NumpadAdd' || press.key === '+') return { kind: 'volume', step: 1 };
  if (press.code === 'NumpadSubtract' || press.key === '-') return { kind: 'volume', step: -1 };
  if (press.code === 'NumpadMultiply' || press.key === '*') return { kind: 'move', key: 'repeat' };
  if (press.code === 'NumpadDivide' || press.key === '/') return { kind: 'moreTime' };
  if (!context.dispenser) return null;
  switch (press.key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return { kind: 'move', key: 'next' };
    case 'ArrowUp':
    case 'ArrowLeft':
      return { kind: 'move', key: 'previous' };
    case 'Tab':
      return { kind: 'move', key: press.shiftKey ? 'previous' : 'next' };
    case 'Enter':
    case ' ':
      return { kind: 'move', key: 'choose' };
  }
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(press.code)?.[1] ?? (/^[1-9]$/.test(press.key) ? press.key : undefined);
  if (digit === undefined) return null;
  const button = Number(digit);
  const key = SPEECH_KEYS.find((name) => context.keys[name] === button);
  return key ? { kind: 'move', key } : null;
}
