import { describe, expect, it } from 'vitest';
import { nextLocalClockTime } from '../../../../../electron/core/speech/localClockTime.ts';

const next = (now: string, zone: string, at: string): string => nextLocalClockTime(new Date(now), zone, at).toISOString();

describe('the next local clock time', () => {
  it('later today, or tomorrow when it has passed or is now', () => {
    expect(next('2026-11-23T02:00:00.000Z', 'Europe/Moscow', '06:00')).toBe('2026-11-23T03:00:00.000Z');
    expect(next('2026-11-23T02:59:59.999Z', 'Europe/Moscow', '06:00')).toBe('2026-11-23T03:00:00.000Z');
    expect(next('2026-11-23T03:00:00.000Z', 'Europe/Moscow', '06:00')).toBe('2026-11-24T03:00:00.000Z');
    expect(next('2026-11-23T07:12:34.567Z', 'Europe/Moscow', '06:00')).toBe('2026-11-24T03:00:00.000Z');
    expect(next('2026-11-23T07:12:34.567Z', 'Asia/Kolkata', '23:45')).toBe('2026-11-23T18:15:00.000Z');
  });

  it('at the real local time across a clock change, and after the jump for a time the clocks skip', () => {
    // Berlin goes from +01:00 to +02:00 at 02:00 local on 2026-03-29, and back on 2026-10-25.
    expect(next('2026-03-28T12:00:00.000Z', 'Europe/Berlin', '06:00')).toBe('2026-03-29T04:00:00.000Z');
    expect(next('2026-10-24T12:00:00.000Z', 'Europe/Berlin', '06:00')).toBe('2026-10-25T05:00:00.000Z');
    const skipped = nextLocalClockTime(new Date('2026-03-28T12:00:00.000Z'), 'Europe/Berlin', '02:30');
    expect(skipped.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});
