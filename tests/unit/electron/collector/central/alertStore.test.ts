import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralAlerts } from '../../../../../electron/collector/central/alertStore.ts';
import { alertsSchema, alertSchema } from '../../../../../shared/central/dashboardApi.ts';
import { startPostgres, type TestPostgres } from '../../../../helpers/postgres.ts';
import { batch, OFFICE, openStore, OTHER_OFFICE, statusEvent } from './centralFixtures.ts';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server.stop();
});

const CITY = { role: 'city', office: null } as const;
const TVERSKOY = { role: 'office', office: OFFICE } as const;
const at = (minute: number): string => `2026-11-23T10:${String(minute).padStart(2, '0')}:00.000+03:00`;

/** Paper out at one device of each office, then a backlog at the first: three alerts. */
async function withAlerts(work: (alerts: ReturnType<typeof centralAlerts>) => Promise<void>): Promise<void> {
  const url = await server.createDatabase();
  const store = await openStore(url);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined); // idle connections ended by the test server's stop (57P01)
  try {
    await store.storeBatch(batch(1, 'mfc-tverskoy-w05', [statusEvent(1, at(0), { printer: 'paper-out' })]), '2026-11-23T07:00:01.000Z', OFFICE);
    await store.storeBatch(batch(2, 'mfc-arbat-w01', [statusEvent(2, at(0), { printer: 'paper-out' })]), '2026-11-23T07:00:02.000Z', OTHER_OFFICE);
    await store.storeBatch(batch(3, 'mfc-tverskoy-w05', [statusEvent(3, at(1), { printer: 'paper-out', backlog: 900 })]), '2026-11-23T07:01:01.000Z', OFFICE);
    await work(centralAlerts(pool));
  } finally {
    await pool.end();
    await store.end();
  }
}

describe('alerts: list, acknowledge, live feed', () => {
  it('lists the open alerts newest first, an office account its own only', async () => {
    await withAlerts(async (alerts) => {
      const city = alertsSchema.parse(await alerts.list('open', CITY));
      expect(city.alerts.map((a) => [a.kind, a.deviceId, a.openedAt])).toEqual([
        ['backlog', 'mfc-tverskoy-w05', '2026-11-23T07:01:01.000Z'],
        ['paper-out', 'mfc-arbat-w01', '2026-11-23T07:00:02.000Z'],
        ['paper-out', 'mfc-tverskoy-w05', '2026-11-23T07:00:01.000Z'],
      ]);
      expect((await alerts.list('open', TVERSKOY)).alerts.map((a) => a.office)).toEqual([OFFICE, OFFICE]);
      expect((await alerts.list('all', { role: 'office', office: null })).alerts).toEqual([]);
    });
  });

  it('keeps the first acknowledgement, refuses an alert outside the scope or unknown, and lists acknowledged ones under "all"', async () => {
    await withAlerts(async (alerts) => {
      const [arbat] = (await alerts.list('open', { role: 'office', office: OTHER_OFFICE })).alerts;
      expect(await alerts.acknowledge(arbat!.id, 'tverskoy.manager', 'not mine', TVERSKOY)).toBeNull();
      expect(await alerts.acknowledge('999999', 'duty', 'x', CITY)).toBeNull();
      expect(await alerts.acknowledge('not-an-id', 'duty', 'x', CITY)).toBeNull();
      // Two managers at once: one acknowledgement, and both see it.
      const [first, second] = await Promise.all([
        alerts.acknowledge(arbat!.id, 'arbat.manager', 'paper on its way', { role: 'office', office: OTHER_OFFICE }),
        alerts.acknowledge(arbat!.id, 'city.duty', 'calling them', CITY),
      ]);
      expect(alertSchema.parse(first).acknowledged).toEqual(second!.acknowledged);
      expect(['paper on its way', 'calling them']).toContain(first!.acknowledged!.comment);
      const later = await alerts.acknowledge(arbat!.id, 'someone.else', 'late', CITY);
      expect(later!.acknowledged).toEqual(first!.acknowledged);
      expect(Date.parse(later!.acknowledged!.at)).toBeGreaterThan(0);
      expect((await alerts.list('open', CITY)).alerts.map((a) => a.id)).not.toContain(arbat!.id);
      expect((await alerts.list('all', CITY)).alerts.map((a) => a.id)).toContain(arbat!.id);
    });
  });

  it('gives the changes after a cursor in the order they happened: opened, then acknowledged', async () => {
    await withAlerts(async (alerts) => {
      const all = await alerts.changesAfter('0');
      expect(all.alerts.map((a) => [a.kind, a.deviceId, a.acknowledged])).toEqual([
        ['paper-out', 'mfc-tverskoy-w05', null],
        ['paper-out', 'mfc-arbat-w01', null],
        ['backlog', 'mfc-tverskoy-w05', null],
      ]);
      expect(await alerts.changesAfter(all.cursor)).toEqual({ alerts: [], cursor: all.cursor });
      // A new live feed starts after everything so far.
      expect(await alerts.latestCursor!()).toBe(all.cursor);
      const first = all.alerts[0]!;
      await alerts.acknowledge(first.id, 'duty', 'seen', CITY);
      const next = await alerts.changesAfter(all.cursor);
      expect(next.alerts.map((a) => [a.id, a.acknowledged?.by])).toEqual([[first.id, 'duty']]);
      expect(BigInt(next.cursor)).toBeGreaterThan(BigInt(all.cursor));
      expect(await alerts.latestCursor!()).toBe(next.cursor);
      await expect(alerts.changesAfter('-1')).rejects.toThrow(/change position/);
    });
  });
});
