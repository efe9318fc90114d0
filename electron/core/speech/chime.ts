import type { Pcm } from './speechService.ts';

/**
 * The hall board's "ding-dong" before an announcement: two sine tones, a major third apart (E5 then C5,
 * the station chime people know), each with a soft 8 ms attack and an exponential fade to exactly zero,
 * so there is no click at any edge. Pure: the same rate gives the same samples.
 */

interface Tone {
  readonly hz: number;
  readonly seconds: number;
}

const TONES: readonly Tone[] = [
  { hz: 659.25, seconds: 0.35 },
  { hz: 523.25, seconds: 0.45 },
];
/** Loud enough to be heard, quieter than the voice (which eSpeak gives at about half scale at its peaks). */
const PEAK = 0.45;
const ATTACK_SECONDS = 0.008;
/** A little of the octave makes it bell-like rather than a test tone. */
const OVERTONE = 0.25;

export const CHIME_MS = TONES.reduce((sum, tone) => sum + tone.seconds * 1000, 0);

export function chime(sampleRate: number): Pcm {
  const lengths = TONES.map((tone) => Math.round(tone.seconds * sampleRate));
  const samples = new Int16Array(lengths.reduce((sum, length) => sum + length, 0));
  let offset = 0;
  TONES.forEach((tone, index) => {
    const length = lengths[index] ?? 0;
    const attack = Math.max(1, Math.round(ATTACK_SECONDS * sampleRate));
    for (let i = 0; i < length; i += 1) {
      const t = i / sampleRate;
      const rise = Math.min(1, i / attack);
      // exp decay to about 5 % by the end, then a linear taper so the last sample is 0.
      const decay = Math.exp((-3 * i) / length) * (1 - i / (length - 1 || 1));
      const wave = (Math.sin(2 * Math.PI * tone.hz * t) + OVERTONE * Math.sin(4 * Math.PI * tone.hz * t)) / (1 + OVERTONE);
      samples[offset + i] = Math.round(32767 * PEAK * rise * decay * wave);
    }
    offset += length;
  });
  return { sampleRate, samples };
}
