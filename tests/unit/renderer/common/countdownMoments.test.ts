import { describe, expect, it } from 'vitest';
import { COUNTDOWN_WARNINGS_S, countdownMoment } from '../../../../renderer/common/countdownMoments.ts';

describe('countdownMoment', () => {
  it('warns at 10 s and at 5 s', () => {
    expect(COUNTDOWN_WARNINGS_S).toEqual([10, 5]);
  });

  it('is "start" until the first warning, then each warning once reached, "over" at 0', () => {
    const moments = [60, 30, 11, 10, 9, 6, 5, 4, 1, 0, -1].map((seconds) => [seconds, countdownMoment(seconds)]);
    expect(moments).toEqual([
      [60, 'start'],
      [30, 'start'],
      [11, 'start'],
      [10, 10],
      [9, 10],
      [6, 10],
      [5, 5],
      [4, 5],
      [1, 5],
      [0, 'over'],
      [-1, 'over'],
    ]);
  });

  it('a countdown of 120 s changes moment three times: the announcements, not every second', () => {
    const changes = Array.from({ length: 121 }, (_, index) => countdownMoment(120 - index)).filter((moment, index, all) => index === 0 || moment !== all[index - 1]);
    expect(changes).toEqual(['start', 10, 5, 'over']);
  });

  it('a countdown that starts under a warning starts at that warning', () => {
    expect(countdownMoment(7)).toBe(10);
    expect(countdownMoment(3)).toBe(5);
  });
});
