import type Database from 'better-sqlite3';
import type { OutboxRow } from './batching.ts';
import { pruneBoundary, type RetentionRow } from './retention.ts';

/**
 * The journal as the uploader sees it: the rows after the acknowledged seq, read a batch at a time
 * through prepared statements (a backlog of days never sits in memory), and the sync progress,
 * which lives in its own table and moves only in the transaction that records an acknowledgement.
 */
export interface SyncProgress {
  readonly ackedSeq: number;
  readonly lastSuccessAt: string | null;
  readonly pausedReason: string | null;
}

export interface QuarantinedBatch {
  readonly batchId: string;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly count: number;
  readonly status: number;
  readonly reason: string;
  readonly body: string;
}

export interface Outbox {
  progress(): SyncProgress;
  rowsAfter(seq: number, limit: number): OutboxRow[];
  pendingCount(): number;
  /** The collector has the events up to `lastSeq`: one transaction. */
  acknowledge(lastSeq: number, at: string, clockOffsetMs: number | null): void;
  /** Keeps a refused batch whole and moves past it: one transaction, so nothing is lost in between. */
  quarantine(batch: QuarantinedBatch, at: string): void;
  noteError(message: string, at: string): void;
  setPaused(reason: string | null): void;
  /** Deletes at most `chunk` acknowledged events older than `cutoffMs`; returns how many. */
  pruneChunk(cutoffMs: number, chunk: number): number;
}

/** eventJson (batching.ts) in SQL: the payload's committed text is concatenated as it is, never re-encoded. */
export const EVENT_JSON_SQL =
  `'{"id":' || json_quote(id) || ',"seq":' || seq || ',"type":' || json_quote(type) || ',"occurredAt":' || json_quote(occurred_at) || ',"payload":' || payload || '}'`;

export function createOutbox(db: Database.Database, deviceId: string): Outbox {
  db.prepare('INSERT OR IGNORE INTO sync_progress (device_id, acked_seq) VALUES (?, 0)').run(deviceId);
  const selectProgress = db.prepare('SELECT acked_seq, last_success_at, paused_reason FROM sync_progress WHERE device_id = ?');
  const selectAfter = db.prepare(`SELECT seq, ${EVENT_JSON_SQL} AS json FROM events WHERE seq > ? ORDER BY seq LIMIT ?`);
  const countAfter = db.prepare('SELECT count(*) AS n FROM events WHERE seq > ?');
  const ack = db.prepare(
    `UPDATE sync_progress SET acked_seq = max(acked_seq, ?), last_success_at = ?, last_error = NULL, last_error_at = NULL,
       paused_reason = NULL, clock_offset_ms = coalesce(?, clock_offset_ms), clock_offset_at = CASE WHEN ? IS NULL THEN clock_offset_at ELSE ? END
     WHERE device_id = ?`,
  );
  const insertQuarantine = db.prepare(
    `INSERT OR REPLACE INTO sync_quarantine (batch_id, first_seq, last_seq, event_count, status, reason, quarantined_at, body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const advance = db.prepare('UPDATE sync_progress SET acked_seq = max(acked_seq, ?), last_error = ?, last_error_at = ? WHERE device_id = ?');
  const error = db.prepare('UPDATE sync_progress SET last_error = ?, last_error_at = ? WHERE device_id = ?');
  const paused = db.prepare('UPDATE sync_progress SET paused_reason = ? WHERE device_id = ?');
  const selectOld = db.prepare('SELECT seq, occurred_at AS occurredAt FROM events WHERE seq <= ? ORDER BY seq LIMIT ?');
  const deleteUpTo = db.prepare('DELETE FROM events WHERE seq <= ?');

  const progress = (): SyncProgress => {
    const row = selectProgress.get(deviceId) as { acked_seq: number; last_success_at: string | null; paused_reason: string | null };
    return { ackedSeq: row.acked_seq, lastSuccessAt: row.last_success_at, pausedReason: row.paused_reason };
  };

  return {
    progress,
    rowsAfter(seq, limit) {
      return selectAfter.all(seq, limit) as OutboxRow[];
    },
    pendingCount() {
      return (countAfter.get(progress().ackedSeq) as { n: number }).n;
    },
    acknowledge(lastSeq, at, clockOffsetMs) {
      // Without an fsync of its own: an fsync here would hold the event loop (and so a press) for
      // milliseconds per batch. Lost in a power cut, an acknowledgement only means the batch is sent
      // again and counted as duplicates; the next committed press fsyncs it anyway (WAL order).
      db.pragma('synchronous = NORMAL');
      try {
        ack.run(lastSeq, at, clockOffsetMs, clockOffsetMs, at, deviceId);
      } finally {
        db.pragma('synchronous = FULL');
      }
    },
    quarantine(batch, at) {
      db.transaction(() => {
        insertQuarantine.run(batch.batchId, batch.firstSeq, batch.lastSeq, batch.count, batch.status, batch.reason, at, batch.body);
        advance.run(batch.lastSeq, `quarantined batch ${batch.batchId} (seq ${batch.firstSeq}–${batch.lastSeq}): ${batch.reason}`, at, deviceId);
      })();
    },
    noteError(message, at) {
      error.run(message, at, deviceId);
    },
    setPaused(reason) {
      paused.run(reason, deviceId);
    },
    pruneChunk(cutoffMs, chunk) {
      const { ackedSeq } = progress();
      const rows = selectOld.all(ackedSeq, chunk) as RetentionRow[];
      const boundary = pruneBoundary(rows, ackedSeq, cutoffMs);
      return boundary === null ? 0 : deleteUpTo.run(boundary).changes;
    },
  };
}
