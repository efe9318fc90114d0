import pg from 'pg';
import { readBatchBody, type ReceivedBatch } from '../../../../../electron/collector/batchBody.ts';
import type { CollectorStorage } from '../../../../../electron/collector/collectorStorage.ts';
import { centralProjections } from '../../../../../electron/collector/central/projections.ts';
import { openPostgresStore } from '../../../../../electron/collector/postgresStore.ts';
import { alertRulesSchema, type AlertRules, type AlertRulesFile } from '../../../../../shared/central/alertRules.ts';
import type { DeviceStatusPayload } from '../../../../../shared/events.ts';
import { batchId, eventId } from '../../../../helpers/collectorInProcess.ts';

/** What the central read model's tests share: events of the kinds it reads, stores with its projections, SQL. */

export const OFFICE = 'mfc-tverskoy';
export const OTHER_OFFICE = 'mfc-arbat';

export const rules = (file: AlertRulesFile = {}): AlertRules => alertRulesSchema.parse(file);

export const status = (overrides: Partial<DeviceStatusPayload> = {}): DeviceStatusPayload => ({
  reason: 'periodic',
  version: '1.4.0',
  mode: 'tickets',
  backlog: 0,
  oldestUnsentAt: null,
  clockOffsetMs: 0,
  buttons: 'connected',
  printer: 'ready',
  storage: 'ok',
  storageProblem: null,
  hub: 'none',
  failedWrites: 0,
  ...overrides,
});

export interface TestEvent {
  readonly n: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly payload: unknown;
}

export const statusEvent = (n: number, occurredAt: string, overrides: Partial<DeviceStatusPayload> = {}): TestEvent => ({
  n,
  type: 'device.status',
  occurredAt,
  payload: status(overrides),
});

export const ratingEvent = (n: number, occurredAt: string, score: number, window = '5'): TestEvent => ({
  n,
  type: 'rating.submitted',
  occurredAt,
  payload: { score, scale: 5, source: 'touch', window },
});

/** A batch as a device sends it (its number names it: the same number is the same batch, re-delivered). */
export function batch(n: number, deviceId: string, events: readonly TestEvent[]): ReceivedBatch {
  const text = JSON.stringify({
    deviceId,
    batchId: batchId(n),
    sentAt: '2026-11-23T10:15:02.120+03:00',
    events: events.map((event) => ({ id: eventId(event.n), seq: event.n, type: event.type, occurredAt: event.occurredAt, payload: event.payload })),
  });
  const received = readBatchBody(Buffer.from(text));
  if ('status' in received) throw new Error(received.reason);
  return received;
}

export const openStore = (url: string, alertRules: AlertRules = rules()): Promise<CollectorStorage> =>
  openPostgresStore({ url, maxConnections: 3, projections: centralProjections(alertRules) });

export async function sql<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * The rating rollup another part of issue #14 builds (office-local hours): created here exactly as
 * that part defines it, so the evaluator's office-day rule can be tested on this branch.
 */
export const RATING_ROLLUP = `
  CREATE TABLE IF NOT EXISTS rating_rollup (
    office text, hour timestamp without time zone, "window" text, service text, operator text,
    ratings int, score_sum int, top_two int, low int,
    PRIMARY KEY (office, hour, "window", service, operator))`;

export const alertRows = (url: string) =>
  sql<{ kind: string; subject: string; office: string | null; window: string | null; device_id: string | null; acknowledged: boolean; facts: Record<string, unknown> }>(
    url,
    `SELECT kind, subject, office, "window", device_id, acknowledged_at IS NOT NULL AS acknowledged, facts FROM alerts ORDER BY id`,
  );
