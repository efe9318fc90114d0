import { describe, expect, it } from 'vitest';
import { HEAT_STEPS, heatLevel, levelRange } from '../../../../renderer/dashboard/heatScale.ts';

const cell = (topTwoShare: number | null, count = 12) => ({ count, average: topTwoShare === null ? null : 4, topTwoShare });

describe('the heat map colour scale', () => {
  it('no ratings is level 0, whatever the share says', () => {
    expect(heatLevel(cell(null, 0))).toBe(0);
    expect(heatLevel(cell(0.95, 0))).toBe(0);
  });

  it('five steps, each bound belongs to the step above it', () => {
    expect(heatLevel(cell(0))).toBe(1);
    expect(heatLevel(cell(0.5999))).toBe(1);
    expect(heatLevel(cell(0.6))).toBe(2);
    expect(heatLevel(cell(0.75))).toBe(3);
    expect(heatLevel(cell(0.8499))).toBe(3);
    expect(heatLevel(cell(0.85))).toBe(4);
    expect(heatLevel(cell(0.9))).toBe(5);
    expect(heatLevel(cell(1))).toBe(5);
  });

  it('never goes down as satisfaction goes up', () => {
    let before = heatLevel(cell(0));
    for (let permille = 0; permille <= 1000; permille += 1) {
      const level = heatLevel(cell(permille / 1000));
      expect(level).toBeGreaterThanOrEqual(before);
      before = level;
    }
  });

  it('the legend ranges cover 0..1 without a gap and match the levels', () => {
    expect([1, 2, 3, 4, 5].map((level) => levelRange(level as 1 | 2 | 3 | 4 | 5))).toEqual([
      { from: 0, to: HEAT_STEPS[0] },
      { from: HEAT_STEPS[0], to: HEAT_STEPS[1] },
      { from: HEAT_STEPS[1], to: HEAT_STEPS[2] },
      { from: HEAT_STEPS[2], to: HEAT_STEPS[3] },
      { from: HEAT_STEPS[3], to: 1 },
    ]);
    for (const level of [1, 2, 3, 4, 5] as const) expect(heatLevel(cell(levelRange(level).from))).toBe(level);
  });
});
