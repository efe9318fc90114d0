import type { HubConfig, HubWindow } from '../hubConfig.ts';
import * as lanes from './lane.ts';
import { laneKey, ticketOf, windowLaneKey, type QueueState, type TicketRecord } from './queueRecords.ts';

/**
 * Which ticket a window calls next (issue #13, item 4):
 * 1. tickets redirected to this window specifically, first come first (only this window calls them);
 * 2. then priority tickets before regular ones, but at most `queue.maxPriorityInRow` priority calls in a
 *    row at this window while a regular ticket waits for it (then one regular);
 * 3. among the window's services: `strict` takes the first service in the window's list with someone
 *    waiting, `longest-wait` the one whose next ticket has waited longest (ties: the window's order).
 * Within a service the line is always first come first served (a redirect may put a ticket at its head).
 */
export function nextTicket(state: QueueState, window: HubWindow, config: HubConfig): TicketRecord | null {
  const direct = headOf(state, windowLaneKey(window.id));
  if (direct !== null) return direct;
  const priority = pick(state, window.services, true, config.queue.order);
  const regular = pick(state, window.services, false, config.queue.order);
  if (priority === null) return regular;
  if (regular === null) return priority;
  const inRow = state.windows.get(window.id)?.priorityInRow ?? 0;
  return inRow < config.queue.maxPriorityInRow ? priority : regular;
}

function headOf(state: QueueState, key: string): TicketRecord | null {
  const lane = state.lanes.get(key);
  const ticketId = lane === undefined ? null : lanes.head(lane);
  return ticketId === null ? null : (ticketOf(state, ticketId) ?? null);
}

function pick(state: QueueState, services: readonly string[], priority: boolean, order: HubConfig['queue']['order']): TicketRecord | null {
  let best: TicketRecord | null = null;
  for (const service of services) {
    const head = headOf(state, laneKey(service, priority));
    if (head === null) continue;
    if (order === 'strict') return head;
    if (best === null || head.waitingSinceMs < best.waitingSinceMs) best = head;
  }
  return best;
}
