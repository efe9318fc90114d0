import type Database from 'better-sqlite3';

/**
 * The `sync` section of `okno doctor`, read from the journal file alone (the host may be down).
 * `pending` and `lastSuccessAt` were there before the uploader and are a contract; the rest is added.
 */
export interface SyncReport {
  readonly pending: number;
  readonly lastSuccessAt: string | null;
  /** occurredAt of the oldest event not yet acknowledged, and its age in seconds at the time of the report. */
  readonly oldestPendingAt: string | null;
  readonly oldestPendingAgeSeconds: number | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  /** Set after 401/403: the collector refused the token; a technician must look (needsTechnician). */
  readonly paused: string | null;
  readonly quarantinedBatches: number;
  readonly quarantinedEvents: number;
  /** Collector clock minus device clock, as last observed; positive: the device is behind. */
  readonly clockOffsetMs: number | null;
  readonly clockOffsetMeasuredAt: string | null;
}

export const EMPTY_SYNC_REPORT: SyncReport = {
  pending: 0,
  lastSuccessAt: null,
  oldestPendingAt: null,
  oldestPendingAgeSeconds: null,
  lastError: null,
  lastErrorAt: null,
  paused: null,
  quarantinedBatches: 0,
  quarantinedEvents: 0,
  clockOffsetMs: null,
  clockOffsetMeasuredAt: null,
};

export function readSyncReport(db: Database.Database, schemaVersion: number, now: Date): SyncReport {
  const progress = db.prepare('SELECT coalesce(max(acked_seq), 0) AS acked, max(last_success_at) AS lastSuccessAt FROM sync_progress').get() as {
    acked: number;
    lastSuccessAt: string | null;
  };
  const pending = (db.prepare('SELECT count(*) AS n FROM events WHERE seq > ?').get(progress.acked) as { n: number }).n;
  const oldest = db.prepare('SELECT occurred_at AS at FROM events WHERE seq > ? ORDER BY seq LIMIT 1').get(progress.acked) as { at: string } | undefined;
  const oldestMs = oldest ? Date.parse(oldest.at) : NaN;
  const base: SyncReport = {
    ...EMPTY_SYNC_REPORT,
    pending,
    lastSuccessAt: progress.lastSuccessAt,
    oldestPendingAt: oldest?.at ?? null,
    oldestPendingAgeSeconds: Number.isNaN(oldestMs) ? null : Math.max(0, Math.round((now.getTime() - oldestMs) / 1000)),
  };
  // Schema 1 (a journal the uploader never ran on) has only the columns above.
  if (schemaVersion < 2) return base;
  const detail = db
    .prepare(
      `SELECT last_error AS lastError, last_error_at AS lastErrorAt, paused_reason AS paused, clock_offset_ms AS clockOffsetMs,
              clock_offset_at AS clockOffsetMeasuredAt FROM sync_progress ORDER BY acked_seq DESC LIMIT 1`,
    )
    .get() as Pick<SyncReport, 'lastError' | 'lastErrorAt' | 'paused' | 'clockOffsetMs' | 'clockOffsetMeasuredAt'> | undefined;
  const quarantine = db.prepare('SELECT count(*) AS batches, coalesce(sum(event_count), 0) AS events FROM sync_quarantine').get() as { batches: number; events: number };
  return { ...base, ...detail, quarantinedBatches: quarantine.batches, quarantinedEvents: quarantine.events };
}

/** One line for the human-readable doctor report. */
export function formatSyncLine(sync: SyncReport): string {
  const parts = [`${sync.pending} pending`];
  if (sync.oldestPendingAgeSeconds !== null) parts.push(`oldest ${formatAge(sync.oldestPendingAgeSeconds)} old`);
  parts.push(`last success ${sync.lastSuccessAt ?? 'never'}`);
  if (sync.clockOffsetMs !== null) parts.push(`clock offset ${sync.clockOffsetMs > 0 ? '+' : ''}${sync.clockOffsetMs} ms`);
  const lines = [parts.join(', ')];
  if (sync.paused) lines.push(`    PAUSED: the collector refused the token (${sync.paused}); check sync.token`);
  if (sync.lastError) lines.push(`    last error ${sync.lastErrorAt ?? ''}: ${sync.lastError}`);
  if (sync.quarantinedBatches > 0) lines.push(`    ${sync.quarantinedBatches} batch(es), ${sync.quarantinedEvents} event(s) refused by the collector, kept in sync_quarantine`);
  return lines.join('\n');
}

function formatAge(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}
