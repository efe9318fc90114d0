import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertProjection } from '../../../../../electron/collector/central/alertProjection.ts';
import { centralAlerts } from '../../../../../electron/collector/central/alertStore.ts';
import type { Projection } from '../../../../../electron/collector/central/projection.ts';
import { openPostgresStore } from '../../../../../electron/collector/postgresStore.ts';
import type { CollectorStorage } from '../../../../../electron/collector/collectorStorage.ts';
import { startPostgres, type TestPostgres } from '../../../../helpers/postgres.ts';
import { alertRows, batch, OFFICE, openStore, ratingEvent, rules, sql, statusEvent } from './centralFixtures.ts';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server.stop();
});

const DEVICE = 'mfc-tverskoy-w05';
const RECEIVED = '2026-11-23T08:00:00.000Z';
const at = (minute: number): string => `2026-11-23T10:${String(minute).padStart(2, '0')}:00.000+03:00`;
const CITY = { role: 'city', office: null } as const;

async function withStore<T>(file: Parameters<typeof rules>[0], work: (store: CollectorStorage, url: string) => Promise<T>): Promise<T> {
  const url = await server.createDatabase();
  const store = await openStore(url, rules(file));
  try {
    return await work(store, url);
  } finally {
    await store.end();
  }
}

async function acknowledgeAll(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => undefined); // idle connections ended by the test server's stop (57P01)
  try {
    const alerts = centralAlerts(pool);
    for (const alert of (await alerts.list('open', CITY)).alerts) await alerts.acknowledge(alert.id, 'duty', 'seen', CITY);
  } finally {
    await pool.end();
  }
}

describe('alerts at ingest: low scores at one window', () => {
  it('opens one alert at the K-th low score within T minutes, none at K−1, and scores above maxScore do not count', async () => {
    await withStore({}, async (store, url) => {
      await store.storeBatch(batch(1, DEVICE, [ratingEvent(1, at(0), 1), ratingEvent(2, at(5), 3), ratingEvent(3, at(10), 2), ratingEvent(4, at(11), 5, '6')]), RECEIVED, OFFICE);
      expect(await alertRows(url)).toEqual([]);
      await store.storeBatch(batch(2, DEVICE, [ratingEvent(5, at(30), 2)]), RECEIVED, OFFICE);
      expect(await alertRows(url)).toEqual([
        {
          kind: 'low-scores',
          subject: JSON.stringify([OFFICE, '5']),
          office: OFFICE,
          window: '5',
          device_id: null,
          acknowledged: false,
          facts: { count: 3, minutes: 30, maxScore: 2, firstAt: '2026-11-23T07:00:00.000Z', lastAt: '2026-11-23T07:30:00.000Z' },
        },
      ]);
      // More low scores while it is open: the same alert stands for them.
      await store.storeBatch(batch(3, DEVICE, [ratingEvent(6, at(31), 1), ratingEvent(7, at(32), 1), ratingEvent(8, at(33), 1)]), RECEIVED, OFFICE);
      expect(await alertRows(url)).toHaveLength(1);
    });
  });

  it('does not count scores spread over more than T minutes, nor a re-delivered batch twice', async () => {
    await withStore({ lowScores: { count: 3, withinMinutes: 30 } }, async (store, url) => {
      await store.storeBatch(batch(1, DEVICE, [ratingEvent(1, at(0), 1), ratingEvent(2, at(20), 1)]), RECEIVED, OFFICE);
      await store.storeBatch(batch(2, DEVICE, [ratingEvent(3, at(31), 1)]), RECEIVED, OFFICE);
      expect(await alertRows(url)).toEqual([]);
      // The same batch again (the device did not hear the answer), here and through another instance.
      await store.storeBatch(batch(2, DEVICE, [ratingEvent(3, at(31), 1)]), RECEIVED, OFFICE);
      const other = await openStore(url);
      try {
        await other.storeBatch(batch(2, DEVICE, [ratingEvent(3, at(31), 1)]), RECEIVED, OFFICE);
      } finally {
        await other.end();
      }
      expect(await alertRows(url)).toEqual([]);
      // 10:20, 10:31 and 10:49 lie within 30 minutes.
      await store.storeBatch(batch(3, DEVICE, [ratingEvent(4, at(49), 2)]), RECEIVED, OFFICE);
      expect((await alertRows(url)).map((row) => row.facts)).toEqual([expect.objectContaining({ count: 3, firstAt: '2026-11-23T07:20:00.000Z', lastAt: '2026-11-23T07:49:00.000Z' })]);
      // Pruned: only what can still join a run is kept.
      expect(await sql(url, 'SELECT count(*)::int AS n FROM recent_low_scores')).toEqual([{ n: 0 }]);
    });
  });

  it('after an acknowledgement, K new low scores open a new alert', async () => {
    await withStore({}, async (store, url) => {
      await store.storeBatch(batch(1, DEVICE, [ratingEvent(1, at(0), 1), ratingEvent(2, at(1), 1), ratingEvent(3, at(2), 1)]), RECEIVED, OFFICE);
      await acknowledgeAll(url);
      await store.storeBatch(batch(2, DEVICE, [ratingEvent(4, at(3), 1), ratingEvent(5, at(4), 1)]), RECEIVED, OFFICE);
      expect((await alertRows(url)).map((row) => row.acknowledged)).toEqual([true]);
      await store.storeBatch(batch(3, DEVICE, [ratingEvent(6, at(5), 1)]), RECEIVED, OFFICE);
      expect((await alertRows(url)).map((row) => row.acknowledged)).toEqual([true, false]);
    });
  });

  it('two instances storing one window’s low scores at the same moment open exactly one alert', async () => {
    const url = await server.createDatabase();
    // Both batches' transactions have stored their events before either looks at the window: only
    // together do they reach 4, so the second must wait for the first and then see its scores.
    let arrived = 0;
    let release = (): void => undefined;
    const bothStored = new Promise<void>((resolve) => {
      release = resolve;
    });
    const barrier: Projection = async () => {
      arrived += 1;
      if (arrived === 2) release();
      await bothStored;
    };
    const projections = [barrier, alertProjection(rules({ lowScores: { count: 4 } }))];
    const stores = await Promise.all([openPostgresStore({ url, projections }), openPostgresStore({ url, projections })]);
    try {
      await Promise.all([
        stores[0].storeBatch(batch(1, 'mfc-tverskoy-a', [ratingEvent(1, at(1), 1), ratingEvent(2, at(2), 1)]), RECEIVED, OFFICE),
        stores[1].storeBatch(batch(2, 'mfc-tverskoy-b', [ratingEvent(3, at(3), 1), ratingEvent(4, at(4), 1)]), RECEIVED, OFFICE),
      ]);
      expect((await alertRows(url)).map((row) => [row.kind, row.window, row.facts.count])).toEqual([['low-scores', '5', 4]]);
    } finally {
      await Promise.all(stores.map((store) => store.end()));
    }
  });
});

