import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BatchDraft, JournalRow } from '../../../electron/core/sync/batching.ts';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.ts';
import {
  deliver,
  deviceBody,
  drafts,
  journalRows,
  newTally,
  ratingPayload,
  simulatedDevices,
  withTransport,
  writeFleetDevicesFile,
  type DeliveryOptions,
} from '../../helpers/simulatedFleet.ts';
import { useTempDirs } from '../../helpers/tempDir.ts';
import { waitFor } from '../../helpers/waitFor.ts';
import { COLLECTOR_READY, spawnOkno, type ChildWithLine } from '../sync/syncFixtures.ts';

/**
 * Several `okno collector` instances on one PostgreSQL (issue #14, item 2): 3 instances, 500 devices
 * sending to instances at random, one instance SIGKILLed and PostgreSQL crashed (immediate shutdown)
 * and started again mid-run. Afterwards, in SQL: every event exactly once, every device complete, the
 * batch log's counts equal the events, and every device finished within a bound. The instances keep
 * nothing of their own: the killed one is started again on its port and simply serves.
 */
const DEVICES = 500;
const OFFICES = 50;
/** 4 batches of 5 per device: 2 before the kill, 1 after it, 1 while the database is down. */
const EVENTS_PER_DEVICE = 20;
const PER_BATCH = 5;
const INSTANCES = 3;
/** The bound within which every device must have delivered everything (a failure limit, not a delay). */
const ALL_DELIVERED_MS = 45_000;

const tempDir = useTempDirs();
let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server.stop();
});
const children: ChildWithLine[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) await child.stop('SIGKILL');
});

