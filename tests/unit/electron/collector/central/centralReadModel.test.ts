import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralReadModel } from '../../../../../electron/collector/central/centralReadModel.ts';
import { CENTRAL_PROJECTIONS } from '../../../../../electron/collector/central/projections.ts';
import type { CentralReadModel, Scope } from '../../../../../electron/collector/central/readModel.ts';
import { skippedEventCounts } from '../../../../../electron/collector/central/skippedEvents.ts';
import type { CollectorStorage } from '../../../../../electron/collector/collectorStorage.ts';
import { openPostgresStore } from '../../../../../electron/collector/postgresStore.ts';
import { startPostgres, type TestPostgres } from '../../../../helpers/postgres.ts';
import { batchOf, journal, rollups, sql } from './rollupFixtures.ts';

/**
 * A hand-made city: Arbat (+03:00) with a 5-point and a 3-point terminal and a queue hub, Yekaterinburg
 * (+05:00) with one 5-point terminal. The period asked is Mon 2026-11-23 .. Tue 2026-11-24 (local days).
 */
const city: Scope = { role: 'city', office: null };
const ARBAT = 'mfc-arbat';
const EKB = 'mfc-ekb';
const period = { from: '2026-11-23', to: '2026-11-24' };

let server: TestPostgres;
let url: string;
let store: CollectorStorage;
let pool: pg.Pool;
let model: CentralReadModel;
let skippedBefore: number;

const rating = (score: number, scale: number, window: string, visit?: { serviceId: string; operatorId: string }): Record<string, unknown> => ({
  score,
  scale,
  source: 'touch',
  window,
  ...(visit === undefined ? {} : { ticketId: '01936f5e-0000-7000-8000-000000000001', ticketNumber: 'П-017', ...visit }),
});

