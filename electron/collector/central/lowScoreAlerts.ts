import type pg from 'pg';
import type { LowScoresRule } from '../../../shared/central/alertRules.ts';
import { z } from 'zod';
import { openAlert } from './alertStore.ts';
import type { FreshEvent, IngestContext } from './projection.ts';
import { ratingPayloadOf } from './ratingRollup.ts';

/**
 * The low-scores rule at ingest: ≥ count scores of at most maxScore at one window (the device's
 * office + the rating's window) whose occurredAt lie within withinMinutes. The low scores of the last
 * minutes are kept in recent_low_scores (pruned as they age). The scores of a run that opened an
 * alert, or that an open alert already stands for, are used up: after an acknowledgement it takes
 * `count` new low scores to open a new alert. Only this batch's new events are added, so a
 * re-delivered batch counts nothing twice.
 */
interface LowScore {
  readonly eventId: string;
  readonly window: string;
  readonly on: string;
}

const storedScore = z.object({ device_id: z.string(), event_id: z.string(), occurred_on: z.date() });

/** The subject of a window's alert: office and window, unambiguous whatever characters they hold. */
export const windowSubject = (office: string | null, window: string): string => JSON.stringify([office ?? '', window]);

function lowScoresOf(fresh: readonly FreshEvent[], rule: LowScoresRule): LowScore[] {
  const scores: LowScore[] = [];
  for (const event of fresh) {
    if (event.type !== 'rating.submitted') continue;
    const rating = ratingPayloadOf(event);
    if (rating === null || rating.score > rule.maxScore) continue;
    const ms = Date.parse(event.occurredAt);
    if (!Number.isFinite(ms)) continue;
    scores.push({ eventId: event.id, window: rating.window, on: new Date(ms).toISOString() });
  }
  return scores;
}

/** The first run of at least `count` scores within `spanMs`, taken as long as it stays within it; null when none. */
export function findRun<T extends { readonly ms: number }>(sorted: readonly T[], count: number, spanMs: number): T[] | null {
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end]!.ms - sorted[start]!.ms > spanMs) start += 1;
    if (end - start + 1 >= count) {
      let last = end;
      while (last + 1 < sorted.length && sorted[last + 1]!.ms - sorted[start]!.ms <= spanMs) last += 1;
      return sorted.slice(start, last + 1);
    }
  }
  return null;
}

export async function projectLowScores(client: pg.ClientBase, fresh: readonly FreshEvent[], context: IngestContext, rule: LowScoresRule): Promise<void> {
  const scores = lowScoresOf(fresh, rule);
  if (scores.length === 0) return;
  const office = context.office ?? '';
  const spanMs = rule.withinMinutes * 60_000;
  // Windows in a fixed order, so two instances with batches for the same windows never deadlock.
  const windows = [...new Set(scores.map((score) => score.window))].sort();
  for (const window of windows) {
    const subject = windowSubject(context.office, window);
    // The window's row in alert_conditions serializes the instances deciding about this window: the
    // second waits here, then sees the first's scores (each statement reads what is committed).
    await client.query(
      `INSERT INTO alert_conditions (kind, subject, holding, since) VALUES ('low-scores', $1, false, $2)
       ON CONFLICT (kind, subject) DO UPDATE SET since = greatest(alert_conditions.since, EXCLUDED.since)`,
      [subject, context.receivedAt],
    );
    const mine = scores.filter((score) => score.window === window);
    // Its new scores and every one kept for the window, in one statement: this statement starts after
    // the lock above was granted, so it sees what the instance before committed, and the rows it
    // inserts itself come from RETURNING (a statement does not see its own inserts).
    const { rows } = await client.query(
      `WITH added AS (
         INSERT INTO recent_low_scores (device_id, event_id, office, "window", occurred_on)
         SELECT $1, e.id, $2, $3, e.occurred_on FROM unnest($4::text[], $5::timestamptz[]) AS e(id, occurred_on)
         ON CONFLICT (device_id, event_id) DO NOTHING
         RETURNING device_id, event_id, occurred_on
       )
       SELECT device_id, event_id, occurred_on FROM recent_low_scores WHERE office = $2 AND "window" = $3
       UNION
       SELECT device_id, event_id, occurred_on FROM added
       ORDER BY occurred_on, device_id, event_id`,
      [context.deviceId, office, window, mine.map((score) => score.eventId), mine.map((score) => score.on)],
    );
    const sorted = z
      .array(storedScore)
      .parse(rows)
      .map((row) => ({ ...row, ms: row.occurred_on.getTime() }));
    const run = findRun(sorted, rule.count, spanMs);
    if (run !== null) {
      await openAlert(client, {
        kind: 'low-scores',
        subject,
        office: context.office,
        window,
        deviceId: null,
        openedAt: context.receivedAt,
        facts: {
          count: run.length,
          minutes: rule.withinMinutes,
          maxScore: rule.maxScore,
          firstAt: run[0]!.occurred_on.toISOString(),
          lastAt: run.at(-1)!.occurred_on.toISOString(),
        },
      });
    }
    // One statement removes the scores a run used up and those older than the span before the
    // window's newest, which can never join a run again.
    const used = run ?? [];
    const newest = sorted.at(-1);
    if (newest !== undefined) {
      await client.query(
        `DELETE FROM recent_low_scores AS r
          WHERE r.office = $1 AND r."window" = $2
            AND (r.occurred_on < $3::timestamptz
                 OR (r.device_id, r.event_id) IN (SELECT * FROM unnest($4::text[], $5::text[])))`,
        [office, window, new Date(newest.ms - spanMs).toISOString(), used.map((score) => score.device_id), used.map((score) => score.event_id)],
      );
    }
  }
}
