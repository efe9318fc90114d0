import type { Database } from 'better-sqlite3';

/**
 * The collector file's schema, by `PRAGMA user_version` like the device's journal
 * (electron/core/store/migrations.ts): each migration runs in one transaction with the version it
 * reaches. Never edit a shipped migration: add a new one.
 */
export interface CollectorMigration {
  readonly version: number;
  readonly up: (db: Database) => void;
}

export const COLLECTOR_MIGRATIONS: readonly CollectorMigration[] = [
  {
    // The first collector wrote this schema without a version (user_version 0): IF NOT EXISTS adopts such a file.
    version: 1,
    up: (db) => {
      db.exec(`
        CREATE TABLE IF NOT EXISTS events (
          device_id   TEXT    NOT NULL,
          id          TEXT    NOT NULL,
          seq         INTEGER NOT NULL,
          type        TEXT    NOT NULL,
          occurred_at TEXT    NOT NULL,
          payload     TEXT    NOT NULL,
          batch_id    TEXT    NOT NULL,
          sent_at     TEXT    NOT NULL,
          received_at TEXT    NOT NULL,
          PRIMARY KEY (device_id, id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS events_by_device_seq ON events(device_id, seq);
        CREATE TABLE IF NOT EXISTS batches (
          device_id   TEXT    NOT NULL,
          batch_id    TEXT    NOT NULL,
          sent_at     TEXT    NOT NULL,
          received_at TEXT    NOT NULL,
          accepted    INTEGER NOT NULL,
          duplicates  INTEGER NOT NULL
        );
      `);
    },
  },
  {
    // Export pages by the collector's own cursor: a device's seq starts again at 1 after a reinstall,
    // and paging by it skipped events (issue #11, defect 3). The cursor is assigned at insert and
    // never reused (AUTOINCREMENT), so "after cursor N" never misses a row committed later.
    // `event` is the event's JSON text as received (defect 4); `payload` stays for SQL (json_extract).
    version: 2,
    up: (db) => {
      db.exec(`
        CREATE TABLE events_by_cursor (
          cursor      INTEGER PRIMARY KEY AUTOINCREMENT,
          device_id   TEXT    NOT NULL,
          id          TEXT    NOT NULL,
          seq         INTEGER NOT NULL,
          type        TEXT    NOT NULL,
          occurred_at TEXT    NOT NULL,
          payload     TEXT    NOT NULL,
          event       TEXT    NOT NULL,
          batch_id    TEXT    NOT NULL,
          sent_at     TEXT    NOT NULL,
          received_at TEXT    NOT NULL,
          UNIQUE (device_id, id)
        );
        -- Rows already there keep the order they were received in: the batch log's rowid is the
        -- order of the commits (received_at could step back with the clock), then seq within a batch.
        -- Their event text is rebuilt from the columns: the first collector kept no more than that.
        INSERT INTO events_by_cursor (cursor, device_id, id, seq, type, occurred_at, payload, event, batch_id, sent_at, received_at)
        SELECT row_number() OVER (ORDER BY logged.first_row NULLS LAST, e.received_at, e.seq, e.id),
               e.device_id, e.id, e.seq, e.type, e.occurred_at, e.payload,
               '{"id":' || json_quote(e.id) || ',"seq":' || e.seq || ',"type":' || json_quote(e.type) ||
                 ',"occurredAt":' || json_quote(e.occurred_at) || ',"payload":' || e.payload || '}',
               e.batch_id, e.sent_at, e.received_at
          FROM events AS e
          LEFT JOIN (SELECT device_id, batch_id, min(rowid) AS first_row FROM batches GROUP BY device_id, batch_id) AS logged
                 ON logged.device_id = e.device_id AND logged.batch_id = e.batch_id
         ORDER BY 1;
        DROP TABLE events;
        ALTER TABLE events_by_cursor RENAME TO events;
        CREATE INDEX events_by_device_cursor ON events(device_id, cursor);
      `);
    },
  },
];

export const COLLECTOR_SCHEMA_VERSION = COLLECTOR_MIGRATIONS.at(-1)?.version ?? 0;

export class CollectorStoreError extends Error {
  override readonly name = 'CollectorStoreError';
}

/** Brings the file to the latest version; a file from a newer collector is refused, not guessed at. */
export function migrateCollector(db: Database, migrations: readonly CollectorMigration[] = COLLECTOR_MIGRATIONS): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new CollectorStoreError(`collector database schema version ${current} is newer than this okno understands (${latest}): run the newer okno collector`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    // IMMEDIATE, and the version read again under the write lock: another collector starting on the
    // same file at the same moment must not run a migration twice.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return Math.max(current, latest);
}
