/** Time behind a small interface so flows and tests can run on a fake clock. */
export interface Clock {
  /** Wall-clock time, for what is recorded (occurredAt). */
  now(): Date;
  /** Monotonic milliseconds, for durations (cooldown, screen timeouts): immune to clock jumps. */
  monotonicMs(): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  monotonicMs: () => performance.now(),
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local calendar fields of `date` in `timeZone` (one cached formatter per zone: it is slow to make). */
export function zonedParts(date: Date, timeZone: string): Record<string, string> {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(date)) if (part.type !== 'literal') parts[part.type] = part.value;
  return parts;
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/** ISO 8601 local time of `date` in `timeZone` with its UTC offset: 2026-11-23T10:14:58.004+03:00. */
export function isoWithOffset(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(Object.entries(zonedParts(date, timeZone)).map(([key, value]) => [key, Number(value)]));
  const ms = date.getUTCMilliseconds();
  const localAsUtc = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, ms);
  const offsetMinutes = Math.round((localAsUtc - date.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
  return `${parts.year}-${pad(parts.month!)}-${pad(parts.day!)}T${pad(parts.hour!)}:${pad(parts.minute!)}:${pad(parts.second!)}.${pad(ms, 3)}${offset}`;
}
