import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAIT_NORM_SECONDS } from '../../../../shared/central/dashboardApi.ts';
import { CENTRAL_PROJECTIONS } from '../../../../electron/collector/central/projections.ts';
import type { CollectorStorage } from '../../../../electron/collector/collectorStorage.ts';
import { openPostgresStore } from '../../../../electron/collector/postgresStore.ts';
import { startPostgres, type TestPostgres } from '../../../helpers/postgres.ts';
import { batchOf, journal, rollups, sql, type TestEvent } from './central/rollupFixtures.ts';

/**
 * The rollups are exact whatever the network does: any batches, re-delivered, overlapping, in any
 * order, split over two collector instances storing at once, give the rollups a plain JS count of the
 * distinct events gives. (A follow-up travels with its rating, as a terminal sends them: in seq order.)
 */
interface Terminal {
  readonly id: string;
  readonly office: string | null;
  readonly offset: string;
  readonly scale: number;
  readonly window: string;
}
const TERMINALS: readonly Terminal[] = [
  { id: 'a-w01', office: 'mfc-a', offset: '+03:00', scale: 5, window: '1' },
  { id: 'b-w07', office: 'mfc-b', offset: '+05:00', scale: 3, window: '7' },
  { id: 'x-w02', office: null, offset: '+03:00', scale: 5, window: '2' },
];
const HUB = { id: 'a-hub', office: 'mfc-a', offset: '+03:00' };
const REASONS = ['waiting', 'politeness', 'competence', 'comfort', 'information'] as const;

/** The office's local wall-clock time, `minute` minutes after 2026-11-23 00:00, written with its offset. */
const localAt = (minute: number, offset: string): string => `${new Date(Date.UTC(2026, 10, 23) + minute * 60_000).toISOString().slice(0, 19)}.000${offset}`;
const hourOf = (occurredAt: string): string => `${occurredAt.slice(0, 10)} ${occurredAt.slice(11, 13)}:00:00`;

const ratingUnit = fc.record({
  minute: fc.integer({ min: 0, max: 3 * 1440 - 1 }),
  score: fc.integer({ min: 1, max: 5 }),
  visit: fc.option(fc.record({ serviceId: fc.constantFrom('pass', 'tax'), operatorId: fc.constantFrom('op-1', 'op-2') }), { nil: undefined }),
  followUp: fc.option(fc.constantFrom(...REASONS), { nil: undefined }),
});
const queueUnit = fc.record({
  minute: fc.integer({ min: 0, max: 3 * 1440 - 1 }),
  called: fc.boolean(),
  serviceId: fc.constantFrom('pass', 'tax'),
  window: fc.constantFrom('1', '2'),
  operatorId: fc.constantFrom('op-1', 'op-2'),
  seconds: fc.integer({ min: 0, max: 2 * WAIT_NORM_SECONDS }),
});
/** A delivery: some consecutive units of one device (as a batch of its journal), to one of two instances. */
const delivery = fc.record({ device: fc.nat(TERMINALS.length), start: fc.nat(), length: fc.integer({ min: 1, max: 6 }), instance: fc.integer({ min: 0, max: 1 }) });

type Units = TestEvent[][];
const sortedRows = (rows: Map<string, Record<string, unknown>>): Record<string, unknown>[] =>
  [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);

function add(rows: Map<string, Record<string, unknown>>, key: Record<string, string>, counts: Record<string, number>): void {
  const id = JSON.stringify(Object.values(key));
  const row = rows.get(id) ?? { ...key, ...Object.fromEntries(Object.keys(counts).map((name) => [name, 0])) };
  for (const [name, n] of Object.entries(counts)) row[name] = (row[name] as number) + n;
  rows.set(id, row);
}

