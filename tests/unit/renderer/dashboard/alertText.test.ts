import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../../shared/central/dashboardApi.ts';
import { alertValues, mergeAlert } from '../../../../renderer/dashboard/alertText.ts';
import { dashboardI18n } from '../../../../renderer/dashboard/i18n.ts';

const alert = (change: Partial<Alert>): Alert => ({
  id: 'a1',
  kind: 'low-scores',
  office: 'mfc-arbat',
  window: '5',
  deviceId: null,
  openedAt: '2026-12-03T08:45:00Z',
  facts: {},
  acknowledged: null,
  ...change,
});

describe('alerts in words', () => {
  it('each kind’s facts formatted for its sentence', () => {
    const en = dashboardI18n('en');
    const say = (each: Alert) => en.t(`alerts.kind.${each.kind}`, alertValues(each, 'en', 'UTC'));
    expect(say(alert({ facts: { count: 3, minutes: 30 } }))).toBe('Low scores: 3 within 30 min');
    expect(say(alert({ kind: 'office-satisfaction', facts: { share: 0.71, threshold: 0.8, day: '2026-12-03' } }))).toBe('Satisfaction 71% below the threshold 80% (2026-12-03)');
    expect(say(alert({ kind: 'device-silent', facts: { lastSeenAt: '2026-12-03T07:00:00Z' } }))).toMatch(/^Device silent since 12\/3\/26, 7:00\sAM$/);
    expect(say(alert({ kind: 'backlog', facts: { backlog: 1500, limit: 1000 } }))).toBe('Unsent events: 1,500 (limit 1,000)');
    expect(say(alert({ kind: 'clock-off', facts: { offsetMs: -95_000, limitMs: 60_000 } }))).toBe('Clock off by 95 s (limit 60 s)');
    expect(say(alert({ kind: 'paper-out' }))).toBe('The ticket printer is out of paper');
  });

  it('a missing fact shows as a dash, a number sent as text still reads', () => {
    expect(alertValues(alert({ facts: { count: '4' } }), 'ru')).toEqual({ count: '4', minutes: '—' });
  });

  it('merging: newest first, a changed alert replaces its earlier self', () => {
    const older = alert({ id: 'old', openedAt: '2026-12-03T07:00:00Z' });
    const newer = alert({ id: 'new', openedAt: '2026-12-03T09:00:00Z' });
    expect(mergeAlert([older], newer).map((each) => each.id)).toEqual(['new', 'old']);
    const acked = { ...older, acknowledged: { by: 'ivanova', at: '2026-12-03T09:05:00Z', comment: 'talked to the operator' } };
    const merged = mergeAlert([newer, older], acked);
    expect(merged).toHaveLength(2);
    expect(merged[1]!.acknowledged?.by).toBe('ivanova');
  });
});
