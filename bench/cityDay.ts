/**
 * A city day through the central side (issue #14, item 8; `npm run bench` runs it last; alone:
 * `npm run build && node bench/cityDay.ts`). Not a test: it measures and prints.
 *
 * Moscow: ~139 offices, ~7,000 windows. Per window and day: 100 ratings (`rating.submitted`) and a
 * `device.status` every 5 minutes over 12 hours (144) from its rating terminal; 100 tickets, each
 * `ticket.issued` by the office's dispenser and `ticket.received`, `ticket.called`, `service.started`,
 * `service.finished` by its hub: 744 events a window, 5.2 million a day. Every device sends its day
 * as a backlog (batches of up to 500, gzip), 200 devices at a time, to 2 `okno collector` instances on
 * the bench's own PostgreSQL (bench/centralPostgres.ts). Reported: wall time, the database's size in
 * all and per table, and the rollup lag (last batch answered → a query sees every rating in the rollups).
 * OKNO_BENCH_CITY_WINDOWS scales the city (default 7,000; offices have 50 windows).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { CENTRAL_PROJECTIONS } from '../electron/collector/central/projections.ts';
import type { JournalRow } from '../electron/core/sync/batching.ts';
import { deliver, drafts, journalRows, newTally, ratingPayload, withTransport, writeFleetDevicesFile, type SimulatedDevice } from '../tests/helpers/simulatedFleet.ts';
import { preparedBodies, startCollectorProcess, type Fleet } from './centralIngest.ts';
import { startCityPostgres } from './centralPostgres.ts';

const WINDOWS = Number(process.env.OKNO_BENCH_CITY_WINDOWS ?? 7_000);
const WINDOWS_PER_OFFICE = 50;
const RATINGS = 100;
const TICKETS = 100;
const STATUSES = (12 * 60) / 5;
const SENDERS = 200;
const INSTANCES = 2;
/** A query returning one row `{ n }`: the ratings the rollups count for the day (the finest rollup and the office days: they must agree). */
const ROLLUP_SQL: string | undefined =
  process.env.OKNO_BENCH_ROLLUP_SQL ?? 'SELECT least((SELECT coalesce(sum(ratings), 0) FROM rating_rollup), (SELECT coalesce(sum(ratings), 0) FROM rating_office_day)) AS n';

type Report = (name: string, value: string) => void;

const DAY = Date.UTC(2026, 10, 23, 5, 0); // 08:00 in Moscow
const token = (id: string): string => `${id}-token-0123456789abcdef`;

/** Spread `count` events over the 12 hours, `make(i)` for each. */
const overDay = (count: number, make: (i: number) => { type: string; payload: object }): JournalRow[] => {
  const rows = journalRows(count, DAY, make);
  const step = (12 * 3600_000) / count;
  return rows.map((row, i) => ({ ...row, occurredAt: `${new Date(DAY + 3 * 3600_000 + Math.floor(i * step)).toISOString().slice(0, 23)}+03:00` }));
};

const status = (i: number): object => ({
  reason: i === 0 ? 'start' : 'periodic',
  version: '0.1.0',
  mode: 'rating',
  backlog: i % 7,
  oldestUnsentAt: null,
  clockOffsetMs: -42,
  buttons: 'connected',
  printer: 'none',
  storage: 'ok',
  storageProblem: null,
  hub: 'connected',
  failedWrites: 0,
});

/** A ticket's id (the hub writes a UUID): office, window (0 for the dispenser's) and number, readable in the last group. */
const ticketId = (office: number, window: number, i: number): string => `00000000-0000-4000-8000-${String(office).padStart(4, '0')}${String(window).padStart(2, '0')}${String(i).padStart(6, '0')}`;

const TICKET_STEPS = ['ticket.received', 'ticket.called', 'service.started', 'service.finished'] as const;

interface CityDevice {
  readonly device: SimulatedDevice;
  readonly rows: () => JournalRow[];
}