beforeAll(async () => {
  server = await startPostgres();
  url = await server.createDatabase();
  store = await openPostgresStore({ url, projections: CENTRAL_PROJECTIONS });
  pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined); // idle connections ended by the test server's stop (57P01)
  // The server stops after the pool has ended, while its sockets may still be closing.
  pool.on('error', () => undefined);
  model = centralReadModel(pool);
  skippedBefore = skippedEventCounts()['rating.submitted'] ?? 0;

  const w01 = journal(1);
  const pass = { serviceId: 'pass', operatorId: 'op-ivanova' };
  w01.add('rating.submitted', '2026-11-22T12:00:00.000+03:00', rating(3, 5, '1')); // the previous period
  w01.add('rating.submitted', '2026-11-23T10:14:58.004+03:00', rating(5, 5, '1', pass));
  w01.add('rating.submitted', '2026-11-23T10:40:00.000+03:00', rating(4, 5, '1', pass));
  const low = w01.add('rating.submitted', '2026-11-23T11:05:00.000+03:00', rating(2, 5, '1'));
  w01.add('rating.followUp', '2026-11-23T11:05:09.000+03:00', { ratingId: low.id, reason: 'waiting' });
  // Local Tuesday 00:30 (Monday 21:30 UTC): Tuesday's day and hour 0.
  w01.add('rating.submitted', '2026-11-24T00:30:00.000+03:00', rating(1, 5, '1'));
  w01.add('rating.submitted', '2026-11-25T09:00:00.000+03:00', rating(5, 5, '1')); // after the period
  w01.add('rating.submitted', '2026-11-23T10:50:00.000+03:00', { ...rating(5, 5, '1'), score: 7 }); // malformed: skipped
  w01.add('rating.submitted', '2026-11-23T10:51:00.000+03:00', { ...rating(5, 5, '1'), comment: 'free text' }); // unknown field: skipped

  const w02 = journal(2); // a 3-point terminal: its top two are 2 and 3
  w02.add('rating.submitted', '2026-11-23T10:20:00.000+03:00', rating(3, 3, '2'));
  w02.add('rating.submitted', '2026-11-23T10:21:00.000+03:00', rating(2, 3, '2'));
  const lowest = w02.add('rating.submitted', '2026-11-23T10:22:00.000+03:00', rating(1, 3, '2'));
  w02.add('rating.followUp', '2026-11-23T10:22:07.000+03:00', { ratingId: lowest.id, reason: 'politeness' });

  const ekb = journal(3);
  // Local Monday 02:10 is Sunday 21:10 UTC: it counts on Monday at 2 o'clock.
  ekb.add('rating.submitted', '2026-11-23T02:10:00.000+05:00', rating(5, 5, '1', { serviceId: 'tax', operatorId: 'op-petrov' }));
  for (let i = 0; i < 12; i += 1) ekb.add('rating.submitted', `2026-11-24T15:${String(i).padStart(2, '0')}:00.000+05:00`, rating(i < 10 ? 5 : 4, 5, '1', { serviceId: 'tax', operatorId: 'op-sidorov' }));

  const hub = journal(4);
  const called = (serviceId: string, window: string, waitedSeconds: number): Record<string, unknown> => ({
    ticketId: '01936f5e-0000-7000-8000-000000000002', number: 'П-001', serviceId, window, operatorId: 'op-ivanova', waitedSeconds,
  });
  const finished = (serviceId: string, window: string, serviceSeconds: number): Record<string, unknown> => ({
    ticketId: '01936f5e-0000-7000-8000-000000000002', number: 'П-001', serviceId, window, operatorId: 'op-ivanova', serviceSeconds,
  });
  hub.add('ticket.called', '2026-11-23T10:00:00.000+03:00', called('pass', '1', 600));
  hub.add('ticket.called', '2026-11-23T10:05:00.000+03:00', called('pass', '2', 1200));
  hub.add('ticket.called', '2026-11-23T10:10:00.000+03:00', called('tax', '1', 60));
  hub.add('service.finished', '2026-11-23T10:15:00.000+03:00', finished('pass', '1', 300));
  hub.add('service.finished', '2026-11-23T10:25:00.000+03:00', finished('tax', '1', 500));
  hub.add('ticket.recalled', '2026-11-23T10:26:00.000+03:00', { ticketId: '01936f5e-0000-7000-8000-000000000002', number: 'П-001', window: '1', operatorId: 'op-ivanova', recall: 1 });

  const deliver = async (): Promise<void> => {
    await store.storeBatch(batchOf('arbat-w01', w01.events), '2026-11-25T10:00:00.000Z', ARBAT);
    // The 3-point terminal's follow-up arrives in a later batch than its rating.
    await store.storeBatch(batchOf('arbat-w02', w02.events.slice(0, 3)), '2026-11-25T10:00:01.000Z', ARBAT);
    await store.storeBatch(batchOf('arbat-w02', w02.events.slice(3)), '2026-11-25T10:00:02.000Z', ARBAT);
    await store.storeBatch(batchOf('ekb-w01', ekb.events), '2026-11-25T10:00:03.000Z', EKB);
    await store.storeBatch(batchOf('arbat-hub', hub.events), '2026-11-25T10:00:04.000Z', ARBAT);
  };
  await deliver();
  const once = await rollups(url);
  await deliver(); // every batch again: re-delivered batches change nothing
  expect(await rollups(url)).toEqual(once);
});

afterAll(async () => {
  await pool?.end();
  await store?.end();
  await server?.stop();
});

const figures = (count: number, scoreSum: number, topTwo: number) => ({ count, average: scoreSum / count, topTwoShare: topTwo / count });
const none = { count: 0, average: null, topTwoShare: null };

