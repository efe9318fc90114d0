import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigInput } from '../../shared/config.ts';
import { startDemoCollector } from '../collector/demoCollector.ts';
import { DEMO_CONFIG, DEMO_TICKETS_CONFIG } from '../core/config/loadConfig.ts';
import { CUT_MARK } from '../simulators/escposText.ts';
import { startPrinterSimulator } from '../simulators/printerSimulator.ts';
import { defaultDataDir } from '../core/dataDir.ts';
import { claimDataDir, DataDirInUseError, type DataDirClaim } from '../core/dataDirLock.ts';
import { hashPin } from '../core/technician/pinHash.ts';
import { systemSerialPorts } from '../core/serial/serialPort.ts';
import { startButtonSimulator, type ButtonSimulator } from '../simulators/buttonSimulator.ts';
import { openPtyPair, socatAvailable, type PtyPair } from '../simulators/ptyPair.ts';
import { refuseDataDirInUse, startServing, untilSignal } from './serveCommand.ts';
import { parseCommandArgs, parsePort, UsageError } from './usage.ts';

const HELP = `usage: okno demo [--mode rating|tickets] [--port N] [--kiosk] [--no-open]

Runs the kiosk with a demo configuration and a local collector that receives its events.
  rating (default): the rating terminal of window 5 of a Moscow service centre, with a virtual
    five-button device on a pseudo-terminal (when socat is installed): type 1–5 in this terminal.
  tickets: the ticket dispenser of its hall, with a virtual ESC/POS printer on a pseudo-terminal
    whose tickets are printed here as text.
Opens the kiosk in Chromium's app mode when Chromium and a display are there; otherwise prints the URL.

  --mode M     rating or tickets
  --port N     port to listen on (default: a free port)
  --kiosk      open in Chromium's full-screen kiosk mode (leave it with Alt+F4)
  --no-open    only print the URL`;

/** The demo's technician PIN, printed at start: a demo has nothing to protect. */
const DEMO_PIN = '1234';

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

interface DemoButtons {
  readonly pair: PtyPair;
  readonly simulator: ButtonSimulator;
  close(): Promise<void>;
}

/** The "hardware" of the demo: a simulated button box on a socat pty pair, or null without socat. */
async function startDemoButtons(dataDir: string): Promise<DemoButtons | null> {
  if (!socatAvailable()) {
    console.log('okno: socat is not installed, so the demo has no virtual button device (apt-get install socat); touch and keys 1–5 work');
    return null;
  }
  const pair = await openPtyPair({ hostLink: join(dataDir, 'ttyBUTTONS') });
  const simulator = await startButtonSimulator(systemSerialPorts, pair.devicePath, {
    onAck: (button) => console.log(`okno: button box LED ${button} lit — the vote was committed`),
  });
  return {
    pair,
    simulator,
    async close() {
      await simulator.close();
      await pair.close();
    },
  };
}

/** The dispenser's paper: a virtual ESC/POS printer whose tickets appear in the terminal. */
async function startDemoPrinter(dataDir: string): Promise<{ readonly hostPath: string; close(): Promise<void> } | null> {
  if (!socatAvailable()) {
    console.log('okno: socat is not installed, so the demo has no virtual printer (apt-get install socat); tickets are shown on screen only');
    return null;
  }
  const pair = await openPtyPair({ hostLink: join(dataDir, 'ttyPRINTER') });
  const printer = await startPrinterSimulator(systemSerialPorts, pair.devicePath);
  let shown = 0;
  printer.onData(() => {
    const tickets = printer.text().split(CUT_MARK);
    for (; shown < tickets.length - 1; shown += 1) console.log(`okno: the printer printed:\n${tickets[shown]!.replace(/^\n+|\n+$/g, '')}\n${CUT_MARK}`);
  });
  return {
    hostPath: pair.hostPath,
    async close() {
      await printer.close();
      await pair.close();
    },
  };
}

