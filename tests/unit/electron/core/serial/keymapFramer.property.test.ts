import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_KEYMAP_FRAME_BYTES } from '../../../../../shared/config.ts';
import { createKeymapFramer, type KeymapFramer } from '../../../../../electron/core/serial/keymapFramer.ts';
import { chunked, cutPoints } from '../../../../helpers/byteStreams.ts';

/**
 * Property tests of the keymap framer against a reference model (issue #11, item 16): a press is a
 * burst of bytes, and a pause of at least `interByteTimeoutMs` ends it. The model groups the bytes
 * by their arrival times; a group longer than the limit is counted (with its length), never cut.
 * The limit's default belongs to the config (MAX_KEYMAP_FRAME_BYTES): read, never assumed here.
 */

const NUM_RUNS = 500;
const TIMEOUT_MS = 30;

/** What arrives: bytes, each burst after a pause (0 = in the same read) from the one before. */
interface Arrival {
  readonly bytes: Uint8Array;
  readonly pauseMs: number;
}
const arrival = fc.record({
  bytes: fc.uint8Array({ maxLength: 12 }),
  // Around the timeout, where an off-by-one would show.
  pauseMs: fc.oneof(fc.constantFrom(0, TIMEOUT_MS - 1, TIMEOUT_MS, TIMEOUT_MS + 1), fc.integer({ min: 0, max: 200 })),
});
const arrivals = fc.array(arrival, { maxLength: 30 });

interface Framed {
  readonly frames: string[];
  readonly overlong: number[];
}

/** The reference: bytes whose arrivals are less than the timeout apart belong to one press. */
function model(input: readonly Arrival[], maxFrameBytes: number): Framed {
  const groups: number[][] = [];
  let last: number | null = null;
  let now = 0;
  for (const { bytes, pauseMs } of input) {
    now += pauseMs;
    if (bytes.length === 0) continue; // no byte, no arrival
    if (last === null || now - last >= TIMEOUT_MS) groups.push([]);
    groups.at(-1)!.push(...bytes);
    last = now;
  }
  return {
    frames: groups.filter((group) => group.length <= maxFrameBytes).map((group) => Buffer.from(group).toString('hex')),
    overlong: groups.filter((group) => group.length > maxFrameBytes).map((group) => group.length),
  };
}

/** Drives the framer as buttonDevice does: a timer flushes at deadline(), reads push what arrived. */
function drive(input: readonly Arrival[], split: readonly number[], maxFrameBytes?: number): Framed {
  const overlong: number[] = [];
  const framer: KeymapFramer = createKeymapFramer(TIMEOUT_MS, { ...(maxFrameBytes === undefined ? {} : { maxFrameBytes }), onOverlong: (n) => overlong.push(n) });
  const frames: string[] = [];
  const timerFires = (until: number): void => {
    const due = framer.deadline();
    if (due === null || due > until) return;
    const frame = framer.flush(due);
    if (frame) frames.push(Buffer.from(frame).toString('hex'));
  };
  let now = 0;
  for (const { bytes, pauseMs } of input) {
    now += pauseMs;
    timerFires(now);
    // One burst may come in several reads at the same moment.
    for (const chunk of chunked(bytes, split)) framer.push(chunk, now);
  }
  timerFires(Number.POSITIVE_INFINITY);
  return { frames, overlong };
}

describe('keymap framer (property)', () => {
  it('gives the model\'s frames and overlong counts, whatever the reads and the limit', () => {
    fc.assert(
      fc.property(arrivals, cutPoints, fc.integer({ min: 1, max: 16 }), (input, split, max) => {
        expect(drive(input, split, max)).toEqual(model(input, max));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('with the default limit, what the config can store for one button', () => {
    fc.assert(
      fc.property(arrivals, cutPoints, (input, split) => {
        expect(drive(input, split)).toEqual(model(input, MAX_KEYMAP_FRAME_BYTES));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a frame just over the default limit is counted whole, one at it is kept', () => {
    const at = { bytes: new Uint8Array(MAX_KEYMAP_FRAME_BYTES).fill(0x1b), pauseMs: 0 };
    expect(drive([at], [])).toEqual({ frames: [Buffer.from(at.bytes).toString('hex')], overlong: [] });
    const over = { bytes: new Uint8Array(MAX_KEYMAP_FRAME_BYTES + 1).fill(0x1b), pauseMs: 0 };
    expect(drive([over], [3, 7])).toEqual({ frames: [], overlong: [MAX_KEYMAP_FRAME_BYTES + 1] });
  });

  it('counters add up: every burst ends as one frame or one overlong count; flush before the deadline ends nothing', () => {
    fc.assert(
      fc.property(arrivals, fc.integer({ min: 1, max: 16 }), fc.integer({ min: 0, max: TIMEOUT_MS - 1 }), (input, max, early) => {
        const bursts = model(input, Number.MAX_SAFE_INTEGER).frames.length;
        const framed = drive(input, [], max);
        expect(framed.frames.length + framed.overlong.length).toBe(bursts);

        const framer = createKeymapFramer(TIMEOUT_MS, { maxFrameBytes: max });
        expect(framer.deadline()).toBeNull();
        framer.push(Uint8Array.of(0x41), 1000);
        expect(framer.deadline()).toBe(1000 + TIMEOUT_MS);
        expect(framer.flush(1000 + early)).toBeNull();
        expect(framer.deadline()).toBe(1000 + TIMEOUT_MS);
        expect(framer.flush(1000 + TIMEOUT_MS)).toEqual(Uint8Array.of(0x41));
        expect(framer.deadline()).toBeNull();
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