function city(): CityDevice[] {
  const offices = Math.ceil(WINDOWS / WINDOWS_PER_OFFICE);
  const out: CityDevice[] = [];
  for (let o = 0; o < offices; o += 1) {
    const office = `mfc-${String(o).padStart(3, '0')}`;
    const windows = Math.min(WINDOWS_PER_OFFICE, WINDOWS - o * WINDOWS_PER_OFFICE);
    const tickets = windows * TICKETS;
    for (let w = 1; w <= windows; w += 1) {
      const id = `${office}-w${String(w).padStart(2, '0')}`;
      const ratings = overDay(RATINGS, (i) => ({ type: 'rating.submitted', payload: { ...ratingPayload(i, String(w)), ticketId: ticketId(o, w, i), serviceId: `s${i % 8}`, operatorId: `op-${o}-${w}` } }));
      out.push({ device: { id, token: token(id), office }, rows: () => [...ratings, ...overDay(STATUSES, (i) => ({ type: 'device.status', payload: status(i) }))].map((row, i) => ({ ...row, seq: i + 1 })) });
    }
    const dispenser = `${office}-dispenser`;
    out.push({ device: { id: dispenser, token: token(dispenser), office }, rows: () => overDay(tickets, (i) => ({ type: 'ticket.issued', payload: { ticketId: ticketId(o, 0, i), number: `A-${i % 1000}`, service: `s${i % 8}`, printed: 'yes' } })) });
    const hub = `${office}-hub`;
    out.push({
      device: { id: hub, token: token(hub), office },
      rows: () =>
        overDay(tickets * TICKET_STEPS.length, (i) => {
          const t = Math.floor(i / TICKET_STEPS.length);
          const window = String(1 + (t % windows));
          const type = TICKET_STEPS[i % TICKET_STEPS.length]!;
          const ticket = { ticketId: ticketId(o, 0, t), number: `A-${t % 1000}`, serviceId: `s${t % 8}` };
          const at = { window, operatorId: `op-${o}-${window}` };
          // Each step's payload as docs/events.md has it (strict schemas: an extra field is a malformed event the rollups skip).
          if (type === 'ticket.received') return { type, payload: { ...ticket, priority: null, day: '2026-11-23', issuedAt: '2026-11-23T08:00:00.000+03:00', dispenserId: dispenser, sourceEventId: ticketId(o, 99, t) } };
          if (type === 'ticket.called') return { type, payload: { ...ticket, ...at, waitedSeconds: 300 + (t % 600) } };
          if (type === 'service.started') return { type, payload: { ...ticket, ...at } };
          return { type, payload: { ...ticket, ...at, serviceSeconds: 240 + (t % 300) } };
        }),
    });
  }
  return out;
}

