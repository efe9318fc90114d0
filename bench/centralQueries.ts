/**
 * The dashboard's read queries over a city's year (docs/benchmarks.md, issue #14 item 8): p50/p95 of
 * each read-model call (electron/collector/central/centralReadModel.ts) over random questions, on a
 * database holding 10 million rating events of 139 offices × 50 windows over 2026 (plus follow-ups
 * and the office queue) and their rollups. Not a test: it measures and prints.
 *   node bench/centralQueries.ts   (OKNO_BENCH_CENTRAL_EVENTS, OKNO_BENCH_CENTRAL_QUESTIONS)
 *
 * The raw events are made in PostgreSQL with generate_series (payload and event texts as devices send
 * them) and the rollups are then built from them by rebuildRollups: the same figures the projections
 * keep batch by batch (tests/unit/electron/collector/central/rollupRebuild.test.ts checks that), in
 * minutes instead of the hours of sending 10 million events through HTTP.
 */
import pg from 'pg';
import { centralReadModel, type SqlQueries } from '../electron/collector/central/centralReadModel.ts';
import type { CentralReadModel, Scope } from '../electron/collector/central/readModel.ts';
import { rebuildRollups } from '../electron/collector/central/rollupRebuild.ts';
import { openPostgresStore } from '../electron/collector/postgresStore.ts';
import { partitionMaker } from '../electron/collector/postgresPartitions.ts';
import { startPostgres } from '../tests/helpers/postgres.ts';
import { ms, percentile } from './stats.ts';

const EVENTS = Number(process.env.OKNO_BENCH_CENTRAL_EVENTS ?? 10_000_000);
const QUESTIONS = Number(process.env.OKNO_BENCH_CENTRAL_QUESTIONS ?? 240);
const OFFICES = 139;
const WINDOWS = 50;
const RECEIVED = '2027-01-15T10:00:00.000Z';

type Report = (name: string, value: string) => void;

const officeName = (n: number): string => `mfc-${String(n).padStart(3, '0')}`;

/** Offices 0, 4, 8, … are at +05:00, the others at +03:00: their hours are local hours. */
const FILL = [
  `SELECT setseed(0.14)`,
  // Ratings: mostly good scores, 60 % linked to a visit (8 services, 3 operators per window), 08:00–20:00 local.
  `INSERT INTO events (device_id, id, seq, type, occurred_at, payload, event, batch_id, sent_at, received_at, received_on)
   SELECT device_id, id, i, 'rating.submitted', occurred_at, payload,
          '{"id":"' || id || '","seq":' || i || ',"type":"rating.submitted","occurredAt":"' || occurred_at || '","payload":' || payload || '}',
          md5('b' || (i / 50))::uuid::text, occurred_at, $2::text, $2::text::timestamptz
     FROM (SELECT i, device_id, md5(i::text)::uuid::text AS id,
                  to_char(timestamp '2026-01-01' + day * interval '1 day' + (8 + hour) * interval '1 hour' + second * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS') || '.000' || utc_offset AS occurred_at,
                  '{"score":' || CASE WHEN r < 0.6 THEN 5 WHEN r < 0.8 THEN 4 WHEN r < 0.88 THEN 3 WHEN r < 0.94 THEN 2 ELSE 1 END || ',"scale":5,"source":"touch","window":"' || window_no || '"' ||
                  CASE WHEN linked THEN ',"ticketId":"' || md5('t' || i)::uuid::text || '","ticketNumber":"A-001","serviceId":"s' || service || '","operatorId":"op-' || device_id || '-' || operator || '"' ELSE '' END || '}' AS payload
             FROM (SELECT i, 'o' || lpad(office::text, 3, '0') || '-w' || lpad(window_no::text, 2, '0') AS device_id, window_no,
                          CASE WHEN office % 4 = 0 THEN '+05:00' ELSE '+03:00' END AS utc_offset,
                          floor(random() * 365)::int AS day, floor(random() * 12)::int AS hour, floor(random() * 3600)::int AS second,
                          random() AS r,
                          random() < 0.6 AS linked, 1 + floor(random() * 8)::int AS service, 1 + floor(random() * 3)::int AS operator
                     FROM (SELECT i, (i % ${OFFICES * WINDOWS}) / ${WINDOWS} AS office, 1 + i % ${WINDOWS} AS window_no FROM generate_series(1, $1::int) AS i) AS n) AS r) AS e`,
  // A follow-up after half the low scores, right after the rating.
  `INSERT INTO events (device_id, id, seq, type, occurred_at, payload, event, batch_id, sent_at, received_at, received_on)
   SELECT device_id, md5('f' || id)::uuid::text, seq + 1, 'rating.followUp', occurred_at, payload, payload, batch_id, sent_at, received_at, received_on
     FROM (SELECT *, '{"ratingId":"' || id || '","reason":"' || (ARRAY['waiting','politeness','competence','comfort','information'])[1 + seq % 5] || '"}' AS payload
             FROM (SELECT device_id, id, seq, occurred_at, batch_id, sent_at, received_at, received_on FROM events
                    WHERE type = 'rating.submitted' AND seq % 2 = 0 AND substr(payload, 10, 1) IN ('1', '2')) AS low) AS f`,
  // The office queue: one hub per office, a call and a finished visit per 10 ratings.
  `INSERT INTO events (device_id, id, seq, type, occurred_at, payload, event, batch_id, sent_at, received_at, received_on)
   SELECT device_id, md5('q' || i)::uuid::text, i, type, occurred_at, payload, payload, md5('qb' || (i / 50))::uuid::text, occurred_at, $2::text, $2::text::timestamptz
     FROM (SELECT i, 'o' || lpad(office::text, 3, '0') || '-hub' AS device_id, type,
                  to_char(timestamp '2026-01-01' + floor(random() * 365) * interval '1 day' + (8 + floor(random() * 12)) * interval '1 hour', 'YYYY-MM-DD"T"HH24:MI:SS') || '.000' ||
                  CASE WHEN office % 4 = 0 THEN '+05:00' ELSE '+03:00' END AS occurred_at,
                  '{"ticketId":"' || md5('qt' || i)::uuid::text || '","number":"A-001","serviceId":"s' || (1 + floor(random() * 8)::int) || '","window":"' || (1 + floor(random() * ${WINDOWS})::int) ||
                  '","operatorId":"op-' || (1 + floor(random() * 3)::int) || '",' ||
                  CASE WHEN type = 'ticket.called' THEN '"waitedSeconds":' || floor(random() * random() * 3600)::int ELSE '"serviceSeconds":' || (60 + floor(random() * 1200)::int) END || '}' AS payload
             FROM (SELECT i, i % ${OFFICES} AS office, CASE WHEN i % 2 = 0 THEN 'ticket.called' ELSE 'service.finished' END AS type
                     FROM generate_series(1, $1::int / 5) AS i) AS n) AS q`,
] as const;