/** Keys 1–5 typed in the terminal press the virtual box's buttons. */
function pressFromTerminal(simulator: ButtonSimulator): () => void {
  const stdin = process.stdin;
  if (!stdin.isTTY) return () => undefined;
  stdin.setRawMode(true);
  stdin.resume();
  const onKey = (key: Buffer): void => {
    const char = key.toString();
    if (char === '\u0003') process.kill(process.pid, 'SIGINT');
    else if (/^[1-9]$/.test(char)) simulator.press(Number(char));
  };
  stdin.on('data', onKey);
  return () => {
    stdin.off('data', onKey);
    stdin.setRawMode(false);
    stdin.pause();
  };
}

function openInChromium(url: string, kiosk: boolean): void {
  const chromium = CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!chromium || !hasDisplay) {
    console.log(`okno: open ${url} in a browser; press Ctrl+C here to stop`);
    return;
  }
  const profile = mkdtempSync(join(tmpdir(), 'okno-demo-chromium-'));
  const browser = spawn(chromium, [`--user-data-dir=${profile}`, '--no-first-run', '--disable-sync', kiosk ? '--kiosk' : '--start-maximized', `--app=${url}`], {
    stdio: 'ignore',
  });
  browser.on('error', (error) => console.error(`okno: could not start Chromium: ${error.message}`));
  console.log(`okno: opened in ${chromium}; press Ctrl+C here to stop`);
}

export async function runDemo(args: string[]): Promise<number> {
  const flags = parseCommandArgs(args, {
    mode: { type: 'string' },
    port: { type: 'string' },
    kiosk: { type: 'boolean' },
    'no-open': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  const mode = flags.mode ?? 'rating';
  if (mode !== 'rating' && mode !== 'tickets') throw new UsageError(`--mode must be rating or tickets, got "${mode}"`);
  const base = mode === 'tickets' ? DEMO_TICKETS_CONFIG : DEMO_CONFIG;
  const dataDir = join(defaultDataDir(), mode === 'tickets' ? 'demo-tickets' : 'demo');
  mkdirSync(dataDir, { recursive: true });
  // Before the virtual devices and the collector, which live in the data directory too: a second
  // demo of the same mode must not take over the first one's pty links and collector database.
  let claim: DataDirClaim;
  try {
    claim = claimDataDir(dataDir);
  } catch (error) {
    if (error instanceof DataDirInUseError) return refuseDataDirInUse(error);
    throw error;
  }
  const buttons = mode === 'rating' ? await startDemoButtons(dataDir) : null;
  const printer = mode === 'tickets' ? await startDemoPrinter(dataDir) : null;
  // A local okno-sync/1 collector, so the demo shows its events leaving the device.
  const collector = await startDemoCollector(dataDir, base.device.id, (line) => console.log(line));
  const config: ConfigInput = {
    ...base,
    ...(buttons ? { buttons: { path: buttons.pair.hostPath } } : {}),
    ...(printer ? { printer: { path: printer.hostPath } } : {}),
    sync: { endpoint: collector.url, token: collector.token, intervalSeconds: 10 },
    technician: { pinHash: await hashPin(DEMO_PIN) },
  };
  const configPath = join(dataDir, 'config.json');
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);

  const serving = await startServing({ configPath, dataDir, port: parsePort(flags.port) });
  const stopped = untilSignal();
  console.log(`okno: serving ${serving.host.url}`);
  console.log(`okno: demo journal in ${dataDir} — "okno doctor --data-dir ${dataDir}" shows what was recorded`);
  console.log(`okno: demo collector on ${collector.url} (database ${collector.dbFile}); each batch it receives is printed here`);
  const stopKeys = buttons ? pressFromTerminal(buttons.simulator) : () => undefined;
  if (buttons) console.log(`okno: virtual button box on ${buttons.pair.hostPath}: type 1–5 here to press its buttons`);
  console.log(`okno: technician mode: hold the top-right corner for 5 s (or Ctrl+Alt+Shift+O), PIN ${DEMO_PIN}`);
  if (!flags['no-open']) openInChromium(serving.host.url, Boolean(flags.kiosk));
  else console.log(`okno: open ${serving.host.url} in a browser; press Ctrl+C here to stop`);

  await stopped;
  stopKeys();
  await serving.close();
  await buttons?.close();
  await printer?.close();
  await collector.close();
  claim.release();
  return 0;
}