describe('central read model over the rollups (PostgreSQL)', () => {
  it('keeps local hours, the 3-point scale, linked and unlinked ratings in rating_rollup, and skips (and counts) malformed payloads', async () => {
    const rows = await sql(url, `SELECT office, to_char(hour, 'YYYY-MM-DD HH24:MI') AS hour, "window", service, operator, ratings, score_sum, top_two, low FROM rating_rollup WHERE office = $1 AND hour < '2026-11-24' ORDER BY 2, 3, 4`, [ARBAT]);
    expect(rows).toEqual([
      { office: ARBAT, hour: '2026-11-22 12:00', window: '1', service: '', operator: '', ratings: 1, score_sum: 3, top_two: 0, low: 0 },
      { office: ARBAT, hour: '2026-11-23 10:00', window: '1', service: 'pass', operator: 'op-ivanova', ratings: 2, score_sum: 9, top_two: 2, low: 0 },
      { office: ARBAT, hour: '2026-11-23 10:00', window: '2', service: '', operator: '', ratings: 3, score_sum: 6, top_two: 2, low: 2 },
      { office: ARBAT, hour: '2026-11-23 11:00', window: '1', service: '', operator: '', ratings: 1, score_sum: 2, top_two: 0, low: 1 },
    ]);
    expect(await sql(url, `SELECT to_char(hour, 'YYYY-MM-DD HH24:MI') AS hour FROM rating_rollup WHERE office = $1 AND operator = 'op-petrov'`, [EKB])).toEqual([{ hour: '2026-11-23 02:00' }]);
    expect((skippedEventCounts()['rating.submitted'] ?? 0) - skippedBefore).toBe(2);
  });

  it('overview: current against the previous period of equal length, a point per day, offices ranked', async () => {
    const overview = await model.overview(period, city);
    expect(overview.period).toEqual(period);
    expect(overview.previous).toEqual({ from: '2026-11-21', to: '2026-11-22' });
    expect(overview.current).toEqual(figures(20, 81, 17));
    expect(overview.previousFigures).toEqual(figures(1, 3, 0));
    expect(overview.daily).toEqual([
      { day: '2026-11-23', ...figures(7, 22, 5) },
      { day: '2026-11-24', ...figures(13, 59, 12) },
    ]);
    expect(overview.offices).toEqual([
      { office: EKB, current: figures(13, 63, 13), previous: none },
      { office: ARBAT, current: figures(7, 18, 4), previous: figures(1, 3, 0) },
    ]);
    // A day without ratings is a point with no figures.
    const quiet = await model.overview({ from: '2026-11-26', to: '2026-11-26' }, city);
    expect(quiet.daily).toEqual([{ day: '2026-11-26', ...none }]);
    expect(quiet.current).toEqual(none);
  });

  it('scope: an office account sees only its office whatever it asks; a city account narrows with office', async () => {
    const ekbAccount: Scope = { role: 'office', office: EKB };
    const asked = await model.overview({ ...period, office: ARBAT }, ekbAccount);
    expect(asked.offices.map((row) => row.office)).toEqual([EKB]);
    expect(asked.current).toEqual(figures(13, 63, 13));
    expect(await model.overview({ ...period, office: EKB }, city)).toEqual(asked);
    expect((await model.drill({ ...period, level: 'office' }, ekbAccount)).rows.map((row) => row.key)).toEqual([EKB]);
    expect((await model.queue(period, ekbAccount)).total.called).toBe(0);
    expect((await model.followUps(period, ekbAccount)).rows.every((row) => row.count === 0)).toBe(true);
    await expect(model.overview(period, { role: 'office', office: null })).rejects.toThrow(/without an office/);
  });

  it('drill-down office → window → service → operator, operators under 10 ratings withheld', async () => {
    expect((await model.drill({ ...period, level: 'office' }, city)).rows).toEqual([
      { key: ARBAT, withheld: false, figures: figures(7, 18, 4) },
      { key: EKB, withheld: false, figures: figures(13, 63, 13) },
    ]);
    expect((await model.drill({ ...period, level: 'window', office: ARBAT }, city)).rows).toEqual([
      { key: '1', withheld: false, figures: figures(4, 12, 2) },
      { key: '2', withheld: false, figures: figures(3, 6, 2) },
    ]);
    expect((await model.drill({ ...period, level: 'service', office: ARBAT, window: '1' }, city)).rows).toEqual([
      { key: '', withheld: false, figures: figures(2, 3, 0) },
      { key: 'pass', withheld: false, figures: figures(2, 9, 2) },
    ]);
    const operators = await model.drill({ ...period, level: 'operator', office: EKB, window: '1', service: 'tax' }, city);
    expect(operators.rows).toEqual([
      { key: 'op-petrov', withheld: true, figures: none },
      { key: 'op-sidorov', withheld: false, figures: figures(12, 58, 12) },
    ]);
    // Op-ivanova has 2 ratings: withheld at Arbat too; '' (not linked to a visit) is no person.
    expect((await model.drill({ ...period, level: 'operator', office: ARBAT }, city)).rows).toEqual([
      { key: '', withheld: false, figures: figures(5, 9, 2) },
      { key: 'op-ivanova', withheld: true, figures: none },
    ]);
  });

  it('heat map: each rating at its office’s local weekday and hour', async () => {
    const { cells } = await model.heatmap(period, city);
    expect(cells).toHaveLength(7 * 24);
    const filled = cells.filter((cell) => cell.figures.count > 0).map((cell) => ({ weekday: cell.weekday, hour: cell.hour, count: cell.figures.count }));
    expect(filled).toEqual([
      { weekday: 1, hour: 2, count: 1 },
      { weekday: 1, hour: 10, count: 5 },
      { weekday: 1, hour: 11, count: 1 },
      { weekday: 2, hour: 0, count: 1 },
      { weekday: 2, hour: 15, count: 12 },
    ]);
  });

  it('follow-up reasons: every reason, zeros included, at the window of the rating they follow', async () => {
    expect((await model.followUps(period, city)).rows).toEqual([
      { reason: 'waiting', count: 1 },
      { reason: 'politeness', count: 1 },
      { reason: 'competence', count: 0 },
      { reason: 'comfort', count: 0 },
      { reason: 'information', count: 0 },
    ]);
    // The second came in a later batch than its rating: its window is found among the stored events.
    expect(await sql(url, `SELECT "window", reason, n FROM follow_up_rollup ORDER BY reason`)).toEqual([
      { window: '2', reason: 'politeness', n: 1 },
      { window: '1', reason: 'waiting', n: 1 },
    ]);
  });

  it('queue: waits, service times and the share over the 15-minute norm, in total, per service and per window', async () => {
    expect(await model.queue(period, city)).toEqual({
      total: { key: '', called: 3, averageWaitSeconds: 620, overNormShare: 1 / 3, finished: 2, averageServiceSeconds: 400 },
      byService: [
        { key: 'pass', called: 2, averageWaitSeconds: 900, overNormShare: 0.5, finished: 1, averageServiceSeconds: 300 },
        { key: 'tax', called: 1, averageWaitSeconds: 60, overNormShare: 0, finished: 1, averageServiceSeconds: 500 },
      ],
      byWindow: [
        { key: '1', called: 2, averageWaitSeconds: 330, overNormShare: 0, finished: 2, averageServiceSeconds: 400 },
        { key: '2', called: 1, averageWaitSeconds: 1200, overNormShare: 1, finished: 0, averageServiceSeconds: null },
      ],
    });
    expect(await model.queue({ from: '2026-11-01', to: '2026-11-02' }, city)).toEqual({
      total: { key: '', called: 0, averageWaitSeconds: null, overNormShare: null, finished: 0, averageServiceSeconds: null },
      byService: [],
      byWindow: [],
    });
  });

  it('devices are another module’s: without it the read model says so', async () => {
    await expect(model.devices(city)).rejects.toThrow(/not built into centralReadModel/);
    const withDevices = centralReadModel(pool, { devices: () => Promise.resolve({ devices: [] }) });
    expect(await withDevices.devices(city)).toEqual({ devices: [] });
  });
});
