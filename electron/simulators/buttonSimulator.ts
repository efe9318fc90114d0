import type { SerialLink, SerialPorts } from '../core/serial/serialPort.ts';
import { createLineFramer } from '../core/serial/lineFramer.ts';
import { pressLineWithChecksum } from '../core/serial/buttonProtocol.ts';

/**
 * A five-button okno-buttons/1 box in software, on the device side of a serial link: says HELLO when
 * opened and when asked (`?`), sends `B<n>` presses, and remembers the LEDs the host lights (`L<n>`).
 */
export interface ButtonSimulator {
  press(button: number): void;
  /** Anything at all, for fault tests: garbage, half lines, a megabyte without a newline. */
  writeRaw(bytes: string | Buffer): void;
  /**
   * Writes handed to the port whose callback has not come yet (0: all of them have left). A test
   * that writes a megabyte waits for 0, so a write stuck in the port fails as that, at once.
   */
  readonly pendingWrites: number;
  /** LEDs lit by the host, in order. */
  readonly acks: number[];
  /** Resolves when the host has asked for HELLO (`?`): it has the port open and reads it. */
  readonly hostAsked: Promise<void>;
  close(): Promise<void>;
}

export interface ButtonSimulatorOptions {
  readonly buttons?: number;
  readonly checksum?: boolean;
  readonly onAck?: (button: number) => void;
}

export const SIMULATOR_MODEL = 'okno-sim';
export const SIMULATOR_FIRMWARE = '1.0.0';

export async function startButtonSimulator(ports: SerialPorts, devicePath: string, options: ButtonSimulatorOptions = {}): Promise<ButtonSimulator> {
  const link: SerialLink = await ports.open(devicePath, 9600);
  const hello = `HELLO ${SIMULATOR_MODEL} ${SIMULATOR_FIRMWARE} ${options.buttons ?? 5}\n`;
  const acks: number[] = [];
  const framer = createLineFramer(64, () => undefined);
  let asked: () => void = () => undefined;
  const hostAsked = new Promise<void>((resolve) => (asked = resolve));
  let pendingWrites = 0;
  // Every write goes through here: the callback comes once the bytes left (or the write failed).
  const write = (bytes: string | Buffer): void => {
    pendingWrites += 1;
    link.write(bytes, () => (pendingWrites -= 1));
  };
  link.on('data', (chunk) => {
    for (const line of framer.push(chunk)) {
      const text = Buffer.from(line).toString('latin1').replace(/\r$/, '');
      if (text === '?') {
        write(hello);
        asked();
      }
      const led = /^L([1-9])$/.exec(text);
      if (led) {
        acks.push(Number(led[1]));
        options.onAck?.(Number(led[1]));
      }
    }
  });
  write(hello);
  return {
    press(button) {
      write(options.checksum ? pressLineWithChecksum(button) : `B${button}\n`);
    },
    writeRaw: write,
    get pendingWrites() {
      return pendingWrites;
    },
    acks,
    hostAsked,
    close: () => new Promise((resolve) => (link.isOpen ? link.close(() => resolve()) : resolve())),
  };
}
