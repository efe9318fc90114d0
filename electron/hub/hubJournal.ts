import type Database from 'better-sqlite3';
import { eventPayloadSchemas, type JournalEvent } from '../../shared/events.ts';
import { emptyQueue, evolve, type HubEventType, type QueueState } from './queue/queueState.ts';

/**
 * The hub's events in its journal, and the queue's state rebuilt from them at start. The journal is
 * the device's (same store, migrations, durability); the hub's facts are the queue events of
 * shared/events.ts, recorded under the office's id.
 */

export const HUB_EVENT_TYPES = [
  'ticket.received',
  'ticket.refused',
  'ticket.called',
  'ticket.recalled',
  'ticket.noShow',
  'service.started',
  'service.finished',
  'ticket.redirected',
  'ticket.expired',
  'window.paused',
  'window.resumed',
  'operator.signedIn',
  'operator.signedOut',
] as const satisfies readonly HubEventType[];

export type HubJournalEvent = JournalEvent<HubEventType>;

export const isEventOf = <T extends HubEventType>(event: HubJournalEvent, type: T): event is JournalEvent<T> => event.type === type;

const isHubEventType = (type: string): type is HubEventType => (HUB_EVENT_TYPES as readonly string[]).includes(type);

/** The day before `day` (YYYY-MM-DD), by the calendar. */
export function dayBefore(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

interface Row {
  seq: number;
  type: string;
  occurred_at: string;
  payload: string;
}

/**
 * The queue's state from the journal: the hub's events of the last day it recorded, and of the day
 * before (a visit being served at midnight continues into the next day, so its start is needed).
 * Each event's local day is the date of its occurredAt (written with the office's UTC offset).
 * `today` is used when the journal holds no hub event yet. A row that does not parse (a file edited
 * by hand) is skipped, never a reason not to start.
 */
export function foldJournal(db: Database.Database, today: string): QueueState {
  const placeholders = HUB_EVENT_TYPES.map(() => '?').join(', ');
  const last = db.prepare(`SELECT occurred_at FROM events WHERE type IN (${placeholders}) ORDER BY seq DESC LIMIT 1`).get(...HUB_EVENT_TYPES) as
    | { occurred_at: string }
    | undefined;
  if (!last) return emptyQueue(today);
  const from = dayBefore(last.occurred_at.slice(0, 10));
  const rows = db
    .prepare(`SELECT seq, type, occurred_at, payload FROM events WHERE type IN (${placeholders}) AND substr(occurred_at, 1, 10) >= ? ORDER BY seq`)
    .iterate(...HUB_EVENT_TYPES, from) as IterableIterator<Row>;
  let state: QueueState | null = null;
  for (const row of rows) {
    if (!isHubEventType(row.type)) continue;
    const payload = eventPayloadSchemas[row.type].safeParse(safeJson(row.payload));
    if (!payload.success) continue;
    state ??= emptyQueue(row.occurred_at.slice(0, 10));
    state = evolve(state, { type: row.type, occurredAt: row.occurred_at, payload: payload.data });
  }
  return state ?? emptyQueue(today);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
