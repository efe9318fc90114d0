import { eventPayloadSchemas } from '../../../shared/events.ts';
import { localTime } from './localHour.ts';
import type { FreshEvent, IngestContext, Projection } from './projection.ts';
import { RollupBatch, type RollupTable } from './rollupUpsert.ts';
import { countSkipped } from './skippedEvents.ts';

/**
 * `rating.submitted` → the rating rollups: per office, local hour, window, service and operator
 * (rating_rollup), and the same summed per office and hour (rating_office_hour) and per office and
 * day (rating_office_day) so city-wide questions read thousands of rows, not millions. Each counts
 * ratings, the sum of their scores, the top two scores of their scale, and the low scores.
 */
export const RATING_TYPE = 'rating.submitted';

const counts = [
  ['ratings', 'int'],
  ['score_sum', 'int'],
  ['top_two', 'int'],
  ['low', 'int'],
] as const;

export const RATING_ROLLUP: RollupTable = {
  name: 'rating_rollup',
  keys: [
    ['office', 'text'],
    ['hour', 'timestamp'],
    ['window', 'text'],
    ['service', 'text'],
    ['operator', 'text'],
  ],
  counts,
};
export const RATING_OFFICE_HOUR: RollupTable = { name: 'rating_office_hour', keys: [['office', 'text'], ['hour', 'timestamp']], counts };
export const RATING_OFFICE_DAY: RollupTable = { name: 'rating_office_day', keys: [['office', 'text'], ['day', 'date']], counts };

/**
 * A "low" score is 1 or 2 on every scale: the scores for which a terminal asks its follow-up question
 * by default (rating.followUp.maxScore = 2), so the low-score alerts and the follow-up reasons speak of
 * the same presses, and a 2 means the same on a 5-point terminal as on a 3-point one. (On a 3-point
 * scale its middle score 2 is then both "low" and one of the "top two": a city comparing offices should
 * use one scale.)
 */
export const LOW_SCORE_MAX = 2;

/** One rating's counts: the top two of a scale of n are n−1 and n. */
export const ratingCounts = (score: number, scale: number): readonly [number, number, number, number] => [
  1,
  score,
  score >= scale - 1 ? 1 : 0,
  score <= LOW_SCORE_MAX ? 1 : 0,
];

export const ratingRollupProjection: Projection = async (client, fresh: readonly FreshEvent[], context: IngestContext) => {
  const office = context.office ?? '';
  const finest = new RollupBatch(RATING_ROLLUP);
  const byHour = new RollupBatch(RATING_OFFICE_HOUR);
  const byDay = new RollupBatch(RATING_OFFICE_DAY);
  for (const event of fresh) {
    if (event.type !== RATING_TYPE) continue;
    const parsed = eventPayloadSchemas[RATING_TYPE].safeParse(event.payload);
    const at = localTime(event.occurredAt);
    // A score above its scale is refused on the terminal: one here is not a rating we can count.
    if (!parsed.success || at === null || parsed.data.score > parsed.data.scale) {
      countSkipped(event.type);
      continue;
    }
    const { score, scale, window, serviceId, operatorId } = parsed.data;
    const n = ratingCounts(score, scale);
    finest.add([office, at.hour, window, serviceId ?? '', operatorId ?? ''], n);
    byHour.add([office, at.hour], n);
    byDay.add([office, at.day], n);
  }
  // Always in this table order (and each in key order): see rollupUpsert.ts.
  await finest.write(client);
  await byHour.write(client);
  await byDay.write(client);
};
