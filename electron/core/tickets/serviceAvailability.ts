import type { ServiceConfig } from '../../../shared/config.ts';
import type { ServiceUnavailable } from '../../../shared/kioskApi.ts';
import { minutesOf, type LocalTime } from './localTime.ts';
import { nextTicketNumber } from './ticketNumbering.ts';

export interface DayCount {
  /** Last number given today, or null. */
  readonly last: number | null;
  readonly issued: number;
}

export interface Availability {
  readonly available: boolean;
  readonly unavailable: ServiceUnavailable | null;
  /** Closed now but opening later today: the local "HH:MM". */
  readonly opensAt: string | null;
}

/** Can a ticket for `service` be issued at `now`, given what was issued today? Pure. */
export function serviceAvailability(service: ServiceConfig, now: LocalTime, today: DayCount): Availability {
  if ('exhausted' in nextTicketNumber(service.range, today.last)) {
    return { available: false, unavailable: 'range-exhausted', opensAt: null };
  }
  if (service.dailyLimit !== undefined && today.issued >= service.dailyLimit) {
    return { available: false, unavailable: 'daily-limit', opensAt: null };
  }
  if (service.hours.length > 0) {
    const todays = service.hours.filter((hours) => hours.days.includes(now.weekday));
    const open = todays.some((hours) => now.minutes >= minutesOf(hours.from) && now.minutes < minutesOf(hours.to));
    if (!open) {
      const later = todays.map((hours) => hours.from).filter((from) => minutesOf(from) > now.minutes).sort()[0] ?? null;
      return { available: false, unavailable: 'closed', opensAt: later };
    }
  }
  return { available: true, unavailable: null, opensAt: null };
}
