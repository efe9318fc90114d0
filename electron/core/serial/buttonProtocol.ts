/**
 * okno-buttons/1, device → host: one ASCII line per message (framing by lineFramer.ts).
 *   B<n>            button n (1–9) pressed
 *   B<n>*HH         the same with an NMEA-style checksum: XOR of the bytes before `*`, two hex digits
 *   HELLO <model> <firmware> <buttons>   sent on connect, and as the answer to `?`
 * Host → device: `L<n>` (light LED n: the vote was committed), `?` (please say HELLO).
 * Anything else is dropped and counted, never fatal. See docs/protocol-buttons.md.
 */

export type ButtonLine =
  | { readonly kind: 'press'; readonly button: number }
  | { readonly kind: 'hello'; readonly model: string; readonly firmware: string; readonly buttons: number }
  | { readonly kind: 'dropped'; readonly reason: 'checksum' | 'unknown' | 'malformed' }
  | { readonly kind: 'ignored' };

export type DropReason = Extract<ButtonLine, { kind: 'dropped' }>['reason'];

export function xorChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const byte of bytes) sum ^= byte;
  return sum;
}

const PRESS = /^B([1-9])$/;
const HELLO = /^HELLO (\S+) (\S+) ([1-9])$/;

/** Parses one line, without its `\n` (a trailing `\r` is tolerated here). */
export function parseButtonLine(line: Uint8Array): ButtonLine {
  let bytes = line.at(-1) === 0x0d ? line.subarray(0, -1) : line;
  if (bytes.length === 0) return { kind: 'ignored' };
  const star = bytes.lastIndexOf(0x2a);
  if (star >= 0) {
    const hex = Buffer.from(bytes.subarray(star + 1)).toString('latin1');
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return { kind: 'dropped', reason: 'malformed' };
    bytes = bytes.subarray(0, star);
    if (xorChecksum(bytes) !== Number.parseInt(hex, 16)) return { kind: 'dropped', reason: 'checksum' };
  }
  // latin1 keeps every byte one character, so invalid UTF-8 simply fails the patterns below.
  const text = Buffer.from(bytes).toString('latin1');
  const press = PRESS.exec(text);
  if (press) return { kind: 'press', button: Number(press[1]) };
  if (text === 'HELLO' || text.startsWith('HELLO ')) {
    const hello = HELLO.exec(text);
    if (!hello) return { kind: 'dropped', reason: 'malformed' };
    return { kind: 'hello', model: hello[1]!, firmware: hello[2]!, buttons: Number(hello[3]) };
  }
  return { kind: 'dropped', reason: 'unknown' };
}

/** Host → device messages. */
export const ackLine = (button: number): string => `L${button}\n`;
export const HELLO_REQUEST = '?\n';

/** A press line with checksum, as a device (or the simulator) sends it. */
export function pressLineWithChecksum(button: number): string {
  const body = `B${button}`;
  return `${body}*${xorChecksum(Buffer.from(body, 'latin1')).toString(16).toUpperCase().padStart(2, '0')}\n`;
}
