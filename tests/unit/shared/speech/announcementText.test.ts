import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../electron/core/config/loadConfig.ts';
import type { ConfigInput } from '../../../../shared/config.ts';
import {
  announcementLanguages,
  announcementTemplate,
  announcementText,
  BUILT_IN_TEMPLATES,
  spokenWindowPart,
  type AnnouncedCall,
} from '../../../../shared/speech/announcementText.ts';

const config = (speech: ConfigInput['speech'] = {}, locales: ('ru' | 'en')[] = ['ru', 'en']) =>
  parseConfig({ device: { id: 'hall-board', office: 'МФЦ', window: 'зал', mode: 'rating' }, ui: { locale: locales[0] ?? 'ru', locales }, speech }, 'test');

const call = (overrides: Partial<AnnouncedCall> = {}): AnnouncedCall => ({ number: 'П-017', window: '2', windowLabel: 'окно 2', recall: 0, ...overrides });

const say = (speech: ConfigInput['speech'] = {}, c: AnnouncedCall = call(), locales?: ('ru' | 'en')[]) => {
  const cfg = config(speech, locales);
  return announcementText(cfg.speech, cfg.ui, c);
};

describe('the hall announcement, built-in templates', () => {
  it('a call in both languages, ticket and window as words', () => {
    expect(say()).toEqual([
      { lang: 'ru', text: 'Талон пэ семнадцать, окно два.' },
      { lang: 'en', text: 'Ticket pee seventeen, window two.' },
    ]);
  });

  it('a recall says so first, in the words the board shows', () => {
    expect(say({}, call({ recall: 1 }))).toEqual([
      { lang: 'ru', text: 'Повторный вызов. Талон пэ семнадцать, окно два.' },
      { lang: 'en', text: 'Called again. Ticket pee seventeen, window two.' },
    ]);
    expect(say({}, call({ recall: 3 }))).toEqual(say({}, call({ recall: 1 })));
  });

  it('only the office languages, in the configured order: speech.languages over ui.locales', () => {
    expect(say({}, call(), ['ru']).map((part) => part.lang)).toEqual(['ru']);
    expect(say({}, call(), ['en', 'ru']).map((part) => part.lang)).toEqual(['en', 'ru']);
    expect(say({ languages: ['en'] }).map((part) => part.lang)).toEqual(['en']);
    expect(announcementLanguages({ languages: ['ru', 'ru', 'en'] }, { locales: ['en'] })).toEqual(['ru', 'en']);
  });

  it('each built-in template has both placeholders', () => {
    for (const templates of Object.values(BUILT_IN_TEMPLATES)) {
      for (const template of [templates.call, templates.recall]) expect(template).toMatch(/\{ticket\}.*\{window\}/u);
    }
  });

  it.each([
    ['ru', 'Н-501', '12', 'окно 12', 'Талон эн пятьсот один, окно двенадцать.'],
    ['en', 'Н-501', '12', 'окно 12', 'Ticket en five hundred and one, window twelve.'],
    ['ru', 'A-000', '5А', 'Окно 5А', 'Талон а ноль, окно пять а.'],
    ['en', 'Z-999', '1', 'Window 1', 'Ticket zed nine hundred and ninety nine, window one.'],
  ] as const)('%s: %s at %s (%s)', (locale, number, window, windowLabel, expected) => {
    expect(say({}, call({ number, window, windowLabel }), [locale])).toEqual([{ lang: locale, text: expected }]);
  });
});

describe('the window as said', () => {
  it('a label that only says "window N" is said from the id, in the phrase language', () => {
    for (const label of ['окно 2', 'Окно 2', 'ОКНО 2', 'Window 2', 'окно №2', '', ' ']) {
      expect(spokenWindowPart('en', '2', label)).toEqual({ lang: 'en', text: 'window two' });
      expect(spokenWindowPart('ru', '2', label)).toEqual({ lang: 'ru', text: 'окно два' });
    }
  });

  it('any other label is said as the board shows it; a Cyrillic one keeps the Russian voice', () => {
    expect(spokenWindowPart('ru', '12', 'Кабинет 12')).toEqual({ lang: 'ru', text: 'кабинет двенадцать' });
    expect(spokenWindowPart('en', '12', 'Кабинет 12')).toEqual({ lang: 'ru', text: 'кабинет двенадцать' });
    expect(spokenWindowPart('en', 'c3', 'Desk 3')).toEqual({ lang: 'en', text: 'desk three' });
    // A label naming another window than its id is said as written, never "corrected".
    expect(spokenWindowPart('ru', '2', 'окно 3')).toEqual({ lang: 'ru', text: 'окно три' });
  });

  it('an English phrase with a Russian label is three parts, the punctuation kept with the words', () => {
    expect(say({}, call({ window: '12', windowLabel: 'Кабинет 12' }), ['ru', 'en'])).toEqual([
      { lang: 'ru', text: 'Талон пэ семнадцать, кабинет двенадцать.' },
      { lang: 'en', text: 'Ticket pee seventeen,' },
      { lang: 'ru', text: 'кабинет двенадцать.' },
    ]);
  });
});

describe('custom templates', () => {
  const templates = {
    ru: { call: 'Клиент с талоном {ticket}, подойдите: {window}', recall: 'Ещё раз: {ticket} — {window}' },
    en: { call: '{ticket}, please go to {window}' },
  };

  it('the office wording per language, placeholders as words', () => {
    expect(say({ templates })).toEqual([
      { lang: 'ru', text: 'Клиент с талоном пэ семнадцать, подойдите: окно два' },
      { lang: 'en', text: 'pee seventeen, please go to window two' },
    ]);
  });

  it('a recall: the custom recall, else "called again" before the custom call', () => {
    expect(say({ templates }, call({ recall: 1 }))).toEqual([
      { lang: 'ru', text: 'Ещё раз: пэ семнадцать — окно два' },
      { lang: 'en', text: 'Called again. pee seventeen, please go to window two' },
    ]);
    expect(announcementTemplate({ templates: {} }, 'ru', true)).toBe(BUILT_IN_TEMPLATES.ru.recall);
  });

  it('a language without a template of its own uses the built-in one', () => {
    expect(say({ templates: { en: { call: 'Number {ticket} to {window}' } } })).toEqual([
      { lang: 'ru', text: 'Талон пэ семнадцать, окно два.' },
      { lang: 'en', text: 'Number pee seventeen to window two' },
    ]);
  });

  it('a template without placeholders is said as it is; one language only is one part', () => {
    expect(say({ templates: { ru: { call: 'Внимание, вызов' } }, languages: ['ru'] })).toEqual([{ lang: 'ru', text: 'Внимание, вызов' }]);
  });

  it('the config refuses a placeholder the board cannot fill', () => {
    expect(() => config({ templates: { ru: { call: 'Талон {number}' } } })).toThrow(/placeholders/u);
  });
});
