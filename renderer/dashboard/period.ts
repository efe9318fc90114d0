import { MAX_PERIOD_DAYS } from '../../shared/central/dashboardApi.ts';

/**
 * The period picker's choices as the days the API takes (both included). "Today" is the manager's
 * local day, given as an argument: the page passes its own, the tests a fixed one.
 */

export type PeriodChoice = 'today' | '7d' | '30d' | 'custom';
export const PERIOD_CHOICES: readonly PeriodChoice[] = ['today', '7d', '30d', 'custom'];

export interface Period {
  readonly from: string;
  readonly to: string;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (number: number): string => new Date(number * DAY_MS).toISOString().slice(0, 10);

/** The local day of a moment in the browser's zone, as YYYY-MM-DD. */
export function localDay(at: Date): string {
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

/** `days` days ending with `today`. */
export function lastDays(today: string, days: number): Period {
  return { from: dayOf(dayNumber(today) - (days - 1)), to: today };
}

export function periodFor(choice: Exclude<PeriodChoice, 'custom'>, today: string): Period {
  switch (choice) {
    case 'today':
      return { from: today, to: today };
    case '7d':
      return lastDays(today, 7);
    case '30d':
      return lastDays(today, 30);
  }
}

/** Why a custom period cannot be asked for, or null when it can. */
export function customPeriodProblem(from: string, to: string): 'missing' | 'reversed' | 'too-long' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || !Number.isFinite(dayNumber(from)) || !Number.isFinite(dayNumber(to))) return 'missing';
  if (dayNumber(from) > dayNumber(to)) return 'reversed';
  if (dayNumber(to) - dayNumber(from) >= MAX_PERIOD_DAYS) return 'too-long';
  return null;
}
