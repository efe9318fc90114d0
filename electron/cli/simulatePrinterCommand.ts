import { systemSerialPorts } from '../core/serial/serialPort.ts';
import { CUT_MARK } from '../simulators/escposText.ts';
import { startPrinterSimulator } from '../simulators/printerSimulator.ts';
import { openPtyPair, type PtyPair } from '../simulators/ptyPair.ts';
import { untilSignal } from './serveCommand.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

const HELP = `usage: okno simulate-printer [--path P | --link L] [--paper-out] [--cover-open] [--silent]

A virtual ESC/POS ticket printer. Without --path it makes a pseudo-terminal pair (socat) and prints
the host side's path: put it into "printer.path". It answers the status requests (DLE EOT) as a
printer in the given state would, and prints each ticket it receives as text (CP866 decoded).

  --path P        act on this existing device-side serial path instead of making a pair
  --link L        make the pair with its host side at L (a stable path for a config)
  --paper-out     report "paper out" (the kiosk then issues tickets without printing them)
  --cover-open    report "cover open"
  --silent        do not answer status requests (a printer switched off)`;

export async function runSimulatePrinter(args: string[]): Promise<number> {
  const flags = parseCommandArgs(args, {
    path: { type: 'string' },
    link: { type: 'string' },
    'paper-out': { type: 'boolean' },
    'cover-open': { type: 'boolean' },
    silent: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  if (flags.path && flags.link) throw new UsageError('--path and --link exclude each other');
  let pair: PtyPair | null = null;
  let devicePath = flags.path;
  if (!devicePath) {
    pair = await openPtyPair(flags.link ? { hostLink: flags.link } : {});
    devicePath = pair.devicePath;
    console.log(`okno: printer at ${pair.hostPath} (set "printer.path" to it)`);
  }
  const printer = await startPrinterSimulator(systemSerialPorts, devicePath, {
    paperOut: Boolean(flags['paper-out']),
    coverOpen: Boolean(flags['cover-open']),
    silent: Boolean(flags.silent),
  });
  let shown = 0;
  printer.onData(() => {
    // Show each ticket once it is cut; a partial one waits for the rest of its bytes.
    const text = printer.text();
    const tickets = text.split(CUT_MARK);
    for (; shown < tickets.length - 1; shown += 1) console.log(`okno: printed ticket\n${tickets[shown]!.replace(/^\n+|\n+$/g, '')}\n${CUT_MARK}`);
  });
  console.log('okno: printer ready; press Ctrl+C to switch it off');
  await untilSignal();
  await printer.close();
  await pair?.close();
  return 0;
}
