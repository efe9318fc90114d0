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
    version: 2,
    sql: `
      -- The dashboard's rollups (electron/collector/central/*Rollup.ts): kept by the projections in each
      -- batch's transaction from the events it stored for the first time, so a re-delivered batch adds
      -- nothing. "hour" is the office's LOCAL hour (timestamp without time zone), read from the device's
      -- occurredAt, which carries the device's UTC offset. Keys without a value are '' (never NULL:
      -- NULLs would not meet in a primary key and ON CONFLICT would not add them up).
      -- The finest grain: drill-down below the office, and the alert rules (low scores at a window).
      CREATE TABLE rating_rollup (
        office    text      NOT NULL,
        hour      timestamp NOT NULL,
        "window"  text      NOT NULL,
        service   text      NOT NULL,
        operator  text      NOT NULL,
        ratings   integer   NOT NULL,
        score_sum integer   NOT NULL,
        top_two   integer   NOT NULL,
        low       integer   NOT NULL,
        PRIMARY KEY (office, hour, "window", service, operator)
      );
      -- City-wide questions about a short period (no office given) read by hour.
      CREATE INDEX rating_rollup_by_hour ON rating_rollup (hour);
      -- The same ratings per office and local hour (the heat map) and per office and local day (the
      -- overview, its trend and the offices' ranking): a city's quarter is ~150 000 and ~13 000 rows
      -- instead of millions at the finest grain.
      CREATE TABLE rating_office_hour (
        office    text      NOT NULL,
        hour      timestamp NOT NULL,
        ratings   integer   NOT NULL,
        score_sum integer   NOT NULL,
        top_two   integer   NOT NULL,
        low       integer   NOT NULL,
        PRIMARY KEY (office, hour)
      );
      CREATE INDEX rating_office_hour_by_hour ON rating_office_hour (hour) INCLUDE (ratings, score_sum, top_two);
      CREATE TABLE rating_office_day (
        office    text    NOT NULL,
        day       date    NOT NULL,
        ratings   integer NOT NULL,
        score_sum integer NOT NULL,
        top_two   integer NOT NULL,
        low       integer NOT NULL,
        PRIMARY KEY (office, day)
      );
      CREATE INDEX rating_office_day_by_day ON rating_office_day (day) INCLUDE (office, ratings, score_sum, top_two);
      CREATE TABLE follow_up_rollup (
        office   text      NOT NULL,
        hour     timestamp NOT NULL,
        "window" text      NOT NULL,
        reason   text      NOT NULL,
        n        integer   NOT NULL,
        PRIMARY KEY (office, hour, "window", reason)
      );
      CREATE INDEX follow_up_rollup_by_hour ON follow_up_rollup (hour) INCLUDE (reason, n);
      -- The office queue (okno hub): seconds are whole seconds, as the hub records them.
      CREATE TABLE queue_rollup (
        office      text      NOT NULL,
        hour        timestamp NOT NULL,
        service     text      NOT NULL,
        "window"    text      NOT NULL,
        operator    text      NOT NULL,
        called      integer   NOT NULL,
        wait_sum    bigint    NOT NULL,
        over_norm   integer   NOT NULL,
        finished    integer   NOT NULL,
        service_sum bigint    NOT NULL,
        PRIMARY KEY (office, hour, service, "window", operator)
      );
      -- Covering: a city-wide question sums a period's rows from the index alone (no table reads).
      CREATE INDEX queue_rollup_by_hour ON queue_rollup (hour) INCLUDE (service, "window", called, wait_sum, over_norm, finished, service_sum);
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
