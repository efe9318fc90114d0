import type { Config, Locale, SpeechConfig } from '../config.ts';
import { spokenLabel, spokenTicket, spokenWindow } from './spokenTicket.ts';

/**
 * What the hall board says for a call (issue #15, item 3): the phrase in each of the office's languages,
 * in order ("Талон пэ семнадцать, окно два. Ticket pee seventeen, window two."), from the config's
 * templates or the built-in ones. Pure: the announcer (electron/core/hall/announcer.ts) gives the result
 * to the speech service as it is.
 */

/** A run of text in one voice; the same shape as the speech service's SpokenPart, which shared/ may not import. */
export interface AnnouncementPart {
  readonly lang: Locale;
  readonly text: string;
}

/** The call as the board shows it (a HallCall's fields). */
export interface AnnouncedCall {
  readonly number: string;
  /** The window's id ("2"). */
  readonly window: string;
  /** What the board shows for it ("окно 2", "Кабинет 12"). */
  readonly windowLabel: string;
  /** 0 for the first call, one more for each recall. */
  readonly recall: number;
}

/**
 * The built-in phrases. The recall says so first, in the words the board's screen-reader text uses
 * ("Повторный вызов" / "Called again"), so what is heard and what is read agree.
 */
export const BUILT_IN_TEMPLATES: Readonly<Record<Locale, { readonly call: string; readonly recall: string }>> = {
  ru: { call: 'Талон {ticket}, {window}.', recall: 'Повторный вызов. Талон {ticket}, {window}.' },
  en: { call: 'Ticket {ticket}, {window}.', recall: 'Called again. Ticket {ticket}, {window}.' },
};

/** Said before a custom call template that has no recall template of its own. */
const RECALL_PREFIX: Readonly<Record<Locale, string>> = { ru: 'Повторный вызов.', en: 'Called again.' };

/** The template for this call in this language: the office's own, else the built-in one. */
export function announcementTemplate(speech: Pick<SpeechConfig, 'templates'>, locale: Locale, recall: boolean): string {
  const custom = speech.templates[locale];
  if (!custom) return recall ? BUILT_IN_TEMPLATES[locale].recall : BUILT_IN_TEMPLATES[locale].call;
  if (!recall) return custom.call;
  return custom.recall ?? `${RECALL_PREFIX[locale]} ${custom.call}`;
}

/** The languages an announcement is said in: speech.languages, else the screen's languages, each once. */
export function announcementLanguages(speech: Pick<SpeechConfig, 'languages'>, ui: Pick<Config['ui'], 'locales'>): Locale[] {
  return [...new Set(speech.languages ?? ui.locales)];
}

/** A label that only says "window N" in either language ("окно 2", "Окно 2", "Window 2"). */
const plainWindowLabel = (label: string, id: string): boolean => {
  const match = /^\s*(окно|window)\s*(?:№|no\.?|#)?\s*(\S+)\s*$/iu.exec(label);
  return match !== null && match[2]?.toLowerCase() === id.toLowerCase();
};

const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * The window as said, in `locale` unless the label can only be said in its own language.
 *
 * A label that is just "окно 2" is said from the window's id through spokenWindow ("окно два" / "window
 * two"): the English phrase then names the window in English, as it should. A label that is more than
 * that ("Кабинет 12", "Касса 3") is what the hall reads on the board and on the signs above the windows,
 * so it is said as it is written, with its numbers as words; a Cyrillic label keeps the Russian voice even
 * inside an English phrase, since an English voice would mangle it and the sign is in Russian anyway.
 */
export function spokenWindowPart(locale: Locale, window: string, windowLabel: string): AnnouncementPart {
  if (windowLabel.trim() === '' || plainWindowLabel(windowLabel, window)) return { lang: locale, text: spokenWindow(locale, window) };
  const lang: Locale = CYRILLIC.test(windowLabel) ? 'ru' : locale;
  // Words are said as words; a token with digits ("12", "5А") by spokenLabel, so "5А" is "пять а".
  const words = windowLabel
    .split(/\s+/u)
    .filter((word) => word !== '')
    .map((word) => (/\d/u.test(word) || /^\p{L}$/u.test(word) ? spokenLabel(lang, word) : word.toLowerCase()));
  return { lang, text: words.join(' ') };
}

/** Adjacent runs in one voice become one: fewer, longer parts synthesize more naturally. */
function joinRuns(parts: readonly AnnouncementPart[]): AnnouncementPart[] {
  const joined: AnnouncementPart[] = [];
  for (const part of parts) {
    const text = part.text.replace(/\s+/gu, ' ');
    if (text.trim() === '') continue;
    const last = joined.at(-1);
    // Punctuation alone ("." after a window said in Russian) stays with the words before it, not a voice of its own.
    const wordless = !/[\p{L}\d]/u.test(text);
    if (last && (last.lang === part.lang || wordless)) joined[joined.length - 1] = { lang: last.lang, text: `${last.text}${text}` };
    else joined.push({ lang: part.lang, text });
  }
  return joined.map((part) => ({ lang: part.lang, text: part.text.trim() })).filter((part) => part.text !== '');
}

/** One language's phrase for the call, as parts ({ticket} and {window} said as words). */
export function announcementInLanguage(template: string, locale: Locale, call: AnnouncedCall): AnnouncementPart[] {
  const parts: AnnouncementPart[] = [];
  for (const piece of template.split(/(\{ticket\}|\{window\})/u)) {
    if (piece === '{ticket}') parts.push({ lang: locale, text: spokenTicket(locale, call.number) });
    else if (piece === '{window}') parts.push(spokenWindowPart(locale, call.window, call.windowLabel));
    else parts.push({ lang: locale, text: piece });
  }
  return joinRuns(parts);
}

/** The whole announcement of a call or a recall: each language's phrase, in the configured order. */
export function announcementText(speech: Pick<SpeechConfig, 'templates' | 'languages'>, ui: Pick<Config['ui'], 'locales'>, call: AnnouncedCall): AnnouncementPart[] {
  return joinRuns(
    announcementLanguages(speech, ui).flatMap((locale) => {
      const phrase = announcementInLanguage(announcementTemplate(speech, locale, call.recall > 0), locale, call);
      // A space between languages' phrases when two end up in one voice (ru then a ru window label).
      return phrase.map((part, index) => (index === phrase.length - 1 ? { lang: part.lang, text: `${part.text} ` } : part));
    }),
  );
}
