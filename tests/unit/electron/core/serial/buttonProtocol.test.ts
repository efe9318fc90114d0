import { describe, expect, it } from 'vitest';
import { ackLine, HELLO_REQUEST, parseButtonLine, pressLineWithChecksum, xorChecksum } from '../../../../../electron/core/serial/buttonProtocol.ts';
import { createLineFramer } from '../../../../../electron/core/serial/lineFramer.ts';
import { readVector } from '../../../../helpers/vectors.ts';

interface VectorCase {
  bytes: string;
  expect: { press?: number; dropped?: string; hello?: { model: string; firmware: string; buttons: number }; ignored?: boolean };
}
const vector = readVector('okno-buttons-1.json') as { cases: VectorCase[]; host_to_device: { bytes: string; meaning: string }[] };

/** Framing and parsing as the device driver does it: bytes in, what the host makes of each line. */
function hostReads(bytes: Buffer) {
  const framer = createLineFramer(256, () => undefined);
  return framer.push(bytes).map((line) => parseButtonLine(line));
}

describe('okno-buttons/1 (test vector of DESIGN.md)', () => {
  it.each(vector.cases.map((c) => [JSON.stringify(c.bytes), c] as const))('%s', (_, c) => {
    for (const encoding of ['latin1', 'utf8'] as const) {
      const [parsed, ...more] = hostReads(Buffer.from(c.bytes, encoding));
      expect(more).toEqual([]);
      if (c.expect.press !== undefined) expect(parsed).toEqual({ kind: 'press', button: c.expect.press });
      if (c.expect.dropped !== undefined) expect(parsed).toEqual({ kind: 'dropped', reason: c.expect.dropped });
      if (c.expect.hello !== undefined) expect(parsed).toEqual({ kind: 'hello', ...c.expect.hello });
      if (c.expect.ignored) expect(parsed).toEqual({ kind: 'ignored' });
    }
  });

  it('the host → device messages are the ones of the vector', () => {
    const sent = vector.host_to_device.map((m) => m.bytes);
    expect(sent).toContain(ackLine(4));
    expect(sent).toContain(HELLO_REQUEST);
  });

  it('checksum is the XOR of the bytes before `*`, and the simulator writes it as the device does', () => {
    expect(xorChecksum(Buffer.from('B3'))).toBe(0x71);
    for (let button = 1; button <= 9; button += 1) {
      expect(hostReads(Buffer.from(pressLineWithChecksum(button)))).toEqual([{ kind: 'press', button }]);
    }
  });

  it.each([
    ['B3*7', 'malformed'],
    ['B3*zz', 'malformed'],
    ['B3*711', 'malformed'],
    ['HELLO box 1.0', 'malformed'],
    ['HELLO box 1.0 12', 'malformed'],
    ['L3', 'unknown'],
    [' B3', 'unknown'],
    ['B3 ', 'unknown'],
  ])('%j is dropped as %s', (line, reason) => {
    expect(parseButtonLine(Buffer.from(line))).toEqual({ kind: 'dropped', reason });
  });

  it('invalid UTF-8 never parses as a press', () => {
    expect(parseButtonLine(Buffer.from([0x42, 0xc3, 0x28]))).toEqual({ kind: 'dropped', reason: 'unknown' });
    expect(parseButtonLine(Buffer.from([0xff, 0xfe, 0x42, 0x33]))).toEqual({ kind: 'dropped', reason: 'unknown' });
  });
});

describe('lineFramer', () => {
  it('joins lines split across chunks and splits chunks holding several lines', () => {
    const framer = createLineFramer(256, () => undefined);
    expect(framer.push(Buffer.from('B'))).toEqual([]);
    expect(framer.push(Buffer.from('1\r\nB2\nB')).map((l) => Buffer.from(l).toString())).toEqual(['B1\r', 'B2']);
    expect(framer.push(Buffer.from('3\n')).map((l) => Buffer.from(l).toString())).toEqual(['B3']);
  });

  it('drops a 1 MB line without a newline whole, counts it once, keeps memory bounded, and reads the next line', () => {
    let overlong = 0;
    const framer = createLineFramer(256, () => (overlong += 1));
    const junk = Buffer.alloc(64 * 1024, 0x41);
    for (let i = 0; i < 16; i += 1) expect(framer.push(junk)).toEqual([]);
    expect(overlong).toBe(1);
    const lines = framer.push(Buffer.from('still junk\nB4\n'));
    expect(lines.map((l) => Buffer.from(l).toString())).toEqual(['B4']);
    expect(overlong).toBe(1);
  });

  it('an overlong line that ends in the same chunk is counted and skipped', () => {
    let overlong = 0;
    const framer = createLineFramer(8, () => (overlong += 1));
    expect(framer.push(Buffer.from('0123456789\nB1\n')).map((l) => Buffer.from(l).toString())).toEqual(['B1']);
    expect(overlong).toBe(1);
  });
});
