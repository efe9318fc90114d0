import { DEFAULT_ALERT_RULES, type AlertRules } from '../../../shared/central/alertRules.ts';
import { alertProjection } from './alertProjection.ts';
import { deviceHealthProjection } from './deviceHealth.ts';
import { followUpRollupProjection } from './followUpRollup.ts';
import type { Projection } from './projection.ts';
import { queueRollupProjection } from './queueRollup.ts';
import { ratingOfficeTotalsProjection, ratingRollupProjection } from './ratingRollup.ts';

/**
 * The central read model's projections, in the order they run in each batch's transaction on the
 * PostgreSQL store (central/projection.ts). Each lives in its own module beside this one. The order is
 * fixed (and each writes its tables in a fixed order, rows in key order), so two instances never lock
 * the same rows in opposite orders. The alert projection is made from the collector's alert rules
 * (--alerts FILE). The office's hour and day totals come last: every batch of an office adds to the
 * same rows, so they are locked for as short a time as can be (central/ratingRollup.ts).
 */
export function centralProjections(rules: AlertRules): readonly Projection[] {
  return [ratingRollupProjection, followUpRollupProjection, queueRollupProjection, deviceHealthProjection, alertProjection(rules), ratingOfficeTotalsProjection];
}

/** With the default alert rules. */
export const CENTRAL_PROJECTIONS: readonly Projection[] = centralProjections(DEFAULT_ALERT_RULES);
