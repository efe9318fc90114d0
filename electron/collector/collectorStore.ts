import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ReceivedBatch } from './batchBody.ts';
import { migrateCollector } from './collectorMigrations.ts';
import type { CollectorStorage } from './collectorStorage.ts';
import { exportPageText } from './exportPage.ts';

/**
 * The reference collector's own SQLite file. Events are keyed by (device_id, id): a re-sent event
 * is counted as a duplicate and changes nothing, which makes at-least-once delivery exactly-once here.
 * Each event is kept as the JSON text the device sent, so an export gives back the device's bytes,
 * and gets the collector's own `cursor` (docs/protocol-sync.md, "Export").
 */
export interface ExportItem {
  /** The collector's, increasing in the order events were stored, never reused; gaps are normal. */
  readonly cursor: number;
  readonly batchId: string;
  readonly sentAt: string;
  readonly receivedAt: string;
  /** The event's JSON text exactly as received. */
  readonly event: string;
}

/**
 * The SQLite store: synchronous (better-sqlite3) for the tests and the demo that read it directly, and
 * the asynchronous CollectorStorage the server uses over either engine.
 */
export interface CollectorStore extends CollectorStorage {
  /** One transaction per batch, committed (fsynced) before the 200 goes out. */
  insertBatch(received: ReceivedBatch, receivedAt: string): { accepted: number; duplicates: number };
  /**
   * One device's events after `cursor`, in cursor order, read one row at a time: stop iterating
   * (break) as soon as a page is full. Nothing else may use the store until the iteration ends.
   */
  eventsAfter(deviceId: string, cursor: number): IterableIterator<ExportItem>;
  count(deviceId?: string): number;
  readonly schemaVersion: number;
  close(): void;
}

export function openCollectorStore(file: string): CollectorStore {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // An answered 200 lets the device move on (and later prune): the rows must survive a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    const schemaVersion = migrateCollector(db);
    return openedStore(db, schemaVersion);
  } catch (error) {
    db.close();
    throw error;
  }
}

function openedStore(db: Database.Database, schemaVersion: number): CollectorStore {
  // ON CONFLICT DO NOTHING, not INSERT OR IGNORE: only a duplicate (device_id, id) is skipped; any
  // other constraint failing is an error, not a silently missing event.
  const insert = db.prepare(
    `INSERT INTO events (device_id, id, seq, type, occurred_at, payload, event, batch_id, sent_at, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id, id) DO NOTHING`,
  );
  const logBatch = db.prepare('INSERT INTO batches (device_id, batch_id, sent_at, received_at, accepted, duplicates) VALUES (?, ?, ?, ?, ?, ?)');
  const selectAfter = db.prepare(
    `SELECT cursor, batch_id AS batchId, sent_at AS sentAt, received_at AS receivedAt, event
       FROM events WHERE device_id = ? AND cursor > ? ORDER BY cursor`,
  );
  const countAll = db.prepare('SELECT count(*) AS n FROM events');
  const countDevice = db.prepare('SELECT count(*) AS n FROM events WHERE device_id = ?');

  const insertBatch = db.transaction((received: ReceivedBatch, receivedAt: string) => {
    const { batch, events } = received;
    let accepted = 0;
    batch.events.forEach((event, i) => {
      const sent = events[i];
      if (!sent) throw new Error(`event ${i} of batch ${batch.batchId} has no text`);
      accepted += insert.run(batch.deviceId, event.id, event.seq, event.type, event.occurredAt, sent.payloadText, sent.text, batch.batchId, batch.sentAt, receivedAt).changes;
    });
    const duplicates = batch.events.length - accepted;
    logBatch.run(batch.deviceId, batch.batchId, batch.sentAt, receivedAt, accepted, duplicates);
    return { accepted, duplicates };
  });

  const eventsAfter = (deviceId: string, cursor: number) => selectAfter.iterate(deviceId, cursor) as IterableIterator<ExportItem>;
  const count = (deviceId?: string) => ((deviceId === undefined ? countAll.get() : countDevice.get(deviceId)) as { n: number }).n;
  return {
    engine: 'sqlite',
    schemaVersion,
    insertBatch: (received, receivedAt) => insertBatch(received, receivedAt),
    eventsAfter,
    count,
    close: () => db.close(),
    // Synchronous inside: a page is read while nothing else can use the connection (one open statement).
    storeBatch: (received, receivedAt) => Promise.resolve().then(() => insertBatch(received, receivedAt)),
    exportPage: (deviceId, after, limits) => Promise.resolve().then(() => exportPageText(deviceId, eventsAfter(deviceId, after), limits)),
    countEvents: (deviceId) => Promise.resolve().then(() => count(deviceId)),
    end: () =>
      Promise.resolve().then(() => {
        db.close();
      }),
  };
}
