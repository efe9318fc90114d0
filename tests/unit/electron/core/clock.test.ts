import { describe, expect, it } from 'vitest';
import { isoWithOffset } from '../../../../electron/core/clock.ts';

describe('isoWithOffset', () => {
  it.each([
    ['2026-11-23T07:14:58.004Z', 'Europe/Moscow', '2026-11-23T10:14:58.004+03:00'],
    ['2026-11-23T07:14:58.004Z', 'UTC', '2026-11-23T07:14:58.004+00:00'],
    ['2026-01-01T02:00:00.000Z', 'America/New_York', '2025-12-31T21:00:00.000-05:00'],
    ['2026-07-01T02:00:00.000Z', 'America/New_York', '2026-06-30T22:00:00.000-04:00'],
    ['2026-11-23T07:14:58.999Z', 'Asia/Kolkata', '2026-11-23T12:44:58.999+05:30'],
    ['2026-11-23T23:30:00.000Z', 'Asia/Kamchatka', '2026-11-24T11:30:00.000+12:00'],
    ['2026-03-29T00:59:59.000Z', 'Europe/Berlin', '2026-03-29T01:59:59.000+01:00'],
    ['2026-03-29T01:00:00.000Z', 'Europe/Berlin', '2026-03-29T03:00:00.000+02:00'],
  ])('%s in %s is %s', (utc, zone, expected) => {
    const text = isoWithOffset(new Date(utc), zone);
    expect(text).toBe(expected);
    expect(Date.parse(text)).toBe(Date.parse(utc));
  });
});
