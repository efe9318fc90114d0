/**
 * Numbers, days and times as the manager's language writes them (Intl): "87,5 %" in Russian, "87.5%"
 * in English. Pure: the locale (and, for times, the time zone) are arguments, so the tests are exact.
 */

export type DashboardLocale = 'ru' | 'en';

/** What the page shows where a figure does not exist (no ratings, nothing measured). */
export const NO_FIGURE = '—';

/** A share 0..1 as a percentage with at most one decimal. */
export function formatShare(share: number | null, locale: DashboardLocale): string {
  if (share === null) return NO_FIGURE;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** An average score, two decimals at most (4,62). */
export function formatAverage(average: number | null, locale: DashboardLocale): string {
  if (average === null) return NO_FIGURE;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(average);
}

/** A count, grouped the language's way (12 345 / 12,345). */
export function formatCount(count: number, locale: DashboardLocale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(count);
}

/** A difference in percentage points, signed (+2,5 / -1 / 0) unless the words say the direction. */
export function formatPoints(points: number, locale: DashboardLocale, signed = true): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: signed ? 'exceptZero' : 'never' }).format(points);
}

/** Seconds as minutes with one decimal (a wait of 450 s is "7,5"); the unit comes from the words. */
export function formatMinutes(seconds: number | null, locale: DashboardLocale): string {
  if (seconds === null) return NO_FIGURE;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(seconds / 60);
}

/** A moment (ISO 8601) as day and time; `timeZone` undefined: the browser's own. */
export function formatMoment(iso: string, locale: DashboardLocale, timeZone?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone }).format(at);
}

/** A local day (YYYY-MM-DD) as "3 дек." / "Dec 3": the day itself, whatever the browser's zone. */
export function formatDay(day: string, locale: DashboardLocale): string {
  const at = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(at);
}

/** The full day with its year, for the period ("3 дек. 2026 г." / "Dec 3, 2026"). */
export function formatLongDay(day: string, locale: DashboardLocale): string {
  const at = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(at);
}

/** An ISO weekday (1 Monday … 7 Sunday) by its short name in the language. */
export function formatWeekday(weekday: number, locale: DashboardLocale): string {
  // 2024-01-01 was a Monday.
  const at = new Date(Date.UTC(2024, 0, weekday));
  return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(at);
}

/** An hour of the day as "09:00". */
export function formatHour(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}
