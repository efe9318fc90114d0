import { describe, expect, it } from 'vitest';
import type { Satisfaction } from '../../../../shared/central/dashboardApi.ts';
import { TREND_ARROW, trendOf } from '../../../../renderer/dashboard/trend.ts';

const share = (topTwoShare: number | null): Satisfaction => ({ count: topTwoShare === null ? 0 : 20, average: topTwoShare === null ? null : 4, topTwoShare });

describe('the trend against the previous period', () => {
  it('up and down in percentage points, rounded to one decimal', () => {
    expect(trendOf(share(0.9), share(0.875))).toEqual({ direction: 'up', points: 2.5 });
    expect(trendOf(share(0.8), share(0.85))).toEqual({ direction: 'down', points: -5 });
    expect(trendOf(share(0.8123), share(0.8)).points).toBe(1.2);
  });

  it('under 0.05 points is the same; no ratings on either side is unknown', () => {
    expect(trendOf(share(0.8004), share(0.8))).toEqual({ direction: 'same', points: 0 });
    expect(trendOf(share(null), share(0.8))).toEqual({ direction: 'unknown', points: null });
    expect(trendOf(share(0.8), share(null))).toEqual({ direction: 'unknown', points: null });
  });

  it('each direction has its arrow but unknown', () => {
    expect(TREND_ARROW).toEqual({ up: '↑', down: '↓', same: '→', unknown: '' });
  });
});