/** The rollups, counted in JS from each distinct event once. */
function reference(terminalUnits: readonly Units[], hubUnits: Units): Record<string, unknown[]> {
  const ratings = new Map<string, Record<string, unknown>>();
  const officeHours = new Map<string, Record<string, unknown>>();
  const officeDays = new Map<string, Record<string, unknown>>();
  const followUps = new Map<string, Record<string, unknown>>();
  const queue = new Map<string, Record<string, unknown>>();
  TERMINALS.forEach((terminal, t) => {
    const office = terminal.office ?? '';
    for (const unit of terminalUnits[t]!) {
      for (const event of unit) {
        const hour = hourOf(event.occurredAt);
        if (event.type === 'rating.followUp') {
          add(followUps, { office, hour, window: terminal.window, reason: String(event.payload.reason) }, { n: 1 });
          continue;
        }
        const score = Number(event.payload.score);
        const counts = { ratings: 1, score_sum: score, top_two: score >= terminal.scale - 1 ? 1 : 0, low: score <= 2 ? 1 : 0 };
        const service = typeof event.payload.serviceId === 'string' ? event.payload.serviceId : '';
        const operator = typeof event.payload.operatorId === 'string' ? event.payload.operatorId : '';
        add(ratings, { office, hour, window: terminal.window, service, operator }, counts);
        add(officeHours, { office, hour }, counts);
        add(officeDays, { office, day: event.occurredAt.slice(0, 10) }, counts);
      }
    }
  });
  for (const [event] of hubUnits) {
    const p = event!.payload;
    const key = { office: HUB.office, hour: hourOf(event!.occurredAt), service: String(p.serviceId), window: String(p.window), operator: String(p.operatorId) };
    if (event!.type === 'ticket.called') {
      const waited = Number(p.waitedSeconds);
      add(queue, key, { called: 1, wait_sum: waited, over_norm: waited > WAIT_NORM_SECONDS ? 1 : 0, finished: 0, service_sum: 0 });
    } else {
      add(queue, key, { called: 0, wait_sum: 0, over_norm: 0, finished: 1, service_sum: Number(p.serviceSeconds) });
    }
  }
  return { ratings: sortedRows(ratings), officeHours: sortedRows(officeHours), officeDays: sortedRows(officeDays), followUps: sortedRows(followUps), queue: sortedRows(queue) };
}

let server: TestPostgres;
let url: string;
let stores: CollectorStorage[];
beforeAll(async () => {
  server = await startPostgres();
  url = await server.createDatabase();
  stores = await Promise.all([0, 1].map(() => openPostgresStore({ url, maxConnections: 3, projections: CENTRAL_PROJECTIONS })));
});
afterAll(async () => {
  await Promise.all((stores ?? []).map((store) => store.end()));
  await server?.stop();
});

describe('central rollups under re-delivery, any order and two instances (property)', () => {
  it('equal a count of the distinct events', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(ratingUnit, { maxLength: 15 }), { minLength: TERMINALS.length, maxLength: TERMINALS.length }),
        fc.array(queueUnit, { maxLength: 15 }),
        fc.array(delivery, { maxLength: 25 }),
        fc.integer({ min: 0, max: 1 }),
        async (ratingUnits, queueUnits, extra, firstInstance) => {
          await sql(url, 'TRUNCATE events, event_keys, batches, rating_rollup, rating_office_hour, rating_office_day, follow_up_rollup, queue_rollup');
          const terminalUnits: Units[] = TERMINALS.map((terminal, t) => {
            const j = journal(t + 1);
            return ratingUnits[t]!.map((unit) => {
              const at = localAt(unit.minute, terminal.offset);
              const score = Math.min(unit.score, terminal.scale);
              const rated = j.add('rating.submitted', at, { score, scale: terminal.scale, source: 'touch', window: terminal.window, ...(unit.visit ?? {}) });
              return unit.followUp === undefined ? [rated] : [rated, j.add('rating.followUp', at, { ratingId: rated.id, reason: unit.followUp })];
            });
          });
          const hubJournal = journal(9);
          const hubUnits: Units = queueUnits.map((unit) => {
            const common = { ticketId: '01936f5e-0000-7000-8000-000000000002', number: 'П-001', serviceId: unit.serviceId, window: unit.window, operatorId: unit.operatorId };
            const at = localAt(unit.minute, HUB.offset);
            return [unit.called ? hubJournal.add('ticket.called', at, { ...common, waitedSeconds: unit.seconds }) : hubJournal.add('service.finished', at, { ...common, serviceSeconds: unit.seconds })];
          });
          const devices = [...TERMINALS, HUB];
          const unitsOf = [...terminalUnits, hubUnits];
          // Every unit at least once (each device's journal in batches of 4), then the extra deliveries.
          const plan = unitsOf.flatMap((units, device) =>
            Array.from({ length: Math.ceil(units.length / 4) }, (_, b) => ({ device, start: b * 4, length: 4, instance: (b + device + firstInstance) % 2 })),
          );
          plan.push(...extra);
          const work: Promise<unknown>[] = [];
          for (const { device, start, length, instance } of plan) {
            const units = unitsOf[device]!;
            if (units.length === 0) continue;
            const from = start % units.length;
            const events = units.slice(from, from + length).flat();
            const { id, office } = devices[device]!;
            work.push(stores[instance]!.storeBatch(batchOf(id, events), '2026-11-26T10:00:00.000Z', office));
          }
          await Promise.all(work);
          expect(await rollups(url)).toEqual(reference(terminalUnits, hubUnits));
        },
      ),
      { numRuns: 25 },
    );
  });
});
