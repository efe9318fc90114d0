import type { VisitView } from '../../../shared/kioskApi.ts';
import type { OfficeSnapshot } from '../../../shared/office/officeSnapshot.ts';

/**
 * What the office hub's snapshot means for the rating terminal at one window: what its screen shows
 * (the ticket called, the visit being served, the visit to rate) and which visit a press right now
 * is about. Pure: the snapshot, whether it is live and which tickets are rated come as arguments.
 */

/** The visit a rating is linked to: the fields rating.submitted carries when linked. */
export interface VisitLink {
  readonly ticketId: string;
  readonly ticketNumber: string;
  readonly serviceId: string;
  readonly operatorId: string;
}

export interface WindowVisit {
  /** What the screen shows, or null: nothing at this window, or unlinked. */
  readonly view: VisitView | null;
  /** The visit a press now is about, or null: the press is recorded unlinked, as without a hub. */
  readonly link: VisitLink | null;
}

export const UNLINKED: WindowVisit = { view: null, link: null };

/**
 * `live`: the hub's stream is up. A stale snapshot links nothing: the hub may have moved on (the
 * terminal rates unlinked while the hub is down, exactly as without one). An unknown window does
 * the same (the hub's config and the device's disagree: the technician sees it in the hub's list).
 */
export function windowVisit(snapshot: OfficeSnapshot | null, live: boolean, windowId: string, isRated: (ticketId: string) => boolean): WindowVisit {
  if (!snapshot || !live) return UNLINKED;
  const window = snapshot.windows.find((candidate) => candidate.id === windowId);
  if (!window) return UNLINKED;
  const operatorName = (operatorId: string): string | null => (window.operator?.id === operatorId ? window.operator.name : null);
  const finished = window.lastFinished && !isRated(window.lastFinished.ticketId) ? window.lastFinished : null;
  // The visitor who just left may still press while the next ticket is called: that press is theirs.
  const finishedLink: VisitLink | null = finished
    ? { ticketId: finished.ticketId, ticketNumber: finished.number, serviceId: finished.serviceId, operatorId: finished.operatorId }
    : null;
  const current = window.current;
  if (current?.phase === 'serving') {
    return {
      view: { phase: 'serving', ticketNumber: current.number, operatorName: window.operator?.name ?? null },
      link: window.operator
        ? { ticketId: current.ticketId, ticketNumber: current.number, serviceId: current.serviceId, operatorId: window.operator.id }
        : finishedLink,
    };
  }
  if (current) {
    return { view: { phase: 'called', ticketNumber: current.number, operatorName: window.operator?.name ?? null }, link: finishedLink };
  }
  if (finished) {
    return { view: { phase: 'rate', ticketNumber: finished.number, operatorName: operatorName(finished.operatorId) }, link: finishedLink };
  }
  return UNLINKED;
}
