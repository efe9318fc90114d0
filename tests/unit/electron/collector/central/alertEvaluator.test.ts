import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertEvaluator, type AlertEvaluator } from '../../../../../electron/collector/central/alertEvaluator.ts';
import { centralAlerts } from '../../../../../electron/collector/central/alertStore.ts';
import { ALERT_EVALUATION_LOCK, OKNO_LOCK } from '../../../../../electron/collector/postgresMigrations.ts';
import type { AlertRules } from '../../../../../shared/central/alertRules.ts';
import { startPostgres, type TestPostgres } from '../../../../helpers/postgres.ts';
import { waitFor } from '../../../../helpers/waitFor.ts';
import { alertRows, batch, OFFICE, openStore, OTHER_OFFICE, RATING_ROLLUP, ratingEvent, rules, sql, statusEvent } from './centralFixtures.ts';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server.stop();
});

const CITY = { role: 'city', office: null } as const;
/** The timer never fires during a test: each evaluation is asked for, on the test's clock. */
const NEVER = 3_600_000;

interface Clocked {
  readonly evaluator: AlertEvaluator;
  set(iso: string): void;
}

async function withEvaluators(url: string, count: number, alertRules: AlertRules, work: (clocked: Clocked[], pool: pg.Pool) => Promise<void>): Promise<void> {
  const pools = Array.from({ length: count + 1 }, () => new pg.Pool({ connectionString: url, max: 2 }));
  // Idle connections ended by the test server's stop (57P01) are expected then, not a failure.
  for (const pool of pools) pool.on('error', () => undefined);
  const clocked = pools.slice(1).map((pool): Clocked => {
    let now = new Date(0);
    return { evaluator: startAlertEvaluator({ pool, rules: alertRules, intervalMs: NEVER, now: () => now }), set: (iso) => (now = new Date(iso)) };
  });
  try {
    await work(clocked, pools[0]!);
  } finally {
    await Promise.all(clocked.map(({ evaluator }) => evaluator.close()));
    await Promise.all(pools.map((pool) => pool.end()));
  }
}

describe('alert evaluator: a silent device', () => {
  it('opens one alert once a device has been silent longer than the rule, not again after an acknowledgement, again after it came back and went silent', async () => {
    const url = await server.createDatabase();
    const store = await openStore(url);
    try {
      await store.storeBatch(batch(1, 'mfc-tverskoy-w05', [ratingEvent(1, '2026-11-23T10:00:00.000+03:00', 5)]), '2026-11-23T07:00:00.000Z', OFFICE);
      await store.storeBatch(batch(2, 'mfc-tverskoy-w06', [ratingEvent(2, '2026-11-23T10:30:00.000+03:00', 5)]), '2026-11-23T07:30:00.000Z', OFFICE);
      await withEvaluators(url, 1, rules({ officeSatisfaction: false }), async ([clocked], pool) => {
        const { evaluator, set } = clocked!;
        set('2026-11-23T08:00:00.000Z');
        expect(await evaluator.evaluateNow()).toEqual({ ran: true, opened: 0 });
        set('2026-11-23T08:00:00.001Z');
        expect(await evaluator.evaluateNow()).toEqual({ ran: true, opened: 1 });
        expect(await alertRows(url)).toEqual([
          {
            kind: 'device-silent',
            subject: 'mfc-tverskoy-w05',
            office: OFFICE,
            window: null,
            device_id: 'mfc-tverskoy-w05',
            acknowledged: false,
            facts: { lastSeenAt: '2026-11-23T07:00:00.000Z', minutes: 60 },
          },
        ]);
        expect(await evaluator.evaluateNow()).toEqual({ ran: true, opened: 0 });
        const alerts = centralAlerts(pool);
        const [silent] = (await alerts.list('open', CITY)).alerts;
        await alerts.acknowledge(silent!.id, 'duty', 'switched off for the night', CITY);
        expect(await evaluator.evaluateNow()).toEqual({ ran: true, opened: 0 });
        // Back, and silent again.
        await store.storeBatch(batch(3, 'mfc-tverskoy-w05', [ratingEvent(3, '2026-11-23T11:05:00.000+03:00', 5)]), '2026-11-23T08:05:00.000Z', OFFICE);
        set('2026-11-23T09:06:00.000Z');
        expect(await evaluator.evaluateNow()).toEqual({ ran: true, opened: 2 });
        expect((await alertRows(url)).map((row) => [row.subject, row.acknowledged, row.facts.lastSeenAt])).toEqual([
          ['mfc-tverskoy-w05', true, '2026-11-23T07:00:00.000Z'],
          ['mfc-tverskoy-w05', false, '2026-11-23T08:05:00.000Z'],
          ['mfc-tverskoy-w06', false, '2026-11-23T07:30:00.000Z'],
        ]);
        expect(evaluator.counters).toEqual({ evaluations: 5, skipped: 0, failures: 0, opened: 3 });
      });
    } finally {
      await store.end();
    }
  });

  it('two evaluators at once open one alert; an instance finding another evaluating skips the round', async () => {
    const url = await server.createDatabase();
    const store = await openStore(url);
    try {
      await store.storeBatch(batch(1, 'mfc-tverskoy-w05', [ratingEvent(1, '2026-11-23T10:00:00.000+03:00', 5)]), '2026-11-23T07:00:00.000Z', OFFICE);
    } finally {
      await store.end();
    }
    await withEvaluators(url, 2, rules(), async (clocked, pool) => {
      for (const { set } of clocked) set('2026-11-23T09:00:00.000Z');
      const outcomes = await Promise.all(clocked.map(({ evaluator }) => evaluator.evaluateNow()));
      expect(outcomes.reduce((sum, outcome) => sum + (outcome?.ran === true ? outcome.opened : 0), 0)).toBe(1);
      expect(await alertRows(url)).toHaveLength(1);
      // Another instance holds the evaluation: this one skips, and says so.
      const holder = await pool.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT pg_advisory_xact_lock($1, $2)', [OKNO_LOCK, ALERT_EVALUATION_LOCK]);
        expect(await clocked[0]!.evaluator.evaluateNow()).toEqual({ ran: false });
        expect(clocked[0]!.evaluator.counters.skipped).toBeGreaterThanOrEqual(1);
      } finally {
        await holder.query('ROLLBACK');
        holder.release();
      }
    });
  });
});

