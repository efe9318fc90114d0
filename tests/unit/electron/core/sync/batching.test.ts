import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { batchBody, cutBatch, eventJson, type JournalRow, type OutboxRow } from '../../../../../electron/core/sync/batching.ts';
import { EVENT_JSON_SQL } from '../../../../../electron/core/sync/outbox.ts';
import { batchSchema } from '../../../../../electron/core/sync/protocol.ts';
import { observedClockOffsetMs } from '../../../../../electron/core/sync/clockOffset.ts';

const journalRow = (seq: number, payload = '{"score":5,"scale":5,"source":"touch","window":"5"}'): JournalRow => ({
  seq,
  id: `01936f5e-1111-7000-8000-${String(seq).padStart(12, '0')}`,
  type: 'rating.submitted',
  occurredAt: '2026-11-23T10:14:58.004+03:00',
  payload,
});
const row = (seq: number, payload?: string): OutboxRow => ({ seq, json: eventJson(journalRow(seq, payload)) });

describe('cutting batches', () => {
  it('takes at most maxEvents, in seq order', () => {
    const draft = cutBatch([1, 2, 3, 4, 5].map((seq) => row(seq)), { maxEvents: 3, maxBytes: 1 << 20 });
    expect(draft).toMatchObject({ firstSeq: 1, lastSeq: 3, count: 3 });
  });

  it('stops before the body would pass maxBytes, and the body stays under it', () => {
    const rows = Array.from({ length: 100 }, (_, i) => row(i + 1));
    const draft = cutBatch(rows, { maxEvents: 500, maxBytes: 4096 })!;
    const body = batchBody('mfc-tverskoy-w05', '01936f5e-7a2b-7c3d-8e4f-5a6b7c8d9e0f', '2026-11-23T10:15:02.120+03:00', draft);
    expect(draft.count).toBeGreaterThan(10);
    expect(draft.count).toBeLessThan(100);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(body + ',' + rows[draft.count]!.json)).toBeGreaterThan(4096 - 256);
  });

  it('sends one oversized event alone rather than never', () => {
    const big = row(1, JSON.stringify({ text: 'x'.repeat(10_000) }));
    expect(cutBatch([big, row(2)], { maxEvents: 500, maxBytes: 4096 })).toMatchObject({ firstSeq: 1, lastSeq: 1, count: 1 });
  });

  it('nothing to send is null', () => {
    expect(cutBatch([], { maxEvents: 500, maxBytes: 4096 })).toBeNull();
  });

  it('the body is a valid okno-sync/1 batch carrying the payload text as committed', () => {
    const payload = '{"score":4,"scale":5,"source":"serial","window":"Окно 5"}';
    const draft = cutBatch([row(7, payload), row(8)], { maxEvents: 500, maxBytes: 1 << 20 })!;
    const body = batchBody('mfc-tverskoy-w05', '01936f5e-7a2b-7c3d-8e4f-5a6b7c8d9e0f', '2026-11-23T10:15:02.120+03:00', draft);
    const parsed = batchSchema.parse(JSON.parse(body));
    expect(parsed.events.map((event) => event.seq)).toEqual([7, 8]);
    expect(JSON.stringify(parsed.events[0]!.payload)).toBe(payload);
  });
});

describe('the event JSON built in SQL', () => {
  it('is byte for byte what eventJson builds, payload text untouched', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT, type TEXT, occurred_at TEXT, payload TEXT)');
    const rows = [
      journalRow(1),
      journalRow(2, '{"score":4,"scale":5,"source":"serial","window":"Окно \\"5\\"\\n"}'),
      journalRow(3, '{"number":"П-017","ratio":0.1,"big":12345678901234567890,"nested":{"a":[1,2,{"b":null}]}}'),
    ];
    for (const r of rows) db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?)').run(r.seq, r.id, r.type, r.occurredAt, r.payload);
    const fromSql = db.prepare(`SELECT ${EVENT_JSON_SQL} AS json FROM events ORDER BY seq`).pluck().all();
    expect(fromSql).toEqual(rows.map(eventJson));
    expect(fromSql[2]).toContain(rows[2]!.payload);
    db.close();
  });
});

describe('clock offset', () => {
  it('is the collector’s time minus the midpoint of the round trip', () => {
    const sent = Date.parse('2026-11-23T07:15:00.000Z');
    expect(observedClockOffsetMs(sent, sent + 100, '2026-11-23T07:15:02.050Z', null)).toBe(2_000);
    expect(observedClockOffsetMs(sent, sent + 100, null, 'Mon, 23 Nov 2026 07:14:55 GMT')).toBe(-4_550);
    expect(observedClockOffsetMs(sent, sent + 100, null, null)).toBeNull();
    expect(observedClockOffsetMs(sent, sent + 100, 'garbage', null)).toBeNull();
  });
});
