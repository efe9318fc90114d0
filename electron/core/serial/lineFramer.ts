/**
 * Splits a byte stream into `\n`-terminated lines. A line longer than `maxLineBytes` (a device
 * gone mad, or the wrong baud rate) is dropped as a whole — up to its newline — and counted; memory
 * stays bounded whatever arrives.
 */
export interface LineFramer {
  /** The complete lines in `chunk` (without `\n`), in order. */
  push(chunk: Uint8Array): Uint8Array[];
  /** Forget a partial line (the port was closed). */
  reset(): void;
}

export function createLineFramer(maxLineBytes: number, onOverlong: () => void): LineFramer {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let discarding = false;

  return {
    push(chunk) {
      const lines: Uint8Array[] = [];
      let start = 0;
      for (;;) {
        const newline = chunk.indexOf(0x0a, start);
        if (newline < 0) break;
        const piece = chunk.subarray(start, newline);
        if (discarding) {
          discarding = false;
        } else if (pendingBytes + piece.length > maxLineBytes) {
          onOverlong();
        } else {
          lines.push(pending.length === 0 ? Buffer.from(piece) : Buffer.concat([...pending, piece]));
        }
        pending = [];
        pendingBytes = 0;
        start = newline + 1;
      }
      const rest = chunk.subarray(start);
      if (rest.length > 0 && !discarding) {
        if (pendingBytes + rest.length > maxLineBytes) {
          // Counted once, when it overflows; the rest of it is skipped up to the next newline.
          onOverlong();
          discarding = true;
          pending = [];
          pendingBytes = 0;
        } else {
          pending.push(Buffer.from(rest));
          pendingBytes += rest.length;
        }
      }
      return lines;
    },
    reset() {
      pending = [];
      pendingBytes = 0;
      discarding = false;
    },
  };
}
