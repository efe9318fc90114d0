import { describe, expect, it } from 'vitest';
import { applyKey, keyText, LAYOUTS, layoutsFor, nextLayout } from '../../../../renderer/technician/keyboardLayouts.ts';

describe('on-screen keyboard layouts', () => {
  it('Latin has the letters, digits and the characters of ids, paths and addresses', () => {
    const keys = LAYOUTS.latin.flat().join('');
    for (const char of 'abcdefghijklmnopqrstuvwxyz0123456789._-:/@') expect(keys, char).toContain(char);
  });

  it('Cyrillic is ЙЦУКЕН with all 33 letters and the digits', () => {
    const keys = LAYOUTS.cyrillic.flat().join('');
    for (const char of 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя0123456789') expect(keys, char).toContain(char);
    expect(LAYOUTS.cyrillic[1]?.slice(0, 6).join('')).toBe('йцукен');
  });

  it('digits are 0–9 only', () => {
    expect(LAYOUTS.digits.flat().sort().join('')).toBe('0123456789');
  });

  it('every key is one character and no row repeats a key', () => {
    for (const [name, rows] of Object.entries(LAYOUTS)) {
      const keys = rows.flat();
      for (const key of keys) expect([...key], `${name}: ${key}`).toHaveLength(1);
      expect(new Set(keys).size, name).toBe(keys.length);
    }
  });

  it('each field offers its layouts, and switching wraps round', () => {
    expect(layoutsFor('digits')).toEqual(['digits']);
    expect(layoutsFor('latin')).toEqual(['latin', 'cyrillic']);
    expect(layoutsFor('cyrillic')).toEqual(['cyrillic', 'latin']);
    expect(nextLayout('latin', layoutsFor('latin'))).toBe('cyrillic');
    expect(nextLayout('cyrillic', layoutsFor('latin'))).toBe('latin');
    expect(nextLayout('digits', layoutsFor('digits'))).toBe('digits');
  });

  it('shift gives the capital letter', () => {
    expect(keyText('ж', true)).toBe('Ж');
    expect(keyText('q', true)).toBe('Q');
    expect(keyText('q', false)).toBe('q');
    expect(keyText('.', true)).toBe('.');
  });
});

describe('what a key does to a field', () => {
  it('types at the caret and moves it on', () => {
    expect(applyKey({ value: 'mfc', start: 3, end: 3 }, { kind: 'insert', text: '-' })).toEqual({ value: 'mfc-', caret: 4 });
    expect(applyKey({ value: 'mc', start: 1, end: 1 }, { kind: 'insert', text: 'f' })).toEqual({ value: 'mfc', caret: 2 });
  });

  it('without a known caret, types at the end', () => {
    expect(applyKey({ value: 'ab', start: null, end: null }, { kind: 'insert', text: 'c' })).toEqual({ value: 'abc', caret: 3 });
  });

  it('replaces a selection', () => {
    expect(applyKey({ value: 'hello', start: 1, end: 4 }, { kind: 'insert', text: 'EY' })).toEqual({ value: 'hEYo', caret: 3 });
  });

  it('backspace removes the character before the caret, or the selection', () => {
    expect(applyKey({ value: 'abc', start: 3, end: 3 }, { kind: 'backspace' })).toEqual({ value: 'ab', caret: 2 });
    expect(applyKey({ value: 'abc', start: 1, end: 1 }, { kind: 'backspace' })).toEqual({ value: 'bc', caret: 0 });
    expect(applyKey({ value: 'abc', start: 0, end: 0 }, { kind: 'backspace' })).toEqual({ value: 'abc', caret: 0 });
    expect(applyKey({ value: 'abcd', start: 1, end: 3 }, { kind: 'backspace' })).toEqual({ value: 'ad', caret: 1 });
    expect(applyKey({ value: '', start: null, end: null }, { kind: 'backspace' })).toEqual({ value: '', caret: 0 });
  });

  it('backspace takes a whole character even outside the basic plane', () => {
    expect(applyKey({ value: 'a😀', start: 3, end: 3 }, { kind: 'backspace' })).toEqual({ value: 'a', caret: 1 });
  });

  it('refuses text beyond the field’s maximum length', () => {
    expect(applyKey({ value: 'П', start: 1, end: 1 }, { kind: 'insert', text: 'А' }, 3)).toEqual({ value: 'ПА', caret: 2 });
    expect(applyKey({ value: 'ПАС', start: 3, end: 3 }, { kind: 'insert', text: 'Х' }, 3)).toEqual({ value: 'ПАС', caret: 3 });
  });

  it('a caret out of range is clamped', () => {
    expect(applyKey({ value: 'ab', start: 10, end: 12 }, { kind: 'insert', text: 'c' })).toEqual({ value: 'abc', caret: 3 });
  });
});
