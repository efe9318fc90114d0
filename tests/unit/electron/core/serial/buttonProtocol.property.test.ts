import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseButtonLine, pressLineWithChecksum, type ButtonLine } from '../../../../../electron/core/serial/buttonProtocol.ts';
import { createLineFramer } from '../../../../../electron/core/serial/lineFramer.ts';
import { chunked, cutPoints, latin1 } from '../../../../helpers/byteStreams.ts';

/**
 * Property tests of the okno-buttons/1 parser (issue #11, item 16): against a reference model written
 * from docs/protocol-buttons.md with plain strings, for any bytes; valid messages as the device
 * sends them; corruption never turns into another button; and the whole path (bytes cut anywhere →
 * lines → messages) gives the model's messages with counters that add up.
 */

const NUM_RUNS = 1000;

const xor = (text: string): number => [...text].reduce((sum, char) => sum ^ char.charCodeAt(0), 0);

/** The reference: one line (latin1, no `\n`) → what it means. */
function model(line: string): ButtonLine {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (text === '') return { kind: 'ignored' };
  let body = text;
  const star = text.lastIndexOf('*');
  if (star >= 0) {
    const sum = text.slice(star + 1);
    if (!/^[0-9a-fA-F]{2}$/.test(sum)) return { kind: 'dropped', reason: 'malformed' };
    body = text.slice(0, star);
    if (xor(body) !== Number.parseInt(sum, 16)) return { kind: 'dropped', reason: 'checksum' };
  }
  if (/^B[1-9]$/.test(body)) return { kind: 'press', button: Number(body[1]) };
  if (body === 'HELLO' || body.startsWith('HELLO ')) {
    const words = /^HELLO (\S+) (\S+) ([1-9])$/.exec(body);
    return words ? { kind: 'hello', model: words[1]!, firmware: words[2]!, buttons: Number(words[3]) } : { kind: 'dropped', reason: 'malformed' };
  }
  return { kind: 'dropped', reason: 'unknown' };
}

const fromLatin1 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));

/** Text that looks like the protocol often and like noise sometimes. */
const token = fc.oneof(
  fc.constantFrom('B', 'B1', 'B5', 'B9', 'B0', 'HELLO', 'HELLO ', ' ', '*', '\r', '4A', '7f', 'x', '\u00a0', '\u0085', '\t'),
  fc.integer({ min: 0, max: 255 }).map((code) => String.fromCharCode(code)),
);
const lineText = fc.array(token, { maxLength: 12 }).map((parts) => parts.join('').replaceAll('\n', ''));

const button = fc.integer({ min: 1, max: 9 });
// Printable ASCII without `*`, which starts a checksum (docs/protocol-buttons.md).
const word = fc.stringMatching(/^[!-)+-~]{1,12}$/);
/** A message as a device sends it, with what it must mean. */
const validMessage = fc.oneof(
  button.map((n) => ({ text: `B${n}`, means: { kind: 'press', button: n } })),
  button.map((n) => ({ text: pressLineWithChecksum(n).slice(0, -1), means: { kind: 'press', button: n } })),
  button.map((n) => ({ text: pressLineWithChecksum(n).slice(0, -1).toLowerCase().replace('b', 'B'), means: { kind: 'press', button: n } })),
  fc.tuple(word, word, button).map(([model, firmware, buttons]) => ({
    text: `HELLO ${model} ${firmware} ${buttons}`,
    means: { kind: 'hello', model, firmware, buttons },
  })),
);

describe('okno-buttons/1 parser (property)', () => {
  it('any line means what the reference model says, and never throws', () => {
    fc.assert(
      fc.property(lineText, (text) => {
        expect(parseButtonLine(fromLatin1(text))).toEqual(model(text));
      }),
      { numRuns: NUM_RUNS },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(parseButtonLine(bytes)).toEqual(model(latin1(bytes)));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a message as the device sends it (with or without \\r) means what it says', () => {
    fc.assert(
      fc.property(validMessage, fc.boolean(), ({ text, means }, cr) => {
        expect(parseButtonLine(fromLatin1(cr ? `${text}\r` : text))).toEqual(means);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('one corrupted byte in a press with a checksum is never a press of another button', () => {
    fc.assert(
      fc.property(button, fc.nat(), fc.integer({ min: 1, max: 255 }), (n, at, flip) => {
        const bytes = fromLatin1(pressLineWithChecksum(n).slice(0, -1));
        const i = at % bytes.length;
        bytes[i] = bytes[i]! ^ flip;
        const parsed = parseButtonLine(bytes);
        // Only a flip that keeps the meaning passes (a hex digit's case): the same button.
        if (parsed.kind === 'press') expect(parsed.button).toBe(n);
        else expect(parsed.kind).toBe('dropped');
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('bytes cut anywhere → lines → messages: the model\'s messages, and every line counted once', () => {
    const maxLineBytes = 24;
    fc.assert(
      fc.property(fc.array(fc.oneof(validMessage.map((m) => m.text), lineText), { maxLength: 20 }), lineText, cutPoints, (lines, partial, cuts) => {
        const stream = fromLatin1(`${lines.map((line) => `${line}\n`).join('')}${partial}`);
        let overlong = 0;
        const framer = createLineFramer(maxLineBytes, () => (overlong += 1));
        const parsed = chunked(stream, cuts).flatMap((chunk) => framer.push(chunk)).map(parseButtonLine);

        const complete = lines.filter((line) => line.length <= maxLineBytes);
        expect(parsed).toEqual(complete.map(model));
        const count = (kind: ButtonLine['kind']): number => parsed.filter((message) => message.kind === kind).length;
        expect(count('press') + count('hello') + count('dropped') + count('ignored') + overlong).toBe(
          lines.length + (partial.length > maxLineBytes ? 1 : 0),
        );
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
