import type { Locale } from '../config.ts';
import { ruAgree, ruAgreeGenitive, spokenNumber, spokenNumberEn, spokenNumberRu } from './spokenNumber.ts';

/**
 * The phrases of the queue as a person says them (issue #15, item 2): ticket numbers ("П-017" → "пэ
 * семнадцать"), windows ("окно пять"), people ahead ("впереди четыре человека") and the wait ("около
 * пятнадцати минут"), ru and en. Pure. Every number is given to the engine as words (why:
 * spokenNumber.ts); letters as their spoken names, because an engine given a lone "А" or "A" reads it as
 * a syllable or the English article, not as a letter.
 */

/** Russian names of the Cyrillic letters, as said aloud in a queue ("пэ", "эль"). */
const RU_CYRILLIC: Readonly<Record<string, string>> = {
  А: 'а', Б: 'бэ', В: 'вэ', Г: 'гэ', Д: 'дэ', Е: 'е', Ё: 'ё', Ж: 'жэ', З: 'зэ', И: 'и', Й: 'и краткое',
  К: 'ка', Л: 'эль', М: 'эм', Н: 'эн', О: 'о', П: 'пэ', Р: 'эр', С: 'эс', Т: 'тэ', У: 'у', Ф: 'эф',
  Х: 'ха', Ц: 'цэ', Ч: 'чэ', Ш: 'ша', Щ: 'ща', Ъ: 'твёрдый знак', Ы: 'ы', Ь: 'мягкий знак', Э: 'э',
  Ю: 'ю', Я: 'я',
};

/**
 * Russian names of the Latin letters: the school and mathematics reading ("бэ", "икс", "игрек"), which
 * every Russian speaker knows, rather than the English names, which many do not.
 */
const RU_LATIN: Readonly<Record<string, string>> = {
  A: 'а', B: 'бэ', C: 'цэ', D: 'дэ', E: 'е', F: 'эф', G: 'гэ', H: 'аш', I: 'и', J: 'йот', K: 'ка',
  L: 'эль', M: 'эм', N: 'эн', O: 'о', P: 'пэ', Q: 'ку', R: 'эр', S: 'эс', T: 'тэ', U: 'у', V: 'вэ',
  W: 'дубль вэ', X: 'икс', Y: 'игрек', Z: 'зэт',
};

/**
 * English names of the Latin letters, spelled as said ("pee", not "P": an engine reads a lone "A" as the
 * article). British "zed", like the numbers' "and" (spokenNumber.ts).
 */
const EN_LATIN: Readonly<Record<string, string>> = {
  A: 'ay', B: 'bee', C: 'see', D: 'dee', E: 'ee', F: 'ef', G: 'jee', H: 'aitch', I: 'eye', J: 'jay',
  K: 'kay', L: 'el', M: 'em', N: 'en', O: 'oh', P: 'pee', Q: 'cue', R: 'ar', S: 'ess', T: 'tee',
  U: 'you', V: 'vee', W: 'double you', X: 'ex', Y: 'why', Z: 'zed',
};

/**
 * Cyrillic letters for an English listener: the letter's transliteration when it is one Latin letter
 * (П → P, said "pee"; В → V, Р → R, С → S, Н → N by sound, not by look), else the syllable the letter
 * stands for, spelled for an English reader (Ж → "zhe", Щ → "shcha"): spelling out "Z H" would name two
 * letters the ticket does not show.
 */
const EN_CYRILLIC: Readonly<Record<string, string>> = {
  А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', Е: 'E', Ё: 'yo', Ж: 'zhe', З: 'Z', И: 'I', Й: 'Y', К: 'K',
  Л: 'L', М: 'M', Н: 'N', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U', Ф: 'F', Х: 'kha', Ц: 'tse',
  Ч: 'che', Ш: 'sha', Щ: 'shcha', Ъ: 'hard sign', Ы: 'Y', Ь: 'soft sign', Э: 'E', Ю: 'yu', Я: 'ya',
};

/** The letters with a spoken name in each language (for tests and for a config check later). */
export const SPOKEN_LETTERS: readonly string[] = [...Object.keys(RU_CYRILLIC), ...Object.keys(RU_LATIN)];

/** One character's spoken name, or null when it has none (a digit or a sign: see spokenLabel). */
export function spokenLetter(locale: Locale, letter: string): string | null {
  const upper = letter.toUpperCase();
  if (locale === 'ru') return RU_CYRILLIC[upper] ?? RU_LATIN[upper] ?? null;
  const latin = EN_CYRILLIC[upper] ?? upper;
  // A one-letter transliteration is named like the Latin letter; a syllable ("zhe") is said as it is.
  return EN_LATIN[latin] ?? (latin === upper ? null : latin);
}

