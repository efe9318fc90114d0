import type { Locale } from '../../shared/config.ts';

/**
 * Where a text changes language, told by its letters: Cyrillic is Russian, Latin is English (the two
 * languages a screen speaks). Config text (the office's name, a service, a window's label, an
 * operator's name) and ticket numbers ("П-017") are in the office's language whatever the screen's
 * is; a screen reader reads such a run with the right voice only when it is marked with `lang`
 * (WCAG 3.1.2). Pure (no DOM, no React), so it is unit-tested in Node.
 */

/** A piece of a text, and its language when that is not the language around it (null: the same). */
export interface LanguageRun {
  readonly text: string;
  readonly lang: Locale | null;
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;

/** The language of one character by its script; null for digits, spaces, punctuation and other scripts. */
function scriptOf(char: string): Locale | null {
  if (CYRILLIC.test(char)) return 'ru';
  if (LATIN.test(char)) return 'en';
  return null;
}

/**
 * The runs of `text` in `around` (the language of the element it sits in) and in the other language.
 * A run of another language starts at its first letter and ends at its last letter or the last digit
 * after it: the digits and signs between and right after its letters go with it, so "П-017" and
 * "Окно 2" are read whole in one voice; spaces and signs after it stay outside. Letters of other
 * scripts count as neither (they neither start nor break a run).
 */
export function languageRuns(text: string, around: Locale): LanguageRun[] {
  const chars = [...text];
  const runs: { text: string; lang: Locale | null }[] = [];
  let current: Locale | null = null; // the language of the run being read; null: the surrounding one
  let pending = ''; // neutral characters after the last letter of a foreign run: they go where the next letter goes
  const push = (piece: string, lang: Locale | null): void => {
    if (!piece) return;
    const last = runs.at(-1);
    if (last && last.lang === lang) last.text += piece;
    else runs.push({ text: piece, lang });
  };
  for (const char of chars) {
    const script = LETTER.test(char) ? scriptOf(char) : null;
    if (script === null) {
      if (current === null) push(char, null);
      else pending += char;
      continue;
    }
    const lang = script === around ? null : script;
    if (lang === current) {
      push(pending + char, lang);
    } else {
      closeRun(pending, current, push);
      push(char, lang);
    }
    pending = '';
    current = lang;
  }
  closeRun(pending, current, push);
  return runs;
}

/** The neutral characters after a foreign run: up to its last digit they are the run's, the rest is outside. */
function closeRun(pending: string, lang: Locale | null, push: (piece: string, lang: Locale | null) => void): void {
  const lastDigit = lang === null ? -1 : pending.search(/\d[^\d]*$/u);
  push(pending.slice(0, lastDigit + 1), lang);
  push(pending.slice(lastDigit + 1), null);
}
