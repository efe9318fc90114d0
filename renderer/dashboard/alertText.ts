import type { Alert } from '../../shared/central/dashboardApi.ts';
import { formatCount, formatMoment, formatShare, NO_FIGURE, type DashboardLocale } from './format.ts';

/**
 * An alert's facts (shared/central/dashboardApi.ts: alertSchema.facts) as the values its sentence in
 * the locale files takes (alerts.kind.<kind>.text), each formatted for the language. A fact the
 * collector did not give shows as "—" rather than breaking the sentence.
 */
export function alertValues(alert: Alert, locale: DashboardLocale, timeZone?: string): Record<string, string> {
  const number = (name: string): number | null => {
    const value = alert.facts[name];
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    return null;
  };
  const text = (name: string): string => {
    const value = alert.facts[name];
    return value === undefined ? NO_FIGURE : String(value);
  };
  const count = (name: string): string => {
    const value = number(name);
    return value === null ? NO_FIGURE : formatCount(value, locale);
  };
  const seconds = (name: string): string => {
    const value = number(name);
    return value === null ? NO_FIGURE : formatCount(Math.round(Math.abs(value) / 1000), locale);
  };
  switch (alert.kind) {
    case 'low-scores':
      return { count: count('count'), minutes: count('minutes') };
    case 'office-satisfaction':
      return { share: formatShare(number('share'), locale), threshold: formatShare(number('threshold'), locale), day: text('day') };
    case 'device-silent': {
      const at = alert.facts.lastSeenAt;
      return { lastSeenAt: typeof at === 'string' ? formatMoment(at, locale, timeZone) : NO_FIGURE };
    }
    case 'backlog':
      return { backlog: count('backlog'), limit: count('limit') };
    case 'paper-out':
      return {};
    case 'clock-off':
      return { seconds: seconds('offsetMs'), limit: seconds('limitMs') };
  }
}

/** Newest first; a changed alert (acknowledged) replaces the one with its id. */
export function mergeAlert(alerts: readonly Alert[], alert: Alert): Alert[] {
  const others = alerts.filter((each) => each.id !== alert.id);
  return [alert, ...others].sort((a, b) => b.openedAt.localeCompare(a.openedAt));
}
