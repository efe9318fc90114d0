/**
 * Numbers and times as a technician reads them. Pure: the words come from the locale files, these
 * only pick the unit and the figures. Times are shown in the device's own clock unless a time
 * zone is given (the tests give one).
 */

export type ByteUnit = 'b' | 'kb' | 'mb' | 'gb';

/** 1536 → { value: 1.5, unit: 'kb' } (powers of 1024, one decimal from KB on). */
export function humanBytes(bytes: number): { readonly value: number; readonly unit: ByteUnit } {
  const units: ByteUnit[] = ['b', 'kb', 'mb', 'gb'];
  let value = Math.max(0, bytes);
  let index = 0;
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  const rounded = index === 0 ? Math.round(value) : Math.round(value * 10) / 10;
  return { value: rounded, unit: units[index] ?? 'gb' };
}

/** 93784 s → { days: 1, hours: 2, minutes: 3 }. */
export function splitDuration(seconds: number): { readonly days: number; readonly hours: number; readonly minutes: number } {
  const total = Math.max(0, Math.floor(seconds / 60));
  return { days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 };
}

function parts(iso: string, timeZone: string | undefined): Record<string, string> | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const formatter = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(formatter.formatToParts(date).map((part) => [part.type, part.value]));
}

/** "14:05" */
export function clockTime(iso: string, timeZone?: string): string | null {
  const p = parts(iso, timeZone);
  return p ? `${p['hour']}:${p['minute']}` : null;
}

/**
 * When something ends: "14:05" today, "2026-11-24 14:05" on another day (a PIN lockout may last up
 * to a day, and "until 14:05" said at 14:10 would mean tomorrow).
 */
export function untilTime(iso: string, nowMs: number, timeZone?: string): string | null {
  const end = parts(iso, timeZone);
  const now = parts(new Date(nowMs).toISOString(), timeZone);
  if (!end) return null;
  const sameDay = now !== null && ['year', 'month', 'day'].every((key) => end[key] === now[key]);
  return sameDay ? `${end['hour']}:${end['minute']}` : `${end['year']}-${end['month']}-${end['day']} ${end['hour']}:${end['minute']}`;
}

/** "2026-11-23 14:05:09" */
export function stamp(iso: string, timeZone?: string): string | null {
  const p = parts(iso, timeZone);
  return p ? `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}:${p['second']}` : null;
}

/** How long technician mode waits untouched, in the unit that reads best: 120 → 2 minutes, 90 → 90 seconds. */
export function idleSpan(seconds: number): { readonly unit: 'minutes' | 'seconds'; readonly count: number } {
  return seconds >= 60 && seconds % 60 === 0 ? { unit: 'minutes', count: seconds / 60 } : { unit: 'seconds', count: Math.round(seconds) };
}

/** Clock offset (collector minus device, ms) in seconds with one decimal, and which way the device is off. */
export function clockOffset(offsetMs: number): { readonly seconds: number; readonly direction: 'behind' | 'ahead' | 'in-step' } {
  const seconds = Math.round(Math.abs(offsetMs) / 100) / 10;
  if (seconds === 0) return { seconds, direction: 'in-step' };
  return { seconds, direction: offsetMs > 0 ? 'behind' : 'ahead' };
}
