import type { Locale } from '../../shared/configRules.ts';

/**
 * "14:05:09" for an ISO time: what the office screens say as "last update". The screen runs on the
 * device itself (the browser host is loopback-only), so the browser's zone is the device's.
 */
export function clockTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(date);
}