const sizeRow = z.object({ name: z.string(), bytes: z.string().regex(/^\d+$/).transform(Number) });
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export async function benchCityDay(report: Report): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'okno-bench-city-'));
  const server = await startCityPostgres();
  try {
    const devices = city();
    const devicesFile = writeFleetDevicesFile(
      work,
      devices.map(({ device }) => device),
    );
    const database = await server.createDatabase();
    const collectors = await Promise.all(Array.from({ length: INSTANCES }, () => startCollectorProcess(database, devicesFile)));
    try {
      // Bodies built and compressed before the clock starts: the devices' CPUs do this in a city, not the collector's.
      const t0 = performance.now();
      const fleet: Fleet[] = [];
      for (const { device, rows } of devices) {
        const batches = drafts(rows(), 500);
        fleet.push({ device, batches, bodies: await preparedBodies(device, batches) });
      }
      const events = fleet.reduce((sum, { batches }) => sum + batches.reduce((s, batch) => s + batch.count, 0), 0);
      const ratings = devices.filter(({ device }) => /-w\d+$/.test(device.id)).length * RATINGS;
      console.log(`city day: ${WINDOWS} windows, ${devices.length} devices, ${events.toLocaleString('en')} events (built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

      const endpoints = collectors.map((collector) => collector.url);
      const tally = newTally();
      let next = 0;
      let taken = 0;
      const load0 = loadavg()[0]!;
      const started = performance.now();
      // 200 devices at a time, each sending its day one batch after another.
      await Promise.all(
        Array.from({ length: SENDERS }, () =>
          withTransport(async (transport) => {
            for (let d = taken++; d < fleet.length; d = taken++) {
              const { device, batches, bodies } = fleet[d]!;
              for (const [i, draft] of batches.entries()) {
                const body = bodies[i]!;
                await deliver(transport, device, draft, () => Promise.resolve(body), { endpoint: () => endpoints[(next += 1) % endpoints.length]!, backoff: { minMs: 50, maxMs: 1_000 }, timeoutMs: 60_000, maxAttempts: 20, tally });
              }
            }
          }),
        ),
      );
      const lastAnswer = performance.now();
      const wall = (lastAnswer - started) / 1000;
      const load1 = loadavg()[0]!;

      const client = new pg.Client({ connectionString: database });
      await client.connect();
      try {
        let lag = 'no projections on this build (CENTRAL_PROJECTIONS is empty): nothing to lag';
        if (CENTRAL_PROJECTIONS.length > 0) {
          if (ROLLUP_SQL === undefined) {
            lag = 'not measured: set OKNO_BENCH_ROLLUP_SQL to a query returning { n }, the ratings the rollups count';
          } else {
            // Projections run in each batch's transaction, so this should hold at the first look.
            let seen = 0;
            for (let i = 0; i < 600 && seen < ratings; i += 1) {
              seen = z.object({ n: z.coerce.number() }).parse((await client.query(ROLLUP_SQL)).rows[0]).n;
              if (seen < ratings) await new Promise((resolve) => setTimeout(resolve, 50));
            }
            lag = seen >= ratings ? `${(performance.now() - lastAnswer).toFixed(0)} ms (${seen} ratings in the rollups)` : `the rollups count ${seen} of ${ratings} ratings after 30 s`;
          }
        }
        const stored = z.object({ n: z.coerce.number() }).parse((await client.query('SELECT count(*) AS n FROM events')).rows[0]).n;
        if (stored !== events) throw new Error(`${stored} events stored, ${events} sent`);
        const total = z.object({ bytes: z.coerce.number() }).parse((await client.query('SELECT pg_database_size(current_database()) AS bytes')).rows[0]).bytes;
        // Each table with its indexes and TOAST; the partitions of `events` summed under it.
        const tables = z.array(sizeRow).parse(
          (
            await client.query(
              `SELECT coalesce(parent.relname, c.relname) AS name, sum(pg_total_relation_size(c.oid))::text AS bytes
                 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 LEFT JOIN pg_inherits i ON i.inhrelid = c.oid LEFT JOIN pg_class parent ON parent.oid = i.inhparent
                WHERE n.nspname = 'public' AND c.relkind = 'r'
                GROUP BY 1 ORDER BY sum(pg_total_relation_size(c.oid)) DESC`,
            )
          ).rows,
        );
        report(`city day: ${WINDOWS.toLocaleString('en')} windows, ${events.toLocaleString('en')} events, ${INSTANCES} instances`, `${wall.toFixed(1)} s wall, ${Math.round(events / wall).toLocaleString('en')} events/s (load ${load0.toFixed(1)}→${load1.toFixed(1)}, retries ${JSON.stringify(Object.fromEntries(tally.retries))})`);
        report('city day: database size', `${mb(total)} (${(total / events).toFixed(0)} B/event)`);
        report('city day: per table (with indexes)', tables.map((table) => `${table.name} ${mb(table.bytes)}`).join(', '));
        report('city day: rollup lag', lag);
      } finally {
        await client.end();
      }
    } finally {
      await Promise.all(collectors.map((collector) => collector.stop()));
    }
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  await benchCityDay((name, value) => console.log(`${name.padEnd(52)} ${value}`));
}
