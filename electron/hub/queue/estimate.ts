import type { AheadAnswer } from '../../../shared/office/officeProtocol.ts';
import type { HubConfig } from '../hubConfig.ts';
import * as lanes from './lane.ts';
import * as pmap from './persistentMap.ts';
import { laneKey, type QueueState } from './queueRecords.ts';
import { median } from './sortedSamples.ts';

/**
 * People ahead and the estimated wait (issue #13, item 4): estimate = people ahead × the median service
 * time of that service today ÷ the open windows serving it, rounded up to 5 minutes; none until the
 * service has `queue.estimateMinSamples` finished visits today, or when no open window serves it (a
 * guess then would be a promise nobody keeps).
 */

/** Tickets waiting for a service: its lines, and those redirected to one window but still of this service. */
export function waitingFor(state: QueueState, serviceId: string): number {
  let waiting = (state.lanes.get(laneKey(serviceId, false))?.count ?? 0) + (state.lanes.get(laneKey(serviceId, true))?.count ?? 0);
  for (const [key, lane] of state.lanes) {
    if (!key.startsWith('w:')) continue;
    for (const ticketId of lanes.ticketIds(lane)) if (pmap.get(state.tickets, ticketId)?.serviceId === serviceId) waiting++;
  }
  return waiting;
}

/** Windows with an operator signed in, not on a break, that serve the service. */
export function openWindowsFor(state: QueueState, serviceId: string, config: HubConfig): number {
  return config.windows.filter((window) => {
    const record = state.windows.get(window.id);
    return window.services.includes(serviceId) && record?.operatorId != null && !record.paused;
  }).length;
}

/** The median service time of a service today, in seconds, once there are enough samples; else null. */
export function medianServiceSeconds(state: QueueState, serviceId: string, config: HubConfig): number | null {
  const samples = state.serviceTimes.get(serviceId);
  if (samples === undefined || samples.size < config.queue.estimateMinSamples) return null;
  return median(samples);
}

/** The wait in minutes, rounded up to 5 (0 ahead is 0); null without a median or an open window. */
export function estimateMinutes(ahead: number, medianSeconds: number | null, openWindows: number): number | null {
  if (medianSeconds === null || openWindows <= 0) return null;
  const seconds = (Math.max(0, ahead) * Math.max(0, medianSeconds)) / openWindows;
  // Rounded to the millisecond first, so 600.0000000001 s (floating point) is 10 minutes, not 15.
  return Math.ceil(Math.round(seconds * 1000) / 300_000) * 5;
}

export function peopleAhead(state: QueueState, serviceId: string, context: { readonly config: HubConfig; readonly now: string }): AheadAnswer {
  const { config } = context;
  const ahead = waitingFor(state, serviceId);
  return { serviceId, ahead, estimateMinutes: estimateMinutes(ahead, medianServiceSeconds(state, serviceId, config), openWindowsFor(state, serviceId, config)) };
}
