import { systemSerialPorts } from '../core/serial/serialPort.ts';
import { startButtonSimulator, type ButtonSimulator } from '../simulators/buttonSimulator.ts';
import { CUT_MARK } from '../simulators/escposText.ts';
import { startPrinterSimulator } from '../simulators/printerSimulator.ts';
import { openPtyPair, type PtyPair } from '../simulators/ptyPair.ts';

/**
 * The demos' "hardware": a five-button box and an ESC/POS printer in software, each on a socat
 * pseudo-terminal pair whose host side is what the device's config names. Both need socat (the
 * caller asks socatAvailable() first and says what the demo does without it).
 */

export interface VirtualButtonBox {
  readonly pair: PtyPair;
  readonly simulator: ButtonSimulator;
  close(): Promise<void>;
}

/** A button box whose host side appears at `hostLink`; `onAck` hears each LED the kiosk lights (a committed vote). */
export async function startVirtualButtonBox(hostLink: string, onAck: (button: number) => void): Promise<VirtualButtonBox> {
  const pair = await openPtyPair({ hostLink });
  try {
    const simulator = await startButtonSimulator(systemSerialPorts, pair.devicePath, { onAck });
    return {
      pair,
      simulator,
      async close() {
        await simulator.close();
        await pair.close();
      },
    };
  } catch (error) {
    await pair.close();
    throw error;
  }
}

export interface VirtualPrinter {
  readonly hostPath: string;
  close(): Promise<void>;
}

/** A ticket printer whose host side appears at `hostLink`; `onTicket` gets each cut ticket as text, with the cut mark. */
export async function startVirtualPrinter(hostLink: string, onTicket: (text: string) => void): Promise<VirtualPrinter> {
  const pair = await openPtyPair({ hostLink });
  try {
    const printer = await startPrinterSimulator(systemSerialPorts, pair.devicePath);
    let shown = 0;
    printer.onData(() => {
      const tickets = printer.text().split(CUT_MARK);
      for (; shown < tickets.length - 1; shown += 1) onTicket(`${(tickets[shown] ?? '').replace(/^\n+|\n+$/g, '')}\n${CUT_MARK}`);
    });
    return {
      hostPath: pair.hostPath,
      async close() {
        await printer.close();
        await pair.close();
      },
    };
  } catch (error) {
    await pair.close();
    throw error;
  }
}
