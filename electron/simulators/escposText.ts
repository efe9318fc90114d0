/**
 * What a thermal printer would show, from the ESC/POS bytes it received: text decoded from CP866,
 * commands skipped, a cut as a line of scissors. Only what okno's tickets use is understood; it is
 * for the simulator and the tests, not a general ESC/POS interpreter.
 */
const decoder = new TextDecoder('ibm866');
export const CUT_MARK = '✂ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─';

export function escposToText(bytes: Uint8Array): string {
  let out = '';
  let run: number[] = [];
  const flush = (): void => {
    if (run.length > 0) out += decoder.decode(Uint8Array.from(run));
    run = [];
  };
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i]!;
    if (byte === 0x0a) {
      flush();
      out += '\n';
    } else if (byte === 0x1b) {
      flush();
      const command = bytes[i + 1];
      // ESC @ (init) and ESC 2 have no argument; the rest okno sends take one byte.
      i += command === 0x40 || command === 0x32 ? 1 : 2;
    } else if (byte === 0x1d) {
      flush();
      const command = bytes[i + 1];
      if (command === 0x28 && bytes[i + 2] === 0x6b) {
        // GS ( k pL pH …: a QR code block.
        const length = (bytes[i + 3] ?? 0) + ((bytes[i + 4] ?? 0) << 8);
        i += 4 + length;
      } else if (command === 0x56) {
        // GS V m [n]: cut.
        i += bytes[i + 2] === 0x41 || bytes[i + 2] === 0x42 || bytes[i + 2] === 65 || bytes[i + 2] === 66 ? 3 : 2;
        out += `\n${CUT_MARK}\n`;
      } else {
        i += 2;
      }
    } else if (byte === 0x1c) {
      flush();
      i += 1; // FS . and friends
    } else if (byte === 0x10 && bytes[i + 1] === 0x04) {
      flush();
      i += 2; // DLE EOT n: a status request, not print data
    } else if (byte >= 0x20) {
      run.push(byte);
    }
  }
  flush();
  return out;
}
