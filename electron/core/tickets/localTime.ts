import type { Weekday } from '../../../shared/config.ts';
import { zonedParts } from '../clock.ts';

/** The local calendar view of an instant in a time zone: what numbering and opening hours go by. */
export interface LocalTime {
  /** YYYY-MM-DD: the day ticket numbers belong to. */
  readonly day: string;
  readonly weekday: Weekday;
  /** Minutes since local midnight. */
  readonly minutes: number;
}

const WEEKDAY: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = zonedParts(at, timeZone);
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAY[parts.weekday ?? ''] ?? 'mon',
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

export const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
