import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queueRules } from '../../../../shared/configRules.ts';
import { spokenNumberEn, spokenNumberRu } from '../../../../shared/speech/spokenNumber.ts';
import {
  SPOKEN_LETTERS,
  spokenCall,
  spokenLabel,
  spokenLetter,
  spokenPeopleAhead,
  spokenTicket,
  spokenWait,
  spokenWindow,
} from '../../../../shared/speech/spokenTicket.ts';
import { formatTicketNumber } from '../../../../electron/core/tickets/ticketNumbering.ts';

/**
 * Queue phrases as said aloud (issue #15, item 2). The ticket numbers are made by the dispenser's own
 * formatTicketNumber, so a change of the printed format shows here.
 */

/** The letter names the issue lists, one by one. */
const RU_NAMES: Readonly<Record<string, string>> = {
  П: 'пэ', А: 'а', Б: 'бэ', В: 'вэ', Г: 'гэ', Д: 'дэ', Е: 'е', Ж: 'жэ', З: 'зэ', И: 'и', К: 'ка', Л: 'эль',
  М: 'эм', Н: 'эн', О: 'о', Р: 'эр', С: 'эс', Т: 'тэ', У: 'у', Ф: 'эф', Х: 'ха', Ц: 'цэ', Ч: 'чэ', Ш: 'ша',
  Щ: 'ща', Э: 'э', Ю: 'ю', Я: 'я',
};

const CYRILLIC = [...'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ'];
const LATIN = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const WORDS = /^\p{L}+( \p{L}+)*$/u;

describe('spokenLetter', () => {
  it.each(Object.entries(RU_NAMES))('ru: %s is "%s"', (letter, name) => {
    expect(spokenLetter('ru', letter)).toBe(name);
    expect(spokenLetter('ru', letter.toLowerCase())).toBe(name);
  });

  it('names every Cyrillic and Latin letter in both languages, as words', () => {
    expect(new Set(SPOKEN_LETTERS)).toEqual(new Set([...CYRILLIC, ...LATIN]));
    for (const letter of [...CYRILLIC, ...LATIN]) {
      expect(spokenLetter('ru', letter), letter).toMatch(WORDS);
      expect(spokenLetter('en', letter), letter).toMatch(WORDS);
    }
  });

  it('en: Latin names, Cyrillic transliterated by sound', () => {
    expect(['A', 'P', 'W', 'Z'].map((letter) => spokenLetter('en', letter))).toEqual(['ay', 'pee', 'double you', 'zed']);
    expect(['П', 'А', 'В', 'Р', 'С', 'Н', 'Ж', 'Щ', 'Я'].map((letter) => spokenLetter('en', letter))).toEqual(['pee', 'ay', 'vee', 'ar', 'ess', 'en', 'zhe', 'shcha', 'ya']);
  });

  it('ru: Latin letters by their Russian school names', () => {
    expect(['A', 'B', 'H', 'W', 'X', 'Y'].map((letter) => spokenLetter('ru', letter))).toEqual(['а', 'бэ', 'аш', 'дубль вэ', 'икс', 'игрек']);
  });

  it('has no name for a digit or a sign', () => {
    for (const locale of ['ru', 'en'] as const) {
      expect(spokenLetter(locale, '5')).toBeNull();
      expect(spokenLetter(locale, '-')).toBeNull();
    }
  });
});

describe('spokenTicket', () => {
  it.each([
    ['П', 17, 'пэ семнадцать', 'pee seventeen'],
    ['А', 1, 'а один', 'ay one'],
    ['Б', 0, 'бэ ноль', 'bee zero'],
    ['Д', 100, 'дэ сто', 'dee one hundred'],
    ['ВП', 201, 'вэ пэ двести один', 'vee pee two hundred and one'],
    ['Ж', 999, 'жэ девятьсот девяносто девять', 'zhe nine hundred and ninety nine'],
    ['Щ', 9999, 'ща девять тысяч девятьсот девяносто девять', 'shcha nine thousand nine hundred and ninety nine'],
    ['A', 21, 'а двадцать один', 'ay twenty one'],
  ] as const)('%s-%i is "%s" / "%s"', (prefix, number, ru, en) => {
    const printed = formatTicketNumber(prefix, number);
    expect(spokenTicket('ru', printed)).toBe(ru);
    expect(spokenTicket('en', printed)).toBe(en);
  });

  it('ru: every prefix letter, alone or in a prefix of up to queueRules.prefixLength.max letters, with any number', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CYRILLIC, ...LATIN), { minLength: queueRules.prefixLength.min, maxLength: queueRules.prefixLength.max }),
        fc.integer({ min: queueRules.number.min, max: queueRules.number.max }),
        (letters, number) => {
          const printed = formatTicketNumber(letters.join(''), number);
          const names = letters.map((letter) => spokenLetter('ru', letter) ?? '');
          expect(spokenTicket('ru', printed)).toBe(`${names.join(' ')} ${spokenNumberRu(number)}`);
          expect(spokenTicket('ru', printed)).toMatch(WORDS);
          expect(spokenTicket('en', printed)).toBe(`${letters.map((letter) => spokenLetter('en', letter) ?? '').join(' ')} ${spokenNumberEn(number)}`);
          expect(spokenTicket('en', printed)).toMatch(WORDS);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('every prefix letter in the ru call phrase for every number 0–999', () => {
    for (const letter of Object.keys(RU_NAMES)) {
      for (let number = 0; number <= 999; number += 1) {
        expect(spokenCall('ru', formatTicketNumber(letter, number), '5')).toBe(`Талон ${RU_NAMES[letter] ?? ''} ${spokenNumberRu(number)}, окно пять`);
      }
    }
  });

  it('keeps a character it cannot name rather than lose part of the number', () => {
    expect(spokenLabel('ru', 'Ω-7')).toBe('ω семь');
    expect(spokenLabel('en', '1-02')).toBe('one two');
  });
});

