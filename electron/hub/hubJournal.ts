import type Database from 'better-sqlite3';
import { emptyQueue, evolve, HUB_EVENT_TYPES, toHubEvent, type QueueState } from './queue/queueState.ts';

/**
 * The queue's state rebuilt from the hub's journal at start. The journal is the device's (same store,
 * migrations, durability); the queue's facts are the hub events of shared/events.ts, recorded under
 * the office's id, and each day begins with a `queue.dayStarted` event (the rollover at midnight).
 */

interface Row {
  seq: number;
  type: string;
  occurred_at: string;
  payload: string;
}

export interface FoldedJournal {
  readonly state: QueueState;
  /** Rows of queue events that did not parse (a file edited by hand): skipped, never a reason not to start. */
  readonly unreadable: number;
}

/**
 * The fold of the hub's events from the start of the day BEFORE the current one: a visit being served
 * at midnight continues into the new day, so its call must be folded too; anything older has expired
 * or ended. Without a day start in the journal (a new hub), from its first event. `today` is the
 * day of a journal without queue events.
 */
export function foldJournal(db: Database.Database, today: string): FoldedJournal {
  const dayStarts = db.prepare("SELECT seq, payload FROM events WHERE type = 'queue.dayStarted' ORDER BY seq DESC LIMIT 2").all() as { seq: number; payload: string }[];
  const from = dayStarts.length === 2 ? dayStarts[1] : undefined;
  const placeholders = HUB_EVENT_TYPES.map(() => '?').join(', ');
  const rows = db
    .prepare(`SELECT seq, type, occurred_at, payload FROM events WHERE seq >= ? AND type IN (${placeholders}) ORDER BY seq`)
    .iterate(from?.seq ?? 0, ...HUB_EVENT_TYPES) as IterableIterator<Row>;
  let state: QueueState | null = from ? emptyQueue(previousDayOf(from.payload) ?? today) : null;
  let unreadable = 0;
  for (const row of rows) {
    const event = toHubEvent({ type: row.type, occurredAt: row.occurred_at, payload: parseJson(row.payload) });
    if (event === null) {
      unreadable += 1;
      continue;
    }
    // A new hub's first day is the day of its first event (the office-local date of its occurredAt).
    state ??= emptyQueue(row.occurred_at.slice(0, 10));
    state = evolve(state, event);
  }
  return { state: state ?? emptyQueue(today), unreadable };
}

function previousDayOf(payload: string): string | null {
  const value: unknown = parseJson(payload);
  if (typeof value !== 'object' || value === null || !('previousDay' in value)) return null;
  return typeof value.previousDay === 'string' ? value.previousDay : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
