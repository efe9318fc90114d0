import { randomInt } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import type { ReceivedBatch } from './batchBody.ts';
import { StorageUnavailableError, type BatchCounts, type CollectorStorage } from './collectorStorage.ts';
import { CollectorStoreError } from './collectorMigrations.ts';
import { exportPageText, type PageLimits } from './exportPage.ts';
import { migratePostgres } from './postgresMigrations.ts';
import { partitionMaker } from './postgresPartitions.ts';
import { inTransaction } from './poolTransaction.ts';
import type { FreshEvent, Projection } from './central/projection.ts';
import { CENTRAL_PROJECTIONS } from './central/projections.ts';

/**
 * The collector's store on PostgreSQL, for a city: any number of collector instances share one
 * database and keep nothing of their own (docs/central.md). Same contract as the SQLite store
 * (collectorStorage.ts): each (device id, event id) once, the texts as received, export by the
 * collector's cursor.
 */
export interface PostgresStoreOptions {
  /** postgres://user@host:port/database */
  readonly url: string;
  /** Connections per instance. */
  readonly maxConnections?: number;
  /** A database that does not answer within this is "down" for this request: 503, the device retries. */
  readonly connectTimeoutMs?: number;
  /** A query that takes longer is abandoned (503). */
  readonly queryTimeoutMs?: number;
  readonly log?: (line: string) => void;
  /** The read model kept with each batch (default: CENTRAL_PROJECTIONS). */
  readonly projections?: readonly Projection[];
}

/** bigint and count(*) come back as text (they may pass 2^53); every value here stays below it. */
const bigintText = z
  .string()
  .regex(/^\d{1,16}$/)
  .transform(Number)
  .pipe(z.number().int().max(Number.MAX_SAFE_INTEGER));
const countRow = z.object({ n: bigintText });
/** `fresh`: the ids stored, only when some were duplicates (null: every event of the batch was stored), so the usual batch sends no list back. */
const storedRow = z.object({ accepted: z.number().int(), duplicates: z.number().int(), fresh: z.array(z.string()).nullable() });
const exportRow = z.object({ cursor: bigintText, batch_id: z.string(), sent_at: z.string(), received_at: z.string(), event: z.string() });

/**
 * One statement per batch, so one round trip and one implicit transaction: the keys that are new
 * (ON CONFLICT DO NOTHING on (device_id, id)) select the events that are stored, and the batch log
 * row counts them. Every event of the batch takes a cursor, in the batch's order, stored or not:
 * SQLite's AUTOINCREMENT does the same, so both engines give the same cursors for the same requests. A concurrent copy of the same
 * batch on another instance waits for the first's key rows and then finds them: exact counts.
 * It also names the events it stored, for the read model's projections in the same transaction.
 * The texts go once, as the body's bytes ($9, a binary parameter: nothing escaped) with each event's
 * and payload's byte span (1-based for SQL's substring): half the bytes of sending each event's text
 * and payload text as array elements, and no escaping of every quote on either side.
 */
const STORE_BATCH = `
  WITH incoming AS MATERIALIZED (
    SELECT nextval('events_cursor_seq') AS cursor, e.id, e.seq, e.type, e.occurred_at, e.ord,
           convert_from(substring($9::bytea FROM e.payload_at FOR e.payload_bytes), 'UTF8') AS payload,
           convert_from(substring($9::bytea FROM e.event_at FOR e.event_bytes), 'UTF8') AS event
      FROM unnest($5::text[], $6::bigint[], $7::text[], $8::text[], $10::int[], $11::int[], $12::int[], $13::int[])
           WITH ORDINALITY AS e(id, seq, type, occurred_at, event_at, event_bytes, payload_at, payload_bytes, ord)
     ORDER BY e.ord
  ), fresh AS (
    INSERT INTO event_keys (device_id, id)
    SELECT $1::text, id FROM incoming ORDER BY ord
    ON CONFLICT (device_id, id) DO NOTHING
    RETURNING id
  ), stored AS (
    INSERT INTO events (cursor, device_id, id, seq, type, occurred_at, payload, event, batch_id, sent_at, received_at, received_on)
    SELECT i.cursor, $1::text, i.id, i.seq, i.type, i.occurred_at, i.payload, i.event, $2::text, $3::text, $4::text, $4::text::timestamptz
      FROM incoming AS i JOIN fresh USING (id)
     ORDER BY i.ord
    RETURNING id
  ), counted AS (
    -- /healthz's count (migration 5): one of the counters, chosen at random, takes this batch's events.
    UPDATE event_totals SET events = events + (SELECT count(*) FROM stored)
     WHERE slot = $14 AND EXISTS (SELECT 1 FROM stored)
  ), logged AS (
    INSERT INTO batches (device_id, batch_id, sent_at, received_at, accepted, duplicates)
    SELECT $1::text, $2::text, $3::text, $4::text, count(*), cardinality($5::text[]) - count(*) FROM stored
    RETURNING accepted, duplicates
  )
  SELECT accepted, duplicates, CASE WHEN duplicates > 0 THEN (SELECT coalesce(array_agg(id), '{}') FROM stored) END AS fresh FROM logged`;

/**
 * The next rows after a cursor, no more than a page can use: at most maxEvents + 1 (to know whether
 * there are more), and only while the event texts before a row's predecessor stay within maxBytes.
 * exportPageText decides the page from these rows exactly as it does from SQLite's: every row it takes
 * and the one after are here (an item's JSON is longer than its event text), and no more than about
 * maxBytes + two events is ever read into memory.
 */
