import type { AlertRules } from '../../../shared/central/alertRules.ts';
import { newestStatus } from './deviceStatus.ts';
import { projectLowScores } from './lowScoreAlerts.ts';
import type { Projection } from './projection.ts';
import { projectStatusAlerts } from './statusAlerts.ts';

/**
 * The alerts found at ingest, in the batch's transaction: low scores at a window, and the device
 * rules of its newest device.status. Made from the rules at start (every instance reads the same
 * --alerts file), so nothing about alerts lives in the process.
 */
export function alertProjection(rules: AlertRules): Projection {
  return async (client, fresh, context) => {
    if (rules.lowScores !== false) await projectLowScores(client, fresh, context, rules.lowScores);
    const report = newestStatus(fresh);
    if (report !== null) await projectStatusAlerts(client, report, context, rules);
  };
}
