import type { Satisfaction } from '../../shared/central/dashboardApi.ts';

/**
 * The trend of satisfaction against the previous period, as the overview shows it: an arrow and the
 * difference in percentage points. A difference under 0.05 points is "the same" (it would show as 0).
 */

export type TrendDirection = 'up' | 'down' | 'same' | 'unknown';

export interface Trend {
  readonly direction: TrendDirection;
  /** Percentage points, rounded to one decimal; null when either period had no ratings. */
  readonly points: number | null;
}

export function trendOf(current: Satisfaction, previous: Satisfaction): Trend {
  if (current.topTwoShare === null || previous.topTwoShare === null) return { direction: 'unknown', points: null };
  const points = Math.round((current.topTwoShare - previous.topTwoShare) * 1000) / 10;
  if (points === 0) return { direction: 'same', points: 0 };
  return { direction: points > 0 ? 'up' : 'down', points };
}

/** The arrow of a direction; never the only signal (the page writes the difference and its words beside it). */
export const TREND_ARROW: Readonly<Record<TrendDirection, string>> = { up: '↑', down: '↓', same: '→', unknown: '' };
