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
/** One alert evaluation at a time across the instances (central/alertEvaluator.ts). */
export const ALERT_EVALUATION_LOCK = 3;
/**
 * The alerts' change positions (central/alertStore.ts): a writer that draws one holds this lock
 * shared until it commits; the live feed's reader takes it exclusively, so it never passes a
 * position whose row is not yet committed.
 */
export const ALERT_FEED_LOCK = 4;

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
  {
    version: 3,
    sql: `
      -- Each device's latest state (central/deviceHealth.ts): one row per device that ever sent.
      CREATE TABLE device_health (
        device_id    text        PRIMARY KEY,
        office       text,
        -- The collector's clock when the device's newest batch with new events arrived.
        last_seen_at timestamptz NOT NULL,
        -- The latest device.status by its occurredAt: as the device wrote it (with its UTC offset,
        -- which also tells the office's offset), the same instant for comparing, and the payload.
        status_at    text,
        status_on    timestamptz,
        -- jsonb, not the text as received: it is a validated copy (the text as received stays in
        -- events.payload), and SQL reads its fields (printer, backlog) directly.
        status       jsonb
      );
      CREATE INDEX device_health_by_office ON device_health (office, device_id);
      CREATE INDEX device_health_by_last_seen ON device_health (last_seen_at);

      -- The live feed's position of an alert: drawn when it opens and again when it is acknowledged.
      CREATE SEQUENCE alert_change_seq AS bigint;
      CREATE TABLE alerts (
        id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind            text        NOT NULL,
        -- What the alert is about: "office/window" for low-scores, the office for
        -- office-satisfaction, the device id for the device rules.
        subject         text        NOT NULL,
        -- Which occurrence of a periodic condition (the day, the last-seen time): found once, even
        -- after an acknowledgement. '' for conditions found at ingest.
        occurrence      text        NOT NULL DEFAULT '',
        office          text,
        "window"        text,
        device_id       text,
        opened_at       timestamptz NOT NULL DEFAULT now(),
        facts           jsonb       NOT NULL,
        acknowledged_by text,
        acknowledged_at timestamptz,
        ack_comment     text,
        change          bigint      NOT NULL DEFAULT nextval('alert_change_seq')
      );
      ALTER SEQUENCE alert_change_seq OWNED BY alerts.change;
      -- At most one open alert per (kind, subject), whichever instance finds it: the second insert
      -- finds the first (ON CONFLICT DO NOTHING). An acknowledged alert leaves the index.
      CREATE UNIQUE INDEX alerts_one_open ON alerts (kind, subject) WHERE acknowledged_at IS NULL;
      CREATE INDEX alerts_by_occurrence ON alerts (kind, subject, occurrence);
      CREATE INDEX alerts_by_change ON alerts (change);
      CREATE INDEX alerts_by_office ON alerts (office, opened_at);

      -- Low scores of the last minutes per window (central/alertProjection.ts), pruned as they age:
      -- a small table, not a scan of events.
      CREATE TABLE recent_low_scores (
        device_id   text        NOT NULL,
        event_id    text        NOT NULL,
        office      text        NOT NULL,
        "window"    text        NOT NULL,
        occurred_on timestamptz NOT NULL,
        PRIMARY KEY (device_id, event_id)
      );
      CREATE INDEX recent_low_scores_by_window ON recent_low_scores (office, "window", occurred_on);

      -- Whether a condition found at ingest holds now, as of the status that said so: an alert opens
      -- when it starts holding, so a device that keeps reporting paper out does not reopen an
      -- acknowledged alert every five minutes; paper refilled and out again is a new occurrence.
      -- Its row is also what serializes two instances deciding about one subject.
      CREATE TABLE alert_conditions (
        kind    text        NOT NULL,
        subject text        NOT NULL,
        holding boolean     NOT NULL,
        since   timestamptz NOT NULL,
        PRIMARY KEY (kind, subject)
      );
    `,
  },
  {
    // The dashboard's accounts (electron/collector/dashboard/accounts.ts). Renumber freely before a
    // release: the version is this entry's place in the list.
    version: 4,
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
  {
    version: 5,
    sql: `
      -- How many events are stored, for GET /healthz, without counting a city's years at every health
      -- check of a load balancer: 64 counters; a batch that stores events adds them to one chosen at
      -- random, in its own transaction, so concurrent batches rarely wait for one another, and the
      -- sum is exact. Detaching a month does not change it: it counts what the collector accepted.
      CREATE TABLE event_totals (
        slot   smallint PRIMARY KEY,
        events bigint   NOT NULL
      );
      INSERT INTO event_totals (slot, events) SELECT slot, 0 FROM generate_series(0, 63) AS slot;
      UPDATE event_totals SET events = (SELECT count(*) FROM events) WHERE slot = 0;
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
