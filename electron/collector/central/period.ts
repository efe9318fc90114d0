import type { PeriodQuery } from '../../../shared/central/dashboardApi.ts';
import type { Scope } from './readModel.ts';

/**
 * A question's days and office. Days are the offices' local days (the rollups keep local hours), so
 * the day arithmetic is plain calendar arithmetic, done in UTC only to avoid any time zone here.
 */
const DAY_MS = 86_400_000;
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayText = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string => dayText(dayNumber(day) + n);

/** Every day from..to, both included. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n += 1) days.push(dayText(n));
  return days;
}

/** The same number of days just before from..to. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const length = dayNumber(to) - dayNumber(from) + 1;
  return { from: addDays(from, -length), to: addDays(from, -1) };
}

/**
 * The office a question is about, or null for the whole city: an `office` account is always narrowed to
 * its own office, whatever it asks; a `city` account narrows with the `office` parameter.
 */
export function officeOfQuestion(query: Pick<PeriodQuery, 'office'>, scope: Scope): string | null {
  if (scope.role === 'office') {
    if (scope.office === null) throw new Error('an office account without an office cannot be answered (the accounts file names its office)');
    return scope.office;
  }
  return query.office ?? null;
}
