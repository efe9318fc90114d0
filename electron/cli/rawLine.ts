/**
 * One line typed at a terminal already in raw mode (the caller sets it and restores it), for a
 * secret: the technician's PIN, a dashboard password. Nothing typed is echoed as typed; `keys` says
 * which bytes join the line and what the terminal shows for them. Null: Ctrl-C or Ctrl-D. Keys typed
 * ahead after Enter stay in the stream for the next question.
 */
export interface SecretKeys {
  /** Whether this byte joins the line, given the bytes taken so far. */
  accepts(byte: number, taken: number): boolean;
  /** Written for each byte taken ('*' for a PIN; '' shows nothing, not even the length). */
  readonly shownPerKey: string;
  /** Written for a byte refused (a beep), or ''. */
  readonly refusedSignal: string;
}

const CANCEL = new Set([0x03, 0x04]);
const ENTER = new Set([0x0d, 0x0a]);
const BACKSPACE = new Set([0x7f, 0x08]);

export function askRawLine(prompt: string, keys: SecretKeys): Promise<string | null> {
  const stdin = process.stdin;
  return new Promise((resolve) => {
    let bytes: number[] = [];
    const finish = (value: string | null, rest: Buffer): void => {
      stdin.off('data', onData);
      stdin.pause();
      if (rest.length > 0) stdin.unshift(rest);
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer): void => {
      for (let i = 0; i < chunk.length; i += 1) {
        const byte = chunk[i] as number;
        if (CANCEL.has(byte)) return finish(null, Buffer.alloc(0));
        if (ENTER.has(byte)) return finish(Buffer.from(bytes).toString('utf8'), chunk.subarray(i + 1));
        if (BACKSPACE.has(byte)) {
          if (bytes.length > 0 && keys.shownPerKey !== '') process.stderr.write('\b \b');
          bytes = bytes.slice(0, -1);
        } else if (keys.accepts(byte, bytes.length)) {
          bytes.push(byte);
          if (keys.shownPerKey !== '') process.stderr.write(keys.shownPerKey);
        } else if (keys.refusedSignal !== '') {
          process.stderr.write(keys.refusedSignal);
        }
      }
    };
    process.stderr.write(prompt);
    stdin.on('data', onData);
    stdin.resume();
  });
}
