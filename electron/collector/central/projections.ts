import { DEFAULT_ALERT_RULES, type AlertRules } from '../../../shared/central/alertRules.ts';
import { alertProjection } from './alertProjection.ts';
import { deviceHealthProjection } from './deviceHealth.ts';
import { followUpRollupProjection } from './followUpRollup.ts';
import type { Projection } from './projection.ts';
import { queueRollupProjection } from './queueRollup.ts';
import { ratingRollupProjection } from './ratingRollup.ts';

/**
 * The central read model's projections, in the order they run in each batch's transaction on the
 * PostgreSQL store (central/projection.ts). Each lives in its own module beside this one. The order is
 * fixed (and each writes its tables in a fixed order, rows in key order), so two instances never lock
 * the same rows in opposite orders. The alert projection is made from the collector's alert rules
 * (--alerts FILE).
 */
export function centralProjections(rules: AlertRules): readonly Projection[] {
  return [ratingRollupProjection, followUpRollupProjection, queueRollupProjection, deviceHealthProjection, alertProjection(rules)];
}

/** With the default alert rules. */
export const CENTRAL_PROJECTIONS: readonly Projection[] = centralProjections(DEFAULT_ALERT_RULES);
