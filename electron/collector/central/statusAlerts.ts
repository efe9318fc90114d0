import type pg from 'pg';
import type { AlertKind } from '../../../shared/central/dashboardApi.ts';
import type { AlertRules } from '../../../shared/central/alertRules.ts';
import { z } from 'zod';
import { openAlert } from './alertStore.ts';
import type { StatusReport } from './deviceStatus.ts';
import type { IngestContext } from './projection.ts';

/**
 * The device rules found in a device.status at ingest: paper out, backlog over the limit, clock off.
 * Each condition's state per device is kept in alert_conditions as of the status that said so: an
 * alert opens when the condition starts holding (paper out after paper present), not on every
 * status that repeats it, so an acknowledged alert stays acknowledged while the paper is still out;
 * refilled and out again is a new occurrence. A status older than the one the state is from changes
 * nothing.
 */
interface Finding {
  readonly kind: AlertKind;
  readonly holding: boolean;
  readonly facts: Readonly<Record<string, string | number>>;
}

export function statusFindings(report: StatusReport, rules: AlertRules): Finding[] {
  const { status } = report;
  const findings: Finding[] = [];
  if (rules.backlogOver !== false) {
    findings.push({
      kind: 'backlog',
      holding: status.backlog !== null && status.backlog > rules.backlogOver,
      facts: { backlog: status.backlog ?? 0, limit: rules.backlogOver, statusAt: report.occurredAt },
    });
  }
  if (rules.clockOffSeconds !== false) {
    const limitMs = rules.clockOffSeconds * 1000;
    findings.push({
      kind: 'clock-off',
      holding: status.clockOffsetMs !== null && Math.abs(status.clockOffsetMs) > limitMs,
      facts: { offsetMs: status.clockOffsetMs ?? 0, limitMs, statusAt: report.occurredAt },
    });
  }
  if (rules.paperOut) findings.push({ kind: 'paper-out', holding: status.printer === 'paper-out', facts: { statusAt: report.occurredAt } });
  // Kinds in a fixed order: the rows of one device are always locked in the same order.
  return findings.sort((a, b) => a.kind.localeCompare(b.kind));
}

const conditionRow = z.object({ holding: z.boolean(), since: z.date() });

export async function projectStatusAlerts(client: pg.ClientBase, report: StatusReport, context: IngestContext, rules: AlertRules): Promise<void> {
  for (const finding of statusFindings(report, rules)) {
    const { rows } = await client.query('SELECT holding, since FROM alert_conditions WHERE kind = $1 AND subject = $2 FOR UPDATE', [finding.kind, context.deviceId]);
    const previous = z.array(conditionRow).parse(rows)[0];
    if (previous !== undefined && previous.since.getTime() >= Date.parse(report.on)) continue;
    const applied = await client.query(
      `INSERT INTO alert_conditions (kind, subject, holding, since) VALUES ($1, $2, $3, $4::timestamptz)
       ON CONFLICT (kind, subject) DO UPDATE SET holding = EXCLUDED.holding, since = EXCLUDED.since
        WHERE alert_conditions.since < EXCLUDED.since`,
      [finding.kind, context.deviceId, finding.holding, report.on],
    );
    if (applied.rowCount !== 1 || !finding.holding || previous?.holding === true) continue;
    await openAlert(client, {
      kind: finding.kind,
      subject: context.deviceId,
      office: context.office,
      window: null,
      deviceId: context.deviceId,
      openedAt: context.receivedAt,
      facts: finding.facts,
    });
  }
}
