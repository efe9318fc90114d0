import { z } from 'zod';
import {
  drillSchema,
  followUpsSchema,
  heatmapSchema,
  OPERATOR_MIN_RATINGS,
  overviewSchema,
  queueFiguresSchema,
  type Devices,
  type Drill,
  type DrillQuery,
  type FollowUps,
  type Heatmap,
  type Overview,
  type PeriodQuery,
  type QueueFigures,
  type QueueRow,
  type Satisfaction,
} from '../../../shared/central/dashboardApi.ts';
import { FOLLOW_UP_REASONS } from '../../../shared/followUp.ts';
import { addDays, daysOf, officeOfQuestion, previousPeriod } from './period.ts';
import type { CentralReadModel, Scope } from './readModel.ts';

/**
 * The dashboard's figures, read from the rollups only (migration 2, central/*Rollup.ts), never from
 * raw events: the overview and the office level of the drill-down from rating_office_day, the heat map
 * from rating_office_hour, the levels below the office from rating_rollup, follow-ups and the queue from
 * theirs. Each question reads one period's rows of one office (the primary keys lead with the office)
 * or of the whole city (an index by hour or day). Every answer is checked against the dashboard's
 * contract (shared/central/dashboardApi.ts) before it leaves.
 *
 * `devices` (each device's latest status) is another module's: pass it in, or it answers with an error.
 */
/** What the read model needs of the database: a pg.Pool (or anything that runs a statement the same way). */
export interface SqlQueries {
  query(text: string, values: unknown[]): Promise<{ readonly rows: readonly unknown[] }>;
}

export interface CentralReadModelOptions {
  readonly devices?: (scope: Scope) => Promise<Devices>;
}

// Sums come back as float8: plain numbers, exact for whole numbers below 2^53 (bigint would be text).
const sums = z.object({ ratings: z.number(), score_sum: z.number(), top_two: z.number() });
type Sums = z.infer<typeof sums>;
const SUMS = 'sum(ratings)::float8 AS ratings, sum(score_sum)::float8 AS score_sum, sum(top_two)::float8 AS top_two';
const noSums: Sums = { ratings: 0, score_sum: 0, top_two: 0 };
const plus = (a: Sums, b: Sums): Sums => ({ ratings: a.ratings + b.ratings, score_sum: a.score_sum + b.score_sum, top_two: a.top_two + b.top_two });

export function satisfaction({ ratings, score_sum, top_two }: Sums): Satisfaction {
  if (ratings === 0) return { count: 0, average: null, topTwoShare: null };
  return { count: ratings, average: score_sum / ratings, topTwoShare: top_two / ratings };
}

/** Windows "2" before "10"; the same order on every instance. */
const keyOrder = new Intl.Collator('en', { numeric: true });

/** A WHERE clause's office condition: none for the city, else `office = $n` (never a value in the text). */
function officeCondition(office: string | null, parameters: unknown[]): string {
  if (office === null) return '';
  parameters.push(office);
  return ` AND office = $${parameters.length}`;
}

const DRILL_COLUMN = { window: '"window"', service: 'service', operator: 'operator' } as const;

