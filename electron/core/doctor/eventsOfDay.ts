import type Database from 'better-sqlite3';
import { zonedParts } from '../clock.ts';

/**
 * Events of one local day (the device's time zone) by type, for doctor and the diagnostics screen.
 *
 * There is no index on occurred_at, and none is needed: seq is the journal's time order (except when
 * the wall clock was set back), so the events are walked newest first by seq (the rowid, no sort) and
 * the walk stops at the first event older than the day's start by more than a day of slack. It reads
 * about a day or two of events whatever the size of the journal.
 */
export interface EventsOfDay {
  /** YYYY-MM-DD in `timeZone`. */
  readonly day: string;
  readonly timeZone: string;
  readonly total: number;
  readonly byType: Record<string, number>;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Events older than the day's start by this much end the walk (a clock set back less than this is still counted right). */
const SLACK_MS = DAY_MS;

const dayOf = (ms: number, timeZone: string): string => {
  const parts = zonedParts(new Date(ms), timeZone);
  return `${parts.year}-${parts.month}-${parts.day}`;
};

/** Wall-clock minus UTC at instant `ms` in `timeZone`, in ms (whole seconds). */
function offsetMs(ms: number, timeZone: string): number {
  const p = zonedParts(new Date(ms), timeZone);
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - Math.floor(ms / 1000) * 1000;
}

/** The first instant whose local day (in `timeZone`) is `day` (YYYY-MM-DD), midnight or, across a DST gap, the first hour that exists. */
function startOf(day: string, timeZone: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, date);
  let start = wall - offsetMs(wall, timeZone);
  start = wall - offsetMs(start, timeZone);
  // A zone whose clocks jump at midnight: walk to the day's true first hour (bounded).
  for (let i = 0; i < 4 && dayOf(start, timeZone) < day; i += 1) start += HOUR_MS;
  for (let i = 0; i < 4 && dayOf(start - HOUR_MS, timeZone) === day; i += 1) start -= HOUR_MS;
  return start;
}

/** The local day of `now` in `timeZone` as the instants [startMs, endMs). */
export function localDayBounds(now: Date, timeZone: string): { day: string; startMs: number; endMs: number } {
  const day = dayOf(now.getTime(), timeZone);
  const startMs = startOf(day, timeZone);
  // The next day: local noon of this day plus a day lands on it whatever the DST change.
  const next = dayOf(startMs + 12 * HOUR_MS + DAY_MS, timeZone);
  return { day, startMs, endMs: startOf(next, timeZone) };
}

export function readEventsOfDay(db: Database.Database, now: Date, timeZone: string): EventsOfDay {
  const { day, startMs, endMs } = localDayBounds(now, timeZone);
  const byType: Record<string, number> = {};
  let total = 0;
  const rows = db.prepare('SELECT type, occurred_at AS at FROM events ORDER BY seq DESC').iterate() as IterableIterator<{ type: string; at: string }>;
  for (const row of rows) {
    const at = Date.parse(row.at);
    if (Number.isNaN(at)) continue;
    if (at < startMs - SLACK_MS) break;
    if (at >= startMs && at < endMs) {
      byType[row.type] = (byType[row.type] ?? 0) + 1;
      total += 1;
    }
  }
  return { day, timeZone, total, byType };
}
