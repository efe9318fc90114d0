import { describe, expect, it } from 'vitest';
import { addWords, createI18n, i18nFor } from '../../../../renderer/common/i18n.ts';
import { technicianWords } from '../../../../renderer/technician/technicianWords.ts';

describe("the page's languages", () => {
  it('a citizen page has the citizen words; technician mode brings its own, to the instances made before and after', () => {
    const ru = i18nFor('ru');
    expect(ru.t('idle.title')).toBe('Оцените качество обслуживания');
    expect(ru.exists('technician.title')).toBe(false);

    addWords(technicianWords);
    addWords(technicianWords); // a second arrival of the same chunk changes nothing
    expect(ru.t('technician.title')).toBe('Режим техника');
    expect(ru.t('idle.title')).toBe('Оцените качество обслуживания');
    const en = i18nFor('en');
    expect(en.t('technician.title')).toBe('Technician mode');
    expect(en.t('idle.title')).toBe('Please rate our service');
  });

  it('createI18n has every word (the tests of the locale files use it)', () => {
    expect(createI18n('en').t('technician.title')).toBe('Technician mode');
    expect(createI18n('ru').t('tickets.title')).not.toBe('tickets.title');
  });
});
