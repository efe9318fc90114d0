import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigInput } from '../../shared/config.ts';
import { startDemoCollector } from '../collector/demoCollector.ts';
import { DEMO_CONFIG, DEMO_TICKETS_CONFIG } from '../core/config/loadConfig.ts';
import { defaultDataDir } from '../core/dataDir.ts';
import { claimDataDir, DataDirInUseError, type DataDirClaim } from '../core/dataDirLock.ts';
import { hashPin } from '../core/technician/pinHash.ts';
import type { ButtonSimulator } from '../simulators/buttonSimulator.ts';
import { socatAvailable } from '../simulators/ptyPair.ts';
import { CHROMIUM_KIOSK_FLAGS, demoChromium } from './chromium.ts';
import { startVirtualButtonBox, startVirtualPrinter, type VirtualButtonBox, type VirtualPrinter } from './demoHardware.ts';
import { runOfficeDemo } from './officeDemoCommand.ts';
import { refuseDataDirInUse, startServing, untilSignal } from './serveCommand.ts';
import { parseCommandArgs, parsePort, UsageError } from './usage.ts';

const HELP = `usage: okno demo [--mode rating|tickets] [--port N] [--kiosk] [--no-open]
       okno demo --office [--no-open]

Runs the kiosk with a demo configuration and a local collector that receives its events.
  rating (default): the rating terminal of window 5 of a Moscow service centre, with a virtual
    five-button device on a pseudo-terminal (when socat is installed): type 1–5 in this terminal.
  tickets: the ticket dispenser of its hall, with a virtual ESC/POS printer on a pseudo-terminal
    whose tickets are printed here as text.
Opens the kiosk in Chromium's app mode when Chromium and a display are there; otherwise prints the URL.

  --office     a whole office on this machine instead: the office hub, the ticket dispenser (virtual
               printer), two windows — each an operator's console and a rating terminal with a
               virtual button box (type the window, then the button: 2 then 4) — and the hall board,
               each on its own free port, in a temporary directory removed when it stops. Prints
               every address, the operators and their PIN; opens the faces as Chromium tabs.
  --mode M     rating or tickets
  --port N     port to listen on (default: a free port)
  --kiosk      open in Chromium's full-screen kiosk mode (leave it with Alt+F4)
  --no-open    only print the URL(s)`;

/** What `okno demo ARGS` runs, from its flags: help, one kiosk of a mode, or the whole office. */
export type DemoChoice =
  | { readonly kind: 'help' }
  | { readonly kind: 'office'; readonly open: boolean }
  | { readonly kind: 'kiosk'; readonly mode: 'rating' | 'tickets'; readonly port: number; readonly kiosk: boolean; readonly open: boolean };

export function demoChoice(args: string[]): DemoChoice {
  const flags = parseCommandArgs(args, {
    office: { type: 'boolean' },
    mode: { type: 'string' },
    port: { type: 'string' },
    kiosk: { type: 'boolean' },
    'no-open': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) return { kind: 'help' };
  const open = !flags['no-open'];
  if (flags.office) {
    // Each face of the office takes a free port, and six full-screen kiosks on one screen help nobody.
    const alone = (['mode', 'port', 'kiosk'] as const).filter((flag) => flags[flag] !== undefined);
    if (alone.length > 0) throw new UsageError(`--office runs every face on a free port, in tabs: it takes no ${alone.map((flag) => `--${flag}`).join(', ')}`);
    return { kind: 'office', open };
  }
  const mode = flags.mode ?? 'rating';
  if (mode !== 'rating' && mode !== 'tickets') throw new UsageError(`--mode must be rating or tickets, got "${mode}"`);
  return { kind: 'kiosk', mode, port: parsePort(flags.port), kiosk: Boolean(flags.kiosk), open };
}

/** The demo's technician PIN, printed at start: a demo has nothing to protect. */
const DEMO_PIN = '1234';

/** The "hardware" of the demo: a simulated button box on a socat pty pair, or null without socat. */
async function startDemoButtons(dataDir: string): Promise<VirtualButtonBox | null> {
  if (!socatAvailable()) {
    console.log('okno: socat is not installed, so the demo has no virtual button device (apt-get install socat); touch and keys 1–5 work');
    return null;
  }
  return startVirtualButtonBox(join(dataDir, 'ttyBUTTONS'), (button) => console.log(`okno: button box LED ${button} lit — the vote was committed`));
}

/** The dispenser's paper: a virtual ESC/POS printer whose tickets appear in the terminal. */
async function startDemoPrinter(dataDir: string): Promise<VirtualPrinter | null> {
  if (!socatAvailable()) {
    console.log('okno: socat is not installed, so the demo has no virtual printer (apt-get install socat); tickets are shown on screen only');
    return null;
  }
  return startVirtualPrinter(join(dataDir, 'ttyPRINTER'), (ticket) => console.log(`okno: the printer printed:\n${ticket}`));
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
  const chromium = demoChromium();
  if (!chromium) {
    console.log(`okno: open ${url} in a browser; press Ctrl+C here to stop`);
    return;
  }
  const profile = mkdtempSync(join(tmpdir(), 'okno-demo-chromium-'));
  const browser = spawn(chromium, [`--user-data-dir=${profile}`, ...CHROMIUM_KIOSK_FLAGS, kiosk ? '--kiosk' : '--start-maximized', `--app=${url}`], {
    stdio: 'ignore',
  });
  browser.on('error', (error) => console.error(`okno: could not start Chromium: ${error.message}`));
  console.log(`okno: opened in ${chromium}; press Ctrl+C here to stop`);
}

export async function runDemo(args: string[]): Promise<number> {
  const choice = demoChoice(args);
  if (choice.kind === 'help') {
    console.log(HELP);
    return 0;
  }
  if (choice.kind === 'office') return runOfficeDemo({ open: choice.open });
  const { mode } = choice;
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

  const serving = await startServing({ configPath, dataDir, port: choice.port });
  const stopped = untilSignal();
  console.log(`okno: serving ${serving.host.url}`);
  console.log(`okno: demo journal in ${dataDir} — "okno doctor --data-dir ${dataDir}" shows what was recorded`);
  console.log(`okno: demo collector on ${collector.url} (database ${collector.dbFile}); each batch it receives is printed here`);
  const stopKeys = buttons ? pressFromTerminal(buttons.simulator) : () => undefined;
  if (buttons) console.log(`okno: virtual button box on ${buttons.pair.hostPath}: type 1–5 here to press its buttons`);
  console.log(`okno: technician mode: hold the top-right corner for 5 s (or Ctrl+Alt+Shift+O), PIN ${DEMO_PIN}`);
  if (choice.open) openInChromium(serving.host.url, choice.kiosk);
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
