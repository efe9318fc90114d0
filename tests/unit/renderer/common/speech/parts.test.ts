import { describe, expect, it } from 'vitest';
import { joinParts, languageOfText, MAX_PART_CHARS, MAX_PARTS, spokenClockTime } from '../../../../../renderer/common/speech/parts.ts';

describe('spoken parts', () => {
  it('joins neighbours in one language, keeps language runs apart, drops empty ones', () => {
    expect(
      joinParts([{ lang: 'en', text: 'Service:' }, null, { lang: 'en', text: ' ' }, { lang: 'ru', text: 'Паспорт' }, { lang: 'ru', text: 'и\u00a0фото' }, { lang: 'en', text: 'Button three.' }]),
    ).toEqual([
      { lang: 'en', text: 'Service:' },
      { lang: 'ru', text: 'Паспорт и фото' },
      { lang: 'en', text: 'Button three.' },
    ]);
  });

  it('stays within the request limits', () => {
    const many = Array.from({ length: 100 }, (_, index) => ({ lang: index % 2 ? ('ru' as const) : ('en' as const), text: 'x' }));
    expect(joinParts(many)).toHaveLength(MAX_PARTS);
    const long = joinParts([{ lang: 'ru', text: 'а'.repeat(MAX_PART_CHARS) }, { lang: 'ru', text: 'б' }, { lang: 'ru', text: 'в'.repeat(MAX_PART_CHARS + 5) }]);
    expect(long.every((part) => part.text.length <= MAX_PART_CHARS)).toBe(true);
  });

  it('the language of a configured name', () => {
    expect(languageOfText('МФЦ района Тверской', 'en')).toBe('ru');
    expect(languageOfText('City Hall', 'ru')).toBe('en');
    expect(languageOfText('42', 'ru')).toBe('ru');
  });

  it('clock times as words', () => {
    expect(spokenClockTime('ru', '14:30')).toBe('четырнадцать тридцать');
    expect(spokenClockTime('ru', '09:05')).toBe('девять ноль пять');
    expect(spokenClockTime('ru', '10:00')).toBe('десять ноль ноль');
    expect(spokenClockTime('en', '09:00')).toBe("nine o'clock");
    expect(spokenClockTime('en', '14:07')).toBe('fourteen o seven');
    expect(spokenClockTime('en', 'soon')).toBe('soon');
  });
});
