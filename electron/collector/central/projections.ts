import { followUpRollupProjection } from './followUpRollup.ts';
import type { Projection } from './projection.ts';
import { queueRollupProjection } from './queueRollup.ts';
import { ratingRollupProjection } from './ratingRollup.ts';

/**
 * The central read model's projections, in the order they run in each batch's transaction on the
 * PostgreSQL store (central/projection.ts). Each lives in its own module beside this one. The order is
 * fixed (and each writes its tables in a fixed order, rows in key order), so two instances never lock
 * the same rollup rows in opposite orders.
 */
export const CENTRAL_PROJECTIONS: readonly Projection[] = [ratingRollupProjection, followUpRollupProjection, queueRollupProjection];
