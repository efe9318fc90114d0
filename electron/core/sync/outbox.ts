import type Database from 'better-sqlite3';
import { DELIVERY_TARGETS } from '../office/deliveryOutbox.ts';
import type { OutboxRow } from './batching.ts';
import { pruneBoundary, type RetentionRow } from './retention.ts';

/**
 * The journal as the uploader sees it: per recorded device id, the rows after that id's acknowledged
 * seq, read a batch at a time through prepared statements (a backlog of days never sits in memory),
 * and the sync progress, which lives in its own table (one row per device id) and moves only in the
 * transaction that records an acknowledgement. An event is sent under the device id it was recorded
 * with, never under a later one: a renamed device does not send its history twice.
 */
export interface SyncProgress {
  readonly deviceId: string;
  readonly ackedSeq: number;
  readonly lastSuccessAt: string | null;
  readonly pausedReason: string | null;
  readonly pausedKind: PauseKind | null;
}

/** Why a device id's events wait: a refused token, a wrong endpoint, or no token configured for that id. */
export type PauseKind = 'token' | 'endpoint' | 'no-token';

export interface QuarantinedBatch {
  readonly deviceId: string;
  readonly batchId: string;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly count: number;
  readonly status: number;
  readonly reason: string;
  readonly body: string;
}

/** A quarantined batch a technician asked to send again. */
export interface RequeuedBatch {
  readonly deviceId: string;
  readonly batchId: string;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly count: number;
  /** The body it was quarantined with (the events, if an older okno pruned them from the journal). */
  readonly body: string;
}

export interface Outbox {
  /** Device ids with events after their acknowledged seq, the one with the oldest such event first. */
  pendingDevices(): SyncProgress[];
  progress(deviceId: string): SyncProgress;
  rowsAfter(deviceId: string, seq: number, limit: number): OutboxRow[];
  /** The events of a requeued batch, from the journal (they are never pruned while quarantined). */
  rowsOf(batch: RequeuedBatch): OutboxRow[];
  /** The collector has this device id's events up to `lastSeq`: one transaction. */
  acknowledge(deviceId: string, lastSeq: number, at: string, clockOffsetMs: number | null): void;
  /** Keeps a refused batch whole and moves past it: one transaction, so nothing is lost in between. */
  quarantine(batch: QuarantinedBatch, at: string): void;
  /** Quarantined batches marked to go again, oldest first. */
  requeuedBatches(): RequeuedBatch[];
  /** A requeued batch was acknowledged: its quarantine row goes in the same transaction as the acknowledgement. */
  acknowledgeRequeued(batch: RequeuedBatch, at: string, clockOffsetMs: number | null): void;
  /** A requeued batch was refused again: it stays quarantined with the new answer, no longer marked. */
  requarantine(batch: RequeuedBatch, status: number, reason: string, body: string, at: string): void;
  noteError(deviceId: string, message: string, at: string): void;
  setPaused(deviceId: string, reason: string | null, kind: PauseKind | null): void;
  /** Deletes at most `chunk` acknowledged, not quarantined events older than `cutoffMs`; returns how many. */
  pruneChunk(cutoffMs: number, chunk: number): number;
}

/** eventJson (batching.ts) in SQL: the payload's committed text is concatenated as it is, never re-encoded. */
export const EVENT_JSON_SQL =
  `'{"id":' || json_quote(id) || ',"seq":' || seq || ',"type":' || json_quote(type) || ',"occurredAt":' || json_quote(occurred_at) || ',"payload":' || payload || '}'`;

/** An event inside a quarantined batch of its own device id (such events are never pruned). */
const QUARANTINED_SQL =
  'EXISTS (SELECT 1 FROM sync_quarantine q WHERE q.device_id = events.device_id AND events.seq BETWEEN q.first_seq AND q.last_seq)';

/**
 * An event the office hub has not acknowledged yet (a dispenser's ticket, a hall board's announcement: the
 * outbox targets of office/deliveryOutbox.ts): the collector may have it, the hub does not, so retention
 * keeps it until the hub does. Without its delivery target (no hub ever configured) nothing waits for one.
 */
const UNDELIVERED_TO_HUB_SQL = `(${Object.entries(DELIVERY_TARGETS)
  .map(([target, type]) => `(events.type = '${type}' AND events.seq > coalesce((SELECT d.acked_seq FROM delivery_progress d WHERE d.target = '${target}'), 9223372036854775807))`)
  .join(' OR ')})`;

interface ProgressRow {
  device_id: string;
  acked_seq: number;
  last_success_at: string | null;
  paused_reason: string | null;
  paused_kind: string | null;
}

const PAUSE_KINDS: readonly string[] = ['token', 'endpoint', 'no-token'] satisfies readonly PauseKind[];

