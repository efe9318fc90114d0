import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../../../shared/config.ts';
import { FOLLOW_UP_REASONS } from '../../../../shared/followUp.ts';
import { createI18n, resources } from '../../../../renderer/common/i18n.ts';

/** Every leaf of a locale file as [dotted key, value]. */
function leaves(tree: object, prefix = ''): Array<[string, unknown]> {
  return Object.entries(tree).flatMap(([key, value]): Array<[string, unknown]> => {
    const path = prefix ? `${prefix}.${key}` : key;
    return value !== null && typeof value === 'object' ? leaves(value as object, path) : [[path, value]];
  });
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const baseKey = (key: string): string => key.replace(PLURAL_SUFFIX, '');
const variables = (text: string): string[] => [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]!).sort();

const table = (locale: Locale) => leaves(resources[locale].translation);

describe('locale files', () => {
  it('has a file for every locale the configuration allows', () => {
    expect(Object.keys(resources).sort()).toEqual([...LOCALES].sort());
  });

  it('ru and en have the same keys (plural forms compared by their base key)', () => {
    const keysOf = (locale: Locale) => [...new Set(table(locale).map(([key]) => baseKey(key)))].sort();
    expect(keysOf('en')).toEqual(keysOf('ru'));
  });

  it.each(LOCALES)('%s: every value is a non-empty string', (locale) => {
    for (const [key, value] of table(locale)) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  it.each(LOCALES)('%s: every plural key has each form the language needs', (locale) => {
    const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    const keys = new Set(table(locale).map(([key]) => key));
    const pluralBases = new Set([...keys].filter((key) => PLURAL_SUFFIX.test(key)).map(baseKey));
    expect(pluralBases.size).toBeGreaterThan(0);
    for (const base of pluralBases) {
      for (const category of needed) expect(keys.has(`${base}_${category}`), `${base}_${category}`).toBe(true);
    }
  });

  it('a translation uses the same {{variables}} in ru and en', () => {
    const byBase = (locale: Locale) => {
      const map = new Map<string, string[]>();
      for (const [key, value] of table(locale)) {
        const vars = variables(String(value));
        const base = baseKey(key);
        map.set(base, [...new Set([...(map.get(base) ?? []), ...vars])].sort());
      }
      return map;
    };
    const ru = byBase('ru');
    const en = byBase('en');
    for (const [key, vars] of ru) expect(en.get(key), key).toEqual(vars);
  });

  it.each(LOCALES)('%s: has the words of every score of the 3-, 4- and 5-point scales and every reason', (locale) => {
    const i18n = createI18n(locale);
    for (const scale of [3, 4, 5]) {
      for (let score = 1; score <= scale; score += 1) {
        expect(i18n.exists(`score.scale${scale}.${score}`, { fallbackLng: false }), `${scale}/${score}`).toBe(true);
      }
      expect(i18n.exists(`score.scale${scale}.${scale + 1}`)).toBe(false);
    }
    for (const reason of FOLLOW_UP_REASONS) {
      expect(i18n.exists(`followUp.reasons.${reason}`, { fallbackLng: false }), reason).toBe(true);
    }
  });
});

describe('plural forms through i18next', () => {
  const ru = createI18n('ru');
  const en = createI18n('en');

  it.each([
    [1, 'Осталась 1 секунда'],
    [2, 'Осталось 2 секунды'],
    [5, 'Осталось 5 секунд'],
    [11, 'Осталось 11 секунд'],
    [21, 'Осталась 21 секунда'],
    [22, 'Осталось 22 секунды'],
    [25, 'Осталось 25 секунд'],
    [0, 'Осталось 0 секунд'],
    [12, 'Осталось 12 секунд'],
    [14, 'Осталось 14 секунд'],
    [101, 'Осталась 101 секунда'],
    [111, 'Осталось 111 секунд'],
  ])('ru %i → %s', (count, expected) => {
    expect(ru.t('followUp.secondsLeft', { count })).toBe(expected);
  });

  it.each([
    [1, '1 second left'],
    [2, '2 seconds left'],
    [5, '5 seconds left'],
    [21, '21 seconds left'],
    [0, '0 seconds left'],
  ])('en %i → %s', (count, expected) => {
    expect(en.t('followUp.secondsLeft', { count })).toBe(expected);
  });

  it('each instance keeps its own language', () => {
    expect(ru.t('idle.title')).toBe('Оцените качество обслуживания');
    expect(en.t('idle.title')).toBe('Please rate our service');
    expect(ru.t('header.window', { window: '5' })).toBe('Окно 5');
  });
});