export function centralReadModel(pool: SqlQueries, options: CentralReadModelOptions = {}): CentralReadModel {
  const rows = async <T>(schema: z.ZodType<T>, text: string, parameters: unknown[]): Promise<T[]> => z.array(schema).parse((await pool.query(text, parameters)).rows);

  async function overview(query: PeriodQuery, scope: Scope): Promise<Overview> {
    const office = officeOfQuestion(query, scope);
    const previous = previousPeriod(query.from, query.to);
    const byOfficeParameters: unknown[] = [previous.from, query.from, query.to];
    const byOfficeSql = `SELECT office, day >= $2::date AS current, ${SUMS} FROM rating_office_day
       WHERE day >= $1::date AND day <= $3::date${officeCondition(office, byOfficeParameters)} GROUP BY office, current`;
    const dailyParameters: unknown[] = [query.from, query.to];
    const dailySql = `SELECT day::text AS day, ${SUMS} FROM rating_office_day
       WHERE day >= $1::date AND day <= $2::date${officeCondition(office, dailyParameters)} GROUP BY day`;
    const [byOffice, daily] = await Promise.all([
      rows(sums.extend({ office: z.string(), current: z.boolean() }), byOfficeSql, byOfficeParameters),
      rows(sums.extend({ day: z.string() }), dailySql, dailyParameters),
    ]);

    const offices = new Map<string, { current: Sums; previous: Sums }>();
    let current = noSums;
    let before = noSums;
    for (const row of byOffice) {
      const entry = offices.get(row.office) ?? { current: noSums, previous: noSums };
      if (row.current) {
        entry.current = plus(entry.current, row);
        current = plus(current, row);
      } else {
        entry.previous = plus(entry.previous, row);
        before = plus(before, row);
      }
      offices.set(row.office, entry);
    }
    const perDay = new Map(daily.map((row) => [row.day, row]));
    const ranked = [...offices]
      .map(([name, figures]) => ({ office: name, current: satisfaction(figures.current), previous: satisfaction(figures.previous) }))
      .sort(
        (a, b) =>
          (b.current.topTwoShare ?? -1) - (a.current.topTwoShare ?? -1) || b.current.count - a.current.count || keyOrder.compare(a.office, b.office),
      );
    return overviewSchema.parse({
      period: { from: query.from, to: query.to },
      previous,
      current: satisfaction(current),
      previousFigures: satisfaction(before),
      daily: daysOf(query.from, query.to).map((day) => ({ day, ...satisfaction(perDay.get(day) ?? noSums) })),
      offices: ranked,
    });
  }

  async function drill(query: DrillQuery, scope: Scope): Promise<Drill> {
    const office = officeOfQuestion(query, scope);
    let found: (Sums & { key: string })[];
    if (query.level === 'office') {
      const parameters: unknown[] = [query.from, query.to];
      found = await rows(
        sums.extend({ key: z.string() }),
        `SELECT office AS key, ${SUMS} FROM rating_office_day WHERE day >= $1::date AND day <= $2::date${officeCondition(office, parameters)} GROUP BY office`,
        parameters,
      );
    } else {
      const parameters: unknown[] = [query.from, addDays(query.to, 1)];
      let where = `hour >= $1::timestamp AND hour < $2::timestamp${officeCondition(office, parameters)}`;
      // Each level is narrowed by the levels above it that the question gives.
      const above = query.level === 'window' ? [] : query.level === 'service' ? (['window'] as const) : (['window', 'service'] as const);
      for (const level of above) {
        const value = query[level];
        if (value === undefined) continue;
        parameters.push(value);
        where += ` AND ${DRILL_COLUMN[level]} = $${parameters.length}`;
      }
      const column = DRILL_COLUMN[query.level];
      found = await rows(sums.extend({ key: z.string() }), `SELECT ${column} AS key, ${SUMS} FROM rating_rollup WHERE ${where} GROUP BY ${column}`, parameters);
    }
    return drillSchema.parse({
      level: query.level,
      rows: found
        .sort((a, b) => keyOrder.compare(a.key, b.key))
        .map((row) => {
          // Privacy: a person's figures only from OPERATOR_MIN_RATINGS ratings on. '' is no person (ratings not linked to a visit).
          const withheld = query.level === 'operator' && row.key !== '' && row.ratings < OPERATOR_MIN_RATINGS;
          return { key: row.key, withheld, figures: withheld ? satisfaction(noSums) : satisfaction(row) };
        }),
    });
  }

  async function heatmap(query: PeriodQuery, scope: Scope): Promise<Heatmap> {
    const parameters: unknown[] = [query.from, addDays(query.to, 1)];
    const sql = `SELECT extract(isodow FROM hour)::int AS weekday, extract(hour FROM hour)::int AS hour, ${SUMS} FROM rating_office_hour
       WHERE hour >= $1::timestamp AND hour < $2::timestamp${officeCondition(officeOfQuestion(query, scope), parameters)} GROUP BY 1, 2`;
    const found = await rows(sums.extend({ weekday: z.number().int(), hour: z.number().int() }), sql, parameters);
    const cell = new Map(found.map((row) => [row.weekday * 100 + row.hour, row]));
    const cells = [];
    for (let weekday = 1; weekday <= 7; weekday += 1) {
      for (let hour = 0; hour < 24; hour += 1) cells.push({ weekday, hour, figures: satisfaction(cell.get(weekday * 100 + hour) ?? noSums) });
    }
    return heatmapSchema.parse({ cells });
  }

  async function followUps(query: PeriodQuery, scope: Scope): Promise<FollowUps> {
    const parameters: unknown[] = [query.from, addDays(query.to, 1)];
    const sql = `SELECT reason, sum(n)::float8 AS n FROM follow_up_rollup
       WHERE hour >= $1::timestamp AND hour < $2::timestamp${officeCondition(officeOfQuestion(query, scope), parameters)} GROUP BY reason`;
    const found = new Map((await rows(z.object({ reason: z.string(), n: z.number() }), sql, parameters)).map((row) => [row.reason, row.n]));
    return followUpsSchema.parse({ rows: FOLLOW_UP_REASONS.map((reason) => ({ reason, count: found.get(reason) ?? 0 })) });
  }

  async function queue(query: PeriodQuery, scope: Scope): Promise<QueueFigures> {
    const parameters: unknown[] = [query.from, addDays(query.to, 1)];
    // First one sum per (service, window) over the period (a plain GROUP BY, which PostgreSQL can run in
    // parallel), then the total, per service and per window from those few rows.
    const sql = `SELECT grouping(service, "window") AS grouped, coalesce(service, '') AS service, coalesce("window", '') AS "window",
              coalesce(sum(called), 0)::float8 AS called, coalesce(sum(wait_sum), 0)::float8 AS wait_sum,
              coalesce(sum(over_norm), 0)::float8 AS over_norm, coalesce(sum(finished), 0)::float8 AS finished,
              coalesce(sum(service_sum), 0)::float8 AS service_sum
         FROM (SELECT service, "window", sum(called) AS called, sum(wait_sum) AS wait_sum, sum(over_norm) AS over_norm,
                      sum(finished) AS finished, sum(service_sum) AS service_sum
                 FROM queue_rollup
                WHERE hour >= $1::timestamp AND hour < $2::timestamp${officeCondition(officeOfQuestion(query, scope), parameters)}
                GROUP BY service, "window") AS cells
        GROUP BY GROUPING SETS ((), (service), ("window"))`;
    const queueSums = z.object({
      grouped: z.number().int(),
      service: z.string(),
      window: z.string(),
      called: z.number(),
      wait_sum: z.number(),
      over_norm: z.number(),
      finished: z.number(),
      service_sum: z.number(),
    });
    const found = await rows(queueSums, sql, parameters);
    const figures = (key: string, row: z.infer<typeof queueSums> | undefined): QueueRow => ({
      key,
      called: row?.called ?? 0,
      averageWaitSeconds: row !== undefined && row.called > 0 ? row.wait_sum / row.called : null,
      overNormShare: row !== undefined && row.called > 0 ? row.over_norm / row.called : null,
      finished: row?.finished ?? 0,
      averageServiceSeconds: row !== undefined && row.finished > 0 ? row.service_sum / row.finished : null,
    });
    // The empty grouping set gives the total row even without any queue row (its sums 0).
    // grouping(): 3 = the total, 1 = per service ("window" rolled up), 2 = per window.
    const of = (grouped: number, key: (row: z.infer<typeof queueSums>) => string): QueueRow[] =>
      found
        .filter((row) => row.grouped === grouped)
        .map((row) => figures(key(row), row))
        .sort((a, b) => keyOrder.compare(a.key, b.key));
    return queueFiguresSchema.parse({
      total: figures('', found.find((row) => row.grouped === 3)),
      byService: of(1, (row) => row.service),
      byWindow: of(2, (row) => row.window),
    });
  }

  function devices(scope: Scope): Promise<Devices> {
    if (options.devices === undefined) return Promise.reject(new Error('devices: not built into centralReadModel: pass options.devices (the device health module)'));
    return options.devices(scope);
  }

  return { overview, drill, heatmap, followUps, queue, devices };
}
