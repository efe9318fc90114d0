import { deviceStatusSchema, type DeviceStatusPayload } from '../../../shared/events.ts';
import type { FreshEvent } from './projection.ts';

/** A valid device.status of a batch, with the instant of its occurredAt. */
export interface StatusReport {
  readonly occurredAt: string;
  /** occurredAt as a UTC instant (ISO 8601), for comparing with another status. */
  readonly on: string;
  readonly status: DeviceStatusPayload;
}

/**
 * The newest valid device.status among a batch's new events (by occurredAt), or null. A malformed
 * payload or time is skipped (the event itself is stored as received): a device's bug must not fail
 * its batches.
 */
export function newestStatus(fresh: readonly FreshEvent[]): StatusReport | null {
  let newest: { report: StatusReport; ms: number } | null = null;
  for (const event of fresh) {
    if (event.type !== 'device.status') continue;
    const ms = Date.parse(event.occurredAt);
    const status = deviceStatusSchema.safeParse(event.payload);
    if (!Number.isFinite(ms) || !status.success) continue;
    if (newest === null || ms > newest.ms) newest = { ms, report: { occurredAt: event.occurredAt, on: new Date(ms).toISOString(), status: status.data } };
  }
  return newest?.report ?? null;
}
