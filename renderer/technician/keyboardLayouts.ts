/**
 * The on-screen keyboard's layouts and what a key does to a text field. Pure (no DOM, no React):
 * the keyboard component asks `applyKey` for the new value and caret, and hands the value to the
 * field's own setter.
 */

export type LayoutName = 'latin' | 'cyrillic' | 'digits';

/** Rows of keys, each one character. Upper case comes from Shift. */
export const LAYOUTS: Readonly<Record<LayoutName, readonly (readonly string[])[]>> = {
  latin: [[...'1234567890'], [...'qwertyuiop'], [...'asdfghjkl:/'], [...'zxcvbnm._-@']],
  cyrillic: [[...'1234567890'], [...'йцукенгшщзхъ'], [...'фывапролджэ'], [...'ячсмитьбюё.,-']],
  digits: [[...'123'], [...'456'], [...'789'], [...'0']],
};

/** The layouts a field offers, the first one shown first. */
export type FieldKeyboard = 'latin' | 'cyrillic' | 'digits';

export function layoutsFor(kind: FieldKeyboard): readonly LayoutName[] {
  switch (kind) {
    case 'digits':
      return ['digits'];
    case 'latin':
      return ['latin', 'cyrillic'];
    case 'cyrillic':
      return ['cyrillic', 'latin'];
  }
}

/** The layout after `current` among those offered (wraps round). */
export function nextLayout(current: LayoutName, offered: readonly LayoutName[]): LayoutName {
  const index = offered.indexOf(current);
  return offered[(index + 1) % offered.length] ?? current;
}

export const keyText = (key: string, shift: boolean): string => (shift ? key.toLocaleUpperCase() : key);

export interface FieldText {
  readonly value: string;
  /** The selection (caret when start = end); null when unknown: the end of the text. */
  readonly start: number | null;
  readonly end: number | null;
}

export type KeyAction = { readonly kind: 'insert'; readonly text: string } | { readonly kind: 'backspace' };

/** The field's value after a key, and where the caret goes. `maxLength` refuses text that would not fit. */
export function applyKey(field: FieldText, action: KeyAction, maxLength?: number): { readonly value: string; readonly caret: number } {
  const length = field.value.length;
  const start = Math.min(Math.max(field.start ?? length, 0), length);
  const end = Math.min(Math.max(field.end ?? start, start), length);
  if (action.kind === 'backspace') {
    if (start !== end) return { value: field.value.slice(0, start) + field.value.slice(end), caret: start };
    if (start === 0) return { value: field.value, caret: 0 };
    // One code point back (a surrogate pair is one character).
    const before = [...field.value.slice(0, start)];
    before.pop();
    const head = before.join('');
    return { value: head + field.value.slice(end), caret: head.length };
  }
  const value = field.value.slice(0, start) + action.text + field.value.slice(end);
  if (maxLength !== undefined && value.length > maxLength) return { value: field.value, caret: end };
  return { value, caret: start + action.text.length };
}
