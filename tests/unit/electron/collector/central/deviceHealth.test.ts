import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralDevices } from '../../../../../electron/collector/central/deviceList.ts';
import { devicesSchema } from '../../../../../shared/central/dashboardApi.ts';
import { startPostgres, type TestPostgres } from '../../../../helpers/postgres.ts';
import { batch, OFFICE, openStore, OTHER_OFFICE, ratingEvent, sql, status, statusEvent } from './centralFixtures.ts';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server.stop();
});

const DEVICE = 'mfc-tverskoy-w05';

describe('device health: each device’s latest state', () => {
  it('keeps the newest status by occurredAt (an older one arriving later changes nothing) and the last batch’s arrival', async () => {
    const url = await server.createDatabase();
    const store = await openStore(url);
    try {
      await store.storeBatch(batch(1, DEVICE, [statusEvent(1, '2026-11-23T10:00:00.000+03:00', { printer: 'ready' }), statusEvent(2, '2026-11-23T10:05:00.000+03:00', { printer: 'paper-near-end', backlog: 7 })]), '2026-11-23T07:05:01.000Z', OFFICE);
      // Sent later (through another instance, after a retry), but it happened before.
      await store.storeBatch(batch(2, DEVICE, [statusEvent(3, '2026-11-23T10:02:00.000+03:00', { printer: 'paper-out' })]), '2026-11-23T07:06:00.000Z', OFFICE);
      // A re-delivered batch is no news: last seen stays.
      await store.storeBatch(batch(2, DEVICE, [statusEvent(3, '2026-11-23T10:02:00.000+03:00', { printer: 'paper-out' })]), '2026-11-23T07:09:00.000Z', OFFICE);
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      pool.on('error', () => undefined); // idle connections ended by the test server's stop (57P01)
      try {
        const devices = await centralDevices(pool)({ role: 'city', office: null });
        expect(devicesSchema.parse(devices)).toEqual({
          devices: [
            {
              deviceId: DEVICE,
              office: OFFICE,
              lastSeenAt: '2026-11-23T07:06:00.000Z',
              statusAt: '2026-11-23T10:05:00.000+03:00',
              status: status({ printer: 'paper-near-end', backlog: 7 }),
            },
          ],
        });
        // A newer status replaces it.
        await store.storeBatch(batch(3, DEVICE, [statusEvent(4, '2026-11-23T10:10:00.000+03:00', { printer: 'ready' })]), '2026-11-23T07:10:01.000Z', OFFICE);
        expect((await centralDevices(pool)({ role: 'city', office: null })).devices[0]).toMatchObject({
          lastSeenAt: '2026-11-23T07:10:01.000Z',
          statusAt: '2026-11-23T10:10:00.000+03:00',
          status: { printer: 'ready' },
        });
      } finally {
        await pool.end();
      }
    } finally {
      await store.end();
    }
  });

  it('sees a device before its first status, skips a malformed status, and shows an office account its own devices only', async () => {
    const url = await server.createDatabase();
    const store = await openStore(url);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    pool.on('error', () => undefined); // idle connections ended by the test server's stop (57P01)
    try {
      await store.storeBatch(batch(1, 'mfc-arbat-w01', [ratingEvent(1, '2026-11-23T10:00:00.000+03:00', 5)]), '2026-11-23T07:00:01.000Z', OTHER_OFFICE);
      await store.storeBatch(
        batch(2, DEVICE, [statusEvent(2, '2026-11-23T10:00:00.000+03:00'), { n: 3, type: 'device.status', occurredAt: '2026-11-23T10:01:00.000+03:00', payload: { printer: 'paper-out' } }]),
        '2026-11-23T07:01:01.000Z',
        OFFICE,
      );
      await store.storeBatch(batch(3, 'lab-kiosk', [statusEvent(4, '2026-11-23T10:00:00.000+03:00')]), '2026-11-23T07:02:01.000Z', null);
      const devices = centralDevices(pool);
      const city = await devices({ role: 'city', office: null });
      expect(city.devices.map((d) => [d.deviceId, d.office, d.statusAt])).toEqual([
        ['mfc-arbat-w01', OTHER_OFFICE, null],
        [DEVICE, OFFICE, '2026-11-23T10:00:00.000+03:00'],
        ['lab-kiosk', null, '2026-11-23T10:00:00.000+03:00'],
      ]);
      expect(city.devices[0]!.status).toBeNull();
      expect((await devices({ role: 'office', office: OFFICE })).devices.map((d) => d.deviceId)).toEqual([DEVICE]);
      expect((await devices({ role: 'office', office: null })).devices).toEqual([]);
      expect(await sql(url, 'SELECT count(*)::int AS n FROM events')).toEqual([{ n: 4 }]);
    } finally {
      await pool.end();
      await store.end();
    }
  });
});
