/**
 * The `keymap` protocol, for button devices that speak something else: each press is a burst of
 * bytes, and a pause longer than `interByteTimeoutMs` ends it. A frame is looked up in the keymap
 * (hex byte sequence → button); unknown frames are counted, never guessed. Pure: the driver calls
 * `flush` from a timer at the time `deadline()` names.
 */
export interface KeymapFramer {
  push(chunk: Uint8Array, atMs: number): void;
  /** When the current frame ends if nothing else arrives, or null when no frame is open. */
  deadline(): number | null;
  /** Ends the frame if its pause has passed; returns it. */
  flush(atMs: number): Uint8Array | null;
  reset(): void;
}

export function createKeymapFramer(interByteTimeoutMs: number, maxFrameBytes = 64): KeymapFramer {
  let frame: number[] = [];
  let lastByteAt = 0;
  return {
    push(chunk, atMs) {
      for (const byte of chunk) if (frame.length < maxFrameBytes) frame.push(byte);
      lastByteAt = atMs;
    },
    deadline() {
      return frame.length > 0 ? lastByteAt + interByteTimeoutMs : null;
    },
    flush(atMs) {
      if (frame.length === 0 || atMs - lastByteAt < interByteTimeoutMs) return null;
      const done = Uint8Array.from(frame);
      frame = [];
      return done;
    },
    reset() {
      frame = [];
    },
  };
}

export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The button a frame means under `keymap` ({ "1": "1b5b41", … }), or null. */
export function buttonForFrame(keymap: Readonly<Record<string, string>>, frame: Uint8Array): number | null {
  const hex = toHex(frame);
  for (const [button, sequence] of Object.entries(keymap)) if (sequence.toLowerCase() === hex) return Number(button);
  return null;
}
