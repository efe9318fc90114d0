/**
 * The office's local hour and day of an event. A device writes `occurredAt` in its own local time with
 * its UTC offset (2026-11-23T10:14:58.004+03:00), so the wall-clock hour is the text itself: no time
 * zone database, and an office in Yekaterinburg (+05:00) and one in Moscow (+03:00) both count their
 * 10 o'clock at 10:00. (A device whose clock is set to UTC writes "Z", and its hours are UTC hours.)
 */
export interface LocalTime {
  /** 'YYYY-MM-DD HH:00:00', a PostgreSQL `timestamp without time zone`. */
  readonly hour: string;
  /** 'YYYY-MM-DD' */
  readonly day: string;
}

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):\d{2}/;

/** Null when the text is not an ISO 8601 time (the wire schema checks it already: this guards the rollups). */
export function localTime(occurredAt: string): LocalTime | null {
  const match = LOCAL.exec(occurredAt);
  if (match === null) return null;
  const [, day, hour] = match;
  if (day === undefined || hour === undefined || Number(hour) > 23) return null;
  return { hour: `${day} ${hour}:00:00`, day };
}