const toProgress = (row: ProgressRow): SyncProgress => ({
  deviceId: row.device_id,
  ackedSeq: row.acked_seq,
  lastSuccessAt: row.last_success_at,
  pausedReason: row.paused_reason,
  pausedKind: row.paused_kind !== null && PAUSE_KINDS.includes(row.paused_kind) ? (row.paused_kind as PauseKind) : null,
});

/**
 * Marks every quarantined batch not yet marked to be sent again; returns what was marked. A short
 * write on the journal's file: the running uploader picks it up on its next cycle. Used by technician
 * mode and by `okno sync --requeue-quarantined` (which works while the kiosk runs).
 */
export function requeueQuarantined(db: Database.Database, at: string): { readonly batches: number; readonly events: number } {
  return db.transaction(() => {
    const marked = db.prepare('SELECT count(*) AS batches, coalesce(sum(event_count), 0) AS events FROM sync_quarantine WHERE requeued_at IS NULL').get() as {
      batches: number;
      events: number;
    };
    db.prepare('UPDATE sync_quarantine SET requeued_at = ? WHERE requeued_at IS NULL').run(at);
    return marked;
  }).immediate();
}

/** A quarantined batch as `okno sync` lists it. */
export interface QuarantineEntry {
  readonly batchId: string;
  readonly deviceId: string | null;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly count: number;
  readonly status: number;
  readonly reason: string;
  readonly quarantinedAt: string;
  readonly requeuedAt: string | null;
}

export function listQuarantined(db: Database.Database): QuarantineEntry[] {
  return db
    .prepare(
      `SELECT batch_id AS batchId, device_id AS deviceId, first_seq AS firstSeq, last_seq AS lastSeq, event_count AS count, status, reason,
              quarantined_at AS quarantinedAt, requeued_at AS requeuedAt FROM sync_quarantine ORDER BY first_seq`,
    )
    .all() as QuarantineEntry[];
}