describe('spokenWindow', () => {
  it.each([
    ['5', 'окно пять', 'window five'],
    ['05', 'окно пять', 'window five'],
    ['1', 'окно один', 'window one'],
    ['12', 'окно двенадцать', 'window twelve'],
    ['5А', 'окно пять а', 'window five ay'],
    ['12 б', 'окно двенадцать бэ', 'window twelve bee'],
  ] as const)('"%s" is "%s" / "%s"', (window, ru, en) => {
    expect(spokenWindow('ru', window)).toBe(ru);
    expect(spokenWindow('en', window)).toBe(en);
  });

  it('reads a run of digits too long for a number digit by digit', () => {
    expect(spokenWindow('en', '1234567')).toBe('window one two three four five six seven');
  });
});

describe('spokenPeopleAhead', () => {
  it.each([
    [0, 'перед вами никого нет', 'you are next'],
    [1, 'впереди один человек', 'one person ahead'],
    [2, 'впереди два человека', 'two people ahead'],
    [4, 'впереди четыре человека', 'four people ahead'],
    [5, 'впереди пять человек', 'five people ahead'],
    [11, 'впереди одиннадцать человек', 'eleven people ahead'],
    [21, 'впереди двадцать один человек', 'twenty one people ahead'],
    [22, 'впереди двадцать два человека', 'twenty two people ahead'],
    [111, 'впереди сто одиннадцать человек', 'one hundred and eleven people ahead'],
  ] as const)('%i: "%s" / "%s"', (ahead, ru, en) => {
    expect(spokenPeopleAhead('ru', ahead)).toBe(ru);
    expect(spokenPeopleAhead('en', ahead)).toBe(en);
  });
});

describe('spokenWait', () => {
  it.each([
    [0, 1, 'меньше минуты', 'less than a minute'],
    [0.4, 1, 'меньше минуты', 'less than a minute'],
    [0, 5, 'меньше пяти минут', 'less than five minutes'],
    [1, 1, 'около одной минуты', 'about one minute'],
    [2, 1, 'около двух минут', 'about two minutes'],
    [5, 5, 'около пяти минут', 'about five minutes'],
    [15, 5, 'около пятнадцати минут', 'about fifteen minutes'],
    [21, 1, 'около двадцати одной минуты', 'about twenty one minutes'],
    [22, 1, 'около двадцати двух минут', 'about twenty two minutes'],
    [90, 5, 'около девяноста минут', 'about ninety minutes'],
  ] as const)('%s min (step %i): "%s" / "%s"', (minutes, step, ru, en) => {
    expect(spokenWait('ru', minutes, step)).toBe(ru);
    expect(spokenWait('en', minutes, step)).toBe(en);
  });
});

describe('what cannot be said', () => {
  it('refuses a count or a wait that is no number in range, rather than say something wrong', () => {
    for (const locale of ['ru', 'en'] as const) {
      expect(() => spokenPeopleAhead(locale, -1)).toThrow(RangeError);
      expect(() => spokenWait(locale, Number.NaN)).toThrow(RangeError);
      expect(() => spokenWait(locale, 1_000_000)).toThrow(RangeError);
    }
  });
});

describe('spokenCall', () => {
  it('says the ticket and the window', () => {
    expect(spokenCall('ru', 'П-017', '5')).toBe('Талон пэ семнадцать, окно пять');
    expect(spokenCall('en', 'П-017', '5')).toBe('Ticket pee seventeen, window five');
  });
});
