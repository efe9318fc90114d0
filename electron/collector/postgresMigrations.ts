import type pg from 'pg';
import { z } from 'zod';
import { CollectorStoreError } from './collectorMigrations.ts';

/**
 * The PostgreSQL store's schema, versioned like the device's journal and the SQLite collector
 * (collectorMigrations.ts), in a table rather than a pragma. Several collector instances may start
 * at the same moment against one database: the migrations run in one transaction that first takes
 * an advisory lock, so one instance migrates and the others then find the work done.
 * Never edit a shipped migration: add a new one.
 */
export interface PostgresMigration {
  readonly version: number;
  readonly sql: string;
}

/** pg_advisory_xact_lock(OKNO_LOCK, …): "okno" in ASCII, then what the lock guards. */
export const OKNO_LOCK = 0x6f6b6e6f;
export const MIGRATION_LOCK = 1;

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    sql: `
      -- Exactly once per (device_id, id), whichever month the event arrives in: the events table is
      -- partitioned, and a unique key over partitions must contain the partition key, which a
      -- re-sent event need not share. The keys are small; events are kept in monthly partitions.
      CREATE TABLE event_keys (
        device_id text NOT NULL,
        id        text NOT NULL,
        PRIMARY KEY (device_id, id)
      );
      -- The collector's export cursor: assigned at insert, never reused, gaps are normal.
      CREATE SEQUENCE events_cursor_seq AS bigint;
      -- Partitioned by the month the collector received the event (its own clock, unlike a device's
      -- occurredAt), so old months can be detached and archived whole (docs/central.md).
      CREATE TABLE events (
        cursor      bigint      NOT NULL DEFAULT nextval('events_cursor_seq'),
        device_id   text        NOT NULL,
        id          text        NOT NULL,
        seq         bigint      NOT NULL,
        type        text        NOT NULL,
        occurred_at text        NOT NULL,
        -- The JSON texts exactly as the device sent them (text, not jsonb: jsonb rewrites numbers,
        -- escapes, key order and duplicate names, and refuses \\u0000): queries cast when they need to.
        payload     text        NOT NULL,
        event       text        NOT NULL,
        batch_id    text        NOT NULL,
        sent_at     text        NOT NULL,
        received_at text        NOT NULL,
        received_on timestamptz NOT NULL
      ) PARTITION BY RANGE (received_on);
      ALTER SEQUENCE events_cursor_seq OWNED BY events.cursor;
      CREATE INDEX events_by_device_cursor ON events (device_id, cursor);
      CREATE TABLE batches (
        device_id   text        NOT NULL,
        batch_id    text        NOT NULL,
        sent_at     text        NOT NULL,
        received_at text        NOT NULL,
        accepted    integer     NOT NULL,
        duplicates  integer     NOT NULL
      );
    `,
  },
  {
    // The dashboard's accounts (electron/collector/dashboard/accounts.ts). Renumber freely before a
    // release: the version is this entry's place in the list.
    version: 2,
    sql: `
      CREATE TABLE dashboard_users (
        username      text        PRIMARY KEY,
        role          text        NOT NULL CHECK (role IN ('city', 'office')),
        -- An office account sees only this office; a city account has none.
        office        text        CHECK ((role = 'office') = (office IS NOT NULL)),
        -- "scrypt$N$r$p$salt$key": the salt and the cost are the user's own.
        password_hash text        NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      );
      -- Only a hash of the session id is kept: a copy of this table opens no session.
      CREATE TABLE dashboard_sessions (
        id_hash      bytea       PRIMARY KEY,
        username     text        NOT NULL REFERENCES dashboard_users (username) ON DELETE CASCADE,
        csrf_token   text        NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz NOT NULL
      );
      CREATE INDEX dashboard_sessions_by_user ON dashboard_sessions (username);
      -- Wrong passwords in a row per name tried (known or not, so a lockout tells nothing about
      -- which names exist), in the database so every collector instance agrees.
      CREATE TABLE dashboard_login_failures (
        username        text        PRIMARY KEY,
        failures        integer     NOT NULL,
        locked_until    timestamptz,
        last_failure_at timestamptz NOT NULL
      );
    `,
  },
];

export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.at(-1)?.version ?? 0;

const versionRow = z.object({ version: z.number().int().nullable() });

/** Brings the database to the latest version; a database from a newer collector is refused, not guessed at. */
export async function migratePostgres(client: pg.ClientBase, migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS): Promise<number> {
  const latest = migrations.at(-1)?.version ?? 0;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [OKNO_LOCK, MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS okno_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query('SELECT max(version) AS version FROM okno_schema');
    const current = versionRow.parse(rows[0]).version ?? 0;
    if (current > latest) {
      throw new CollectorStoreError(`collector database schema version ${current} is newer than this okno understands (${latest}): run the newer okno collector`);
    }
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO okno_schema (version) VALUES ($1)', [migration.version]);
    }
    await client.query('COMMIT');
    return Math.max(current, latest);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
