// The built browser host (dist/) as a process of its own, for memory figures: the real core and
// host with a time-lapse clock, so every press is a new visit. Prints `ready <url>` when it listens.
// Plain JavaScript on the compiled code, so the figure is that of `okno serve`, not of a TS loader.
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowserHost } from '../dist/electron/browserHost/browserHost.js';
import { startDevice } from '../dist/electron/core/device/device.js';

const [configPath, dataDir, factorArg] = process.argv.slice(2);
if (!configPath || !dataDir) throw new Error('usage: hostProcess.js CONFIG DATA_DIR [FACTOR]');
const factor = Number(factorArg ?? 100_000);
const start = performance.now();
const lapse = {
  now: () => new Date(),
  monotonicMs: () => start + (performance.now() - start) * factor,
  setTimeout: (callback, ms) => setTimeout(callback, ms / factor).unref(),
  clearTimeout: (handle) => clearTimeout(handle),
};
const device = await startDevice({ configPath, dataDir, clock: lapse, scheduler: lapse });
const host = await startBrowserHost({ core: device, rendererDir: join(import.meta.dirname, '..', 'dist', 'renderer') });
writeSync(1, `ready ${host.url}\n`);
process.on('SIGTERM', () => {
  void host.close().then(() => device.close()).then(() => process.exit(0));
});
