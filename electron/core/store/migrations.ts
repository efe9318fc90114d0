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
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
