import type { Satisfaction } from '../../shared/central/dashboardApi.ts';

/**
 * The heat map's colour scale: satisfaction (share of the top two scores) in five steps, 0 for a cell
 * without ratings. The colour is a help to the eye only: every cell also writes its figure.
 * Steps, not a gradient, so the legend can name each one and each has its checked contrast
 * (the mood tints of renderer/common/tokens.css under the ink colour).
 */

export type HeatLevel = 0 | 1 | 2 | 3 | 4 | 5;

/** The lower bound of levels 2..5: under 60 % is level 1, from 90 % level 5. */
export const HEAT_STEPS = [0.6, 0.75, 0.85, 0.9] as const;

export function heatLevel(figures: Satisfaction): HeatLevel {
  if (figures.count === 0 || figures.topTwoShare === null) return 0;
  const share = figures.topTwoShare;
  if (share >= HEAT_STEPS[3]) return 5;
  if (share >= HEAT_STEPS[2]) return 4;
  if (share >= HEAT_STEPS[1]) return 3;
  if (share >= HEAT_STEPS[0]) return 2;
  return 1;
}

/** Each level's range for the legend: [from, to) as shares; level 0 has none. */
export function levelRange(level: Exclude<HeatLevel, 0>): { readonly from: number; readonly to: number } {
  const bounds = [0, ...HEAT_STEPS, 1];
  return { from: bounds[level - 1]!, to: bounds[level]! };
}
