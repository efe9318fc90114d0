import type { Database } from 'better-sqlite3';

/**
 * Schema migrations, applied in order inside one transaction each; `PRAGMA user_version` holds the
 * version reached. Never edit a shipped migration: add a new one.
 */
export interface Migration {
  readonly version: number;
  readonly up: (db: Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    up: (db) => {
      db.exec(`
        -- The event log: append-only. AUTOINCREMENT so a seq is never reused, even after pruning.
        CREATE TABLE events (
          seq         INTEGER PRIMARY KEY AUTOINCREMENT,
          id          TEXT    NOT NULL UNIQUE,
          device_id   TEXT    NOT NULL,
          type        TEXT    NOT NULL,
          occurred_at TEXT    NOT NULL,
          payload     TEXT    NOT NULL CHECK (json_valid(payload))
        );
        CREATE INDEX events_by_type ON events(type);
        CREATE TRIGGER events_are_append_only BEFORE UPDATE ON events
        BEGIN
          SELECT RAISE(ABORT, 'events are append-only');
        END;
        -- Sync progress lives apart from the log it describes (okno-sync/1).
        CREATE TABLE sync_progress (
          device_id      TEXT    PRIMARY KEY,
          acked_seq      INTEGER NOT NULL DEFAULT 0,
          last_success_at TEXT
        );
      `);
    },
  },
  {
    version: 2,
    up: (db) => {
      db.exec(`
        -- okno-sync/1 (docs/protocol-sync.md): what the uploader learned, readable by okno doctor
        -- while the host is down. Written in the same transaction as the acknowledgement it follows.
        ALTER TABLE sync_progress ADD COLUMN last_error TEXT;
        ALTER TABLE sync_progress ADD COLUMN last_error_at TEXT;
        ALTER TABLE sync_progress ADD COLUMN paused_reason TEXT;
        ALTER TABLE sync_progress ADD COLUMN clock_offset_ms INTEGER;
        ALTER TABLE sync_progress ADD COLUMN clock_offset_at TEXT;
        -- A batch the collector refused for good (4xx other than 401/403/408/413/429): kept whole, with
        -- the answer, so nothing is ever dropped; the uploader moves on past it.
        CREATE TABLE sync_quarantine (
          batch_id       TEXT    PRIMARY KEY,
          first_seq      INTEGER NOT NULL,
          last_seq       INTEGER NOT NULL,
          event_count    INTEGER NOT NULL,
          status         INTEGER NOT NULL,
          reason         TEXT    NOT NULL,
          quarantined_at TEXT    NOT NULL,
          body           TEXT    NOT NULL
        );
      `);
    },
  },
  {
    version: 3,
    up: (db) => {
      db.exec(`
        -- Ticket numbers per service and local day (docs/tickets.md). Updated in the same transaction
        -- as the ticket.issued event, so a number is never given twice nor skipped without its event.
        CREATE TABLE ticket_counters (
          service_id  TEXT    NOT NULL,
          day         TEXT    NOT NULL,
          last_number INTEGER NOT NULL,
          issued      INTEGER NOT NULL,
          PRIMARY KEY (service_id, day)
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 4,
    up: (db) => {
      db.exec(`
        -- okno-sync/1 per recorded device id (docs/protocol-sync.md, "Renaming a device"): every event is
        -- sent under the id it was recorded with, with that id's progress, so a rename never re-sends.
        CREATE INDEX events_by_device_seq ON events(device_id, seq);
        -- Why a device id waits: 'token' (401/403), 'endpoint' (a wrong sync.endpoint), 'no-token' (no
        -- token configured for an earlier id). NULL with paused_reason NULL.
        ALTER TABLE sync_progress ADD COLUMN paused_kind TEXT;
        -- A quarantined batch belongs to the device id its events were recorded with; requeued_at is set
        -- by "okno sync --requeue-quarantined" or technician mode, and the uploader sends it again.
        ALTER TABLE sync_quarantine ADD COLUMN device_id TEXT;
        ALTER TABLE sync_quarantine ADD COLUMN requeued_at TEXT;
        UPDATE sync_quarantine SET device_id = json_extract(body, '$.deviceId') WHERE json_valid(body);
        UPDATE sync_quarantine SET device_id = (SELECT device_id FROM events WHERE seq = sync_quarantine.first_seq) WHERE device_id IS NULL;
      `);
      // Before this version one cursor covered every event, whatever its device id: everything up to
      // the highest acknowledged seq was delivered (under some id). Keep it delivered, so upgrading a
      // renamed device does not send its old events a second time under their own id.
      const { acked } = db.prepare('SELECT coalesce(max(acked_seq), 0) AS acked FROM sync_progress').get() as { acked: number };
      db.prepare('INSERT OR IGNORE INTO sync_progress (device_id, acked_seq) SELECT DISTINCT device_id, 0 FROM events').run();
      db.prepare('UPDATE sync_progress SET acked_seq = max(acked_seq, ?)').run(acked);
    },
  },
  {
    version: 5,
    up: (db) => {
      db.exec(`
        -- okno-office/1 (docs/protocol-office.md). A second outbox target: a dispenser's tickets go to the
        -- office hub with a progress of their own (the collector's is sync_progress), in seq order, exactly
        -- once (the hub takes each dispenser event id once).
        CREATE TABLE delivery_progress (
          target          TEXT    PRIMARY KEY,
          acked_seq       INTEGER NOT NULL DEFAULT 0,
          last_success_at TEXT,
          last_error      TEXT,
          last_error_at   TEXT
        );
        -- The hub: a dispenser's ticket is queued (or refused) once, whatever the number of deliveries.
        CREATE UNIQUE INDEX events_ticket_source ON events(json_extract(payload, '$.sourceEventId'))
          WHERE type IN ('ticket.received', 'ticket.refused');
        -- The hub: a command's answer, kept by the console's idempotency key, so a repeated request acts once.
        CREATE TABLE office_commands (
          idempotency_key TEXT    PRIMARY KEY,
          window          TEXT    NOT NULL,
          answer          TEXT    NOT NULL CHECK (json_valid(answer)),
          at              TEXT    NOT NULL
        );
        -- A window's rating terminal: one rating per ticket (a second press is rating.suppressed, already-rated).
        CREATE UNIQUE INDEX events_rating_ticket ON events(json_extract(payload, '$.ticketId'))
          WHERE type = 'rating.submitted' AND json_extract(payload, '$.ticketId') IS NOT NULL;
      `);
    },
  },
  {
    version: 6,
    up: (db) => {
      db.exec(`
        -- The hub: a hall board's announcement is recorded once, whatever the number of reports (a report
        -- repeated after a lost answer). On a hall board's own journal it holds too: one event per announcement.
        CREATE UNIQUE INDEX events_hall_announcement ON events(json_extract(payload, '$.announcementId'))
          WHERE type = 'hall.announced';
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
