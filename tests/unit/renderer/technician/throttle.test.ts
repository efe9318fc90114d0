import { afterEach, describe, expect, it, vi } from 'vitest';
import { createThrottle } from '../../../../renderer/technician/throttle.ts';
import { ACTIVITY_INTERVAL_MS } from '../../../../renderer/technician/useActivity.ts';

describe('activity throttle', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends at once, then at most once per interval', () => {
    let now = 1_000_000;
    const send = vi.fn();
    const touch = createThrottle(send, 5000, () => now);
    touch();
    expect(send).toHaveBeenCalledTimes(1);
    for (const step of [100, 1000, 3899]) {
      now += step;
      touch();
    }
    expect(send).toHaveBeenCalledTimes(1);
    now += 1; // 5000 ms after the first
    touch();
    expect(send).toHaveBeenCalledTimes(2);
    now += 4999;
    touch();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('drops the calls in between instead of sending them later', () => {
    vi.useFakeTimers();
    const send = vi.fn();
    const touch = createThrottle(send, 5000);
    touch();
    touch();
    touch();
    vi.advanceTimersByTime(60_000);
    expect(send).toHaveBeenCalledTimes(1);
    touch();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('a clock that went backwards does not silence it', () => {
    let now = 50_000;
    const send = vi.fn();
    const touch = createThrottle(send, 5000, () => now);
    touch();
    now = 10_000;
    touch();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('technician activity is sent at most every 5 seconds', () => {
    expect(ACTIVITY_INTERVAL_MS).toBe(5000);
  });
});
