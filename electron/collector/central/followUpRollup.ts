import type pg from 'pg';
import { z } from 'zod';
import { eventPayloadSchemas } from '../../../shared/events.ts';
import { localTime } from './localHour.ts';
import type { FreshEvent, IngestContext, Projection } from './projection.ts';
import { RATING_TYPE } from './ratingRollup.ts';
import { RollupBatch, type RollupTable } from './rollupUpsert.ts';
import { countSkipped } from './skippedEvents.ts';

/**
 * `rating.followUp` → follow_up_rollup: per office, local hour (of the follow-up), window and reason.
 *
 * The payload names only the rating (ratingId); the window is the one that rating was given at. The
 * terminal records the follow-up seconds after the rating and sends its journal in order, so the rating
 * is nearly always in the same batch (read from it, free), else among the device's last events already
 * stored: those are looked up by the device's newest RECENT_EVENTS rows (the (device_id, cursor) index,
 * read backwards: a bounded cost, and no index on event ids kept on every event only for this). A
 * follow-up whose rating is not found there (never sent, or far away) is counted with window ''.
 */
export const FOLLOW_UP_TYPE = 'rating.followUp';
export const RECENT_EVENTS = 1000;

export const FOLLOW_UP_ROLLUP: RollupTable = {
  name: 'follow_up_rollup',
  keys: [
    ['office', 'text'],
    ['hour', 'timestamp'],
    ['window', 'text'],
    ['reason', 'text'],
  ],
  counts: [['n', 'int']],
};

const RECENT_RATINGS = `
  SELECT id, payload FROM (SELECT id, type, payload FROM events WHERE device_id = $1 ORDER BY cursor DESC LIMIT $3) AS recent
   WHERE type = '${RATING_TYPE}' AND id = ANY($2::text[])`;
const recentRow = z.object({ id: z.string(), payload: z.string() });

function windowOf(payload: unknown): string | null {
  const parsed = eventPayloadSchemas[RATING_TYPE].safeParse(payload);
  return parsed.success ? parsed.data.window : null;
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function storedWindows(client: pg.ClientBase, deviceId: string, ratingIds: readonly string[]): Promise<Map<string, string>> {
  const windows = new Map<string, string>();
  if (ratingIds.length === 0) return windows;
  const { rows } = await client.query(RECENT_RATINGS, [deviceId, ratingIds, RECENT_EVENTS]);
  for (const row of z.array(recentRow).parse(rows)) {
    const window = windowOf(parsedJson(row.payload));
    if (window !== null) windows.set(row.id, window);
  }
  return windows;
}

export const followUpRollupProjection: Projection = async (client, fresh: readonly FreshEvent[], context: IngestContext) => {
  const followUps: { ratingId: string; reason: string; hour: string }[] = [];
  for (const event of fresh) {
    if (event.type !== FOLLOW_UP_TYPE) continue;
    const parsed = eventPayloadSchemas[FOLLOW_UP_TYPE].safeParse(event.payload);
    const at = localTime(event.occurredAt);
    if (!parsed.success || at === null) {
      countSkipped(event.type);
      continue;
    }
    followUps.push({ ratingId: parsed.data.ratingId, reason: parsed.data.reason, hour: at.hour });
  }
  if (followUps.length === 0) return;

  const windows = new Map<string, string>();
  for (const event of fresh) {
    if (event.type !== RATING_TYPE) continue;
    const window = windowOf(event.payload);
    if (window !== null) windows.set(event.id, window);
  }
  const missing = [...new Set(followUps.map((f) => f.ratingId).filter((id) => !windows.has(id)))];
  for (const [id, window] of await storedWindows(client, context.deviceId, missing)) windows.set(id, window);

  const rollup = new RollupBatch(FOLLOW_UP_ROLLUP);
  const office = context.office ?? '';
  for (const f of followUps) rollup.add([office, f.hour, windows.get(f.ratingId) ?? '', f.reason], [1]);
  await rollup.write(client);
};