const EVENTS_AFTER = `
  SELECT cursor, batch_id, sent_at, received_at, event FROM (
    SELECT next.*,
           coalesce(sum(octet_length(event)) OVER (ORDER BY cursor ROWS BETWEEN UNBOUNDED PRECEDING AND 2 PRECEDING), 0) AS before_previous
      FROM (SELECT cursor, batch_id, sent_at, received_at, event FROM events
             WHERE device_id = $1 AND cursor > $2 ORDER BY cursor LIMIT $3) AS next
  ) AS sized
  WHERE before_previous <= $4
  ORDER BY cursor`;

/**
 * The events stored, kept in TOTAL_SLOTS counters (migration 5): /healthz sums them instead of counting
 * every event. A batch holds its counter's row until it commits: with 64, two of an instance's 10
 * connections rarely want the same one.
 */
const TOTAL_SLOTS = 64;

export async function openPostgresStore(options: PostgresStoreOptions): Promise<CollectorStorage> {
  const log = options.log ?? (() => undefined);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    // A database that stops answering mid-query (a network partition) must not hold a device's request
    // for ever: the device gets a 503 and sends the batch again, which is then a duplicate if it had
    // been committed after all.
    query_timeout: options.queryTimeoutMs ?? 30_000,
    application_name: 'okno collector',
  });
  // An idle connection cut by a database restart is reported here; without a listener the process
  // would exit. The next query takes a new connection (or answers 503 while the database is down).
  pool.on('error', (error) => log(`okno: collector database connection lost: ${error.message}`));
  // A connection in use by a request has no pool listener (pg-pool removes its own while a client is
  // checked out): when the database restarts or ends the session between two statements of a batch,
  // the client emits 'error', and without a listener that ended the whole process (every instance at
  // once, found by tests/integration/central/collectorInstances.test.ts). The statement in flight fails
  // anyway (the request answers 503), and the pool drops a client that is no longer queryable at release.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });

  /** A failure of the database (down, restarting, full disk, …) for the server's 503; a defect of ours is not wrapped. */
  const database = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof CollectorStoreError) throw error;
      throw new StorageUnavailableError(`PostgreSQL ${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };

  let schemaVersion: number;
  try {
    schemaVersion = await database('migration', async () => {
      const client = await pool.connect();
      try {
        return await migratePostgres(client);
      } finally {
        client.release();
      }
    });
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const partitions = partitionMaker(pool);

  const projections = options.projections ?? CENTRAL_PROJECTIONS;

  async function storeBatch({ batch, body, events }: ReceivedBatch, receivedAt: string, office: string | null = null): Promise<BatchCounts> {
    if (events.length !== batch.events.length) throw new Error(`batch ${batch.batchId}: ${batch.events.length} events but ${events.length} texts`);
    const parameters = [
      batch.deviceId,
      batch.batchId,
      batch.sentAt,
      receivedAt,
      batch.events.map((event) => event.id),
      batch.events.map((event) => event.seq),
      batch.events.map((event) => event.type),
      batch.events.map((event) => event.occurredAt),
      Buffer.from(body.buffer, body.byteOffset, body.byteLength),
      events.map((event) => event.bytes.start + 1),
      events.map((event) => event.bytes.length),
      events.map((event) => event.payloadBytes.start + 1),
      events.map((event) => event.payloadBytes.length),
      randomInt(TOTAL_SLOTS),
    ];
    const stored = await database('insert', async () => {
      await partitions.ensure(receivedAt);
      try {
        return await inTransaction(pool, async (client) => {
          const row = storedRow.parse((await client.query(STORE_BATCH, parameters)).rows[0]);
          if (row.accepted > 0 && projections.length > 0) {
            const freshIds = row.fresh === null ? null : new Set(row.fresh);
            const fresh: FreshEvent[] = batch.events
              .filter((event) => freshIds === null || freshIds.has(event.id))
              .map((event) => ({ id: event.id, seq: event.seq, type: event.type, occurredAt: event.occurredAt, payload: event.payload }));
            const context = { deviceId: batch.deviceId, office, receivedAt };
            for (const project of projections) await project(client, fresh, context);
          }
          return row;
        });
      } catch (error) {
        partitions.forget();
        throw error;
      }
    });
    return { accepted: stored.accepted, duplicates: stored.duplicates };
  }

  async function exportPage(deviceId: string, after: number, limits: PageLimits): Promise<string> {
    const result = await database('export', () => pool.query(EVENTS_AFTER, [deviceId, after, limits.maxEvents + 1, limits.maxBytes]));
    const items = z
      .array(exportRow)
      .parse(result.rows)
      .map((row) => ({ cursor: row.cursor, batchId: row.batch_id, sentAt: row.sent_at, receivedAt: row.received_at, event: row.event }));
    return exportPageText(deviceId, items, limits);
  }

  async function countEvents(deviceId?: string): Promise<number> {
    const result = await database('count', () =>
      deviceId === undefined
        ? pool.query('SELECT sum(events) AS n FROM event_totals')
        : pool.query('SELECT count(*) AS n FROM events WHERE device_id = $1', [deviceId]),
    );
    return countRow.parse(result.rows[0]).n;
  }

  return { engine: 'postgres', schemaVersion, storeBatch, exportPage, countEvents, end: () => pool.end() };
}
