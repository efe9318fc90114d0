import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readBatchBody, type ReceivedBatch } from '../../../../electron/collector/batchBody.ts';
import { COLLECTOR_SCHEMA_VERSION } from '../../../../electron/collector/collectorMigrations.ts';
import { openCollectorStore } from '../../../../electron/collector/collectorStore.ts';
import { batchText, DEVICE, eventId, eventText, OTHER_DEVICE } from '../../../helpers/collectorInProcess.ts';
import { useTempDirs } from '../../../helpers/tempDir.ts';

const tempDir = useTempDirs();

/** The schema the first collector wrote, without a user_version (what a file in the field looks like). */
function writeFirstCollectorFile(file: string): void {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE events (device_id TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL,
      occurred_at TEXT NOT NULL, payload TEXT NOT NULL, batch_id TEXT NOT NULL, sent_at TEXT NOT NULL,
      received_at TEXT NOT NULL, PRIMARY KEY (device_id, id)) WITHOUT ROWID;
    CREATE INDEX events_by_device_seq ON events(device_id, seq);
    CREATE TABLE batches (device_id TEXT NOT NULL, batch_id TEXT NOT NULL, sent_at TEXT NOT NULL,
      received_at TEXT NOT NULL, accepted INTEGER NOT NULL, duplicates INTEGER NOT NULL);
  `);
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const log = db.prepare('INSERT INTO batches VALUES (?, ?, ?, ?, ?, 0)');
  // Device a: seq 1–3, then reinstalled: seq 1–2 again (new ids). Device b in between. The received_at
  // of the last batch is earlier than the one before (the collector's clock was set back): the batch
  // log's order wins. Ids are not in received order either, so ordering by id would show.
  const batches: { device: string; batch: string; at: string; events: [number, number][] }[] = [
    { device: DEVICE, batch: 'b1', at: '2026-11-23T07:00:00.000Z', events: [[9, 1], [8, 2], [7, 3]] },
    { device: OTHER_DEVICE, batch: 'b2', at: '2026-11-23T07:00:01.000Z', events: [[1, 1]] },
    { device: DEVICE, batch: 'b3', at: '2026-11-23T07:00:02.000Z', events: [[6, 1]] },
    { device: DEVICE, batch: 'b4', at: '2026-11-23T06:59:00.000Z', events: [[5, 2]] },
  ];
  for (const { device, batch, at, events } of batches) {
    for (const [n, seq] of events) insert.run(device, eventId(n), seq, 'rating.submitted', '2026-11-23T10:14:58.004+03:00', `{"score":${seq}}`, batch, '2026-11-23T10:15:02.120+03:00', at);
    log.run(device, batch, '2026-11-23T10:15:02.120+03:00', at, events.length);
  }
  db.close();
}

const received = (text: string): ReceivedBatch => {
  const batch = readBatchBody(Buffer.from(text));
  if ('status' in batch) throw new Error(batch.reason);
  return batch;
};

describe('collector store: versioned schema (PRAGMA user_version)', () => {
  it('migrates a first-collector file, keeping its rows in the order they were received', () => {
    const file = join(tempDir(), 'collector.db');
    writeFirstCollectorFile(file);
    const store = openCollectorStore(file);
    try {
      expect(store.schemaVersion).toBe(COLLECTOR_SCHEMA_VERSION);
      const items = [...store.eventsAfter(DEVICE, 0)];
      expect(items.map((item) => JSON.parse(item.event) as { id: string })).toEqual([9, 8, 7, 6, 5].map((n, i) => expect.objectContaining({ id: eventId(n), seq: [1, 2, 3, 1, 2][i] })));
      expect(JSON.parse(items[0]!.event)).toEqual({ id: eventId(9), seq: 1, type: 'rating.submitted', occurredAt: '2026-11-23T10:14:58.004+03:00', payload: { score: 1 } });
      // A batch received after the migration comes after every old row.
      const highest = Math.max(...[DEVICE, OTHER_DEVICE].flatMap((device) => [...store.eventsAfter(device, 0)].map((item) => item.cursor)));
      store.insertBatch(received(batchText(1, [eventText(100, 3)])), '2026-11-23T08:00:00.000Z');
      const after = [...store.eventsAfter(DEVICE, items.at(-1)!.cursor)];
      expect(after.map((item) => item.event)).toEqual([eventText(100, 3)]);
      expect(after[0]!.cursor).toBeGreaterThan(highest);
      expect(store.count()).toBe(7);
    } finally {
      store.close();
    }
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(COLLECTOR_SCHEMA_VERSION);
    db.close();
  });

  it('opens its own file again without changing it, and refuses a file from a newer collector', () => {
    const file = join(tempDir(), 'collector.db');
    const store = openCollectorStore(file);
    store.insertBatch(received(batchText(1, [eventText(1, 1)])), '2026-11-23T08:00:00.000Z');
    store.close();
    const again = openCollectorStore(file);
    expect([...again.eventsAfter(DEVICE, 0)].map((item) => item.event)).toEqual([eventText(1, 1)]);
    again.close();
    const db = new Database(file);
    db.pragma(`user_version = ${COLLECTOR_SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openCollectorStore(file)).toThrow(/newer than this okno understands/);
  });

  it('counts a re-sent event as a duplicate and keeps the first copy', () => {
    const store = openCollectorStore(join(tempDir(), 'collector.db'));
    try {
      expect(store.insertBatch(received(batchText(1, [eventText(1, 1, '{"v":1}')])), '2026-11-23T08:00:00.000Z')).toEqual({ accepted: 1, duplicates: 0 });
      expect(store.insertBatch(received(batchText(2, [eventText(1, 1, '{"v":2}'), eventText(2, 2)])), '2026-11-23T08:00:01.000Z')).toEqual({ accepted: 1, duplicates: 1 });
      expect([...store.eventsAfter(DEVICE, 0)].map((item) => item.event)).toEqual([eventText(1, 1, '{"v":1}'), eventText(2, 2)]);
    } finally {
      store.close();
    }
  });
});
