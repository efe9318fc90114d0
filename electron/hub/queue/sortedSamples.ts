/**
 * Today's service times of one service, kept sorted so the median is read without sorting: sorted chunks
 * of at most 64 numbers. Adding one copies one chunk and the short list of chunks, never the whole day.
 */
export interface SortedSamples {
  readonly size: number;
  readonly chunks: readonly (readonly number[])[];
}

const CHUNK = 64;

export const noSamples: SortedSamples = { size: 0, chunks: [] };

export function addSample(samples: SortedSamples, value: number): SortedSamples {
  const { chunks } = samples;
  if (chunks.length === 0) return { size: 1, chunks: [[value]] };
  let index = chunks.findIndex((chunk) => (chunk.at(-1) ?? value) >= value);
  if (index < 0) index = chunks.length - 1;
  const chunk = chunks[index] ?? [];
  let at = chunk.findIndex((sample) => sample > value);
  if (at < 0) at = chunk.length;
  const grown = [...chunk.slice(0, at), value, ...chunk.slice(at)];
  const replacement = grown.length > CHUNK ? [grown.slice(0, grown.length >> 1), grown.slice(grown.length >> 1)] : [grown];
  return { size: samples.size + 1, chunks: [...chunks.slice(0, index), ...replacement, ...chunks.slice(index + 1)] };
}

function nth(samples: SortedSamples, index: number): number {
  let rest = index;
  for (const chunk of samples.chunks) {
    if (rest < chunk.length) return chunk[rest] ?? 0;
    rest -= chunk.length;
  }
  return 0;
}

/** The middle value, or the mean of the two middle ones; null when there is none. */
export function median(samples: SortedSamples): number | null {
  if (samples.size === 0) return null;
  const middle = samples.size >> 1;
  return samples.size % 2 === 1 ? nth(samples, middle) : (nth(samples, middle - 1) + nth(samples, middle)) / 2;
}
