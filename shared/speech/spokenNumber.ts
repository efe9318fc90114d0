import type { Locale } from '../config.ts';

/**
 * Cardinal numbers as words, for a speech engine to read (issue #15, item 2). Why words and not digits:
 * an engine given "около 21 минуты" has to guess the case and gender of "21" and, in the open-source queue
 * systems, guesses wrong ("около двадцать один минут"); here the grammar is decided by the code that
 * knows what is counted. Pure: no I/O, no Intl (its output differs between ICU builds; the tests compare
 * with it instead).
 *
 * The output is lower-case words of letters separated by single spaces, no hyphens and no punctuation:
 * an engine pauses on a hyphen differently from one build to another, and the announcement cache keys
 * phrases by their text, so one spelling per number keeps one cache entry per phrase.
 */

/** The largest number spoken: a ticket number is at most 9999 (queueRules.number), a count far less. */
export const MAX_SPOKEN_NUMBER = 999_999;

/** Russian grammatical gender of what is counted: "один человек", "одна минута", "одно окно". */
export type RuGender = 'masculine' | 'feminine' | 'neuter';

/**
 * Russian case of the number phrase. Nominative for "впереди два человека"; genitive after "около",
 * "меньше", "больше" ("около двадцати одной минуты"). The other cases are not needed by any phrase yet.
 */
export type RuCase = 'nominative' | 'genitive';

export interface RuNumberOptions {
  readonly gender?: RuGender;
  readonly grammaticalCase?: RuCase;
}

/** The three forms a Russian noun takes after a number: 1 минута, 2 минуты, 5 минут. */
export type RuForms = readonly [one: string, few: string, many: string];

/**
 * Which of the three forms follows `count` in the nominative: 1, 21, 101 → one; 2–4, 22–24 → few;
 * 0, 5–20, 25–30, 111–114 → many. The last two digits 11–14 always take "many" (одиннадцать человек).
 */
export function ruPluralIndex(count: number): 0 | 1 | 2 {
  const n = Math.abs(Math.trunc(count));
  const lastTwo = n % 100;
  const last = n % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return 2;
  if (last === 1) return 0;
  if (last >= 2 && last <= 4) return 1;
  return 2;
}

/** The noun form that agrees with `count`: ruAgree(22, ['человек', 'человека', 'человек']) → 'человека'. */
export function ruAgree<T>(count: number, forms: readonly [one: T, few: T, many: T]): T {
  return forms[ruPluralIndex(count)];
}

/**
 * The noun form after a number in the genitive ("около пяти минут", "около двадцати одной минуты"): the
 * genitive singular when the number ends in 1 but not 11, the genitive plural otherwise. `forms` are
 * [genitive singular, genitive plural]: ['минуты', 'минут'].
 */
export function ruAgreeGenitive<T>(count: number, forms: readonly [singular: T, plural: T]): T {
  return ruPluralIndex(count) === 0 ? forms[0] : forms[1];
}

const RU_UNITS_NOM: Record<RuGender, readonly string[]> = {
  masculine: ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
  feminine: ['', 'одна', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
  neuter: ['', 'одно', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
};
const RU_UNITS_GEN: Record<RuGender, readonly string[]> = {
  masculine: ['', 'одного', 'двух', 'трёх', 'четырёх', 'пяти', 'шести', 'семи', 'восьми', 'девяти'],
  feminine: ['', 'одной', 'двух', 'трёх', 'четырёх', 'пяти', 'шести', 'семи', 'восьми', 'девяти'],
  neuter: ['', 'одного', 'двух', 'трёх', 'четырёх', 'пяти', 'шести', 'семи', 'восьми', 'девяти'],
};
const RU_TEENS: Record<RuCase, readonly string[]> = {
  nominative: ['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать', 'восемнадцать', 'девятнадцать'],
  genitive: ['десяти', 'одиннадцати', 'двенадцати', 'тринадцати', 'четырнадцати', 'пятнадцати', 'шестнадцати', 'семнадцати', 'восемнадцати', 'девятнадцати'],
};
const RU_TENS: Record<RuCase, readonly string[]> = {
  nominative: ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'],
  genitive: ['', '', 'двадцати', 'тридцати', 'сорока', 'пятидесяти', 'шестидесяти', 'семидесяти', 'восьмидесяти', 'девяноста'],
};
const RU_HUNDREDS: Record<RuCase, readonly string[]> = {
  nominative: ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'],
  genitive: ['', 'ста', 'двухсот', 'трёхсот', 'четырёхсот', 'пятисот', 'шестисот', 'семисот', 'восьмисот', 'девятисот'],
};
/** "тысяча" is feminine: одна тысяча, две тысячи, пять тысяч; genitive: одной тысячи, двух тысяч. */
const RU_THOUSAND: Record<RuCase, RuForms> = {
  nominative: ['тысяча', 'тысячи', 'тысяч'],
  // The genitive has two forms only; "few" and "many" share the plural.
  genitive: ['тысячи', 'тысяч', 'тысяч'],
};

const pick = (table: readonly string[], index: number): string => table[index] ?? '';

/** 1–999 in Russian, as words; 0 gives no words (the caller says "ноль" when the whole number is 0). */
function ruBelowThousand(n: number, gender: RuGender, grammaticalCase: RuCase): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds > 0) words.push(pick(RU_HUNDREDS[grammaticalCase], hundreds));
  if (rest >= 10 && rest < 20) {
    words.push(pick(RU_TEENS[grammaticalCase], rest - 10));
  } else {
    const tens = Math.floor(rest / 10);
    const units = rest % 10;
    if (tens > 0) words.push(pick(RU_TENS[grammaticalCase], tens));
    if (units > 0) words.push(pick(grammaticalCase === 'nominative' ? RU_UNITS_NOM[gender] : RU_UNITS_GEN[gender], units));
  }
  return words;
}

