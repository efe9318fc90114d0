import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { eventPayloadSchemas, type EventPayload, type EventType, type JournalEvent } from '../../../shared/events.ts';
import { isoWithOffset, type Clock } from '../clock.ts';

/**
 * The event journal: every fact the device records, append-only, in the shape okno-sync/1 ships.
 * `append` returns only after the transaction is committed (synchronous=FULL), so whatever the
 * screen shows after it is durable.
 */
export interface Journal {
  append<T extends EventType>(type: T, payload: EventPayload<T>, id?: string): JournalEvent<T>;
  readAfter(seq: number, limit: number): JournalEvent[];
  counts(): { total: number; byType: Record<string, number> };
  lastSeq(): number;
}

interface EventRow {
  seq: number;
  id: string;
  type: string;
  occurred_at: string;
  payload: string;
}

export function newEventId(): string {
  return uuidv7();
}

export function createJournal(db: Database.Database, deviceId: string, timeZone: string, clock: Clock): Journal {
  // Every event keeps the device id it was recorded under (okno-sync/1 sends it under that id, with that
  // id's progress); the progress row is there from the first event, so doctor counts it as pending.
  db.prepare('INSERT OR IGNORE INTO sync_progress (device_id, acked_seq) VALUES (?, 0)').run(deviceId);
  const insert = db.prepare(
    'INSERT INTO events (id, device_id, type, occurred_at, payload) VALUES (?, ?, ?, ?, ?)',
  );
  const selectAfter = db.prepare('SELECT seq, id, type, occurred_at, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
  const countByType = db.prepare('SELECT type, count(*) AS n FROM events GROUP BY type');
  const maxSeq = db.prepare('SELECT max(seq) AS seq FROM events');

  return {
    append(type, payload, id = uuidv7()) {
      // The payload shapes are part of the sync contract: refuse to persist anything else.
      const checked = eventPayloadSchemas[type].parse(payload) as typeof payload;
      const occurredAt = isoWithOffset(clock.now(), timeZone);
      const { lastInsertRowid } = insert.run(id, deviceId, type, occurredAt, JSON.stringify(checked));
      return { id, seq: Number(lastInsertRowid), type, occurredAt, payload: checked };
    },
    readAfter(seq, limit) {
      return (selectAfter.all(seq, limit) as EventRow[]).map((row) => ({
        id: row.id,
        seq: row.seq,
        type: row.type as EventType,
        occurredAt: row.occurred_at,
        payload: JSON.parse(row.payload) as JournalEvent['payload'],
      }));
    },
    counts() {
      const byType: Record<string, number> = {};
      let total = 0;
      for (const row of countByType.all() as { type: string; n: number }[]) {
        byType[row.type] = row.n;
        total += row.n;
      }
      return { total, byType };
    },
    lastSeq() {
      return (maxSeq.get() as { seq: number | null }).seq ?? 0;
    },
  };
}