describe('alert evaluator: an office’s day below its share', () => {
  it('opens one alert for a finished local day with enough ratings below the share, none at the share or with too few', async () => {
    const url = await server.createDatabase();
    const store = await openStore(url);
    try {
      // The offices' UTC offsets come from their devices' statuses: Tverskoy is at +03:00; Arbat has no status yet.
      await store.storeBatch(batch(1, 'mfc-tverskoy-w05', [statusEvent(1, '2026-11-23T23:00:00.000+03:00')]), '2026-11-23T20:00:00.000Z', OFFICE);
    } finally {
      await store.end();
    }
    await sql(url, RATING_ROLLUP);
    const hour = (office: string, day: string, h: number, window: string, ratings: number, topTwo: number) =>
      sql(url, `INSERT INTO rating_rollup VALUES ($1, $2::timestamp, $3, '', '', $4, $4 * 4, $5, 0)`, [office, `${day}T${String(h).padStart(2, '0')}:00:00`, window, ratings, topTwo]);
    // Tverskoy, 23 November: 20 ratings, 15 of the top two (0.75 < 0.80).
    await hour(OFFICE, '2026-11-23', 9, '1', 12, 9);
    await hour(OFFICE, '2026-11-23', 15, '2', 8, 6);
    // Tverskoy, 22 November: 20 ratings, 16 of the top two: exactly 0.80, not below.
    await hour(OFFICE, '2026-11-22', 10, '1', 20, 16);
    // Tverskoy, 21 November: 19 ratings, all low: too few to judge a day.
    await hour(OFFICE, '2026-11-21', 10, '1', 19, 0);
    // Arbat, 23 November: 30 ratings, 3 of the top two; its offset is unknown.
    await hour(OTHER_OFFICE, '2026-11-23', 11, '4', 30, 3);
    await withEvaluators(url, 1, rules({ deviceSilentMinutes: false }), async ([clocked], pool) => {
      const { evaluator, set } = clocked!;
      // 23:59 in Moscow: the day is not over.
      set('2026-11-23T20:59:00.000Z');
      expect(await evaluator.evaluateNow()).toEqual({ ran: true, opened: 0 });
      set('2026-11-23T21:00:00.000Z');
      expect(await evaluator.evaluateNow()).toEqual({ ran: true, opened: 1 });
      expect(await alertRows(url)).toEqual([
        {
          kind: 'office-satisfaction',
          subject: OFFICE,
          office: OFFICE,
          window: null,
          device_id: null,
          acknowledged: false,
          facts: { share: 0.75, threshold: 0.8, day: '2026-11-23', ratings: 20 },
        },
      ]);
      const alerts = centralAlerts(pool);
      await alerts.acknowledge((await alerts.list('open', CITY)).alerts[0]!.id, 'city.duty', 'talked to the head of the office', CITY);
      expect(await evaluator.evaluateNow()).toEqual({ ran: true, opened: 0 });
      // An office of unknown offset: its day is over when it is over in every time zone (UTC−12).
      set('2026-11-24T11:59:00.000Z');
      expect(await evaluator.evaluateNow()).toEqual({ ran: true, opened: 0 });
      set('2026-11-24T12:00:00.000Z');
      expect(await evaluator.evaluateNow()).toEqual({ ran: true, opened: 1 });
      expect((await alertRows(url)).map((row) => [row.office, row.facts.day, row.facts.share])).toEqual([
        [OFFICE, '2026-11-23', 0.75],
        [OTHER_OFFICE, '2026-11-23', 0.1],
      ]);
    });
  });
});

describe('alert evaluator: failures and the timer', () => {
  it('logs and counts a failed evaluation, keeps its timer going, and stops it on close', async () => {
    const pool = new pg.Pool({ connectionString: `${server.url.replace(/\/postgres$/, '')}/no_such_database`, max: 1 });
    pool.on('error', () => undefined);
    const logged: string[] = [];
    const evaluator = startAlertEvaluator({ pool, rules: rules(), intervalMs: 10, log: (line) => logged.push(line) });
    try {
      await waitFor(() => evaluator.counters.failures >= 2, 'two failed evaluations', 20_000);
      expect(logged[0]).toMatch(/alert evaluation failed .*no_such_database/);
      expect(await evaluator.evaluateNow()).toBeNull();
    } finally {
      await evaluator.close();
    }
    const after = evaluator.counters.failures;
    // A control evaluator on the same timer keeps failing: by its third failure a timer left set by
    // the closed one would have fired too.
    const control = startAlertEvaluator({ pool, rules: rules(), intervalMs: 10 });
    try {
      await waitFor(() => control.counters.failures >= 3, 'the control evaluator failing three times', 20_000);
    } finally {
      await control.close();
    }
    expect(evaluator.counters.failures).toBe(after);
    await pool.end();
  });
});
