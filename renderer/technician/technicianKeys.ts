import { TECHNICIAN_SHORTCUT } from '../../shared/technicianShortcut.ts';
import type { KeyPress } from '../common/keyboard.ts';

/**
 * The keys of technician mode, pure (no DOM types) so they are unit-tested in Node: the hidden
 * combination that asks for the PIN pad, and what a physical key does on the PIN pad.
 */

export interface ComboPress extends KeyPress {
  readonly shiftKey?: boolean;
}

/**
 * Ctrl+Alt+Shift+O asks for the PIN pad. The physical key counts ("KeyO"), so it works with a
 * Russian layout too, where that key types "щ"; a device without a code falls back to the letter.
 */
export function isPinPadCombo(press: ComboPress): boolean {
  if (press.repeat || !press.ctrlKey || !press.altKey || !press.shiftKey || press.metaKey) return false;
  // The same combination the Electron shell lets through its shortcut lock-down.
  if (press.code !== '') return press.code === TECHNICIAN_SHORTCUT.code;
  return press.key.toLowerCase() === 'o';
}

export type PinPadKey = { readonly kind: 'digit'; readonly digit: string } | { readonly kind: 'erase' } | { readonly kind: 'submit' } | { readonly kind: 'cancel' };

const PHYSICAL_DIGIT = /^(?:Digit|Numpad)([0-9])$/;

/** A physical key on the PIN pad: digits 0–9, Backspace, Enter, Escape; anything else is null. */
export function pinPadKey(press: KeyPress): PinPadKey | null {
  if (press.altKey || press.ctrlKey || press.metaKey) return null;
  switch (press.key) {
    case 'Backspace':
    case 'Delete':
      return { kind: 'erase' };
    case 'Enter':
      return press.repeat ? null : { kind: 'submit' };
    case 'Escape':
      return press.repeat ? null : { kind: 'cancel' };
  }
  if (press.code === 'NumpadEnter') return press.repeat ? null : { kind: 'submit' };
  if (press.repeat) return null;
  const physical = PHYSICAL_DIGIT.exec(press.code);
  const digit = physical ? physical[1] : /^[0-9]$/.test(press.key) ? press.key : undefined;
  return digit === undefined ? null : { kind: 'digit', digit };
}
