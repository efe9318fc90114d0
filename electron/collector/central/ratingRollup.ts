import { eventPayloadSchemas } from '../../../shared/events.ts';
import type { z } from 'zod';
import { localTime, type LocalTime } from './localHour.ts';
import type { FreshEvent, IngestContext, Projection } from './projection.ts';
import { RollupBatch, upsertTogetherStatement, writeTogether, type RollupTable } from './rollupUpsert.ts';
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

/** A batch's countable rating: its payload valid, its time local, its score within its scale. */
export interface CountedRating {
  readonly event: FreshEvent;
  readonly rating: RatingPayload;
  readonly at: LocalTime;
}

type RatingPayload = z.infer<(typeof eventPayloadSchemas)[typeof RATING_TYPE]>;

/**
 * Each rating event's payload checked once per batch, whoever asks first (the rollups, the low-score
 * alerts): the fresh events are new objects for every batch, so this cache lives as long as the batch.
 */
const checked = new WeakMap<FreshEvent, RatingPayload | null>();
export function ratingPayloadOf(event: FreshEvent): RatingPayload | null {
  let rating = checked.get(event);
  if (rating === undefined) {
    const parsed = eventPayloadSchemas[RATING_TYPE].safeParse(event.payload);
    rating = parsed.success ? parsed.data : null;
    checked.set(event, rating);
  }
  return rating;
}

const counted = new WeakMap<readonly FreshEvent[], readonly CountedRating[]>();
/** The batch's ratings that the rollups count (a skipped one is counted as skipped once per batch). */
export function countedRatings(fresh: readonly FreshEvent[]): readonly CountedRating[] {
  const known = counted.get(fresh);
  if (known !== undefined) return known;
  const ratings: CountedRating[] = [];
  for (const event of fresh) {
    if (event.type !== RATING_TYPE) continue;
    const rating = ratingPayloadOf(event);
    const at = localTime(event.occurredAt);
    // A score above its scale is refused on the terminal: one here is not a rating we can count.
    if (rating === null || at === null || rating.score > rating.scale) {
      countSkipped(event.type);
      continue;
    }
    ratings.push({ event, rating, at });
  }
  counted.set(fresh, ratings);
  return ratings;
}

/** The finest rollup (office, hour, window, service, operator): rows of one window, rarely shared by two batches at once. */
export const ratingRollupProjection: Projection = async (client, fresh: readonly FreshEvent[], context: IngestContext) => {
  const office = context.office ?? '';
  const finest = new RollupBatch(RATING_ROLLUP);
  for (const { rating, at } of countedRatings(fresh)) {
    finest.add([office, at.hour, rating.window, rating.serviceId ?? '', rating.operatorId ?? ''], ratingCounts(rating.score, rating.scale));
  }
  await finest.write(client);
};

const OFFICE_TOTALS = upsertTogetherStatement([RATING_OFFICE_HOUR, RATING_OFFICE_DAY]);

/**
 * The office's hour and day (rating_office_hour, rating_office_day): rows that every batch of the
 * office adds to, so the batches of one office wait for each other's commit here. This projection runs
 * last (central/projections.ts) and writes both tables in one statement: the rows are locked only for
 * that statement and the COMMIT, not while the other projections run (measured in docs/benchmarks.md:
 * written first, the waits for these rows held the city's ingest to a third).
 */
export const ratingOfficeTotalsProjection: Projection = async (client, fresh: readonly FreshEvent[], context: IngestContext) => {
  const office = context.office ?? '';
  const byHour = new RollupBatch(RATING_OFFICE_HOUR);
  const byDay = new RollupBatch(RATING_OFFICE_DAY);
  for (const { rating, at } of countedRatings(fresh)) {
    const n = ratingCounts(rating.score, rating.scale);
    byHour.add([office, at.hour], n);
    byDay.add([office, at.day], n);
  }
  await writeTogether(client, OFFICE_TOTALS, [byHour, byDay]);
};
