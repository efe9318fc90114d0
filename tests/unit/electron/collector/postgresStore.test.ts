import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readBatchBody, type ReceivedBatch } from '../../../../electron/collector/batchBody.ts';
import { StorageUnavailableError, type CollectorStorage } from '../../../../electron/collector/collectorStorage.ts';
import { POSTGRES_SCHEMA_VERSION } from '../../../../electron/collector/postgresMigrations.ts';
import { monthOf } from '../../../../electron/collector/postgresPartitions.ts';
import type { Projection } from '../../../../electron/collector/central/projection.ts';
import { openPostgresStore } from '../../../../electron/collector/postgresStore.ts';
import { batchText, DEVICE, eventText, OTHER_DEVICE } from '../../../helpers/collectorInProcess.ts';
import { startPostgres, type TestPostgres } from '../../../helpers/postgres.ts';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server.stop();
});

const received = (text: string): ReceivedBatch => {
  const batch = readBatchBody(Buffer.from(text));
  if ('status' in batch) throw new Error(batch.reason);
  return batch;
};

async function sql<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function withStores<T>(url: string, n: number, work: (stores: CollectorStorage[]) => Promise<T>): Promise<T> {
  const stores = await Promise.all(Array.from({ length: n }, () => openPostgresStore({ url, maxConnections: 2 })));
  try {
    return await work(stores);
  } finally {
    await Promise.all(stores.map((store) => store.end()));
  }
}

describe('collector store on PostgreSQL: schema', () => {
  it('migrates once when several instances start at the same moment, and opens its own database again', async () => {
    const url = await server.createDatabase();
    await withStores(url, 4, (stores) => {
      expect(stores.map((store) => store.schemaVersion)).toEqual([1, 2, 3, 4].map(() => POSTGRES_SCHEMA_VERSION));
      return Promise.resolve();
    });
    expect(await sql<{ version: number }>(url, 'SELECT version FROM okno_schema ORDER BY version')).toEqual(
      Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })),
    );
    await withStores(url, 1, ([store]) => Promise.resolve(expect(store!.schemaVersion).toBe(POSTGRES_SCHEMA_VERSION)));
  });

  it('refuses a database from a newer collector', async () => {
    const url = await server.createDatabase();
    await withStores(url, 1, () => Promise.resolve());
    await sql(url, 'INSERT INTO okno_schema (version) VALUES ($1)', [POSTGRES_SCHEMA_VERSION + 1]);
    await expect(openPostgresStore({ url })).rejects.toThrow(/newer than this okno understands/);
  });
});

