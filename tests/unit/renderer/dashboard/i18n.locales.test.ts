import { describe, expect, it } from 'vitest';
import { alertKindSchema, drillLevelSchema } from '../../../../shared/central/dashboardApi.ts';
import { DEVICE_MODES } from '../../../../shared/configRules.ts';
import { boxStateSchema, printerConditionSchema } from '../../../../shared/events.ts';
import { FOLLOW_UP_REASONS } from '../../../../shared/followUp.ts';
import { DASHBOARD_LOCALES, dashboardI18n, dashboardResources } from '../../../../renderer/dashboard/i18n.ts';
import type { DeviceProblem } from '../../../../renderer/dashboard/deviceHealth.ts';

/** Every leaf of a locale file as [dotted key, value]. */
function leaves(tree: object, prefix = ''): Array<[string, unknown]> {
  return Object.entries(tree).flatMap(([key, value]): Array<[string, unknown]> => {
    const path = prefix ? `${prefix}.${key}` : key;
    return value !== null && typeof value === 'object' ? leaves(value as object, path) : [[path, value]];
  });
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const baseKey = (key: string): string => key.replace(PLURAL_SUFFIX, '');
const variables = (text: string): string[] => [...new Set([...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]!))].sort();
const table = (locale: (typeof DASHBOARD_LOCALES)[number]) => leaves(dashboardResources[locale].translation);

const PROBLEMS: readonly DeviceProblem[] = ['silent', 'no-status', 'paper-out', 'paper-low', 'printer', 'buttons', 'clock', 'storage', 'backlog'];

describe('the dashboard’s locale files (shared/locales/dashboard/)', () => {
  it('ru and en have the same keys (plural forms compared by their base key)', () => {
    const keysOf = (locale: (typeof DASHBOARD_LOCALES)[number]) => [...new Set(table(locale).map(([key]) => baseKey(key)))].sort();
    expect(keysOf('en')).toEqual(keysOf('ru'));
    expect(keysOf('ru').length).toBeGreaterThan(150);
  });

  it.each(DASHBOARD_LOCALES)('%s: every value is a non-empty string, every plural has the forms the language needs', (locale) => {
    const entries = table(locale);
    for (const [key, value] of entries) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
    const keys = new Set(entries.map(([key]) => key));
    const plurals = new Set([...keys].filter((key) => PLURAL_SUFFIX.test(key)).map(baseKey));
    expect(plurals.size).toBeGreaterThan(0);
    for (const base of plurals) for (const category of new Intl.PluralRules(locale).resolvedOptions().pluralCategories) expect(keys.has(`${base}_${category}`), `${base}_${category}`).toBe(true);
  });

  it('a sentence takes the same {{variables}} in ru and en', () => {
    const byBase = (locale: (typeof DASHBOARD_LOCALES)[number]) => {
      const map = new Map<string, string[]>();
      for (const [key, value] of table(locale)) map.set(baseKey(key), [...new Set([...(map.get(baseKey(key)) ?? []), ...variables(String(value))])].sort());
      return map;
    };
    const en = byBase('en');
    for (const [key, vars] of byBase('ru')) expect(en.get(key), key).toEqual(vars);
  });

  it.each(DASHBOARD_LOCALES)('%s: words for every alert kind, drill level, reason, device problem, mode, printer and box state', (locale) => {
    const i18n = dashboardI18n(locale);
    const has = (key: string) => expect(i18n.exists(key, { fallbackLng: false }), key).toBe(true);
    for (const kind of alertKindSchema.options) has(`alerts.kind.${kind}`);
    for (const level of drillLevelSchema.options) {
      has(`drill.level.${level}`);
      has(`drill.caption.${level}`);
    }
    for (const reason of FOLLOW_UP_REASONS) has(`followups.reasons.${reason}`);
    for (const problem of PROBLEMS) has(`devices.problem.${problem}`);
    for (const mode of DEVICE_MODES) has(`devices.modes.${mode}`);
    for (const state of ['none', ...printerConditionSchema.options]) has(`devices.printerStates.${state}`);
    for (const state of boxStateSchema.options) has(`devices.boxStates.${state}`);
    for (const choice of ['today', '7d', '30d', 'custom']) has(`period.${choice}`);
  });

  it('each language is its own instance; Russian plurals', () => {
    expect(dashboardI18n('ru').t('nav.alerts')).toBe('Оповещения');
    expect(dashboardI18n('en').t('nav.alerts')).toBe('Alerts');
    expect(dashboardI18n('ru').t('login.lockedFor', { count: 5 })).toContain('через 5 минут.');
    expect(dashboardI18n('ru').t('login.lockedFor', { count: 2 })).toContain('через 2 минуты.');
    expect(dashboardI18n('ru').t('login.lockedFor', { count: 21 })).toContain('через 21 минуту.');
  });
});
