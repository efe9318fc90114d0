import { describe, expect, it } from 'vitest';
import { clockOffset } from '../../../bench/clockOffset.ts';

describe('clockOffset', () => {
  it('takes the ping with the shortest round trip: offset from its midpoint, bound half of it', () => {
    const result = clockOffset([
      { sentAt: 1000, remote: 1012, receivedAt: 1010 },
      { sentAt: 2000, remote: 2003.5, receivedAt: 2002 },
      { sentAt: 3000, remote: 3100, receivedAt: 3050 },
    ]);
    expect(result).toEqual({ offsetMs: 2.5, boundMs: 1 });
  });

  it('a page clock behind Node gives a negative offset', () => {
    expect(clockOffset([{ sentAt: 500, remote: 490, receivedAt: 504 }])).toEqual({ offsetMs: -12, boundMs: 2 });
  });

  it('refuses pings that cannot be used, rather than giving a number', () => {
    expect(() => clockOffset([])).toThrow(/no usable clock ping/);
    expect(() => clockOffset([{ sentAt: 10, remote: Number.NaN, receivedAt: 12 }])).toThrow(/no usable/);
    expect(() => clockOffset([{ sentAt: 10, remote: 11, receivedAt: 9 }])).toThrow(/no usable/);
  });
});
