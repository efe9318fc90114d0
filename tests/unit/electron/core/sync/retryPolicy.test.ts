import { describe, expect, it } from 'vitest';
import { backoffDelayMs, DEFAULT_BACKOFF, parseRetryAfter, retryDelayMs } from '../../../../../electron/core/sync/retryPolicy.ts';

describe('retry policy', () => {
  it('doubles the ceiling per attempt from 1 s up to the 15 min cap, with full jitter under it', () => {
    const ceilings = [1, 2, 3, 4, 5, 10, 11, 20].map((attempt) => backoffDelayMs(attempt, 1 - 1e-9, DEFAULT_BACKOFF));
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 512_000, 900_000, 900_000]);
    expect(backoffDelayMs(11, 0, DEFAULT_BACKOFF)).toBe(90_000);
    expect(backoffDelayMs(3, 0.5, DEFAULT_BACKOFF)).toBe(2_200);
  });

  it('stays within [ceiling/10, ceiling] for any random draw, even a bad one', () => {
    for (const random of [-1, 0, 0.25, 0.999, 2]) {
      const delay = backoffDelayMs(4, random, { minMs: 100, maxMs: 10_000 });
      expect(delay).toBeGreaterThanOrEqual(80);
      expect(delay).toBeLessThanOrEqual(800);
    }
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-23T07:15:00.000Z');
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 07:15:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 07:14:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-3', now)).toBeNull();
  });

  it('honours Retry-After over its own backoff, but never beyond the cap', () => {
    expect(retryDelayMs(9, 0.9, 3_000, DEFAULT_BACKOFF)).toBe(3_000);
    expect(retryDelayMs(1, 0.9, 86_400_000, DEFAULT_BACKOFF)).toBe(900_000);
    expect(retryDelayMs(1, 1 - 1e-9, null, DEFAULT_BACKOFF)).toBe(1_000);
  });
});
