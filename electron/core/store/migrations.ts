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
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
