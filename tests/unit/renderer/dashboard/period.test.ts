import { describe, expect, it } from 'vitest';
import { customPeriodProblem, lastDays, localDay, periodFor } from '../../../../renderer/dashboard/period.ts';

describe('the period picker', () => {
  it('today, 7 and 30 days end today, both ends included', () => {
    expect(periodFor('today', '2026-12-03')).toEqual({ from: '2026-12-03', to: '2026-12-03' });
    expect(periodFor('7d', '2026-12-03')).toEqual({ from: '2026-11-27', to: '2026-12-03' });
    expect(periodFor('30d', '2026-12-03')).toEqual({ from: '2026-11-04', to: '2026-12-03' });
    expect(lastDays('2026-03-01', 2)).toEqual({ from: '2026-02-28', to: '2026-03-01' });
  });

  it('the local day of a moment', () => {
    expect(localDay(new Date(2026, 11, 3, 23, 59))).toBe('2026-12-03');
    expect(localDay(new Date(2026, 0, 1, 0, 0))).toBe('2026-01-01');
  });

  it('a custom period is checked as the API checks it', () => {
    expect(customPeriodProblem('2026-12-01', '2026-12-03')).toBeNull();
    expect(customPeriodProblem('', '2026-12-03')).toBe('missing');
    expect(customPeriodProblem('2026-12-04', '2026-12-03')).toBe('reversed');
    expect(customPeriodProblem('2025-12-02', '2026-12-03')).toBe('too-long'); // 367 days
    expect(customPeriodProblem('2025-12-03', '2026-12-03')).toBeNull(); // 366 days, both ends included
  });
});
