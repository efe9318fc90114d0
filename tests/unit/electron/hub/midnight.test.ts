import { describe, expect, it } from 'vitest';
import { MAX_SLEEP_MS, nextLocalMidnight, startMidnightTimer } from '../../../../electron/hub/midnight.ts';
import { FakeTime } from '../../../helpers/fakeClock.ts';

describe('the office’s local midnight', () => {
  it('is found in the office’s time zone, not UTC', () => {
    expect(nextLocalMidnight(new Date('2026-11-23T07:14:58Z'), 'Europe/Moscow').toISOString()).toBe('2026-11-23T21:00:00.000Z');
    expect(nextLocalMidnight(new Date('2026-11-23T21:30:00Z'), 'Europe/Moscow').toISOString()).toBe('2026-11-24T21:00:00.000Z');
    expect(nextLocalMidnight(new Date('2026-11-23T07:14:58Z'), 'Asia/Vladivostok').toISOString()).toBe('2026-11-23T14:00:00.000Z');
  });

  it('on a day of 23 hours (a zone that changes its clocks) is its real midnight', () => {
    // Berlin: 2026-03-29 has 23 hours; midnight of the 30th is 22:00 UTC on the 29th.
    expect(nextLocalMidnight(new Date('2026-03-29T05:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('the timer calls at midnight, and looks at the clock at least every 10 minutes', () => {
    const time = new FakeTime('2026-11-23T20:30:00Z');
    const calls: string[] = [];
    const timer = startMidnightTimer({ clock: time, scheduler: time, timeZone: 'Europe/Moscow', onMidnight: () => calls.push(time.now().toISOString()) });
    time.advance(MAX_SLEEP_MS);
    expect(calls).toHaveLength(1);
    time.advance(30 * 60_000);
    expect(calls.some((at) => at >= '2026-11-23T21:00:00.000Z' && at < '2026-11-23T21:00:01.000Z')).toBe(true);
    timer.stop();
    expect(time.pendingTimers()).toBe(0);
  });
});
