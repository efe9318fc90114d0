import type { Alert, DrillQuery, PeriodQuery } from '../../../../../shared/central/dashboardApi.ts';
import { FOLLOW_UP_REASONS } from '../../../../../shared/followUp.ts';
import type { CentralAlerts, CentralReadModel, Scope } from '../../../../../electron/collector/central/readModel.ts';

/**
 * In-memory stand-ins for the read model and the alerts (the real ones read PostgreSQL): answers that
 * satisfy the contract's schemas, and a record of what each route asked, with which scope.
 */
export interface Asked {
  readonly what: string;
  readonly query: PeriodQuery | DrillQuery | null;
  readonly scope: Scope;
}

const figures = (count: number) => ({ count, average: count === 0 ? null : 4.5, topTwoShare: count === 0 ? null : 0.9 });

export function fakeReadModel(asked: Asked[] = []): CentralReadModel & { asked: Asked[] } {
  const note = (what: string, query: PeriodQuery | DrillQuery | null, scope: Scope) => asked.push({ what, query, scope });
  return {
    asked,
    overview(query, scope) {
      note('overview', query, scope);
      return Promise.resolve({
        period: { from: query.from, to: query.to },
        previous: { from: query.from, to: query.to },
        current: figures(12),
        previousFigures: figures(10),
        daily: [{ day: query.from, ...figures(12) }],
        offices: [
          { office: '=HYPERLINK("http://evil")', current: figures(7), previous: figures(5) },
          { office: 'МФЦ "Тверской", 1', current: figures(5), previous: figures(0) },
        ],
      });
    },
    drill(query, scope) {
      note('drill', query, scope);
      return Promise.resolve({ level: query.level, rows: [{ key: 'w5', withheld: false, figures: figures(11) }, { key: 'op-7', withheld: true, figures: figures(0) }] });
    },
    heatmap(query, scope) {
      note('heatmap', query, scope);
      return Promise.resolve({ cells: [{ weekday: 1, hour: 11, figures: figures(3) }] });
    },
    followUps(query, scope) {
      note('followups', query, scope);
      return Promise.resolve({ rows: FOLLOW_UP_REASONS.map((reason, i) => ({ reason, count: i })) });
    },
    queue(query, scope) {
      note('queue', query, scope);
      const row = { key: '', called: 4, averageWaitSeconds: 300, overNormShare: 0.25, finished: 4, averageServiceSeconds: 600 };
      return Promise.resolve({ total: row, byService: [{ ...row, key: 'passport' }], byWindow: [{ ...row, key: '5' }] });
    },
    devices(scope) {
      note('devices', null, scope);
      return Promise.resolve({
        devices: [
          { deviceId: 'tverskoy-w05', office: 'tverskoy', lastSeenAt: '2026-03-02T08:00:00.000Z', statusAt: null, status: null },
          { deviceId: 'arbat-w01', office: 'arbat', lastSeenAt: '2026-03-02T08:00:00.000Z', statusAt: null, status: null },
        ],
      });
    },
  };
}

/** One shared "database" of alerts: several plugin instances given the same object see each other's changes. */
export function fakeAlerts(): CentralAlerts & { open(alert: Omit<Alert, 'id' | 'acknowledged'>): Alert } {
  const alerts = new Map<string, Alert>();
  const changes: Alert[] = [];
  const inScope = (alert: Alert, scope: Scope) => scope.role === 'city' || alert.office === scope.office;
  return {
    open(fields) {
      const alert: Alert = { ...fields, id: String(alerts.size + 1), acknowledged: null };
      alerts.set(alert.id, alert);
      changes.push(alert);
      return alert;
    },
    list(state, scope) {
      return Promise.resolve({ alerts: [...alerts.values()].filter((a) => inScope(a, scope) && (state === 'all' || a.acknowledged === null)) });
    },
    acknowledge(id, by, comment, scope) {
      const alert = alerts.get(id);
      if (alert === undefined || !inScope(alert, scope)) return Promise.resolve(null);
      if (alert.acknowledged !== null) return Promise.resolve(alert);
      const acknowledged: Alert = { ...alert, acknowledged: { by, at: '2026-03-02T09:00:00.000Z', comment } };
      alerts.set(id, acknowledged);
      changes.push(acknowledged);
      return Promise.resolve(acknowledged);
    },
    changesAfter(cursor) {
      const from = Number(cursor);
      return Promise.resolve({ alerts: changes.slice(from), cursor: String(changes.length) });
    },
    latestCursor() {
      return Promise.resolve(String(changes.length));
    },
  };
}
