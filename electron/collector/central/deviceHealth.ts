import type { Projection } from './projection.ts';
import { newestStatus } from './deviceStatus.ts';

/**
 * Each device's latest state (the dashboard's device list, the silent-device alert): when its newest
 * batch with new events arrived, its office, and its latest device.status by occurredAt. A status
 * that arrives later but happened earlier (a backlog sent through another instance) never
 * overwrites a newer one; last seen only moves forward (instances' clocks may differ slightly).
 * One row per batch, the device's own: batches of different devices never wait for each other here.
 */
const UPSERT_HEALTH = `
  INSERT INTO device_health AS h (device_id, office, last_seen_at, status_at, status_on, status)
  VALUES ($1, $2, $3::timestamptz, $4, $5::timestamptz, $6::jsonb)
  ON CONFLICT (device_id) DO UPDATE SET
    office = EXCLUDED.office,
    last_seen_at = greatest(h.last_seen_at, EXCLUDED.last_seen_at),
    status_at = CASE WHEN h.status_on IS NULL OR EXCLUDED.status_on > h.status_on THEN EXCLUDED.status_at ELSE h.status_at END,
    status    = CASE WHEN h.status_on IS NULL OR EXCLUDED.status_on > h.status_on THEN EXCLUDED.status    ELSE h.status    END,
    status_on = CASE WHEN h.status_on IS NULL OR EXCLUDED.status_on > h.status_on THEN EXCLUDED.status_on ELSE h.status_on END`;

export const deviceHealthProjection: Projection = async (client, fresh, context) => {
  const report = newestStatus(fresh);
  await client.query(UPSERT_HEALTH, [
    context.deviceId,
    context.office,
    context.receivedAt,
    report?.occurredAt ?? null,
    report?.on ?? null,
    report === null ? null : JSON.stringify(report.status),
  ]);
};