/**
 * A label as said aloud: runs of digits as one number without leading zeros ("017" → "семнадцать"),
 * letters by their names, signs dropped ("П-017", "5А", "12 б"). A character with no name is kept as it
 * is, so the engine still says something rather than nothing; the config allows any prefix of 1–3
 * characters (queueRules.prefixLength), and a phrase that loses part of a ticket number is worse.
 */
export function spokenLabel(locale: Locale, label: string): string {
  const words: string[] = [];
  for (const [token] of label.matchAll(/\d+|\p{L}/gu)) {
    if (/^\d+$/.test(token)) {
      const value = Number(token);
      // A run longer than the spoken range (a window named by a long code) is read digit by digit.
      words.push(value <= 999_999 ? spokenNumber(locale, value) : [...token].map((digit) => spokenNumber(locale, Number(digit))).join(' '));
    } else if (/^\p{L}$/u.test(token)) {
      words.push(spokenLetter(locale, token) ?? token.toLowerCase());
    }
    // Hyphens, dots, slashes: what the dispenser prints between prefix and number is not said.
  }
  return words.join(' ');
}

/**
 * A ticket number as printed by the dispenser (formatTicketNumber: `<prefix>-<NNN>`, "П-017") as said:
 * "пэ семнадцать" / "pee seventeen". The number loses its leading zeros; "П-000" is "пэ ноль".
 */
export function spokenTicket(locale: Locale, ticketNumber: string): string {
  return spokenLabel(locale, ticketNumber);
}

/** "окно пять" / "window five"; a window named "5А" is "окно пять а". */
export function spokenWindow(locale: Locale, window: string): string {
  return `${locale === 'ru' ? 'окно' : 'window'} ${spokenLabel(locale, window)}`;
}

const RU_PEOPLE = ['человек', 'человека', 'человек'] as const;

/**
 * How many are waiting before the visitor: "впереди четыре человека", "впереди двадцать один человек",
 * "four people ahead"; one is "впереди один человек" / "one person ahead"; none is "перед вами никого
 * нет" / "you are next", which is what the visitor wants to know, rather than a count of zero ("вы
 * следующий" would guess the visitor's gender).
 */
export function spokenPeopleAhead(locale: Locale, ahead: number): string {
  if (locale === 'ru') return ahead === 0 ? 'перед вами никого нет' : `впереди ${spokenNumberRu(ahead)} ${ruAgree(ahead, RU_PEOPLE)}`;
  if (ahead === 0) return 'you are next';
  return `${spokenNumberEn(ahead)} ${ahead === 1 ? 'person' : 'people'} ahead`;
}

/**
 * The estimated wait: "около пятнадцати минут" / "about fifteen minutes". `step` is how the estimate was
 * rounded: the hub rounds to 5 minutes and sends 0 for "under five" (aheadText.ts), so 0 is "меньше
 * пяти минут" with step 5 and "меньше минуты" with step 1. "около" takes the genitive, hence "около
 * двадцати одной минуты", not "около двадцать одна минута". A wait beyond MAX_SPOKEN_NUMBER minutes, or
 * not a number, throws a RangeError (spokenNumber): an estimate like that is a bug upstream, not a phrase.
 */
export function spokenWait(locale: Locale, minutes: number, step = 1): string {
  const whole = Math.max(0, Math.round(minutes));
  if (whole === 0) {
    if (locale === 'ru') return step <= 1 ? 'меньше минуты' : `меньше ${spokenNumberRu(step, { gender: 'feminine', grammaticalCase: 'genitive' })} ${ruAgreeGenitive(step, ['минуты', 'минут'])}`;
    return step <= 1 ? 'less than a minute' : `less than ${spokenNumberEn(step)} minutes`;
  }
  if (locale === 'ru') return `около ${spokenNumberRu(whole, { gender: 'feminine', grammaticalCase: 'genitive' })} ${ruAgreeGenitive(whole, ['минуты', 'минут'])}`;
  return `about ${spokenNumberEn(whole)} ${whole === 1 ? 'minute' : 'minutes'}`;
}

/** The hall call: "Талон пэ семнадцать, окно пять" / "Ticket pee seventeen, window five". */
export function spokenCall(locale: Locale, ticketNumber: string, window: string): string {
  return `${locale === 'ru' ? 'Талон' : 'Ticket'} ${spokenTicket(locale, ticketNumber)}, ${spokenWindow(locale, window)}`;
}
