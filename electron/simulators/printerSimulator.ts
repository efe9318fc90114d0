import type { SerialLink, SerialPorts } from '../core/serial/serialPort.ts';
import { statusBytes, type PrinterStatus } from '../core/printer/escposStatus.ts';
import { escposToText } from './escposText.ts';

/**
 * An ESC/POS ticket printer in software, on the device side of a serial link: answers the status
 * requests (DLE EOT 2 and 4) as a printer in the given state would, and keeps what it was sent.
 */
export interface PrinterSimulator {
  /** Change what the printer says about itself; `silent` stops it answering status requests. */
  set(state: Partial<PrinterStatus> & { silent?: boolean }): void;
  /** Every print byte received so far (status requests excluded). */
  received(): Buffer;
  /** What a person would read on the paper (escposToText of everything received). */
  text(): string;
  onData(listener: (bytes: Buffer) => void): void;
  close(): Promise<void>;
}

export async function startPrinterSimulator(ports: SerialPorts, devicePath: string, initial: Partial<PrinterStatus> & { silent?: boolean } = {}): Promise<PrinterSimulator> {
  const link: SerialLink = await ports.open(devicePath, 19200);
  let state = { ...initial };
  const chunks: Buffer[] = [];
  const listeners: ((bytes: Buffer) => void)[] = [];
  let pending: number[] = [];

  link.on('data', (chunk) => {
    const print: number[] = [];
    for (const byte of [...pending, ...chunk]) print.push(byte);
    pending = [];
    const kept: number[] = [];
    for (let i = 0; i < print.length; i += 1) {
      if (print[i] === 0x10 && i + 1 >= print.length) {
        pending = [0x10];
        break;
      }
      if (print[i] === 0x10 && print[i + 1] === 0x04) {
        if (i + 2 >= print.length) {
          pending = print.slice(i);
          break;
        }
        const n = print[i + 2];
        if (!state.silent) {
          const [offline, paper] = statusBytes(state);
          link.write(Buffer.from([n === 4 ? paper : offline]));
        }
        i += 2;
        continue;
      }
      kept.push(print[i]!);
    }
    if (kept.length > 0) {
      const bytes = Buffer.from(kept);
      chunks.push(bytes);
      for (const listener of listeners) listener(bytes);
    }
  });

  return {
    set(next) {
      state = { ...state, ...next };
    },
    received: () => Buffer.concat(chunks),
    text: () => escposToText(Buffer.concat(chunks)),
    onData: (listener) => listeners.push(listener),
    close: () => new Promise((resolve) => (link.isOpen ? link.close(() => resolve()) : resolve())),
  };
}
