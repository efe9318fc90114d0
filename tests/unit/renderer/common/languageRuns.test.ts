import { describe, expect, it } from 'vitest';
import { languageRuns } from '../../../../renderer/common/languageRuns.ts';

describe('languageRuns', () => {
  it('a text all in the surrounding language is one unmarked run', () => {
    expect(languageRuns('Choose a service', 'en')).toEqual([{ text: 'Choose a service', lang: null }]);
    expect(languageRuns('Выберите услугу', 'ru')).toEqual([{ text: 'Выберите услугу', lang: null }]);
  });

  it('a ticket number is Russian on an English screen, its digits with it', () => {
    expect(languageRuns('П-017', 'en')).toEqual([{ text: 'П-017', lang: 'ru' }]);
    expect(languageRuns('Your ticket П-017', 'en')).toEqual([
      { text: 'Your ticket ', lang: null },
      { text: 'П-017', lang: 'ru' },
    ]);
  });

  it('the digits and signs between and right after foreign words go with them, the rest stays outside', () => {
    expect(languageRuns('Ticket П-017: Окно 2', 'en')).toEqual([
      { text: 'Ticket ', lang: null },
      { text: 'П-017: Окно 2', lang: 'ru' },
    ]);
    expect(languageRuns('П-017 → Window 2', 'en')).toEqual([
      { text: 'П-017', lang: 'ru' },
      { text: ' → Window 2', lang: null },
    ]);
    expect(languageRuns('Served by Иванова Анна.', 'en')).toEqual([
      { text: 'Served by ', lang: null },
      { text: 'Иванова Анна', lang: 'ru' },
      { text: '.', lang: null },
    ]);
  });

  it('English words on a Russian screen are marked English', () => {
    expect(languageRuns('МФЦ Tverskoy Hall 2', 'ru')).toEqual([
      { text: 'МФЦ ', lang: null },
      { text: 'Tverskoy Hall 2', lang: 'en' },
    ]);
  });

  it('a text that switches back and forth gives a run per switch', () => {
    expect(languageRuns('a б c', 'en')).toEqual([
      { text: 'a ', lang: null },
      { text: 'б', lang: 'ru' },
      { text: ' c', lang: null },
    ]);
  });

  it('digits, signs and other scripts alone are not a language', () => {
    expect(languageRuns('17 → 2', 'en')).toEqual([{ text: '17 → 2', lang: null }]);
    expect(languageRuns('Ελλάδα', 'ru')).toEqual([{ text: 'Ελλάδα', lang: null }]);
    expect(languageRuns('', 'ru')).toEqual([]);
  });

  it('keeps every character, in order', () => {
    const text = 'Талон П-017 → Window 2, «Паспорт» (passport)!';
    expect(languageRuns(text, 'en').map((run) => run.text).join('')).toBe(text);
    expect(languageRuns(text, 'ru').map((run) => run.text).join('')).toBe(text);
  });
});
