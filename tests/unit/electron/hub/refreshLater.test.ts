import { describe, expect, it } from 'vitest';
import { refreshLater } from '../../../../electron/hub/refreshLater.ts';
import { FakeTime } from '../../../helpers/fakeClock.ts';

describe('refreshLater', () => {
  it('refreshes when each moment falls due, once for moments due together, with one timer at a time', () => {
    const time = new FakeTime();
    const seen: number[] = [];
    const later = refreshLater({ clock: time, scheduler: time, refresh: () => seen.push(time.monotonicMs()) });
    later.after(60_000);
    time.advance(10_000);
    later.after(60_000);
    later.after(60_000);
    later.after(5_000);
    expect(time.pendingTimers()).toBe(1);
    time.advance(5_000);
    expect(seen).toEqual([15_000]);
    time.advance(45_000);
    expect(seen).toEqual([15_000, 60_000]);
    time.advance(10_000);
    expect(seen).toEqual([15_000, 60_000, 70_000]);
    expect(time.pendingTimers()).toBe(0);
  });

  it('does nothing once stopped, even when the wall clock jumps', () => {
    const time = new FakeTime();
    let refreshed = 0;
    const later = refreshLater({ clock: time, scheduler: time, refresh: () => (refreshed += 1) });
    later.after(1_000);
    time.setWall('2030-01-01T00:00:00Z');
    expect(refreshed).toBe(0);
    later.stop();
    later.after(1_000);
    time.advance(5_000);
    expect(refreshed).toBe(0);
    expect(time.pendingTimers()).toBe(0);
  });
});
