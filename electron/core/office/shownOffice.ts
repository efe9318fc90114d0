import type { HubConnectionView } from '../../../shared/kioskApi.ts';
import type { OfficeSnapshot } from '../../../shared/office/officeSnapshot.ts';
import type { Clock } from '../clock.ts';
import type { Scheduler } from '../scheduler.ts';
import type { HubLink } from './hubLink.ts';

/**
 * The office as a face shows it (the operator's console, the hall board): the snapshot on screen,
 * the link's state, and whether what is shown has gone stale. Two rules keep a screen from lying:
 * a snapshot older than the one shown is never shown (a late answer cannot take a call back), and
 * after the link was lost the first snapshot of the new connection replaces the whole view, whatever
 * its revision (a hub restored from its journal may count differently; what it says now is the truth).
 */

/** The shown state counts as stale once it is this old while the link is not live (the screens then say since when). */
export const STALE_AFTER_MS = 10_000;

export interface ShownOffice {
  /** The snapshot on screen; null before the first. */
  snapshot(): OfficeSnapshot | null;
  /** When the shown snapshot arrived (device clock, ms); null before the first. */
  arrivedAtMs(): number | null;
  connection(): HubConnectionView;
  /** When the shown snapshot arrived (ISO) once it is STALE_AFTER_MS old and the link is not live; else null. */
  staleSince(): string | null;
  close(): void;
}

export interface ShownOfficeDeps {
  /** null: this device has no link to a hub (the screens say so). */
  readonly hub: HubLink | null;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** Something the screen shows changed: a snapshot, the connection, or the shown state turning stale. */
  readonly onChange: () => void;
  readonly staleAfterMs?: number;
}

const NO_HUB: HubConnectionView = { state: 'refused', problem: 'this device has no link to the office hub' };

export function watchOffice(deps: ShownOfficeDeps): ShownOffice {
  const { hub, clock, scheduler } = deps;
  const staleAfterMs = deps.staleAfterMs ?? STALE_AFTER_MS;
  let shown: OfficeSnapshot | null = null;
  let arrivedAt: number | null = null;
  // Until the first snapshot of a connection is taken, any revision is taken (a full re-sync).
  let resync = true;
  let staleTimer: unknown = null;
  let closed = false;

  /** When the newest snapshot arrived, as the link says; falls back to the moment it was taken here. */
  const lastUpdateMs = (): number | null => {
    const at = hub?.status().lastUpdateAt ?? null;
    const parsed = at === null ? Number.NaN : Date.parse(at);
    return Number.isFinite(parsed) ? parsed : arrivedAt;
  };

  const live = (): boolean => hub !== null && hub.status().state === 'connected';

  const staleSince = (): string | null => {
    if (live() || shown === null) return null;
    const last = lastUpdateMs();
    if (last === null || clock.now().getTime() - last < staleAfterMs) return null;
    return new Date(last).toISOString();
  };

  /** One timer, for the moment the shown state turns stale (the screen must say so without any other change). */
  const scheduleStale = (): void => {
    if (staleTimer !== null) scheduler.clearTimeout(staleTimer);
    staleTimer = null;
    if (closed || live() || shown === null) return;
    const last = lastUpdateMs();
    if (last === null) return;
    const left = last + staleAfterMs - clock.now().getTime();
    if (left <= 0) return;
    staleTimer = scheduler.setTimeout(() => {
      staleTimer = null;
      if (!closed) deps.onChange();
    }, left);
  };

  const take = (): void => {
    if (!hub) return;
    if (!live()) resync = true;
    const next = hub.snapshot();
    if (next === null || next === shown) return;
    if (shown !== null && !resync && next.revision < shown.revision) return;
    // A snapshot taken while the link is down is the newest the link kept, not a new connection's.
    if (live()) resync = false;
    shown = next;
    arrivedAt = clock.now().getTime();
  };

  take();
  scheduleStale();
  const unsubscribe =
    hub?.onChange(() => {
      if (closed) return;
      take();
      scheduleStale();
      deps.onChange();
    }) ?? (() => undefined);

  return {
    snapshot: () => shown,
    arrivedAtMs: () => (shown === null ? null : (lastUpdateMs() ?? arrivedAt)),
    connection: () => {
      if (!hub) return NO_HUB;
      const status = hub.status();
      return { state: status.state, problem: status.state === 'connected' ? null : status.problem };
    },
    staleSince,
    close() {
      closed = true;
      unsubscribe();
      if (staleTimer !== null) scheduler.clearTimeout(staleTimer);
      staleTimer = null;
    },
  };
}
