import pg from 'pg';
import { readBatchBody, type ReceivedBatch } from '../../../../../electron/collector/batchBody.ts';
import { eventId } from '../../../../helpers/collectorInProcess.ts';

/** Events and batches for the central read model's tests, as devices send them (okno-sync/1). */
export interface TestEvent {
  readonly id: string;
  readonly seq: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly payload: Record<string, unknown>;
}

let nextBatch = 1;
const batchUuid = (n: number): string => eventId(n, '01936f5e-7a2b-7c3d-8e4f');

/** A batch of one device's events, parsed as the collector's server parses a request body. */
export function batchOf(deviceId: string, events: readonly TestEvent[]): ReceivedBatch {
  const text = JSON.stringify({ deviceId, batchId: batchUuid(nextBatch++), sentAt: '2026-11-25T10:15:02.120+03:00', events });
  const received = readBatchBody(Buffer.from(text));
  if ('status' in received) throw new Error(`test batch refused: ${received.reason}`);
  return received;
}

/** One device's journal: ids and seqs in the order of writing. */
export function journal(deviceNumber: number): { add(type: string, occurredAt: string, payload: Record<string, unknown>): TestEvent; readonly events: TestEvent[] } {
  const events: TestEvent[] = [];
  return {
    events,
    add(type, occurredAt, payload) {
      const event = { id: eventId(deviceNumber * 1_000_000 + events.length + 1), seq: events.length + 1, type, occurredAt, payload };
      events.push(event);
      return event;
    },
  };
}

export async function sql<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Every rollup table's rows as plain comparable values, in key order. */
export async function rollups(url: string): Promise<Record<string, unknown[]>> {
  const hour = `to_char(hour, 'YYYY-MM-DD HH24:MI:SS') AS hour`;
  const [ratings, officeHours, officeDays, followUps, queue] = await Promise.all([
    sql(url, `SELECT office, ${hour}, "window", service, operator, ratings, score_sum, top_two, low FROM rating_rollup ORDER BY 1, 2, 3, 4, 5`),
    sql(url, `SELECT office, ${hour}, ratings, score_sum, top_two, low FROM rating_office_hour ORDER BY 1, 2`),
    sql(url, `SELECT office, day::text AS day, ratings, score_sum, top_two, low FROM rating_office_day ORDER BY 1, 2`),
    sql(url, `SELECT office, ${hour}, "window", reason, n FROM follow_up_rollup ORDER BY 1, 2, 3, 4`),
    sql(url, `SELECT office, ${hour}, service, "window", operator, called, wait_sum::int AS wait_sum, over_norm, finished, service_sum::int AS service_sum FROM queue_rollup ORDER BY 1, 2, 3, 4, 5`),
  ]);
  return { ratings, officeHours, officeDays, followUps, queue };
}
