import type { Locale } from '../../../shared/config.ts';
import { spokenNumber } from '../../../shared/speech/spokenNumber.ts';
import type { i18n as I18n } from 'i18next';

/**
 * What a screen says, as parts the core synthesizes one by one, each in its own language's voice
 * (request `speak`): "Service:" in English, then "Паспорт" in Russian when the service has no English
 * name (WCAG 3.1.2 for the ear). Pure, so the screens' scripts are unit-tested in Node.
 */
export interface SpokenPart {
  readonly lang: Locale;
  readonly text: string;
}

/** The words of one language: a translation function with that language fixed. */
export interface SpeechWords {
  readonly locale: Locale;
  readonly t: (key: string, values?: Readonly<Record<string, unknown>>) => string;
}

export function wordsOf(i18n: I18n, locale: Locale): SpeechWords {
  return { locale, t: (key, values) => i18n.t(key, { lng: locale, ...values }) };
}

/** The request accepts at most this many parts and this many characters in one (shared/requests/inputs.ts). */
export const MAX_PARTS = 40;
export const MAX_PART_CHARS = 1000;

/**
 * Joins neighbouring parts in the same language (one synthesis instead of several, and a natural
 * flow), drops empty ones, and keeps within the request's limits: a part too long is cut at the
 * limit, parts beyond the limit are left out (a menu of 40 services is said item by item anyway).
 */
export function joinParts(parts: readonly (SpokenPart | null)[]): SpokenPart[] {
  const joined: SpokenPart[] = [];
  for (const part of parts) {
    // A no-break space keeps words together on screen; to the voice it is a space.
    const text = part?.text.replace(/\u00a0/g, ' ').trim();
    if (!part || !text) continue;
    const last = joined.at(-1);
    if (last && last.lang === part.lang && last.text.length + text.length + 1 <= MAX_PART_CHARS) joined[joined.length - 1] = { lang: last.lang, text: `${last.text} ${text}` };
    else joined.push({ lang: part.lang, text: text.slice(0, MAX_PART_CHARS) });
  }
  return joined.slice(0, MAX_PARTS);
}

/** A part in the words' language. */
export const said = (words: SpeechWords, text: string): SpokenPart => ({ lang: words.locale, text });

/**
 * The language a configured name is written in, when the config does not say (the office's name):
 * Cyrillic letters are Russian, other letters English; no letters at all, the screen's language.
 */
export function languageOfText(text: string, fallback: Locale): Locale {
  if (/\p{Script=Cyrillic}/u.test(text)) return 'ru';
  if (/\p{L}/u.test(text)) return 'en';
  return fallback;
}

/** A button's number as a word ("три", "three"): the engine is given words, never digits (shared/speech). */
export const buttonWord = (words: SpeechWords, button: number): string => spokenNumber(words.locale, button);

/** "14:30" as words ("четырнадцать тридцать", "fourteen thirty"); anything else as it is. */
export function spokenClockTime(locale: Locale, time: string): string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match) return time;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  const zero = locale === 'ru' ? 'ноль' : 'o';
  const minuteWords = minutes === 0 ? (locale === 'ru' ? 'ноль ноль' : "o'clock") : minutes < 10 ? `${zero} ${spokenNumber(locale, minutes)}` : spokenNumber(locale, minutes);
  return `${spokenNumber(locale, hours)} ${minuteWords}`;
}
