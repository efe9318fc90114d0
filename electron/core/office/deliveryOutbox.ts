import type Database from 'better-sqlite3';
import type { EventType } from '../../../shared/events.ts';

/**
 * The journal as a delivery to the office hub sees it (./eventDelivery.ts): an outbox target of its own
 * (okno-office/1), next to the collector's (sync/outbox.ts). The events of the target's type after the
 * hub's acknowledged seq, in seq order, a batch at a time; the progress lives in `delivery_progress`
 * (one row per target) and moves only in the statement that records the hub's acknowledgement.
 */

/** A dispenser's tickets. */
export const HUB_TARGET = 'hub';
/** A hall board's announcements. */
export const HUB_ANNOUNCEMENTS_TARGET = 'hub-announcements';

/** What each target delivers: one event type each. */
export const DELIVERY_TARGETS = {
  [HUB_TARGET]: 'ticket.issued',
  [HUB_ANNOUNCEMENTS_TARGET]: 'hall.announced',
} as const satisfies Readonly<Record<string, EventType>>;
export type DeliveryTarget = keyof typeof DELIVERY_TARGETS;

export interface DeliveryRow {
  readonly seq: number;
  readonly id: string;
  readonly occurredAt: string;
  readonly payload: string;
}

export interface DeliveryProgress {
  readonly ackedSeq: number;
  readonly lastSuccessAt: string | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
}

export interface DeliveryOutbox {
  progress(): DeliveryProgress;
  /** The target's events after `seq`, oldest first, at most `limit`. */
  eventsAfter(seq: number, limit: number): DeliveryRow[];
  /** The hub has every event up to `lastSeq`: one statement, so the progress never half-moves. */
  acknowledge(lastSeq: number, at: string): void;
  noteError(message: string, at: string): void;
}

interface ProgressRow {
  acked_seq: number;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
}

export function createDeliveryOutbox(db: Database.Database, target: DeliveryTarget = HUB_TARGET): DeliveryOutbox {
  const type = DELIVERY_TARGETS[target];
  // A device that starts talking to a hub delivers every event of the type its journal still holds: the
  // hub takes each once (and marks the tickets of an ended day as expired): never skip one.
  db.prepare('INSERT OR IGNORE INTO delivery_progress (target, acked_seq) VALUES (?, 0)').run(target);
  const selectProgress = db.prepare('SELECT acked_seq, last_success_at, last_error, last_error_at FROM delivery_progress WHERE target = ?');
  const selectAfter = db.prepare('SELECT seq, id, occurred_at AS occurredAt, payload FROM events WHERE type = ? AND seq > ? ORDER BY seq LIMIT ?');
  const ack = db.prepare('UPDATE delivery_progress SET acked_seq = max(acked_seq, ?), last_success_at = ?, last_error = NULL, last_error_at = NULL WHERE target = ?');
  const error = db.prepare('UPDATE delivery_progress SET last_error = ?, last_error_at = ? WHERE target = ?');

  return {
    progress() {
      const row = selectProgress.get(target) as ProgressRow | undefined;
      return { ackedSeq: row?.acked_seq ?? 0, lastSuccessAt: row?.last_success_at ?? null, lastError: row?.last_error ?? null, lastErrorAt: row?.last_error_at ?? null };
    },
    eventsAfter(seq, limit) {
      return selectAfter.all(type, seq, limit) as DeliveryRow[];
    },
    acknowledge(lastSeq, at) {
      // Without an fsync of its own, like the collector's acknowledgement (sync/outbox.ts): lost in a
      // power cut it only means the events go again, and the hub counts them as duplicates.
      db.pragma('synchronous = NORMAL');
      try {
        ack.run(lastSeq, at, target);
      } finally {
        db.pragma('synchronous = FULL');
      }
    },
    noteError(message, at) {
      error.run(message, at, target);
    },
  };
}

/** The `hub` section of `okno doctor` (and its `announcements`), from the journal file alone (the host may be down). */
export interface HubDeliveryReport {
  /** Whether this journal ever delivered to a hub (a progress row exists). */
  readonly configured: boolean;
  /** Events of the target's type the hub has not acknowledged yet. */
  readonly pending: number;
  readonly ackedSeq: number;
  readonly oldestPendingAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
}

export const EMPTY_HUB_REPORT: HubDeliveryReport = { configured: false, pending: 0, ackedSeq: 0, oldestPendingAt: null, lastSuccessAt: null, lastError: null, lastErrorAt: null };

/** Read-only: works on a journal opened read-only while the kiosk runs. */
export function readHubDeliveryReport(db: Database.Database, schemaVersion: number, target: DeliveryTarget = HUB_TARGET): HubDeliveryReport {
  if (schemaVersion < 5) return EMPTY_HUB_REPORT;
  const row = db.prepare('SELECT acked_seq, last_success_at, last_error, last_error_at FROM delivery_progress WHERE target = ?').get(target) as ProgressRow | undefined;
  if (!row) return EMPTY_HUB_REPORT;
  const pending = db
    .prepare(
      `SELECT count(*) AS n, (SELECT occurred_at FROM events WHERE type = @type AND seq > @acked ORDER BY seq LIMIT 1) AS oldest
         FROM events WHERE type = @type AND seq > @acked`,
    )
    .get({ acked: row.acked_seq, type: DELIVERY_TARGETS[target] }) as { n: number; oldest: string | null };
  return {
    configured: true,
    pending: pending.n,
    ackedSeq: row.acked_seq,
    oldestPendingAt: pending.oldest,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
  };
}
