import { zonedParts } from '../clock.ts';
import { minutesOf } from '../tickets/localTime.ts';

const DAY_MINUTES = 1440;
const MINUTE_MS = 60_000;

const localMinutes = (at: number, timeZone: string): number => {
  const parts = zonedParts(new Date(at), timeZone);
  return Number(parts.hour) * 60 + Number(parts.minute);
};

/**
 * The next instant after `now` when the wall clock in `timeZone` reads `clockTime` ("06:00"): the
 * daily volume reset. Stepped by the local clock, not by adding 24 hours, so a zone that changes its
 * clocks resets at its real 06:00; a time the clocks skip that night resets after the jump.
 */
export function nextLocalClockTime(now: Date, timeZone: string, clockTime: string): Date {
  const target = minutesOf(clockTime);
  const parts = zonedParts(now, timeZone);
  const intoMinute = Number(parts.second) * 1000 + now.getUTCMilliseconds();
  const ahead = (target - localMinutes(now.getTime(), timeZone) + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES;
  let candidate = now.getTime() - intoMinute + ahead * MINUTE_MS;
  // The offset at the candidate may differ from now's (a clock change in between): correct by what
  // the local clock says there. A time the clocks skip never settles: it swings across the jump, and
  // the later of the two (after the jump) is taken.
  for (let round = 0; round < 4; round += 1) {
    const off = ((target - localMinutes(candidate, timeZone) + DAY_MINUTES + DAY_MINUTES / 2) % DAY_MINUTES) - DAY_MINUTES / 2;
    if (off === 0) break;
    candidate = round === 3 ? Math.max(candidate, candidate + off * MINUTE_MS) : candidate + off * MINUTE_MS;
  }
  while (candidate <= now.getTime()) candidate += DAY_MINUTES * MINUTE_MS;
  return new Date(candidate);
}
