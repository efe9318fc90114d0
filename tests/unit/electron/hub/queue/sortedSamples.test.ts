import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addSample, median, noSamples } from '../../../../../electron/hub/queue/sortedSamples.ts';

const medianOf = (values: readonly number[]): number | null => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

describe('sortedSamples', () => {
  it('the median: none, the middle one, the mean of the two middle ones', () => {
    expect(median(noSamples)).toBeNull();
    const three = [300, 100, 200].reduce(addSample, noSamples);
    expect(median(three)).toBe(200);
    expect(median(addSample(three, 1000))).toBe(250);
  });

  it('property: the same median as sorting, over many chunks, and an old version keeps its own', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 400 }), (values) => {
        let samples = noSamples;
        const seen: number[] = [];
        for (const value of values) {
          const before = samples;
          const beforeMedian = median(before);
          samples = addSample(samples, value);
          seen.push(value);
          expect(median(samples)).toBe(medianOf(seen));
          expect(median(before)).toBe(beforeMedian);
        }
        expect(samples.size).toBe(values.length);
        expect(samples.chunks.flat()).toEqual([...values].sort((a, b) => a - b));
      }),
    );
  });
});
