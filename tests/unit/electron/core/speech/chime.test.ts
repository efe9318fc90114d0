import { describe, expect, it } from 'vitest';
import { CHIME_MS, chime } from '../../../../../electron/core/speech/chime.ts';
import { durationMs, rms } from '../../../../../electron/core/speech/wav.ts';

describe('the announcement chime', () => {
  it('lasts about 0.8 s, is audible and stays below full scale', () => {
    const pcm = chime(22_050);
    expect(durationMs(pcm)).toBe(CHIME_MS);
    expect(CHIME_MS).toBeGreaterThanOrEqual(600);
    expect(CHIME_MS).toBeLessThanOrEqual(1000);
    expect(rms(pcm)).toBeGreaterThan(0.05);
    expect(Math.max(...pcm.samples.map(Math.abs))).toBeLessThan(32_767 * 0.5);
  });

  it('starts and ends each tone at silence, with no jump between neighbours (no click)', () => {
    const rate = 22_050;
    const pcm = chime(rate);
    const firstTone = Math.round(0.35 * rate);
    for (const edge of [0, firstTone - 1, firstTone, pcm.samples.length - 1]) expect(Math.abs(pcm.samples[edge] ?? NaN)).toBeLessThan(200);
    let biggestStep = 0;
    for (let i = 1; i < pcm.samples.length; i += 1) biggestStep = Math.max(biggestStep, Math.abs((pcm.samples[i] ?? 0) - (pcm.samples[i - 1] ?? 0)));
    // A 659 Hz sine at 45 % of full scale moves at most ≈ 2π·659/22050 · 0.45 · 32767 ≈ 2770 a sample (plus its octave).
    expect(biggestStep).toBeLessThan(4500);
  });

  it('is two tones: the second is lower (ding-dong), and the same rate gives the same samples', () => {
    const rate = 22_050;
    const pcm = chime(rate);
    const crossings = (from: number, to: number): number => {
      let count = 0;
      for (let i = from + 1; i < to; i += 1) if ((pcm.samples[i - 1] ?? 0) < 0 && (pcm.samples[i] ?? 0) >= 0) count += 1;
      return count / ((to - from) / rate);
    };
    const split = Math.round(0.35 * rate);
    // Upward zero crossings a second ≈ the fundamental (the octave overtone is too weak to add crossings).
    expect(crossings(0, split)).toBeCloseTo(659, -1);
    expect(crossings(split, pcm.samples.length)).toBeCloseTo(523, -1);
    expect(chime(rate)).toEqual(pcm);
  });
});
