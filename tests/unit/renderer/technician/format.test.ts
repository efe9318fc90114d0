import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../../renderer/common/i18n.ts';
import { clockOffset, clockTime, humanBytes, idleSpan, splitDuration, stamp, untilTime } from '../../../../renderer/technician/format.ts';

describe('sizes', () => {
  it.each([
    [0, 0, 'b'],
    [1023, 1023, 'b'],
    [1024, 1, 'kb'],
    [1536, 1.5, 'kb'],
    [5 * 1024 * 1024 + 300 * 1024, 5.3, 'mb'],
    [3 * 1024 ** 3, 3, 'gb'],
    [5000 * 1024 ** 3, 5000, 'gb'],
  ] as const)('%i bytes → %d %s', (bytes, value, unit) => {
    expect(humanBytes(bytes)).toEqual({ value, unit });
  });

  it('reads in each language with its own decimal mark', () => {
    const size = humanBytes(1536);
    expect(createI18n('ru').t(`technician.units.${size.unit}`, { value: size.value })).toBe('1,5 КБ');
    expect(createI18n('en').t(`technician.units.${size.unit}`, { value: size.value })).toBe('1.5 KB');
  });
});

describe('durations and times', () => {
  it('uptime in days, hours and minutes', () => {
    expect(splitDuration(93_784)).toEqual({ days: 1, hours: 2, minutes: 3 });
    expect(splitDuration(59)).toEqual({ days: 0, hours: 0, minutes: 0 });
    expect(splitDuration(-5)).toEqual({ days: 0, hours: 0, minutes: 0 });
    expect(createI18n('ru').t('technician.units.uptimeDays', { ...splitDuration(93_784) })).toBe('1 д 2 ч 3 мин');
  });

  it('clock time and stamps in a given time zone', () => {
    const iso = '2026-11-23T11:05:09.000Z';
    expect(clockTime(iso, 'Europe/Moscow')).toBe('14:05');
    expect(clockTime(iso, 'UTC')).toBe('11:05');
    expect(stamp(iso, 'Europe/Moscow')).toBe('2026-11-23 14:05:09');
    expect(stamp('2026-11-23T23:30:00.000Z', 'Asia/Vladivostok')).toBe('2026-11-24 09:30:00');
    expect(clockTime('nonsense')).toBeNull();
    expect(stamp('')).toBeNull();
  });

  it('when a lockout ends: the time today, the date too on another day (it may last a day)', () => {
    const now = Date.parse('2026-11-23T11:10:00.000Z'); // 14:10 in Moscow
    expect(untilTime('2026-11-23T11:15:00.000Z', now, 'Europe/Moscow')).toBe('14:15');
    expect(untilTime('2026-11-24T11:05:00.000Z', now, 'Europe/Moscow')).toBe('2026-11-24 14:05');
    // Midnight in the device's zone, not in UTC, decides the day.
    expect(untilTime('2026-11-23T21:30:00.000Z', now, 'Europe/Moscow')).toBe('2026-11-24 00:30');
    expect(untilTime('2026-11-23T21:30:00.000Z', now, 'UTC')).toBe('21:30');
    expect(untilTime('nonsense', now)).toBeNull();
  });

  it('idle time in minutes when whole, else in seconds', () => {
    expect(idleSpan(120)).toEqual({ unit: 'minutes', count: 2 });
    expect(idleSpan(90)).toEqual({ unit: 'seconds', count: 90 });
    expect(idleSpan(30)).toEqual({ unit: 'seconds', count: 30 });
    expect(createI18n('ru').t('technician.idleMinutes', { count: 2 })).toBe('Выйдет сам через 2 минуты без касаний');
    expect(createI18n('ru').t('technician.idleMinutes', { count: 5 })).toBe('Выйдет сам через 5 минут без касаний');
    expect(createI18n('en').t('technician.idleMinutes', { count: 2 })).toBe('Leaves by itself after 2 minutes without a touch');
  });

  it('clock offset: positive means the device is behind', () => {
    expect(clockOffset(1530)).toEqual({ seconds: 1.5, direction: 'behind' });
    expect(clockOffset(-2000)).toEqual({ seconds: 2, direction: 'ahead' });
    expect(clockOffset(40)).toEqual({ seconds: 0, direction: 'in-step' });
  });
});
