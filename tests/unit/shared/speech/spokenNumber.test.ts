import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_SPOKEN_NUMBER,
  ruAgree,
  ruAgreeGenitive,
  ruPluralIndex,
  spokenNumber,
  spokenNumberEn,
  spokenNumberRu,
} from '../../../../shared/speech/spokenNumber.ts';

/**
 * Numbers as words (issue #15, item 2): exact tables for the values that go wrong (teens, the ones, the
 * hundreds, the thousands), agreement checked against two references made another way, and properties
 * over the whole range: words of letters and spaces only, and English words parsed back to the number.
 */

const RU: ReadonlyArray<readonly [number, string]> = [
  [0, 'ноль'],
  [1, 'один'],
  [2, 'два'],
  [10, 'десять'],
  [11, 'одиннадцать'],
  [12, 'двенадцать'],
  [13, 'тринадцать'],
  [14, 'четырнадцать'],
  [15, 'пятнадцать'],
  [16, 'шестнадцать'],
  [17, 'семнадцать'],
  [18, 'восемнадцать'],
  [19, 'девятнадцать'],
  [20, 'двадцать'],
  [21, 'двадцать один'],
  [40, 'сорок'],
  [90, 'девяносто'],
  [99, 'девяносто девять'],
  [100, 'сто'],
  [101, 'сто один'],
  [110, 'сто десять'],
  [111, 'сто одиннадцать'],
  [200, 'двести'],
  [201, 'двести один'],
  [400, 'четыреста'],
  [500, 'пятьсот'],
  [999, 'девятьсот девяносто девять'],
  [1000, 'тысяча'],
  [1001, 'тысяча один'],
  [1200, 'тысяча двести'],
  [2000, 'две тысячи'],
  [5000, 'пять тысяч'],
  [9999, 'девять тысяч девятьсот девяносто девять'],
  [11000, 'одиннадцать тысяч'],
  [21000, 'двадцать одна тысяча'],
  [22000, 'двадцать две тысячи'],
  [101000, 'сто одна тысяча'],
  [111000, 'сто одиннадцать тысяч'],
  [999999, 'девятьсот девяносто девять тысяч девятьсот девяносто девять'],
];

const EN: ReadonlyArray<readonly [number, string]> = [
  [0, 'zero'],
  [1, 'one'],
  [2, 'two'],
  [10, 'ten'],
  [11, 'eleven'],
  [12, 'twelve'],
  [13, 'thirteen'],
  [14, 'fourteen'],
  [15, 'fifteen'],
  [16, 'sixteen'],
  [17, 'seventeen'],
  [18, 'eighteen'],
  [19, 'nineteen'],
  [20, 'twenty'],
  [21, 'twenty one'],
  [40, 'forty'],
  [100, 'one hundred'],
  [101, 'one hundred and one'],
  [110, 'one hundred and ten'],
  [111, 'one hundred and eleven'],
  [200, 'two hundred'],
  [999, 'nine hundred and ninety nine'],
  [1000, 'one thousand'],
  [1001, 'one thousand and one'],
  [1100, 'one thousand one hundred'],
  [1101, 'one thousand one hundred and one'],
  [2000, 'two thousand'],
  [2010, 'two thousand and ten'],
  [21000, 'twenty one thousand'],
  [999999, 'nine hundred and ninety nine thousand nine hundred and ninety nine'],
];

describe('spokenNumberRu', () => {
  it.each(RU)('%i is "%s"', (n, words) => {
    expect(spokenNumberRu(n)).toBe(words);
    expect(spokenNumber('ru', n)).toBe(words);
  });

  it('gives the gender of what is counted to the last word only', () => {
    expect(spokenNumberRu(1, { gender: 'feminine' })).toBe('одна');
    expect(spokenNumberRu(2, { gender: 'feminine' })).toBe('две');
    expect(spokenNumberRu(1, { gender: 'neuter' })).toBe('одно');
    expect(spokenNumberRu(2, { gender: 'neuter' })).toBe('два');
    expect(spokenNumberRu(21, { gender: 'feminine' })).toBe('двадцать одна');
    expect(spokenNumberRu(11, { gender: 'feminine' })).toBe('одиннадцать');
    // The thousands are feminine whatever is counted: "двадцать одна тысяча один человек".
    expect(spokenNumberRu(21001)).toBe('двадцать одна тысяча один');
    expect(spokenNumberRu(2002, { gender: 'feminine' })).toBe('две тысячи две');
  });

  it('declines the number in the genitive ("около двадцати одной минуты")', () => {
    const genitive = (n: number): string => spokenNumberRu(n, { gender: 'feminine', grammaticalCase: 'genitive' });
    expect(genitive(1)).toBe('одной');
    expect(genitive(2)).toBe('двух');
    expect(genitive(15)).toBe('пятнадцати');
    expect(genitive(21)).toBe('двадцати одной');
    expect(genitive(40)).toBe('сорока');
    expect(genitive(90)).toBe('девяноста');
    expect(genitive(100)).toBe('ста');
    expect(genitive(200)).toBe('двухсот');
    expect(genitive(1000)).toBe('тысячи');
    expect(genitive(2000)).toBe('двух тысяч');
    expect(genitive(5000)).toBe('пяти тысяч');
    expect(spokenNumberRu(1, { grammaticalCase: 'genitive' })).toBe('одного');
  });
});

