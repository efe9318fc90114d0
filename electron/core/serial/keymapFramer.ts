import { MAX_KEYMAP_FRAME_BYTES } from '../../../shared/config.ts';

/**
 * The `keymap` protocol, for button devices that speak something else: each press is a burst of
 * bytes, and a pause longer than `interByteTimeoutMs` ends it. A frame is looked up in the keymap
 * (hex byte sequence → button); unknown frames are counted, never guessed. Pure: the driver calls
 * `flush` from a timer at the time `deadline()` names.
 *
 * A frame longer than a button can keep in the config (MAX_KEYMAP_FRAME_BYTES) is not a press: it
 * is dropped whole and reported, never cut down to a prefix that might match a learned button.
 */
export interface KeymapFramer {
  push(chunk: Uint8Array, atMs: number): void;
  /** When the current frame ends if nothing else arrives, or null when no frame is open. */
  deadline(): number | null;
  /** Ends the frame if its pause has passed; returns it (null when it was too long: see onOverlong). */
  flush(atMs: number): Uint8Array | null;
  reset(): void;
}

export interface KeymapFramerOptions {
  /** Default: what the config can store for one button. */
  readonly maxFrameBytes?: number;
  /** A frame longer than maxFrameBytes ended; `bytes` is its whole length. */
  readonly onOverlong?: (bytes: number) => void;
}

export function createKeymapFramer(interByteTimeoutMs: number, options: KeymapFramerOptions = {}): KeymapFramer {
  const maxFrameBytes = options.maxFrameBytes ?? MAX_KEYMAP_FRAME_BYTES;
  let frame: number[] = [];
  // Counts every byte of the frame, kept or not, so an overlong frame says how long it was; memory stays bounded.
  let length = 0;
  let lastByteAt = 0;
  return {
    push(chunk, atMs) {
      if (chunk.length === 0) return;
      for (const byte of chunk) if (frame.length < maxFrameBytes) frame.push(byte);
      length += chunk.length;
      lastByteAt = atMs;
    },
    deadline() {
      return length > 0 ? lastByteAt + interByteTimeoutMs : null;
    },
    flush(atMs) {
      if (length === 0 || atMs - lastByteAt < interByteTimeoutMs) return null;
      const done = Uint8Array.from(frame);
      const total = length;
      frame = [];
      length = 0;
      if (total > maxFrameBytes) {
        options.onOverlong?.(total);
        return null;
      }
      return done;
    },
    reset() {
      frame = [];
      length = 0;
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
