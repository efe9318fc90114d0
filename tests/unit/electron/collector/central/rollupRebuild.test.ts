import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_PROJECTIONS } from '../../../../../electron/collector/central/projections.ts';
import { rebuildRollups } from '../../../../../electron/collector/central/rollupRebuild.ts';
import { openPostgresStore } from '../../../../../electron/collector/postgresStore.ts';
import { startPostgres, type TestPostgres } from '../../../../helpers/postgres.ts';
import { batchOf, journal, rollups, sql } from './rollupFixtures.ts';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

/** A small deterministic pseudo-random sequence (the same data on every run). */
function numbers(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

describe('rebuilding the rollups from the stored events', () => {
  it('gives exactly what the projections kept batch by batch (the benchmark fills its database this way)', async () => {
    const url = await server.createDatabase();
    const store = await openPostgresStore({ url, projections: CENTRAL_PROJECTIONS });
    const offices = new Map([
      ['msk-w01', 'mfc-msk'],
      ['msk-w02', 'mfc-msk'],
      ['ekb-w01', 'mfc-ekb'],
      ['msk-hub', 'mfc-msk'],
    ]);
    const random = numbers(14);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    try {
      const terminals = [
        { id: 'msk-w01', offset: '+03:00', scale: 5, window: '1' },
        { id: 'msk-w02', offset: '+03:00', scale: 3, window: '2' },
        { id: 'ekb-w01', offset: '+05:00', scale: 5, window: '1' },
        { id: 'nowhere-w09', offset: '+03:00', scale: 5, window: '9' }, // in no office
      ];
      for (const [t, terminal] of terminals.entries()) {
        const j = journal(t + 1);
        for (let i = 0; i < 300; i += 1) {
          const at = new Date(Date.UTC(2026, 10, 1) + Math.floor(random() * 60 * 24 * 60) * 60_000).toISOString().slice(0, 19) + terminal.offset;
          const score = 1 + Math.floor(random() * terminal.scale);
          const visit = random() < 0.5 ? { serviceId: pick(['pass', 'tax']), operatorId: pick(['op-1', 'op-2', 'op-3']) } : {};
          const rated = j.add('rating.submitted', at, { score, scale: terminal.scale, source: 'touch', window: terminal.window, ...visit });
          if (score <= 2 && random() < 0.7) j.add('rating.followUp', at, { ratingId: rated.id, reason: pick(['waiting', 'politeness', 'comfort']) });
        }
        j.add('rating.submitted', '2026-11-02T10:00:00+03:00', { score: 7, scale: 5, source: 'touch', window: terminal.window }); // skipped by both
        j.add('rating.submitted', '2026-11-02T10:00:00+03:00', { score: 5, scale: 3, source: 'touch', window: terminal.window }); // above its scale
        for (let b = 0; b < j.events.length; b += 7) await store.storeBatch(batchOf(terminal.id, j.events.slice(b, b + 7)), '2026-12-01T10:00:00.000Z', offices.get(terminal.id) ?? null);
      }
      const hub = journal(9);
      for (let i = 0; i < 200; i += 1) {
        const at = new Date(Date.UTC(2026, 10, 1) + Math.floor(random() * 60 * 24 * 60) * 60_000).toISOString().slice(0, 19) + '+03:00';
        const common = { ticketId: '01936f5e-0000-7000-8000-000000000002', number: 'П-001', serviceId: pick(['pass', 'tax']), window: pick(['1', '2']), operatorId: pick(['op-1', 'op-2']) };
        const seconds = Math.floor(random() * 3600) + pick([0, 0.5, 0.25]);
        hub.add(random() < 0.5 ? 'ticket.called' : 'service.finished', at, random() < 0.5 ? { ...common, waitedSeconds: seconds } : { ...common, serviceSeconds: seconds });
      }
      // Only the hub's events whose payload fits their type count (the others are skipped by both).
      for (let b = 0; b < hub.events.length; b += 10) await store.storeBatch(batchOf('msk-hub', hub.events.slice(b, b + 10)), '2026-12-01T10:00:00.000Z', 'mfc-msk');
    } finally {
      await store.end();
    }
    const kept = await rollups(url);
    expect(kept.ratings!.length).toBeGreaterThan(100);
    expect(kept.followUps!.length).toBeGreaterThan(10);
    expect(kept.queue!.length).toBeGreaterThan(10);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await rebuildRollups(client, offices);
    } finally {
      await client.end();
    }
    expect(await rollups(url)).toEqual(kept);
    expect(await sql(url, 'SELECT count(*)::int AS n FROM rating_rollup')).toEqual([{ n: kept.ratings!.length }]);
  });
});
