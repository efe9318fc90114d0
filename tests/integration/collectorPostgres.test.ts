import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../electron/collector/postgresStore.ts';
import type { CollectorStorage } from '../../electron/collector/collectorStorage.ts';
import { callCollector } from '../helpers/collectorContract.ts';
import { ADMIN, batchText, DEVICE, eventText, serveTestCollector, TOKEN, type TestCollector } from '../helpers/collectorInProcess.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import { ADMIN_TOKEN, COLLECTOR_READY, DEVICE_TOKEN, spawnOkno, writeDevicesFile, type ChildWithLine } from './sync/syncFixtures.ts';

/** `okno collector --store postgres://…`: a database that goes away is a 503, never a crash or a lost event. */
const tempDir = useTempDirs();
let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server.stop();
});

let running: TestCollector<CollectorStorage> | null = null;
const children: ChildWithLine[] = [];
afterEach(async () => {
  await running?.close();
  running = null;
  await Promise.all(children.splice(0).map((child) => child.stop()));
});

const post = async (url: string, body: string, token = TOKEN) => {
  const answer = await callCollector(url, '/v1/batches', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  return { status: answer.status, body: answer.json, retryAfter: answer.headers.get('retry-after') };
};

describe('collector on PostgreSQL: the database down', () => {
  it('answers 503 with Retry-After while PostgreSQL is down, counts it, and stores the batch once when it is back', async () => {
    const store = await openPostgresStore({ url: await server.createDatabase(), connectTimeoutMs: 2000 });
    running = await serveTestCollector(store);
    const { url } = running.collector;
    expect((await post(url, batchText(1, [eventText(1, 1)]))).status).toBe(200);

    await server.down();
    try {
      const refused = await post(url, batchText(2, [eventText(2, 2), eventText(3, 3)]));
      expect(refused).toMatchObject({ status: 503, body: { error: 'unavailable' }, retryAfter: '5' });
      expect((await callCollector(url, `/v1/devices/${DEVICE}/events`, { headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(503);
      expect(running.collector.counters).toMatchObject({ storageFailures: 2, internalErrors: 0 });
    } finally {
      await server.up();
    }
    // The device kept its backlog and sends the same batch again: stored once, then a duplicate.
    expect(await post(url, batchText(2, [eventText(2, 2), eventText(3, 3)]))).toMatchObject({ status: 200, body: { accepted: 2, duplicates: 0 } });
    expect(await post(url, batchText(2, [eventText(2, 2), eventText(3, 3)]))).toMatchObject({ status: 200, body: { accepted: 0, duplicates: 2 } });
    expect(await store.countEvents()).toBe(3);
    expect(running.logged.join('\n')).toContain('storage failure');
  });
});

describe('okno collector --store postgres://…', () => {
  it('serves devices from a PostgreSQL database, two instances on one database', async () => {
    const devices = writeDevicesFile(tempDir());
    const database = await server.createDatabase();
    const args = ['collector', '--store', database, '--devices', devices, '--admin-token', ADMIN_TOKEN, '--quiet'];
    const [one, two] = await Promise.all([spawnOkno(args, COLLECTOR_READY), spawnOkno(args, COLLECTOR_READY)]);
    children.push(one, two);
    const batch = batchText(1, [eventText(1, 1), eventText(2, 2)]);
    expect(await post(one.url, batch, DEVICE_TOKEN)).toMatchObject({ status: 200, body: { accepted: 2, duplicates: 0 } });
    // The other instance knows: nothing is kept in an instance.
    expect(await post(two.url, batch, DEVICE_TOKEN)).toMatchObject({ status: 200, body: { accepted: 0, duplicates: 2 } });
    const exported = await callCollector(two.url, `/v1/devices/${DEVICE}/events`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect((exported.json as { items: unknown[] }).items).toHaveLength(2);
  });

  it('refuses a --store that is not a postgres:// URL, and --db with --store', async () => {
    const devices = writeDevicesFile(tempDir());
    await expect(spawnOkno(['collector', '--store', 'mysql://x@127.0.0.1/db', '--devices', devices], COLLECTOR_READY)).rejects.toThrow(/--store: a postgres:\/\/ or postgresql:\/\/ URL/);
    await expect(spawnOkno(['collector', '--store', server.url, '--db', 'x.db', '--devices', devices], COLLECTOR_READY)).rejects.toThrow(/--db and --store/);
  });
});
