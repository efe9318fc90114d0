import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Batch } from '../core/sync/protocol.ts';

/**
 * The reference collector's own SQLite file. Events are keyed by (device_id, id): a re-sent event
 * is counted as a duplicate and changes nothing, which makes at-least-once delivery exactly-once here.
 * Payloads are kept as the JSON text the device sent, so an export gives back the device's bytes.
 */
export interface StoredEvent {
  readonly id: string;
  readonly seq: number;
  readonly type: string;
  readonly occurredAt: string;
  /** JSON text. */
  readonly payload: string;
  readonly batchId: string;
  readonly sentAt: string;
  readonly receivedAt: string;
}

export interface CollectorStore {
  /** One transaction per batch, committed (fsynced) before the 200 goes out. */
  insertBatch(batch: Batch, payloads: readonly string[], receivedAt: string): { accepted: number; duplicates: number };
  eventsAfter(deviceId: string, afterSeq: number, limit: number): StoredEvent[];
  count(deviceId?: string): number;
  close(): void;
}

export function openCollectorStore(file: string): CollectorStore {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // An answered 200 lets the device move on (and later prune): the rows must survive a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      device_id   TEXT    NOT NULL,
      id          TEXT    NOT NULL,
      seq         INTEGER NOT NULL,
      type        TEXT    NOT NULL,
      occurred_at TEXT    NOT NULL,
      payload     TEXT    NOT NULL,
      batch_id    TEXT    NOT NULL,
      sent_at     TEXT    NOT NULL,
      received_at TEXT    NOT NULL,
      PRIMARY KEY (device_id, id)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS events_by_device_seq ON events(device_id, seq);
    CREATE TABLE IF NOT EXISTS batches (
      device_id   TEXT    NOT NULL,
      batch_id    TEXT    NOT NULL,
      sent_at     TEXT    NOT NULL,
      received_at TEXT    NOT NULL,
      accepted    INTEGER NOT NULL,
      duplicates  INTEGER NOT NULL
    );
  `);
  const insert = db.prepare(
    'INSERT OR IGNORE INTO events (device_id, id, seq, type, occurred_at, payload, batch_id, sent_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const logBatch = db.prepare('INSERT INTO batches (device_id, batch_id, sent_at, received_at, accepted, duplicates) VALUES (?, ?, ?, ?, ?, ?)');
  const selectAfter = db.prepare(
    'SELECT id, seq, type, occurred_at AS occurredAt, payload, batch_id AS batchId, sent_at AS sentAt, received_at AS receivedAt FROM events WHERE device_id = ? AND seq > ? ORDER BY seq, id LIMIT ?',
  );
  const countAll = db.prepare('SELECT count(*) AS n FROM events');
  const countDevice = db.prepare('SELECT count(*) AS n FROM events WHERE device_id = ?');

  const insertBatch = db.transaction((batch: Batch, payloads: readonly string[], receivedAt: string) => {
    let accepted = 0;
    batch.events.forEach((event, i) => {
      accepted += insert.run(batch.deviceId, event.id, event.seq, event.type, event.occurredAt, payloads[i], batch.batchId, batch.sentAt, receivedAt).changes;
    });
    const duplicates = batch.events.length - accepted;
    logBatch.run(batch.deviceId, batch.batchId, batch.sentAt, receivedAt, accepted, duplicates);
    return { accepted, duplicates };
  });

  return {
    insertBatch: (batch, payloads, receivedAt) => insertBatch(batch, payloads, receivedAt),
    eventsAfter: (deviceId, afterSeq, limit) => selectAfter.all(deviceId, afterSeq, limit) as StoredEvent[],
    count: (deviceId) => ((deviceId === undefined ? countAll.get() : countDevice.get(deviceId)) as { n: number }).n,
    close: () => db.close(),
  };
}
