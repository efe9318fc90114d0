import { systemSerialPorts } from '../core/serial/serialPort.ts';
import { startButtonSimulator, type ButtonSimulator } from '../simulators/buttonSimulator.ts';
import { openPtyPair, type PtyPair } from '../simulators/ptyPair.ts';
import { untilSignal } from './serveCommand.ts';
import { parseCommandArgs, UsageError } from './usage.ts';

const HELP = `usage: okno simulate-buttons [--path P | --link L] [--script "B5,B3,…"] [--interactive] [--delay MS] [--checksum]

A virtual okno-buttons/1 device with five buttons. Without --path it makes a pseudo-terminal pair
(socat) and prints the host side's path: put it into "buttons.path". It says HELLO when opened and
when asked, and prints the LEDs the kiosk lights (a vote committed).

  --path P        act on this existing device-side serial path instead of making a pair
  --link L        make the pair with its host side at L (a stable path for a config)
  --script LIST   send these lines, comma-separated ("B5,B3,garbage,B1*71"), then stop
  --delay MS      pause between script lines (default 500)
  --interactive   send B<n> for each key 1–9 typed here; q or Ctrl+C stops
  --checksum      send presses with the optional *HH checksum`;

export async function runSimulateButtons(args: string[]): Promise<number> {
  const flags = parseCommandArgs(args, {
    path: { type: 'string' },
    link: { type: 'string' },
    script: { type: 'string' },
    delay: { type: 'string' },
    interactive: { type: 'boolean' },
    checksum: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  if (flags.path && flags.link) throw new UsageError('--path and --link exclude each other');
  const delay = Number(flags.delay ?? 500);
  if (!Number.isFinite(delay) || delay < 0) throw new UsageError(`--delay must be a number of milliseconds, got "${flags.delay}"`);

  let pair: PtyPair | null = null;
  let devicePath = flags.path;
  if (!devicePath) {
    pair = await openPtyPair(flags.link ? { hostLink: flags.link } : {});
    devicePath = pair.devicePath;
    console.log(`okno: button device at ${pair.hostPath} (set "buttons.path" to it)`);
  }
  const simulator: ButtonSimulator = await startButtonSimulator(systemSerialPorts, devicePath, {
    checksum: Boolean(flags.checksum),
    onAck: (button) => console.log(`okno: LED ${button} lit (vote committed)`),
  });
  try {
    if (flags.script !== undefined) {
      // A press sent before the kiosk has the port open is lost: wait until it asks for HELLO.
      console.log('okno: waiting for the kiosk to open the port…');
      const waited = await Promise.race([simulator.hostAsked.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000).unref())]);
      if (!waited) console.log('okno: the kiosk did not ask for HELLO within 30 s; sending anyway');
      for (const line of flags.script.split(',').map((item) => item.trim()).filter(Boolean)) {
        const button = /^B([1-9])$/.exec(line);
        if (button) simulator.press(Number(button[1]));
        else simulator.writeRaw(`${line}\n`);
        console.log(`okno: sent ${line}`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    if (flags.interactive) await interactive(simulator);
    else if (flags.script === undefined) {
      console.log('okno: waiting; press Ctrl+C to unplug');
      await untilSignal();
    }
  } finally {
    await simulator.close();
    await pair?.close();
  }
  return 0;
}

function interactive(simulator: ButtonSimulator): Promise<void> {
  const stdin = process.stdin;
  if (!stdin.isTTY) throw new UsageError('--interactive needs a terminal');
  console.log('okno: press 1–9 to press a button, q to stop');
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve) => {
    const onKey = (key: Buffer): void => {
      const char = key.toString();
      if (char === 'q' || char === '\u0003') {
        stdin.off('data', onKey);
        stdin.setRawMode(false);
        stdin.pause();
        resolve();
      } else if (/^[1-9]$/.test(char)) {
        simulator.press(Number(char));
        console.log(`okno: pressed ${char}`);
      }
    };
    stdin.on('data', onKey);
  });
}