function assertSpeakable(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_SPOKEN_NUMBER) throw new RangeError(`cannot speak ${n}: a whole number 0–${MAX_SPOKEN_NUMBER} is expected`);
}

/**
 * A number in Russian words: spokenNumberRu(201) → "двести один", spokenNumberRu(1, { gender: 'feminine' })
 * → "одна", spokenNumberRu(21, { grammaticalCase: 'genitive', gender: 'feminine' }) → "двадцати одной".
 * Exactly one thousand is "тысяча", not "одна тысяча", as people say it ("тысяча двести"); 21 000 is
 * "двадцать одна тысяча". The default gender is masculine: a ticket or window number is read as a label
 * ("окно один", "пэ двадцать один"), and labels take the masculine form.
 */
export function spokenNumberRu(n: number, options: RuNumberOptions = {}): string {
  assertSpeakable(n);
  const gender = options.gender ?? 'masculine';
  const grammaticalCase = options.grammaticalCase ?? 'nominative';
  if (n === 0) return grammaticalCase === 'nominative' ? 'ноль' : 'ноля';
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const words: string[] = [];
  if (thousands === 1) words.push(pick(RU_THOUSAND[grammaticalCase], 0));
  else if (thousands > 1) words.push(...ruBelowThousand(thousands, 'feminine', grammaticalCase), ruAgree(thousands, RU_THOUSAND[grammaticalCase]));
  words.push(...ruBelowThousand(rest, gender, grammaticalCase));
  return words.join(' ');
}

const EN_UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const EN_TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** 1–99 in English; 0 gives no words. "twenty one", not "twenty-one": see the top of this file. */
function enBelowHundred(n: number): string[] {
  if (n === 0) return [];
  if (n < 10) return [pick(EN_UNITS, n)];
  if (n < 20) return [pick(EN_TEENS, n - 10)];
  const units = n % 10;
  return units === 0 ? [pick(EN_TENS, n / 10)] : [pick(EN_TENS, Math.floor(n / 10)), pick(EN_UNITS, units)];
}

/** 1–999 in English, "and" before the tens and units after a hundred: "two hundred and one". */
function enBelowThousand(n: number): string[] {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return enBelowHundred(rest);
  const words = [pick(EN_UNITS, hundreds), 'hundred'];
  return rest === 0 ? words : [...words, 'and', ...enBelowHundred(rest)];
}

/**
 * A number in English words, British usage: "two hundred and one", "one thousand and one", "two thousand
 * one hundred". Why British and not American ("two hundred one"): okno's English is the international
 * English of EU and Commonwealth visitors, and the "and" is what eSpeak NG's en voice and most people
 * outside the US say, so the phrase sounds the same whichever engine reads it; it also keeps "one hundred
 * and seven" from being heard as "one hundred, seven" (two numbers) in a noisy hall.
 */
export function spokenNumberEn(n: number): string {
  assertSpeakable(n);
  if (n === 0) return 'zero';
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const words: string[] = [];
  if (thousands > 0) words.push(...enBelowThousand(thousands), 'thousand');
  // "one thousand and one": the "and" also comes before a last part below a hundred after thousands.
  if (thousands > 0 && rest > 0 && rest < 100) words.push('and');
  words.push(...enBelowThousand(rest));
  return words.join(' ');
}

/** A number in the given language; Russian options are ignored in English, which has no gender or case here. */
export function spokenNumber(locale: Locale, n: number, ruOptions: RuNumberOptions = {}): string {
  return locale === 'ru' ? spokenNumberRu(n, ruOptions) : spokenNumberEn(n);
}
