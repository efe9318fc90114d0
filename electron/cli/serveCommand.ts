import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowserHost, type BrowserHost } from '../browserHost/browserHost.ts';
import { ConfigError } from '../core/config/loadConfig.ts';
import { startDevice, type Device } from '../core/device/device.ts';
import { defaultDataDir } from '../core/dataDir.ts';
import { DataDirInUseError, EXIT_DATA_DIR_IN_USE } from '../core/dataDirLock.ts';
import { packageRoot } from '../core/version.ts';
import { parseCommandArgs, parsePort } from './usage.ts';

const HELP = `usage: okno serve [--config FILE] [--data-dir DIR] [--port N]

Runs the kiosk core and the browser host on 127.0.0.1, and prints
"okno: serving http://127.0.0.1:PORT/" when ready.

  --config FILE    device configuration (JSON); without it, the built-in demo configuration.
                   A FILE that does not exist yet opens the setup wizard, which saves it.
  --data-dir DIR   where the journal lives (default: $OKNO_DATA_DIR or ${defaultDataDir()});
                   one okno at a time: a second one on the same directory exits with code ${EXIT_DATA_DIR_IN_USE}
  --port N         port to listen on; 0 or none: a free port`;

export interface Serving {
  readonly device: Device;
  readonly host: BrowserHost;
  close(): Promise<void>;
}

export function rendererDir(): string {
  return join(packageRoot(), 'dist', 'renderer');
}

/** The collector dashboard's built page (vite.dashboard.config.ts): dashboard.html and assets/. */
export function dashboardDir(): string {
  return join(packageRoot(), 'dist', 'dashboard');
}

/** Boots the core and the browser host; shared by `serve` and `demo`. */
export async function startServing(options: { configPath?: string; dataDir: string; port: number }): Promise<Serving> {
  const dir = rendererDir();
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`the renderer is not built (${dir} has no index.html): run "npm run build" first`);
  }
  const device = await startDevice({
    ...(options.configPath ? { configPath: options.configPath } : {}),
    dataDir: options.dataDir,
  });
  let host: BrowserHost;
  let requestErrorCounted = (): void => undefined;
  try {
    host = await startBrowserHost({ core: device, rendererDir: dir, port: options.port, onRequestError: () => requestErrorCounted() });
  } catch (error) {
    await device.close();
    throw error;
  }
  device.setUrl(host.url);
  // Requests the browser host refused (a bad request-target, a malformed request…) reach okno doctor.
  const served = host;
  requestErrorCounted = device.setHostCounters(() => hostRequestCounters(served));
  return {
    device,
    host,
    async close() {
      await host.close();
      await device.close();
    },
  };
}

/** The browser host's refused requests as status counters, named so doctor says whose they are. */
function hostRequestCounters(host: BrowserHost): Record<string, number> {
  return Object.fromEntries(Object.entries(host.requestErrors).map(([kind, n]) => [`browserHost.${kind}`, n]));
}

/**
 * Resolves when SIGINT or SIGTERM arrives. Call it before printing the ready line: once the line is
 * written, the reader may signal before this process runs its next statement (seen under load).
 */
export const untilSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });

/** Another okno owns the data directory: say which, and exit with a code a supervisor can tell apart. */
export function refuseDataDirInUse(error: DataDirInUseError): number {
  console.error(`okno: ${error.message}`);
  return EXIT_DATA_DIR_IN_USE;
}

export async function runServe(args: string[]): Promise<number> {
  const flags = parseCommandArgs(args, {
    config: { type: 'string' },
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  let serving: Serving;
  try {
    serving = await startServing({
      ...(flags.config ? { configPath: flags.config } : {}),
      dataDir: flags['data-dir'] ?? defaultDataDir(),
      port: parsePort(flags.port),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`okno: ${error.message}`);
      return 78; // EX_CONFIG: systemd and scripts can tell a bad config from a crash
    }
    if (error instanceof DataDirInUseError) return refuseDataDirInUse(error);
    throw error;
  }
  const running = serving.device.running();
  if (!running) console.log(`okno: no config at ${flags.config ?? '(none)'} yet: the setup wizard is on the screen`);
  else if (!running.store.health().available) {
    console.error(`okno: storage problem, ratings cannot be saved: ${running.store.health().lastError ?? 'unknown'}`);
  }
  // Listen before saying "serving": a supervisor that stops us the moment it reads the line must get a clean stop.
  const stopped = untilSignal();
  console.log(`okno: serving ${serving.host.url}`);
  await stopped;
  await serving.close();
  return 0;
}
