import type Database from 'better-sqlite3';

/**
 * The `sync` section of `okno doctor`, read from the journal file alone (the host may be down).
 * `pending` and `lastSuccessAt` were there before the uploader and are a contract; the rest is added.
 */
export interface SyncReport {
  /** Events not yet acknowledged under the device id each was recorded with (every id together). */
  readonly pending: number;
  readonly lastSuccessAt: string | null;
  /** occurredAt of the oldest event not yet acknowledged, and its age in seconds at the time of the report. */
  readonly oldestPendingAt: string | null;
  readonly oldestPendingAgeSeconds: number | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  /** Why sending stopped (a technician must look, needsTechnician): a refused token, a wrong endpoint, a missing token. */
  readonly paused: string | null;
  /** What `paused` is about: 'token' (401/403), 'endpoint' (404, 405… at sync.endpoint), 'no-token' (an earlier id without its token). */
  readonly pausedKind: 'token' | 'endpoint' | 'no-token' | null;
  readonly quarantinedBatches: number;
  readonly quarantinedEvents: number;
  /** Quarantined batches marked to be sent again (`okno sync --requeue-quarantined`, technician mode), not yet acknowledged. */
  readonly requeuedBatches: number;
  /** Collector clock minus device clock, as last observed; positive: the device is behind. */
  readonly clockOffsetMs: number | null;
  readonly clockOffsetMeasuredAt: string | null;
  /** One entry per device id this journal recorded events under (more than one after a rename). */
  readonly devices: readonly SyncDeviceReport[];
}

export interface SyncDeviceReport {
  readonly deviceId: string;
  readonly pending: number;
  readonly ackedSeq: number;
  readonly lastSuccessAt: string | null;
  readonly paused: string | null;
  readonly pausedKind: SyncReport['pausedKind'];
}

export const EMPTY_SYNC_REPORT: SyncReport = {
  pending: 0,
  lastSuccessAt: null,
  oldestPendingAt: null,
  oldestPendingAgeSeconds: null,
  lastError: null,
  lastErrorAt: null,
  paused: null,
  pausedKind: null,
  quarantinedBatches: 0,
  quarantinedEvents: 0,
  requeuedBatches: 0,
  clockOffsetMs: null,
  clockOffsetMeasuredAt: null,
  devices: [],
};

const PAUSE_KINDS = new Set(['token', 'endpoint', 'no-token']);
/** The pause a technician must see first: the endpoint stops everything, a token one id, a missing token old events. */
const PAUSE_ORDER = ['endpoint', 'token', 'no-token', null] as const;

interface ProgressRow {
  deviceId: string;
  ackedSeq: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  paused: string | null;
  pausedKind: string | null;
  clockOffsetMs: number | null;
  clockOffsetMeasuredAt: string | null;
}

const latest = <T>(rows: readonly T[], at: (row: T) => string | null): T | undefined =>
  rows.reduce<T | undefined>((best, row) => {
    const when = at(row);
    return when !== null && (best === undefined || Date.parse(when) > Date.parse(at(best) ?? '')) ? row : best;
  }, undefined);

interface Pending {
  readonly byDevice: Map<string, number>;
  readonly oldestSeq: number | null;
}

function pendingByDevice(db: Database.Database): Pending {
  const count = db.prepare('SELECT count(*) AS n, min(seq) AS first FROM events WHERE device_id = ? AND seq > ?');
  const byDevice = new Map<string, number>();
  let oldestSeq: number | null = null;
  for (const row of db.prepare('SELECT device_id AS deviceId, acked_seq AS acked FROM sync_progress').all() as { deviceId: string; acked: number }[]) {
    const { n, first } = count.get(row.deviceId, row.acked) as { n: number; first: number | null };
    if (n === 0) continue;
    byDevice.set(row.deviceId, n);
    if (first !== null && (oldestSeq === null || first < oldestSeq)) oldestSeq = first;
  }
  return { byDevice, oldestSeq };
}

function pendingOneCursor(db: Database.Database): Pending {
  const acked = (db.prepare('SELECT coalesce(max(acked_seq), 0) AS acked FROM sync_progress').get() as { acked: number }).acked;
  const rows = db.prepare('SELECT device_id AS deviceId, count(*) AS n, min(seq) AS first FROM events WHERE seq > ? GROUP BY device_id').all(acked) as {
    deviceId: string;
    n: number;
    first: number;
  }[];
  return { byDevice: new Map(rows.map((row) => [row.deviceId, row.n])), oldestSeq: rows.length === 0 ? null : Math.min(...rows.map((row) => row.first)) };
}

