import { describe, expect, it } from 'vitest';
import { formatAverage, formatCount, formatDay, formatHour, formatLongDay, formatMinutes, formatMoment, formatPoints, formatShare, formatWeekday } from '../../../../renderer/dashboard/format.ts';

// Intl writes a narrow no-break space (U+202F) or a no-break space (U+00A0) where Russian puts one.
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

describe('dashboard formatting per language', () => {
  it('shares as percentages with at most one decimal', () => {
    expect(plain(formatShare(0.875, 'ru'))).toBe('87,5 %');
    expect(formatShare(0.875, 'en')).toBe('87.5%');
    expect(formatShare(1, 'en')).toBe('100%');
    expect(formatShare(0.12345, 'en')).toBe('12.3%');
    expect(formatShare(null, 'ru')).toBe('—');
  });

  it('averages with one or two decimals, counts grouped', () => {
    expect(formatAverage(4.625, 'ru')).toMatch(/^4,6[23]$/);
    expect(formatAverage(4, 'en')).toBe('4.0');
    expect(formatAverage(null, 'en')).toBe('—');
    expect(plain(formatCount(12345, 'ru'))).toBe('12 345');
    expect(formatCount(12345, 'en')).toBe('12,345');
  });

  it('percentage points always signed, minutes from seconds', () => {
    expect(formatPoints(2.5, 'ru')).toBe('+2,5');
    expect(formatPoints(-1, 'en')).toBe('-1');
    expect(formatPoints(0, 'en')).toBe('0');
    expect(formatPoints(-2.5, 'en', false)).toBe('2.5');
    expect(formatMinutes(450, 'ru')).toBe('7,5');
    expect(formatMinutes(60, 'en')).toBe('1');
    expect(formatMinutes(null, 'en')).toBe('—');
  });

  it('days, moments, weekdays and hours', () => {
    expect(formatDay('2026-12-03', 'en')).toBe('Dec 3');
    expect(formatDay('2026-12-03', 'ru')).toBe('3 дек.');
    expect(formatLongDay('2026-12-03', 'en')).toBe('Dec 3, 2026');
    expect(formatDay('nonsense', 'en')).toBe('nonsense');
    expect(plain(formatMoment('2026-12-03T08:45:00Z', 'ru', 'Europe/Moscow'))).toBe('03.12.2026, 11:45');
    expect(plain(formatMoment('2026-12-03T08:45:00Z', 'en', 'UTC'))).toBe('12/3/26, 8:45 AM');
    expect(formatWeekday(1, 'en')).toBe('Mon');
    expect(formatWeekday(7, 'en')).toBe('Sun');
    expect(formatWeekday(1, 'ru')).toBe('пн');
    expect(formatHour(9)).toBe('09:00');
  });
});
