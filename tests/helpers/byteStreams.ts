import fc from 'fast-check';

/** The stream cut at arbitrary places (empty chunks included): how a serial port may deliver it. */
export function chunked(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
}

/** Where to cut a stream (taken modulo its length + 1 by `chunked`). */
export const cutPoints = fc.array(fc.nat(), { maxLength: 40 });

export const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
