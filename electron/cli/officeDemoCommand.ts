import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_KIOSK_FLAGS, demoChromium } from './chromium.ts';
import { startDemoOffice, type DemoOffice } from './officeDemo.ts';
import { BOX_KEYS_HELP, boxKeys, OFFICE_FACES, urlTable } from './officeDemoPlan.ts';
import { untilSignal } from './serveCommand.ts';

/**
 * `okno demo --office` in a terminal: starts the office (officeDemo.ts) in a fresh temporary
 * directory, prints its addresses, operators and PINs, opens the faces in Chromium, turns typed keys
 * into presses of the virtual boxes, and stops it all on Ctrl+C (SIGINT) or SIGTERM.
 */
export async function runOfficeDemo(options: { readonly open: boolean }): Promise<number> {
  // A fresh office each run: its device tokens are new each time, so yesterday's journals mean nothing.
  const dataDir = mkdtempSync(join(tmpdir(), 'okno-office-demo-'));
  const log = (line: string): void => console.log(line);
  let office: DemoOffice;
  try {
    office = await startDemoOffice({ dataDir, log });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const stopped = untilSignal();
  const rows = [...OFFICE_FACES.map((face) => ({ label: face.label, url: office.urls[face.id] })), { label: 'hub (okno-office/1, for devices)', url: office.urls.hub }];
  console.log(`okno: the demo office is running (its data in ${dataDir}, removed when it stops):\n${urlTable(rows)}`);
  console.log(`okno: operators ${office.operators.map((operator) => `${operator.id} (${operator.name})`).join(', ')}: PIN ${office.operatorPin} at either window's console`);
  console.log(`okno: technician mode on any face: hold the top-right corner for 5 s (or Ctrl+Alt+Shift+O), PIN ${office.technicianPin}`);
  console.log(`okno: collector on ${office.collector.url}: each batch of events it receives, and each rating with its ticket, is printed here`);
  let stopKeys = (): void => undefined;
  if (!office.hardware) {
    console.log('okno: socat is not installed, so the office has no virtual printer and no button boxes (apt-get install socat); tickets show on screen only, ratings by touch');
  } else if (process.stdin.isTTY) {
    stopKeys = pressFromTerminal(office);
    console.log(`okno: virtual button boxes at both windows: ${BOX_KEYS_HELP}`);
  } else {
    console.log('okno: virtual button boxes at both windows (keys typed in a terminal press them; this one is not a terminal)');
  }
  const browser = options.open ? openTabs(OFFICE_FACES.map((face) => office.urls[face.id])) : null;
  if (!browser) console.log('okno: open the addresses above in a browser; press Ctrl+C here to stop');

  await stopped;
  // A second Ctrl+C while stopping must not kill us halfway: socat would be left behind.
  const stillStopping = (): void => console.log('okno: still stopping the office…');
  process.on('SIGINT', stillStopping);
  process.on('SIGTERM', stillStopping);
  try {
    stopKeys();
    if (browser && browser.exitCode === null && browser.signalCode === null) browser.kill('SIGTERM');
    await office.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    process.off('SIGINT', stillStopping);
    process.off('SIGTERM', stillStopping);
  }
  console.log('okno: the demo office stopped');
  return 0;
}

/**
 * Keys typed in the terminal press the boxes (raw mode: one key at a time, no Enter needed). Ctrl+C
 * arrives as a key, and only this process is signalled: the terminal's own SIGINT would reach the
 * whole process group, socat included, and pull the boxes out from under the kiosks while they stop.
 */
function pressFromTerminal(office: DemoOffice): () => void {
  const stdin = process.stdin;
  const keys = boxKeys();
  stdin.setRawMode(true);
  stdin.resume();
  const onData = (chunk: Buffer): void => {
    for (const key of chunk.toString()) {
      if (key === '\u0003') {
        process.kill(process.pid, 'SIGINT');
        return;
      }
      const result = keys.feed(key);
      if (result.kind === 'window') console.log(`okno: window ${result.window}'s box: now its button (1–5)`);
      else if (result.kind === 'wrong') console.log(`okno: ${result.message}`);
      else if (result.kind === 'press') {
        office.press(result.window, result.button);
        console.log(`okno: pressed button ${result.button} of window ${result.window}'s box`);
      }
    }
  };
  stdin.on('data', onData);
  return () => {
    stdin.off('data', onData);
    stdin.setRawMode(false);
    stdin.pause();
  };
}

/** All the faces as tabs of one Chromium window (one profile, one process tree), or null when it cannot be opened here. */
function openTabs(urls: readonly string[]): ChildProcess | null {
  const chromium = demoChromium();
  if (!chromium) return null;
  const profile = mkdtempSync(join(tmpdir(), 'okno-demo-chromium-'));
  const browser = spawn(chromium, [`--user-data-dir=${profile}`, ...CHROMIUM_KIOSK_FLAGS, '--new-window', ...urls], { stdio: 'ignore' });
  browser.on('error', (error) => console.error(`okno: could not start Chromium: ${error.message}`));
  console.log(`okno: opened the six faces as tabs in ${chromium}; press Ctrl+C here to stop`);
  return browser;
}
