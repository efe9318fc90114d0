import { HALL_CALLS, type OfficeSnapshot, type ServiceState, type WindowState } from '../../../shared/office/officeSnapshot.ts';
import { OFFICE_PROTOCOL } from '../../../shared/office/officeProtocol.ts';
import type { HubConfig } from '../hubConfig.ts';
import { medianServiceSeconds, openWindowsFor, waitingFor } from './estimate.ts';
import * as lanes from './lane.ts';
import * as pmap from './persistentMap.ts';
import { currentOf, instant, laneKey, type QueueState } from './queueRecords.ts';

/**
 * The office as every device sees it (okno-office/1): the services' lines, the windows, the last calls.
 * Built from the state and the config (names, labels, order) at the hub's clock `now`.
 */
export function officeSnapshot(state: QueueState, context: { readonly config: HubConfig; readonly now: string; readonly revision: number }): OfficeSnapshot {
  const { config, now, revision } = context;
  const nowMs = instant(now) ?? 0;
  const labels = new Map(config.windows.map((window) => [window.id, window.label]));
  return {
    protocol: OFFICE_PROTOCOL,
    revision,
    at: now,
    office: { id: config.office.id, name: config.office.name, timezone: config.office.timezone },
    day: state.day,
    services: config.services.map((service) => serviceState(state, service, config)),
    windows: config.windows.map((window) => windowState(state, window, config, now, nowMs)),
    calls: state.calls.slice(0, HALL_CALLS).map((call) => ({ ...call, windowLabel: labels.get(call.window) ?? call.window })),
  };
}

function serviceState(state: QueueState, service: HubConfig['services'][number], config: HubConfig): ServiceState {
  return {
    id: service.id,
    prefix: service.prefix,
    name: service.name,
    waiting: waitingFor(state, service.id),
    oldestWaitingSince: oldestWaitingSince(state, service.id),
    medianServiceSeconds: medianServiceSeconds(state, service.id, config),
    openWindows: openWindowsFor(state, service.id, config),
  };
}

/** When the ticket of this service that has waited longest began waiting; null when none waits. */
function oldestWaitingSince(state: QueueState, serviceId: string): string | null {
  let oldest: { at: string; ms: number } | null = null;
  for (const [key, lane] of state.lanes) {
    if (key !== laneKey(serviceId, false) && key !== laneKey(serviceId, true) && !key.startsWith('w:')) continue;
    for (const ticketId of lanes.ticketIds(lane)) {
      const ticket = pmap.get(state.tickets, ticketId);
      if (ticket?.serviceId !== serviceId) continue;
      if (oldest === null || ticket.waitingSinceMs < oldest.ms) oldest = { at: ticket.waitingSince, ms: ticket.waitingSinceMs };
    }
  }
  return oldest?.at ?? null;
}

function windowState(state: QueueState, window: HubConfig['windows'][number], config: HubConfig, now: string, nowMs: number): WindowState {
  const record = state.windows.get(window.id);
  const operatorId = record?.operatorId ?? null;
  const current = currentOf(state, window.id);
  const last = record?.lastFinished ?? null;
  // The rating terminal links a press to the last visit for `rateSeconds` (a clock gone back keeps it).
  const rateable = last !== null && nowMs - last.finishedAtMs < config.queue.rateSeconds * 1000;
  return {
    id: window.id,
    label: window.label,
    services: [...window.services],
    status: operatorId === null ? 'closed' : record?.paused === true ? 'paused' : 'open',
    operator: operatorId === null ? null : { id: operatorId, name: config.operators.find((operator) => operator.id === operatorId)?.name ?? operatorId },
    current:
      current === undefined || (current.status !== 'called' && current.status !== 'serving')
        ? null
        : {
            ticketId: current.ticketId,
            number: current.number,
            serviceId: current.serviceId,
            phase: current.status,
            calledAt: current.calledAt ?? now,
            recalls: current.recalls,
            waitedSeconds: current.waitedSeconds,
          },
    lastFinished: rateable ? { ticketId: last.ticketId, number: last.number, serviceId: last.serviceId, operatorId: last.operatorId, finishedAt: last.finishedAt } : null,
  };
}