describe('spokenNumberEn', () => {
  it.each(EN)('%i is "%s"', (n, words) => {
    expect(spokenNumberEn(n)).toBe(words);
    expect(spokenNumber('en', n)).toBe(words);
  });
});

describe('out of range', () => {
  it.each([-1, 1.5, MAX_SPOKEN_NUMBER + 1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s in both languages', (n) => {
    expect(() => spokenNumberRu(n)).toThrow(RangeError);
    expect(() => spokenNumberEn(n)).toThrow(RangeError);
  });
});

/** Textbook rule, written independently of the source: the last two digits first, then the last one. */
function referenceForm(n: number): 'one' | 'few' | 'many' {
  const lastTwo = n % 100;
  if ([11, 12, 13, 14].includes(lastTwo)) return 'many';
  const last = n % 10;
  if (last === 1) return 'one';
  if ([2, 3, 4].includes(last)) return 'few';
  return 'many';
}

describe('Russian agreement', () => {
  const PEOPLE = ['человек', 'человека', 'человек'] as const;
  const MINUTES = ['минута', 'минуты', 'минут'] as const;
  const cldr = new Intl.PluralRules('ru');

  it('agrees over 0–999 with the textbook rule and with CLDR (Intl.PluralRules)', () => {
    for (let n = 0; n <= 999; n += 1) {
      const index = ruPluralIndex(n);
      expect(['one', 'few', 'many'][index], String(n)).toBe(referenceForm(n));
      expect(['one', 'few', 'many'][index], String(n)).toBe(cldr.select(n));
    }
  });

  it('picks the form of "человек" and "минута"', () => {
    const said = (n: number, forms: readonly [string, string, string]): string => `${n} ${ruAgree(n, forms)}`;
    expect([0, 1, 2, 4, 5, 11, 14, 20, 21, 22, 25, 101, 111, 112, 121].map((n) => said(n, PEOPLE))).toEqual([
      '0 человек',
      '1 человек',
      '2 человека',
      '4 человека',
      '5 человек',
      '11 человек',
      '14 человек',
      '20 человек',
      '21 человек',
      '22 человека',
      '25 человек',
      '101 человек',
      '111 человек',
      '112 человек',
      '121 человек',
    ]);
    expect([1, 3, 5, 21, 1001].map((n) => said(n, MINUTES))).toEqual(['1 минута', '3 минуты', '5 минут', '21 минута', '1001 минута']);
  });

  it('uses the genitive singular only after a number ending in 1 but not 11', () => {
    for (let n = 0; n <= 999; n += 1) {
      expect(ruAgreeGenitive(n, ['минуты', 'минут']), String(n)).toBe(referenceForm(n) === 'one' ? 'минуты' : 'минут');
    }
  });

  it('is generic over the forms', () => {
    expect(ruAgree(3, [1, 2, 3] as const)).toBe(2);
  });
});

const WORDS = /^\p{L}+( \p{L}+)*$/u;

describe('properties', () => {
  it('every number gives non-empty words of letters and single spaces, in both languages and every form', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: MAX_SPOKEN_NUMBER })),
        fc.constantFrom('masculine', 'feminine', 'neuter'),
        fc.constantFrom('nominative', 'genitive'),
        (n, gender, grammaticalCase) => {
          expect(spokenNumberRu(n, { gender, grammaticalCase })).toMatch(WORDS);
          expect(spokenNumberEn(n)).toMatch(WORDS);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('every number 0–999 has its own words (no two numbers sound the same)', () => {
    for (const speak of [spokenNumberEn, (n: number): string => spokenNumberRu(n)]) {
      const seen = new Set<string>();
      for (let n = 0; n <= 999; n += 1) seen.add(speak(n));
      expect(seen.size).toBe(1000);
    }
  });

  it('English words parse back to the number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_SPOKEN_NUMBER }), (n) => {
        expect(parseEnglish(spokenNumberEn(n))).toBe(n);
      }),
      { numRuns: 2000 },
    );
    for (let n = 0; n <= 999; n += 1) expect(parseEnglish(spokenNumberEn(n))).toBe(n);
  });
});

/** A small reader of English number words, built from its own list and not from the source's tables. */
function parseEnglish(words: string): number {
  const small = 'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(' ');
  const tens = 'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ');
  let total = 0;
  let current = 0;
  for (const word of words.split(' ')) {
    if (word === 'and') continue;
    if (small.includes(word)) current += small.indexOf(word);
    else if (tens.includes(word)) current += (tens.indexOf(word) + 2) * 10;
    else if (word === 'hundred') current *= 100;
    else if (word === 'thousand') {
      total += current * 1000;
      current = 0;
    } else throw new Error(`not a number word: ${word}`);
  }
  return total + current;
}