describe('alerts at ingest: the device rules of device.status', () => {
  it('paper out opens one alert when it starts, not again while it stays out (even acknowledged), again after a refill; an older status changes nothing', async () => {
    await withStore({}, async (store, url) => {
      await store.storeBatch(batch(1, DEVICE, [statusEvent(1, at(0), { printer: 'paper-near-end' })]), RECEIVED, OFFICE);
      expect(await alertRows(url)).toEqual([]);
      await store.storeBatch(batch(2, DEVICE, [statusEvent(2, at(5), { printer: 'paper-out' })]), RECEIVED, OFFICE);
      expect(await alertRows(url)).toEqual([
        { kind: 'paper-out', subject: DEVICE, office: OFFICE, window: null, device_id: DEVICE, acknowledged: false, facts: { statusAt: at(5) } },
      ]);
      await acknowledgeAll(url);
      await store.storeBatch(batch(3, DEVICE, [statusEvent(3, at(10), { printer: 'paper-out' })]), RECEIVED, OFFICE);
      expect(await alertRows(url)).toHaveLength(1);
      await store.storeBatch(batch(4, DEVICE, [statusEvent(4, at(15), { printer: 'ready' })]), RECEIVED, OFFICE);
      // From before the refill, arriving late: the paper is not out now.
      await store.storeBatch(batch(5, DEVICE, [statusEvent(5, at(12), { printer: 'paper-out' })]), RECEIVED, OFFICE);
      expect(await alertRows(url)).toHaveLength(1);
      await store.storeBatch(batch(6, DEVICE, [statusEvent(6, at(20), { printer: 'paper-out' })]), RECEIVED, OFFICE);
      expect((await alertRows(url)).map((row) => [row.kind, row.acknowledged])).toEqual([
        ['paper-out', true],
        ['paper-out', false],
      ]);
    });
  });

  it('backlog and clock open at their limits, not at them exactly', async () => {
    await withStore({}, async (store, url) => {
      await store.storeBatch(batch(1, DEVICE, [statusEvent(1, at(0), { backlog: 500, clockOffsetMs: -60_000 })]), RECEIVED, OFFICE);
      expect(await alertRows(url)).toEqual([]);
      await store.storeBatch(batch(2, DEVICE, [statusEvent(2, at(5), { backlog: 501, clockOffsetMs: -60_001 })]), RECEIVED, OFFICE);
      expect((await alertRows(url)).map((row) => [row.kind, row.facts])).toEqual([
        ['backlog', { backlog: 501, limit: 500, statusAt: at(5) }],
        ['clock-off', { offsetMs: -60_001, limitMs: 60_000, statusAt: at(5) }],
      ]);
      // Only the newest status of a batch counts: here the clock is fine again.
      await store.storeBatch(batch(3, DEVICE, [statusEvent(3, at(6), { clockOffsetMs: 90_000 }), statusEvent(4, at(7), { clockOffsetMs: 0 })]), RECEIVED, OFFICE);
      expect(await alertRows(url)).toHaveLength(2);
    });
  });

  it('a rule switched off opens nothing', async () => {
    await withStore({ paperOut: false, backlogOver: false, clockOffSeconds: false, lowScores: false }, async (store, url) => {
      await store.storeBatch(
        batch(1, DEVICE, [statusEvent(1, at(0), { printer: 'paper-out', backlog: 10_000, clockOffsetMs: 3_600_000 }), ratingEvent(2, at(1), 1), ratingEvent(3, at(2), 1), ratingEvent(4, at(3), 1)]),
        RECEIVED,
        OFFICE,
      );
      expect(await alertRows(url)).toEqual([]);
    });
  });
});
