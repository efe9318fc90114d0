import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDataDir } from '../core/dataDir.ts';
import { startServing, untilSignal } from './serveCommand.ts';
import { parseCommandArgs, parsePort } from './usage.ts';

const HELP = `usage: okno demo [--port N] [--kiosk] [--no-open]

Runs the kiosk with the built-in demo configuration (window 5 of a Moscow service centre) and
opens it in Chromium's app mode when Chromium and a display are there; otherwise prints the URL.

  --port N     port to listen on (default: a free port)
  --kiosk      open in Chromium's full-screen kiosk mode (leave it with Alt+F4)
  --no-open    only print the URL`;

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

export async function runDemo(args: string[]): Promise<number> {
  const flags = parseCommandArgs(args, {
    port: { type: 'string' },
    kiosk: { type: 'boolean' },
    'no-open': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  const dataDir = join(defaultDataDir(), 'demo');
  const serving = await startServing({ dataDir, port: parsePort(flags.port) });
  console.log(`okno: serving ${serving.host.url}`);
  console.log(`okno: demo journal in ${dataDir} — "okno doctor --data-dir ${dataDir}" shows what was recorded`);

  const chromium = CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!flags['no-open'] && chromium && hasDisplay) {
    const profile = mkdtempSync(join(tmpdir(), 'okno-demo-chromium-'));
    const browser = spawn(
      chromium,
      [`--user-data-dir=${profile}`, '--no-first-run', '--disable-sync', flags.kiosk ? '--kiosk' : '--start-maximized', `--app=${serving.host.url}`],
      { stdio: 'ignore', detached: false },
    );
    browser.on('error', (error) => console.error(`okno: could not start Chromium: ${error.message}`));
    console.log(`okno: opened in ${chromium}; press Ctrl+C here to stop`);
  } else {
    console.log(`okno: open ${serving.host.url} in a browser; press Ctrl+C here to stop`);
  }
  await untilSignal();
  await serving.close();
  return 0;
}
