import type { Alert, Alerts, Devices, Drill, DrillQuery, FollowUps, Heatmap, Overview, PeriodQuery, QueueFigures, Role } from '../../../shared/central/dashboardApi.ts';

/**
 * What the dashboard's routes ask of the central database (PostgreSQL). Every answer is read from
 * the rollups and the latest-status table the projections keep (central/projection.ts), never from
 * raw events, so a city's years answer as fast as a day. Nothing is kept in the process: any
 * collector instance answers the same.
 */

/** Whose question: a `city` account sees every office, an `office` account only its own. */
export interface Scope {
  readonly role: Role;
  /** The office an `office` account is bound to; null for `city`. */
  readonly office: string | null;
}

export interface CentralReadModel {
  overview(query: PeriodQuery, scope: Scope): Promise<Overview>;
  drill(query: DrillQuery, scope: Scope): Promise<Drill>;
  heatmap(query: PeriodQuery, scope: Scope): Promise<Heatmap>;
  followUps(query: PeriodQuery, scope: Scope): Promise<FollowUps>;
  queue(query: PeriodQuery, scope: Scope): Promise<QueueFigures>;
  devices(scope: Scope): Promise<Devices>;
}

export interface CentralAlerts {
  list(state: 'open' | 'all', scope: Scope): Promise<Alerts>;
  /** Null when there is no such alert in the scope; an alert acknowledged already keeps its first acknowledgement. */
  acknowledge(id: string, by: string, comment: string, scope: Scope): Promise<Alert | null>;
  /**
   * Alerts opened or acknowledged after `cursor` (an opaque database position; '0' at first), for
   * the live feed: each instance asks this for its own listeners, so a change made through any
   * instance reaches every page.
   */
  changesAfter(cursor: string): Promise<{ readonly alerts: readonly Alert[]; readonly cursor: string }>;
  /**
   * The position now (what changesAfter would answer after the newest change), so a live feed starts
   * from now without reading every change since '0'. Optional: without it the feed asks changesAfter('0') once.
   */
  latestCursor?(): Promise<string>;
}
