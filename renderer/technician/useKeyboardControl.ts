import { createContext, useContext } from 'react';
import type { FieldKeyboard, KeyAction } from './keyboardLayouts.ts';

/**
 * Which field the on-screen keyboard types into. A field attaches itself when it takes the focus
 * and hands over its own `apply`, which updates the field through its React setter: the keyboard
 * never touches the DOM value.
 */
export interface KeyboardTarget {
  readonly id: string;
  readonly kind: FieldKeyboard;
  readonly label: string;
  apply(action: KeyAction): void;
}

export interface KeyboardControl {
  readonly target: KeyboardTarget | null;
  readonly attach: (target: KeyboardTarget) => void;
  /** The field is gone (unmounted): the keyboard goes if it was typing there. */
  readonly detach: (id: string) => void;
  readonly hide: () => void;
}

const NO_KEYBOARD: KeyboardControl = {
  target: null,
  attach: () => undefined,
  detach: () => undefined,
  hide: () => undefined,
};

export const KeyboardContext = createContext<KeyboardControl>(NO_KEYBOARD);

export const useKeyboardControl = (): KeyboardControl => useContext(KeyboardContext);