export function readSyncReport(db: Database.Database, schemaVersion: number, now: Date): SyncReport {
  // Before schema 4 one cursor covered every event, whatever its device id (the migration keeps that meaning).
  // From 4 on, every device id that recorded events has a progress row (the journal adds it before its first
  // event, the migration for older ones), so each id's backlog is an index range of events(device_id, seq).
  const { byDevice, oldestSeq } = schemaVersion >= 4 ? pendingByDevice(db) : pendingOneCursor(db);
  const pending = [...byDevice.values()].reduce((sum, n) => sum + n, 0);
  const oldest = oldestSeq === null ? undefined : (db.prepare('SELECT occurred_at AS at FROM events WHERE seq = ?').get(oldestSeq) as { at: string } | undefined);
  const oldestMs = oldest ? Date.parse(oldest.at) : NaN;
  const lastSuccessAt = (db.prepare('SELECT max(last_success_at) AS at FROM sync_progress').get() as { at: string | null }).at;
  const base: SyncReport = {
    ...EMPTY_SYNC_REPORT,
    pending,
    lastSuccessAt,
    oldestPendingAt: oldest?.at ?? null,
    oldestPendingAgeSeconds: Number.isNaN(oldestMs) ? null : Math.max(0, Math.round((now.getTime() - oldestMs) / 1000)),
  };
  // Schema 1 (a journal the uploader never ran on) has only the columns above.
  if (schemaVersion < 2) return base;
  const perDevice = schemaVersion >= 4;
  const rows = db
    .prepare(
      `SELECT device_id AS deviceId, acked_seq AS ackedSeq, last_success_at AS lastSuccessAt, last_error AS lastError, last_error_at AS lastErrorAt,
              paused_reason AS paused, ${perDevice ? 'paused_kind' : 'NULL'} AS pausedKind, clock_offset_ms AS clockOffsetMs,
              clock_offset_at AS clockOffsetMeasuredAt FROM sync_progress ORDER BY device_id`,
    )
    .all() as ProgressRow[];
  const kindOf = (row: ProgressRow): SyncReport['pausedKind'] =>
    row.paused === null ? null : row.pausedKind !== null && PAUSE_KINDS.has(row.pausedKind) ? (row.pausedKind as SyncReport['pausedKind']) : 'token';
  // A device id waits for its token only while it has something to send.
  const shown = rows.filter((row) => kindOf(row) !== 'no-token' || (byDevice.get(row.deviceId) ?? 0) > 0);
  const pausedRow = PAUSE_ORDER.map((kind) => shown.find((row) => row.paused !== null && kindOf(row) === kind)).find((row) => row !== undefined);
  const errorRow = latest(rows, (row) => row.lastErrorAt);
  const clockRow = latest(rows, (row) => row.clockOffsetMeasuredAt);
  const quarantine = db
    .prepare(`SELECT count(*) AS batches, coalesce(sum(event_count), 0) AS events, ${perDevice ? 'count(requeued_at)' : '0'} AS requeued FROM sync_quarantine`)
    .get() as { batches: number; events: number; requeued: number };
  const devices = [...new Set([...rows.map((row) => row.deviceId), ...byDevice.keys()])].sort().map((deviceId): SyncDeviceReport => {
    const row = rows.find((candidate) => candidate.deviceId === deviceId);
    const visible = row !== undefined && shown.includes(row);
    return {
      deviceId,
      pending: byDevice.get(deviceId) ?? 0,
      ackedSeq: row?.ackedSeq ?? 0,
      lastSuccessAt: row?.lastSuccessAt ?? null,
      paused: visible ? row.paused : null,
      pausedKind: visible ? kindOf(row) : null,
    };
  });
  return {
    ...base,
    lastError: errorRow?.lastError ?? null,
    lastErrorAt: errorRow?.lastErrorAt ?? null,
    paused: pausedRow?.paused ?? null,
    pausedKind: pausedRow ? kindOf(pausedRow) : null,
    clockOffsetMs: clockRow?.clockOffsetMs ?? null,
    clockOffsetMeasuredAt: clockRow?.clockOffsetMeasuredAt ?? null,
    quarantinedBatches: quarantine.batches,
    quarantinedEvents: quarantine.events,
    requeuedBatches: quarantine.requeued,
    devices,
  };
}

/** One line (and what needs a technician below it) for the human-readable doctor report. */
export function formatSyncLine(sync: SyncReport): string {
  const parts = [`${sync.pending} pending`];
  if (sync.oldestPendingAgeSeconds !== null) parts.push(`oldest ${formatAge(sync.oldestPendingAgeSeconds)} old`);
  parts.push(`last success ${sync.lastSuccessAt ?? 'never'}`);
  if (sync.clockOffsetMs !== null) parts.push(`clock offset ${sync.clockOffsetMs > 0 ? '+' : ''}${sync.clockOffsetMs} ms`);
  const lines = [parts.join(', ')];
  if (sync.devices.length > 1) {
    lines.push(`    by device id: ${sync.devices.map((device) => `${device.deviceId} ${device.pending} pending`).join(', ')}`);
  }
  for (const device of sync.devices) {
    if (!device.paused) continue;
    if (device.pausedKind === 'endpoint') lines.push(`    PAUSED: the collector does not take batches at sync.endpoint (${device.paused}); fix sync.endpoint`);
    else if (device.pausedKind === 'no-token') lines.push(`    WAITING: ${device.pending} event(s) recorded as "${device.deviceId}": no token for that id; add it to sync.previousTokens`);
    else lines.push(`    PAUSED: the collector refused the token of "${device.deviceId}" (${device.paused}); check sync.token / sync.previousTokens`);
  }
  if (sync.lastError) lines.push(`    last error ${sync.lastErrorAt ?? ''}: ${sync.lastError}`);
  if (sync.quarantinedBatches > 0) {
    lines.push(
      `    ${sync.quarantinedBatches} batch(es), ${sync.quarantinedEvents} event(s) refused by the collector, kept in sync_quarantine` +
        (sync.requeuedBatches > 0 ? ` (${sync.requeuedBatches} requeued, going out again)` : '; "okno sync --requeue-quarantined" sends them again'),
    );
  }
  return lines.join('\n');
}

function formatAge(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}
