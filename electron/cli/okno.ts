import { runCollector } from './collectorCommand.ts';
import { runDemo } from './demoCommand.ts';
import { runDoctor } from './doctorCommand.ts';
import { runHub } from './hubCommand.ts';
import { runPorts } from './portsCommand.ts';
import { runProvision } from './provisionCommand.ts';
import { runServe } from './serveCommand.ts';
import { runSetPin } from './setPinCommand.ts';
import { runSimulateButtons } from './simulateButtonsCommand.ts';
import { runSimulatePrinter } from './simulatePrinterCommand.ts';
import { runSync } from './syncCommand.ts';
import { UsageError } from './usage.ts';

const COMMANDS: Record<string, { summary: string; run: (args: string[]) => Promise<number> }> = {
  serve: { summary: 'run the kiosk core and the browser host on 127.0.0.1', run: runServe },
  doctor: { summary: 'diagnostics of a device (readable while the kiosk runs)', run: runDoctor },
  sync: { summary: 'the sync outbox: list quarantined batches, --requeue-quarantined sends them again', run: runSync },
  provision: { summary: 'validate a configuration and install it on this device (fleets, scripts)', run: runProvision },
  'set-pin': { summary: 'set the technician PIN (asked twice, or the first line of a pipe)', run: runSetPin },
  demo: { summary: 'the kiosk with the demo configuration, opened in Chromium when there is one', run: runDemo },
  hub: { summary: 'the office hub: the queue authority of one office (okno-office/1 over HTTPS)', run: runHub },
  collector: { summary: 'the reference okno-sync/1 collector (receives the devices\' events)', run: runCollector },
  ports: { summary: 'list the serial ports (manufacturer, serial number, USB id)', run: runPorts },
  'simulate-buttons': { summary: 'a virtual button device on a pseudo-terminal', run: runSimulateButtons },
  'simulate-printer': { summary: 'a virtual ESC/POS ticket printer on a pseudo-terminal', run: runSimulatePrinter },
};

const HELP = `usage: okno <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(17)} ${command.summary}`)
  .join('\n')}

Run "okno <command> --help" for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`okno: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`okno ${name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
