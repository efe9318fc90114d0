import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCollector } from './collectorServer.ts';
import { openCollectorStore } from './collectorStore.ts';
import { deviceTokens, type DevicesFile } from './deviceTokens.ts';

export interface DemoCollector {
  readonly url: string;
  /** The demo device's token, for the `sync` section of the demo config. */
  readonly token: string;
  readonly dbFile: string;
  close(): Promise<void>;
}

/**
 * `okno demo`'s own collector: a database and a devices file under the demo's data directory, a
 * fresh token for the demo device each run, and one console line per batch so the demo shows the
 * events arriving.
 */
export async function startDemoCollector(dataDir: string, deviceId: string, log: (line: string) => void): Promise<DemoCollector> {
  const dir = join(dataDir, 'collector');
  mkdirSync(dir, { recursive: true });
  const token = randomBytes(24).toString('base64url');
  const devices: DevicesFile = { devices: { [deviceId]: { token } } };
  writeFileSync(join(dir, 'devices.json'), `${JSON.stringify(devices, null, 2)}\n`, { mode: 0o600 });
  const dbFile = join(dir, 'collector.db');
  const store = openCollectorStore(dbFile);
  const collector = await startCollector({
    store,
    tokens: deviceTokens(devices),
    log,
    onBatch: (batch) =>
      log(`okno: collector received ${batch.events} event(s) from ${batch.deviceId}: ${batch.accepted} new, ${batch.duplicates} duplicate(s); ${store.count(batch.deviceId)} in its database`),
  });
  return {
    url: collector.url,
    token,
    dbFile,
    async close() {
      await collector.close();
      store.close();
    },
  };
}
