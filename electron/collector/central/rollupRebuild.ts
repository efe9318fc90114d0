import type pg from 'pg';
import { WAIT_NORM_SECONDS } from '../../../shared/central/dashboardApi.ts';
import { FOLLOW_UP_REASONS } from '../../../shared/followUp.ts';
import { FOLLOW_UP_TYPE } from './followUpRollup.ts';
import { LOW_SCORE_MAX, RATING_TYPE } from './ratingRollup.ts';

/**
 * Builds every rollup again from the stored events, in one transaction: for a database restored
 * without its rollups, or after a defect of a projection. The same figures as the projections
 * (tests/unit/electron/collector/central/rollupRebuild.test.ts compares them), computed in SQL with
 * GROUP BY. The offices are today's devices file (events do not carry their office): a device moved to
 * another office since is counted in its new one.
 *
 * TRUNCATE takes the rollups' exclusive lock first, so a batch being stored meanwhile either committed
 * before (its events are read here) or waits for the rebuild to commit and then adds its own events,
 * which the rebuild could not see: nothing is counted twice or lost. The validity checks are those of
 * the fields read (a payload the projections skip for another reason, e.g. an unknown extra field,
 * is counted here).
 */
export const REBUILD: readonly (readonly [sql: string, parameters: 'offices' | 'reasons' | 'none'])[] = [
  ['TRUNCATE rating_rollup, rating_office_hour, rating_office_day, follow_up_rollup, queue_rollup', 'none'],
  ['CREATE TEMPORARY TABLE rebuild_offices (device_id text PRIMARY KEY, office text NOT NULL) ON COMMIT DROP', 'none'],
  ['INSERT INTO rebuild_offices SELECT * FROM unnest($1::text[], $2::text[])', 'offices'],
  // Without statistics the planner guesses a size for the new table, and may join it in a loop per event.
  ['ANALYZE rebuild_offices', 'none'],
  // The same for events freshly loaded (a restore): the follow-ups' join to their ratings must be a hash join.
  ['ANALYZE events', 'none'],
  // CASE, not AND: PostgreSQL may evaluate a cast before the check beside it. OFFSET 0 keeps the
  // LATERAL subquery whole, so each payload is parsed once rather than at every use of p.
  [`INSERT INTO rating_rollup (office, hour, "window", service, operator, ratings, score_sum, top_two, low)
   SELECT office, hour, "window", service, operator, count(*), sum(score),
          count(*) FILTER (WHERE score >= scale - 1), count(*) FILTER (WHERE score <= ${LOW_SCORE_MAX})
     FROM (SELECT coalesce(o.office, '') AS office, (substr(e.occurred_at, 1, 13) || ':00:00')::timestamp AS hour,
                  p ->> 'window' AS "window", coalesce(p ->> 'serviceId', '') AS service, coalesce(p ->> 'operatorId', '') AS operator,
                  CASE WHEN (p -> 'score')::text ~ '^[1-5]$' THEN (p ->> 'score')::int END AS score,
                  CASE WHEN (p -> 'scale')::text ~ '^[3-5]$' THEN (p ->> 'scale')::int END AS scale
             FROM events AS e LEFT JOIN rebuild_offices AS o USING (device_id), LATERAL (SELECT e.payload::jsonb AS p OFFSET 0) AS j
            WHERE e.type = '${RATING_TYPE}' AND jsonb_typeof(p -> 'window') = 'string'
              AND coalesce(jsonb_typeof(p -> 'serviceId'), 'string') = 'string' AND coalesce(jsonb_typeof(p -> 'operatorId'), 'string') = 'string') AS ratings
    WHERE score <= scale
    GROUP BY office, hour, "window", service, operator`, 'none'],
  [`INSERT INTO rating_office_hour (office, hour, ratings, score_sum, top_two, low)
   SELECT office, hour, sum(ratings), sum(score_sum), sum(top_two), sum(low) FROM rating_rollup GROUP BY office, hour`, 'none'],
  [`INSERT INTO rating_office_day (office, day, ratings, score_sum, top_two, low)
   SELECT office, hour::date, sum(ratings), sum(score_sum), sum(top_two), sum(low) FROM rating_office_hour GROUP BY office, hour::date`, 'none'],
  [`INSERT INTO follow_up_rollup (office, hour, "window", reason, n)
   SELECT coalesce(o.office, ''), (substr(f.occurred_at, 1, 13) || ':00:00')::timestamp, coalesce(r.payload::jsonb ->> 'window', ''), f.payload::jsonb ->> 'reason', count(*)
     FROM events AS f LEFT JOIN rebuild_offices AS o USING (device_id)
     LEFT JOIN events AS r ON r.device_id = f.device_id AND r.id = f.payload::jsonb ->> 'ratingId' AND r.type = '${RATING_TYPE}'
    WHERE f.type = '${FOLLOW_UP_TYPE}' AND f.payload::jsonb ->> 'reason' = ANY($1::text[])
    GROUP BY 1, 2, 3, 4`, 'reasons'],
  [`INSERT INTO queue_rollup (office, hour, service, "window", operator, called, wait_sum, over_norm, finished, service_sum)
   SELECT office, hour, service, "window", operator,
          count(*) FILTER (WHERE type = 'ticket.called'), coalesce(sum(round(seconds::numeric)) FILTER (WHERE type = 'ticket.called'), 0),
          count(*) FILTER (WHERE type = 'ticket.called' AND seconds > ${WAIT_NORM_SECONDS}),
          count(*) FILTER (WHERE type = 'service.finished'), coalesce(sum(round(seconds::numeric)) FILTER (WHERE type = 'service.finished'), 0)
     FROM (SELECT coalesce(o.office, '') AS office, (substr(e.occurred_at, 1, 13) || ':00:00')::timestamp AS hour, e.type,
                  p ->> 'serviceId' AS service, p ->> 'window' AS "window", p ->> 'operatorId' AS operator,
                  CASE WHEN jsonb_typeof(p -> s.field) = 'number' THEN (p ->> s.field)::float8 END AS seconds
             FROM events AS e LEFT JOIN rebuild_offices AS o USING (device_id),
                  LATERAL (SELECT e.payload::jsonb AS p, CASE e.type WHEN 'ticket.called' THEN 'waitedSeconds' ELSE 'serviceSeconds' END AS field OFFSET 0) AS s
            WHERE e.type IN ('ticket.called', 'service.finished')
              AND jsonb_typeof(p -> 'serviceId') = 'string' AND jsonb_typeof(p -> 'window') = 'string' AND jsonb_typeof(p -> 'operatorId') = 'string') AS queue
    WHERE seconds >= 0
    GROUP BY office, hour, service, "window", operator`, 'none'],
];

/** `offices`: device id → office, as the devices file names them (devices without one count under ''). */
export async function rebuildRollups(client: pg.ClientBase, offices: ReadonlyMap<string, string>): Promise<void> {
  const devices = [...offices.keys()];
  await client.query('BEGIN');
  try {
    const parameters: Record<'offices' | 'reasons' | 'none', unknown[]> = { offices: [devices, devices.map((device) => offices.get(device) ?? '')], reasons: [[...FOLLOW_UP_REASONS]], none: [] };
    for (const [statement, kind] of REBUILD) await client.query(statement, parameters[kind]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
