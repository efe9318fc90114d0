import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineFramer } from '../../../../../electron/core/serial/lineFramer.ts';
import { chunked, cutPoints as cuts, latin1 } from '../../../../helpers/byteStreams.ts';

/**
 * Property tests of the okno-buttons/1 line framer against a reference model (issue #11, item 16):
 * the whole stream split at every `\n`; complete lines up to the limit come out, longer ones are
 * counted once each (a trailing line that is already too long is counted too), whatever the chunks.
 */

const NUM_RUNS = 1000;

/** Bytes that make lines interesting: many newlines and carriage returns, the protocol's letters, then anything. */
const byte = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0x0a, 0x0d, 0x42, 0x2a, 0x31, 0x35, 0x39) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 255 }) },
);
const stream = fc.array(byte, { maxLength: 300 }).map((bytes) => Uint8Array.from(bytes));

interface Framed {
  readonly lines: string[];
  readonly overlong: number;
}

/** The reference: split the whole stream at `\n`; the last piece has no `\n` yet and is not a line. */
function model(bytes: Uint8Array, maxLineBytes: number): Framed {
  const pieces = latin1(bytes).split('\n');
  const trailing = pieces.pop() ?? '';
  return {
    lines: pieces.filter((piece) => piece.length <= maxLineBytes),
    overlong: pieces.filter((piece) => piece.length > maxLineBytes).length + (trailing.length > maxLineBytes ? 1 : 0),
  };
}

function frame(chunks: readonly Uint8Array[], maxLineBytes: number): Framed {
  let overlong = 0;
  const framer = createLineFramer(maxLineBytes, () => (overlong += 1));
  const lines = chunks.flatMap((chunk) => framer.push(chunk)).map(latin1);
  return { lines, overlong };
}

describe('line framer (property)', () => {
  it('gives the model\'s lines and overlong count for any stream cut anywhere', () => {
    fc.assert(
      fc.property(stream, cuts, fc.integer({ min: 0, max: 24 }), (bytes, at, max) => {
        expect(frame(chunked(bytes, at), max)).toEqual(model(bytes, max));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('one byte at a time is the same as all at once', () => {
    fc.assert(
      fc.property(stream, fc.integer({ min: 0, max: 24 }), (bytes, max) => {
        const oneByOne = frame(Array.from(bytes, (b) => Uint8Array.of(b)), max);
        expect(oneByOne).toEqual(frame([bytes], max));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('counters add up: every newline ends exactly one line, kept or counted overlong', () => {
    fc.assert(
      fc.property(stream, cuts, fc.integer({ min: 0, max: 24 }), (bytes, at, max) => {
        const newlines = bytes.filter((b) => b === 0x0a).length;
        const trailing = bytes.length - (bytes.lastIndexOf(0x0a) + 1);
        const framed = frame(chunked(bytes, at), max);
        expect(framed.lines.length + framed.overlong).toBe(newlines + (trailing > max ? 1 : 0));
        for (const line of framed.lines) expect(line.length).toBeLessThanOrEqual(max);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('reset forgets a partial line: what follows frames as if it were the start of the stream', () => {
    fc.assert(
      fc.property(stream, stream, cuts, fc.integer({ min: 0, max: 24 }), (before, after, at, max) => {
        let overlong = 0;
        const framer = createLineFramer(max, () => (overlong += 1));
        for (const chunk of chunked(before, at)) framer.push(chunk);
        framer.reset();
        overlong = 0;
        const lines = chunked(after, at).flatMap((chunk) => framer.push(chunk)).map(latin1);
        expect({ lines, overlong }).toEqual(model(after, max));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