/** A gate the devices' later events wait behind: they happen after a fault, not before it. */
function gate(): { readonly opened: Promise<void>; open(): void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const countRow = (rows: unknown[]): number => Number((rows[0] as { n: string }).n);

describe('several okno collector instances on one PostgreSQL', () => {
  it('store every event of 500 devices exactly once through an instance killed and a database restarted', async () => {
    const dir = tempDir();
    const devices = simulatedDevices(DEVICES, OFFICES);
    const devicesFile = writeFleetDevicesFile(dir, devices);
    const database = await server.createDatabase();
    const args = ['collector', '--store', database, '--devices', devicesFile, '--quiet'];
    const start = async (port = 0): Promise<ChildWithLine> => {
      const child = await spawnOkno([...args, '--port', String(port)], COLLECTOR_READY, 30_000);
      children.push(child);
      return child;
    };
    const instances = await Promise.all(Array.from({ length: INSTANCES }, () => start()));
    const endpoints = instances.map((instance) => instance.url);
    const victim = 1;
    const victimPort = Number(new URL(endpoints[victim]!).port);

    const journals = new Map<string, JournalRow[]>(
      devices.map((device, i) => [device.id, journalRows(EVENTS_PER_DEVICE, Date.UTC(2026, 10, 23, 6, 0) + i * 1000, (n) => ({ type: 'rating.submitted', payload: ratingPayload(n, device.id.slice(-3)) }))]),
    );
    const tally = newTally();
    const options: DeliveryOptions = {
      endpoint: () => endpoints[Math.floor(Math.random() * endpoints.length)]!,
      // The device's rules with test-sized timings: Retry-After 5 s is capped at the backoff's maximum.
      backoff: { minMs: 20, maxMs: 300 },
      timeoutMs: 10_000,
      maxAttempts: 300,
      tally,
    };
    const afterKill = gate();
    const whileDown = gate();
    const gateOf = (batch: number): Promise<void> | null => (batch === 2 ? afterKill.opened : batch === 3 ? whileDown.opened : null);
    const startedAt = Date.now();
    const finishedAt = new Map<string, number>();
    const senders = devices.map((device) =>
      withTransport(async (transport) => {
        const batches: BatchDraft[] = drafts(journals.get(device.id)!, PER_BATCH);
        for (const [i, draft] of batches.entries()) {
          await gateOf(i);
          await deliver(transport, device, draft, () => deviceBody(device, draft), options);
        }
        finishedAt.set(device.id, Date.now() - startedAt);
      }),
    );
    // Failures surface at the end (all settle); a stuck device fails the bound below, not the suite's timeout.
    const settled = Promise.allSettled(senders);
    const totalBatches = DEVICES * (EVENTS_PER_DEVICE / PER_BATCH);

    try {
      // Mid-run, requests in flight: one instance dies without a word.
      await waitFor(() => tally.acknowledged >= totalBatches / 4, 'a quarter of the batches acknowledged');
      instances[victim]!.child.kill('SIGKILL');
      afterKill.open();
      // Then the database crashes (immediate: no checkpoint, recovery at start) while the devices send.
      await waitFor(() => tally.acknowledged >= (totalBatches * 5) / 8, 'five eighths of the batches acknowledged');
      await server.down('immediate');
      whileDown.open();
      await waitFor(() => (tally.retries.get('HTTP 503') ?? 0) >= 10, 'the instances answering 503 while the database is down', 20_000).catch((error: unknown) => {
        const seen = instances.map((instance) => `exit ${instance.child.exitCode ?? instance.child.signalCode ?? 'running'}: ${instance.output().slice(-2000)}`);
        throw new Error(`${String(error)}; retries ${JSON.stringify(Object.fromEntries(tally.retries))}\n${seen.join('\n')}`);
      });
      await server.up();
      // The killed instance comes back on its port: it needs nothing but the database.
      await start(victimPort);
    } finally {
      // Whatever failed above, no device waits for ever behind a gate.
      afterKill.open();
      whileDown.open();
    }

    const bound = new Promise<'bound'>((resolve) => setTimeout(() => resolve('bound'), ALL_DELIVERED_MS).unref());
    const outcome = await Promise.race([settled, bound]);
    expect(outcome, `not every device delivered within ${ALL_DELIVERED_MS} ms: ${DEVICES - finishedAt.size} still sending`).not.toBe('bound');
    const failures = (outcome as PromiseSettledResult<void>[]).filter((result) => result.status === 'rejected').map((result) => String(result.reason));
    expect(failures).toEqual([]);
    expect(finishedAt.size).toBe(DEVICES);

    // The faults did happen: requests to the dead instance and 503s while the database was down.
    const retries = Object.fromEntries(tally.retries);
    expect(Object.keys(retries).some((kind) => kind.startsWith('network:')), JSON.stringify(retries)).toBe(true);
    expect(retries['HTTP 503']).toBeGreaterThanOrEqual(10);

    const sent = DEVICES * EVENTS_PER_DEVICE;
    const db = new pg.Client({ connectionString: database });
    await db.connect();
    try {
      const totals = (await db.query('SELECT count(*) AS n, count(DISTINCT (device_id, id)) AS distinct_events FROM events')).rows[0] as { n: string; distinct_events: string };
      expect({ events: Number(totals.n), distinct: Number(totals.distinct_events) }).toEqual({ events: sent, distinct: sent });
      expect(countRow((await db.query('SELECT count(*) AS n FROM event_keys')).rows)).toBe(sent);
      // Each device: its 20 events, seq 1…20, each stored with the text it sent.
      const perDevice = await db.query<{ device_id: string; n: string; seqs: string; low: string; high: string }>(
        'SELECT device_id, count(*) AS n, count(DISTINCT seq) AS seqs, min(seq) AS low, max(seq) AS high FROM events GROUP BY device_id',
      );
      expect(perDevice.rows).toHaveLength(DEVICES);
      const incomplete = perDevice.rows.filter((row) => Number(row.n) !== EVENTS_PER_DEVICE || Number(row.seqs) !== EVENTS_PER_DEVICE || row.low !== '1' || row.high !== String(EVENTS_PER_DEVICE));
      expect(incomplete).toEqual([]);
      const stored = await db.query<{ device_id: string; id: string; payload: string }>('SELECT device_id, id, payload FROM events');
      const sentPayload = new Map([...journals].flatMap(([deviceId, rows]) => rows.map((row) => [`${deviceId} ${row.id}`, row.payload] as const)));
      expect(stored.rows.filter((row) => sentPayload.get(`${row.device_id} ${row.id}`) !== row.payload)).toEqual([]);
      // The batch log: what was stored for the first time adds up to the events, whichever request did it.
      const log = (await db.query('SELECT coalesce(sum(accepted), 0) AS accepted, coalesce(sum(accepted + duplicates), 0) AS seen FROM batches')).rows[0] as { accepted: string; seen: string };
      expect(Number(log.accepted)).toBe(sent);
      expect(Number(log.seen)).toBeGreaterThanOrEqual(sent);
      // A batch answered is in the log; some were stored but their answer died with the instance.
      expect(tally.accepted).toBeLessThanOrEqual(sent);
      expect(tally.accepted + tally.duplicates).toBe(sent);
    } finally {
      await db.end();
    }
    const slowest = Math.max(...finishedAt.values());
    console.log(`collector instances: ${tally.requests} requests, ${tally.acknowledged} batches acknowledged, ${tally.duplicates} events answered as duplicates, retries ${JSON.stringify(retries)}, slowest device ${slowest} ms`);
  });
});
