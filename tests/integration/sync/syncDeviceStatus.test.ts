import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../../electron/core/dataDir.ts';
import { deviceStatusSchema } from '../../../shared/events.ts';
import { useTempDirs } from '../../helpers/tempDir.ts';
import { waitFor } from '../../helpers/waitFor.ts';
import { COLLECTOR_READY, collectorRows, deviceRows, SERVE_READY, useSyncProcesses, writeDeviceConfig, writeDevicesFile } from './syncFixtures.ts';

const tempDir = useTempDirs();
const { start, proxy: startProxy } = useSyncProcesses();

/** Issue #14 item 3, the device side: a real `okno serve` reports its health to the reference collector. */
describe('device.status over okno-sync/1', () => {
  it('the first status reaches the collector (through the contract-checking proxy), stored as the device wrote it', async () => {
    const dir = tempDir();
    const collectorDb = join(dir, 'collector.db');
    const collector = await start(['collector', '--db', collectorDb, '--devices', writeDevicesFile(dir), '--port', '0', '--quiet'], COLLECTOR_READY);
    const proxy = await startProxy(collector.url);
    const dataDir = join(dir, 'data');
    await start(['serve', '--port', '0', '--config', writeDeviceConfig(dir, proxy.url), '--data-dir', dataDir], SERVE_READY);

    const stored = await waitFor(() => collectorRows(collectorDb).find((row) => row.type === 'device.status'), 'a device.status at the collector', 20_000, 50);
    const payload = deviceStatusSchema.parse(JSON.parse(stored.payload));
    expect(payload).toMatchObject({ reason: 'start', mode: 'rating', buttons: 'none', printer: 'none', storage: 'ok', storageProblem: null, hub: 'none', failedWrites: 0 });
    // Recorded right after device.started, before anything was acknowledged: at most that one waits.
    expect(payload.backlog).toBeLessThanOrEqual(1);
    // The collector keeps it as any event: the device's committed text, byte for byte.
    expect(deviceRows(join(dataDir, JOURNAL_FILE)).find((row) => row.id === stored.id)).toEqual(stored);
  });
});