describe('collector store on PostgreSQL: monthly partitions and exactly once', () => {
  it('names a month by the collector’s UTC clock', () => {
    expect(monthOf('2026-12-31T23:59:59.999Z')).toEqual({ name: 'events_2026_12', from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
    expect(monthOf('2027-01-01T02:00:00.000+03:00').name).toBe('events_2026_12');
    expect(() => monthOf('not a date')).toThrow(RangeError);
  });

  it('keeps each month in its own partition, and an event re-sent in a later month stays a duplicate', async () => {
    const url = await server.createDatabase();
    await withStores(url, 1, async ([store]) => {
      expect(await store!.storeBatch(received(batchText(1, [eventText(1, 1, '{"v":1}')])), '2026-11-30T23:59:59.999Z')).toEqual({ accepted: 1, duplicates: 0 });
      expect(await store!.storeBatch(received(batchText(2, [eventText(1, 1, '{"v":2}'), eventText(2, 2)])), '2026-12-01T00:00:00.000Z')).toEqual({ accepted: 1, duplicates: 1 });
      expect(await store!.countEvents(DEVICE)).toBe(2);
    });
    const rows = await sql<{ partition: string; payload: string }>(url, 'SELECT tableoid::regclass::text AS partition, payload FROM events ORDER BY cursor');
    expect(rows).toEqual([
      { partition: 'events_2026_11', payload: '{"v":1}' },
      { partition: 'events_2026_12', payload: '{"score":5}' },
    ]);
    // An old month can be detached (and archived) without touching the others.
    await sql(url, 'ALTER TABLE events DETACH PARTITION events_2026_11');
    expect(await sql<{ n: string }>(url, 'SELECT count(*) AS n FROM events')).toEqual([{ n: '1' }]);
  });

  it('stores each event once when several instances receive the same batches at once, with exact counts', async () => {
    const url = await server.createDatabase();
    // 3 instances, the same 20 batches of 5 events to each, all at once, in a month nobody has seen yet.
    const batches = Array.from({ length: 20 }, (_, b) =>
      received(batchText(b, Array.from({ length: 5 }, (_, i) => eventText(b * 5 + i, b * 5 + i + 1)), b % 2 === 0 ? DEVICE : OTHER_DEVICE)),
    );
    const counts = await withStores(url, 3, (stores) =>
      Promise.all(stores.flatMap((store) => batches.map((batch) => store.storeBatch(batch, '2027-03-15T10:00:00.000Z')))),
    );
    expect(counts.reduce((sum, c) => sum + c.accepted, 0)).toBe(100);
    expect(counts.reduce((sum, c) => sum + c.duplicates, 0)).toBe(200);
    expect(counts.every((c) => c.accepted + c.duplicates === 5)).toBe(true);
    expect(await sql<{ n: string; distinct: string }>(url, 'SELECT count(*) AS n, count(DISTINCT (device_id, id)) AS distinct FROM events')).toEqual([{ n: '100', distinct: '100' }]);
    // /healthz's count comes from the 64 counters the batches added to, not from counting events: the same figure.
    expect(await sql<{ n: string }>(url, 'SELECT sum(events) AS n FROM event_totals')).toEqual([{ n: '100' }]);
    await withStores(url, 1, async ([store]) => expect(await store!.countEvents()).toBe(100));
    expect(await sql<{ n: string }>(url, "SELECT count(*) AS n FROM pg_inherits WHERE inhparent = 'events'::regclass")).toEqual([{ n: '1' }]);
  });

  it('keeps the cursor order of a batch and pages a device by it', async () => {
    const url = await server.createDatabase();
    await withStores(url, 1, async ([store]) => {
      await store!.storeBatch(received(batchText(1, [eventText(9, 1), eventText(3, 2), eventText(5, 3)])), '2026-11-23T08:00:00.000Z');
      await store!.storeBatch(received(batchText(2, [eventText(7, 1)], OTHER_DEVICE)), '2026-11-23T08:00:01.000Z');
      await store!.storeBatch(received(batchText(3, [eventText(4, 1)])), '2026-11-23T08:00:02.000Z');
      const page = JSON.parse(await store!.exportPage(DEVICE, 0, { maxEvents: 2, maxBytes: 1 << 20 })) as { items: { cursor: number; event: { seq: number } }[]; nextAfter: number };
      expect(page.items.map((item) => item.event.seq)).toEqual([1, 2]);
      const rest = JSON.parse(await store!.exportPage(DEVICE, page.nextAfter, { maxEvents: 10, maxBytes: 1 << 20 })) as typeof page;
      expect(rest.items.map((item) => item.event.seq)).toEqual([3, 1]);
      expect(rest.nextAfter).toBeNull();
    });
  });
});

describe('collector store on PostgreSQL: the read model’s projections', () => {
  it('shows each stored event to the projections once, in the batch’s transaction; a re-delivered batch shows them nothing', async () => {
    const url = await server.createDatabase();
    const seen: { ids: string[]; office: string | null; device: string }[] = [];
    const recording: Projection = async (client, fresh, context) => {
      // In the transaction: the events it names are already visible to it.
      const n = await client.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE device_id = $1 AND id = ANY($2)', [context.deviceId, fresh.map((event) => event.id)]);
      expect(Number(n.rows[0]!.n)).toBe(fresh.length);
      seen.push({ ids: fresh.map((event) => event.id), office: context.office, device: context.deviceId });
    };
    const store = await openPostgresStore({ url, projections: [recording] });
    try {
      await store.storeBatch(received(batchText(1, [eventText(1, 1), eventText(2, 2)])), '2026-11-23T08:00:00.000Z', 'mfc-arbat');
      await store.storeBatch(received(batchText(1, [eventText(1, 1), eventText(2, 2)])), '2026-11-23T08:00:05.000Z', 'mfc-arbat');
      await store.storeBatch(received(batchText(2, [eventText(2, 2), eventText(3, 3)])), '2026-11-23T08:00:09.000Z', 'mfc-arbat');
    } finally {
      await store.end();
    }
    expect(seen.map((call) => call.ids.length)).toEqual([2, 1]);
    expect(new Set(seen.flatMap((call) => call.ids)).size).toBe(3);
    expect(seen.every((call) => call.office === 'mfc-arbat' && call.device === DEVICE)).toBe(true);
  });

  it('a connection the database ends in the middle of a batch fails that batch (storage, a 503), not the process', async () => {
    const url = await server.createDatabase();
    let cut = true;
    // Between two statements of the batch's transaction, as a database restart does to a busy instance.
    const severed: Projection = async (client) => {
      if (!cut) return;
      cut = false;
      const { pid } = z.object({ pid: z.number().int() }).parse((await client.query('SELECT pg_backend_pid() AS pid')).rows[0]);
      const ended = new Promise((resolve) => client.once('end', resolve));
      await sql(url, 'SELECT pg_terminate_backend($1)', [pid]);
      await ended;
    };
    const store = await openPostgresStore({ url, projections: [severed] });
    try {
      const batch = received(batchText(1, [eventText(1, 1)]));
      await expect(store.storeBatch(batch, '2026-11-23T08:00:00.000Z')).rejects.toBeInstanceOf(StorageUnavailableError);
      expect(await store.storeBatch(batch, '2026-11-23T08:00:01.000Z')).toEqual({ accepted: 1, duplicates: 0 });
    } finally {
      await store.end();
    }
  });

  it('a projection that fails fails the whole batch: nothing is stored, and the device’s re-send is accepted whole', async () => {
    const url = await server.createDatabase();
    let fail = true;
    const flaky: Projection = () => (fail ? Promise.reject(new Error('read model defect')) : Promise.resolve());
    const store = await openPostgresStore({ url, projections: [flaky] });
    try {
      const batch = received(batchText(1, [eventText(1, 1), eventText(2, 2)]));
      await expect(store.storeBatch(batch, '2026-11-23T08:00:00.000Z')).rejects.toThrow(/read model defect/);
      expect(await store.countEvents()).toBe(0);
      fail = false;
      expect(await store.storeBatch(batch, '2026-11-23T08:00:01.000Z')).toEqual({ accepted: 2, duplicates: 0 });
    } finally {
      await store.end();
    }
  });
});