export async function fill(url: string, report: Report): Promise<void> {
  // The store creates the schema (migrations); the month the events were "received" gets its partition.
  const store = await openPostgresStore({ url });
  await store.end();
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await partitionMaker(pool).ensure(RECEIVED);
    const client = await pool.connect();
    try {
      let t0 = performance.now();
      for (const statement of FILL) await client.query(statement, statement.includes('$1') ? [EVENTS, RECEIVED] : []);
      const counted = await client.query<{ type: string; n: string }>('SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY type');
      report('central: raw events generated', `${counted.rows.map((row) => `${row.type} ${Number(row.n).toLocaleString('en')}`).join(', ')} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      const offices = new Map<string, string>();
      for (let o = 0; o < OFFICES; o += 1) {
        offices.set(`o${String(o).padStart(3, '0')}-hub`, officeName(o));
        for (let w = 1; w <= WINDOWS; w += 1) offices.set(`o${String(o).padStart(3, '0')}-w${String(w).padStart(2, '0')}`, officeName(o));
      }
      t0 = performance.now();
      await rebuildRollups(client, offices);
      report('central: rollups built from the events', `${((performance.now() - t0) / 1000).toFixed(0)} s`);
      t0 = performance.now();
      // After a bulk load, as autovacuum would do later: fresh statistics, and the visibility map that lets index-only scans skip the table.
      await client.query('VACUUM ANALYZE rating_rollup, rating_office_hour, rating_office_day, follow_up_rollup, queue_rollup');
      report('central: VACUUM ANALYZE of the rollups', `${((performance.now() - t0) / 1000).toFixed(0)} s`);
      const sizes = await client.query<{ name: string; rows: string; size: string }>(
        `SELECT relname AS name, n_live_tup::text AS rows, pg_size_pretty(pg_total_relation_size(relid)) AS size FROM pg_stat_user_tables
          WHERE relname IN ('rating_rollup', 'rating_office_hour', 'rating_office_day', 'follow_up_rollup', 'queue_rollup') ORDER BY relname`,
      );
      for (const row of sizes.rows) report(`central: ${row.name}`, `${Number(row.rows).toLocaleString('en')} rows, ${row.size}`);
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}

/** A random question: a period of 1 day, 1 month or 1 quarter in 2026, asked by the city or by one office. */
function question(random: () => number): { from: string; to: string; scope: Scope; office: string | undefined; days: number } {
  const days = [1, 30, 91][Math.floor(random() * 3)]!;
  const start = Date.UTC(2026, 0, 1) + Math.floor(random() * (365 - days + 1)) * 86_400_000;
  const from = new Date(start).toISOString().slice(0, 10);
  const to = new Date(start + (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const office = officeName(Math.floor(random() * OFFICES));
  const asOffice = random() < 0.5;
  return { from, to, days, scope: asOffice ? { role: 'office', office } : { role: 'city', office: null }, office: asOffice ? undefined : random() < 0.3 ? office : undefined };
}

type Call = 'overview' | 'drill' | 'heatmap' | 'followUps' | 'queue';
const CALLS: readonly Call[] = ['overview', 'drill', 'heatmap', 'followUps', 'queue'];
const LEVELS = ['office', 'window', 'service', 'operator'] as const;

async function ask(model: CentralReadModel, call: Call, random: () => number): Promise<void> {
  const q = question(random);
  const period = { from: q.from, to: q.to, ...(q.office === undefined ? {} : { office: q.office }) };
  if (call !== 'drill') {
    await model[call](period, q.scope);
    return;
  }
  // The page drills from an office: below the office level a city account's question names one.
  const level = LEVELS[Math.floor(random() * LEVELS.length)]!;
  const office = level === 'office' ? q.office : (q.office ?? officeName(Math.floor(random() * OFFICES)));
  const window = level === 'service' || level === 'operator' ? String(1 + Math.floor(random() * WINDOWS)) : undefined;
  await model.drill({ from: q.from, to: q.to, level, ...(office === undefined ? {} : { office }), ...(window === undefined ? {} : { window }) }, q.scope);
}

function seeded(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

async function measure(url: string, report: Report): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined);
  try {
    const model = centralReadModel(pool);
    const random = seeded(14);
    // Warm-up: the caches as a running collector has them.
    for (const call of CALLS) for (let i = 0; i < 20; i += 1) await ask(model, call, random);
    for (const call of CALLS) {
      const samples: number[] = [];
      for (let i = 0; i < QUESTIONS; i += 1) {
        const t0 = performance.now();
        await ask(model, call, random);
        samples.push(performance.now() - t0);
      }
      report(`central: ${call} p50 / p95 / max (${QUESTIONS} questions)`, `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 95))} / ${ms(Math.max(...samples))}`);
    }
    await explainSlowest(pool, report);
  } finally {
    await pool.end();
  }
}

/** The plans of a city-wide quarter, the largest question, for each call: which index each reads. */
async function explainSlowest(pool: pg.Pool, report: Report): Promise<void> {
  const plans: string[] = [];
  const explaining: SqlQueries = {
    async query(text, values) {
      const plan = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF, BUFFERS) ${text}`, values);
      plans.push(`${text.replace(/\s+/g, ' ').slice(0, 140)}…\n${plan.rows.map((row) => `    ${row['QUERY PLAN']}`).join('\n')}`);
      return pool.query(text, values);
    },
  };
  const model = centralReadModel(explaining);
  const city: Scope = { role: 'city', office: null };
  const quarter = { from: '2026-04-01', to: '2026-06-30' };
  await model.overview(quarter, city);
  await model.heatmap(quarter, city);
  await model.followUps(quarter, city);
  await model.queue(quarter, city);
  await model.drill({ ...quarter, level: 'office' }, city);
  await model.drill({ ...quarter, level: 'operator', office: officeName(7), window: '5' }, city);
  if (process.env.OKNO_BENCH_CENTRAL_PLANS === '1') for (const plan of plans) console.log(plan);
  report('central: plans', `${plans.length} statements explained (OKNO_BENCH_CENTRAL_PLANS=1 prints them)`);
}

export async function benchCentralQueries(report: Report): Promise<void> {
  const server = await startPostgres();
  try {
    const url = await server.createDatabase();
    await fill(url, report);
    await measure(url, report);
  } finally {
    await server.stop();
  }
}

if (import.meta.main) {
  await benchCentralQueries((name, value) => console.log(`${name.padEnd(60)} ${value}`));
}