export function createOutbox(db: Database.Database, currentDeviceId: string): Outbox {
  // Every device id that recorded events has a progress row (the journal adds its own; this catches
  // events written while sync was not configured or by an older okno).
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO sync_progress (device_id, acked_seq) VALUES (?, 0)').run(currentDeviceId);
    db.prepare('INSERT OR IGNORE INTO sync_progress (device_id, acked_seq) SELECT DISTINCT device_id, 0 FROM events').run();
  }).immediate();
  const progressColumns = 'device_id, acked_seq, last_success_at, paused_reason, paused_kind';
  const selectProgress = db.prepare(`SELECT ${progressColumns} FROM sync_progress WHERE device_id = ?`);
  const selectAllProgress = db.prepare(`SELECT ${progressColumns} FROM sync_progress`);
  const firstPending = db.prepare('SELECT seq FROM events WHERE device_id = ? AND seq > ? ORDER BY seq LIMIT 1');
  const selectAfter = db.prepare(`SELECT seq, ${EVENT_JSON_SQL} AS json FROM events WHERE device_id = ? AND seq > ? ORDER BY seq LIMIT ?`);
  const selectRange = db.prepare(`SELECT seq, ${EVENT_JSON_SQL} AS json FROM events WHERE device_id = ? AND seq BETWEEN ? AND ? ORDER BY seq`);
  const ack = db.prepare(
    `UPDATE sync_progress SET acked_seq = max(acked_seq, ?), last_success_at = ?, last_error = NULL, last_error_at = NULL,
       paused_reason = NULL, paused_kind = NULL, clock_offset_ms = coalesce(?, clock_offset_ms), clock_offset_at = CASE WHEN ? IS NULL THEN clock_offset_at ELSE ? END
     WHERE device_id = ?`,
  );
  const insertQuarantine = db.prepare(
    `INSERT OR REPLACE INTO sync_quarantine (batch_id, device_id, first_seq, last_seq, event_count, status, reason, quarantined_at, body, requeued_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
  );
  const selectRequeued = db.prepare(
    `SELECT device_id AS deviceId, batch_id AS batchId, first_seq AS firstSeq, last_seq AS lastSeq, event_count AS count, body
       FROM sync_quarantine WHERE requeued_at IS NOT NULL ORDER BY first_seq`,
  );
  const deleteQuarantine = db.prepare('DELETE FROM sync_quarantine WHERE batch_id = ?');
  const updateQuarantine = db.prepare('UPDATE sync_quarantine SET status = ?, reason = ?, body = ?, quarantined_at = ?, requeued_at = NULL WHERE batch_id = ?');
  const advance = db.prepare('UPDATE sync_progress SET acked_seq = max(acked_seq, ?), last_error = ?, last_error_at = ? WHERE device_id = ?');
  const error = db.prepare('UPDATE sync_progress SET last_error = ?, last_error_at = ? WHERE device_id = ?');
  const paused = db.prepare('UPDATE sync_progress SET paused_reason = ?, paused_kind = ? WHERE device_id = ?');
  // Acknowledged under the event's own device id and not in a quarantined batch; CROSS JOIN keeps
  // the events outermost, walked in seq order by their primary key (no sort of the whole journal).
  const selectOld = db.prepare(
    `SELECT events.seq AS seq, events.occurred_at AS occurredAt FROM events CROSS JOIN sync_progress p ON p.device_id = events.device_id
      WHERE events.seq <= p.acked_seq AND NOT ${QUARANTINED_SQL} AND NOT ${UNDELIVERED_TO_HUB_SQL} ORDER BY events.seq LIMIT ?`,
  );
  const deleteUpTo = db.prepare(
    `DELETE FROM events WHERE seq <= ? AND seq <= (SELECT acked_seq FROM sync_progress p WHERE p.device_id = events.device_id) AND NOT ${QUARANTINED_SQL} AND NOT ${UNDELIVERED_TO_HUB_SQL}`,
  );

  const ensure = (deviceId: string): void => {
    db.prepare('INSERT OR IGNORE INTO sync_progress (device_id, acked_seq) VALUES (?, 0)').run(deviceId);
  };
  const progress = (deviceId: string): SyncProgress => {
    const row = selectProgress.get(deviceId) as ProgressRow | undefined;
    return row ? toProgress(row) : { deviceId, ackedSeq: 0, lastSuccessAt: null, pausedReason: null, pausedKind: null };
  };

  /** Without an fsync of its own: see docs/protocol-sync.md (an acknowledgement lost in a power cut is a resend). */
  const relaxed = <T>(write: () => T): T => {
    db.pragma('synchronous = NORMAL');
    try {
      return write();
    } finally {
      db.pragma('synchronous = FULL');
    }
  };

  return {
    pendingDevices() {
      const waiting: { progress: SyncProgress; first: number }[] = [];
      for (const row of selectAllProgress.all() as ProgressRow[]) {
        const first = firstPending.get(row.device_id, row.acked_seq) as { seq: number } | undefined;
        if (first) waiting.push({ progress: toProgress(row), first: first.seq });
      }
      return waiting.sort((a, b) => a.first - b.first).map((entry) => entry.progress);
    },
    progress,
    rowsAfter(deviceId, seq, limit) {
      return selectAfter.all(deviceId, seq, limit) as OutboxRow[];
    },
    rowsOf(batch) {
      return selectRange.all(batch.deviceId, batch.firstSeq, batch.lastSeq) as OutboxRow[];
    },
    acknowledge(deviceId, lastSeq, at, clockOffsetMs) {
      // Without an fsync of its own: an fsync here would hold the event loop (and so a press) for
      // milliseconds per batch. Lost in a power cut, an acknowledgement only means the batch is sent
      // again and counted as duplicates; the next committed press fsyncs it anyway (WAL order).
      relaxed(() => {
        ensure(deviceId);
        ack.run(lastSeq, at, clockOffsetMs, clockOffsetMs, at, deviceId);
      });
    },
    quarantine(batch, at) {
      db.transaction(() => {
        ensure(batch.deviceId);
        insertQuarantine.run(batch.batchId, batch.deviceId, batch.firstSeq, batch.lastSeq, batch.count, batch.status, batch.reason, at, batch.body);
        advance.run(batch.lastSeq, `quarantined batch ${batch.batchId} (seq ${batch.firstSeq}–${batch.lastSeq}): ${batch.reason}`, at, batch.deviceId);
      })();
    },
    requeuedBatches() {
      return selectRequeued.all() as RequeuedBatch[];
    },
    acknowledgeRequeued(batch, at, clockOffsetMs) {
      // The quarantine row goes with the acknowledgement: a crash in between cannot send it twice.
      db.transaction(() => {
        deleteQuarantine.run(batch.batchId);
        ensure(batch.deviceId);
        ack.run(0, at, clockOffsetMs, clockOffsetMs, at, batch.deviceId);
      })();
    },
    requarantine(batch, status, reason, body, at) {
      updateQuarantine.run(status, reason, body, at, batch.batchId);
    },
    noteError(deviceId, message, at) {
      error.run(message, at, deviceId);
    },
    setPaused(deviceId, reason, kind) {
      ensure(deviceId);
      paused.run(reason, reason === null ? null : kind, deviceId);
    },
    pruneChunk(cutoffMs, chunk) {
      const rows = selectOld.all(chunk) as RetentionRow[];
      // Every row is acknowledged already (the query says so): only the time is left to check.
      const boundary = pruneBoundary(rows, Number.MAX_SAFE_INTEGER, cutoffMs);
      return boundary === null ? 0 : deleteUpTo.run(boundary).changes;
    },
  };
}
