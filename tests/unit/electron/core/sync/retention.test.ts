import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../../../../electron/core/sync/outbox.ts';
import { DAY_MS, pruneBoundary } from '../../../../../electron/core/sync/retention.ts';
import { openJournalStore } from '../../../../../electron/core/store/journalStore.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const cutoff = Date.parse('2026-09-01T00:00:00.000Z');

describe('retention', () => {
  it('prunes the longest acknowledged prefix older than the cutoff, and stops at the first row that is not', () => {
    const rows = [
      { seq: 1, occurredAt: '2026-08-01T10:00:00.000+03:00' },
      { seq: 2, occurredAt: '2026-08-02T10:00:00.000+03:00' },
      { seq: 3, occurredAt: '2026-10-01T10:00:00.000+03:00' }, // clock was ahead for a while
      { seq: 4, occurredAt: '2026-08-03T10:00:00.000+03:00' },
    ];
    expect(pruneBoundary(rows, 4, cutoff)).toBe(2);
    expect(pruneBoundary(rows, 1, cutoff)).toBe(1);
    expect(pruneBoundary(rows, 0, cutoff)).toBeNull();
    expect(pruneBoundary([], 10, cutoff)).toBeNull();
  });

  it('never deletes an unacknowledged event, and a DELETE passes the append-only trigger', () => {
    const time = new FakeTime('2026-06-01T07:00:00.000Z');
    const store = openJournalStore({ file: join(tempDir(), 'okno.db'), deviceId: 'w05', timeZone: 'Europe/Moscow', clock: time });
    try {
      for (let i = 0; i < 10; i += 1) store.journal().append('rating.submitted', { score: 5, scale: 5, source: 'touch', window: '5' });
      const outbox = createOutbox(store.database(), 'w05');
      outbox.acknowledge('w05', 6, '2026-06-01T10:00:00.000+03:00', null);
      time.advance(100 * DAY_MS);
      expect(outbox.pruneChunk(time.now().getTime() - 90 * DAY_MS, 1000)).toBe(6);
      expect(store.journal().readAfter(0, 100).map((event) => event.seq)).toEqual([7, 8, 9, 10]);
      expect(() => store.database().prepare("UPDATE events SET type = 'x'").run()).toThrow(/append-only/);
      // The acknowledgement skips its own fsync; the journal's commits must still have theirs.
      expect(store.database().pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      store.close();
    }
  });

  it('keeps the database file bounded over many rounds of record → sync → prune (free pages are reused)', () => {
    const time = new FakeTime('2026-01-01T07:00:00.000Z');
    const file = join(tempDir(), 'okno.db');
    const store = openJournalStore({ file, deviceId: 'w05', timeZone: 'Europe/Moscow', clock: time });
    const sizes: number[] = [];
    try {
      const db = store.database();
      const outbox = createOutbox(db, 'w05');
      for (let round = 0; round < 6; round += 1) {
        db.transaction(() => {
          for (let i = 0; i < 3_000; i += 1) store.journal().append('rating.submitted', { score: 1 + (i % 5), scale: 5, source: 'serial', window: '5' });
        })();
        outbox.acknowledge('w05', store.journal().lastSeq(), time.now().toISOString(), null);
        time.advance(91 * DAY_MS);
        let pruned = 0;
        for (let chunk = 0; chunk < 10; chunk += 1) pruned += outbox.pruneChunk(time.now().getTime() - 90 * DAY_MS, 2_000);
        expect(pruned).toBe(3_000);
        db.pragma('wal_checkpoint(TRUNCATE)');
        sizes.push(statSync(file).size);
      }
    } finally {
      store.close();
    }
    expect(sizes[0]).toBeGreaterThan(300_000);
    // The first round sets the high-water mark; later rounds reuse the freed pages.
    expect(Math.max(...sizes.slice(1))).toBeLessThanOrEqual(sizes[0]! * 1.1);
  });
});
