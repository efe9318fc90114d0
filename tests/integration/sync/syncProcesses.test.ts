import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../../electron/core/dataDir.ts';
import { runOkno } from '../../helpers/okno.ts';
import { useTempDirs } from '../../helpers/tempDir.ts';
import { waitFor } from '../../helpers/waitFor.ts';
import {
  ADMIN_TOKEN,
  COLLECTOR_READY,
  collectorRows,
  devicePending,
  deviceRows,
  SERVE_READY,
  pressOverHttp as press,
  writeDeviceConfig,
  writeDevicesFile,
  useSyncProcesses,
} from './syncFixtures.ts';

const tempDir = useTempDirs();

/**
 * okno-sync/1 when a process dies: the collector (`okno collector`) and the device (`okno serve`)
 * are real processes, killed with SIGKILL; the fault proxy between them lets the collector come
 * back on another port.
 */
const { start, proxy: startProxy } = useSyncProcesses();



function expectExactlyOnce(journalFile: string, collectorDb: string): void {
  const device = deviceRows(journalFile);
  const collected = collectorRows(collectorDb);
  expect(device.length).toBeGreaterThan(10);
  expect(collected).toEqual(device);
}

describe('sync when a process is killed', () => {
  it('the collector killed with SIGKILL and restarted: nothing lost, nothing twice', async () => {
    const dir = tempDir();
    const collectorDb = join(dir, 'collector.db');
    const devices = writeDevicesFile(dir);
    const collectorArgs = ['collector', '--db', collectorDb, '--devices', devices, '--port', '0', '--admin-token', ADMIN_TOKEN, '--quiet'];
    let collector = await start(collectorArgs, COLLECTOR_READY);
    const proxy = await startProxy(collector.url);
    const dataDir = join(dir, 'data');
    const serve = await start(['serve', '--port', '0', '--config', writeDeviceConfig(dir, proxy.url), '--data-dir', dataDir], SERVE_READY);
    const journalFile = join(dataDir, JOURNAL_FILE);

    await press(serve.url, 10);
    await waitFor(() => devicePending(journalFile) === 0, 'the first events to arrive', 15_000, 50);
    await collector.stop('SIGKILL');
    await press(serve.url, 10);
    await waitFor(() => (JSON.parse(runOkno(['doctor', '--json', '--data-dir', dataDir]).stdout) as { sync: { lastError: string | null } }).sync.lastError, 'the device to see the collector gone', 15_000, 100);
    expect(devicePending(journalFile)).toBe(10);

    collector = await start(collectorArgs, COLLECTOR_READY);
    proxy.setTarget(collector.url);
    await press(serve.url, 5);
    await waitFor(() => devicePending(journalFile) === 0, 'the backlog to arrive after the restart', 15_000, 50);
    expectExactlyOnce(journalFile, collectorDb);

    const doctor = JSON.parse(runOkno(['doctor', '--json', '--data-dir', dataDir]).stdout) as { sync: Record<string, unknown> };
    expect(doctor.sync).toMatchObject({ pending: 0, lastSuccessAt: expect.any(String), lastError: null, quarantinedBatches: 0, clockOffsetMs: expect.any(Number) });
    expect(Math.abs(doctor.sync.clockOffsetMs as number)).toBeLessThan(5_000);
  });

  it('the device killed with SIGKILL mid-batch: it resends after restart, the collector keeps one copy', async () => {
    const dir = tempDir();
    const collectorDb = join(dir, 'collector.db');
    const collector = await start(['collector', '--db', collectorDb, '--devices', writeDevicesFile(dir), '--port', '0', '--quiet'], COLLECTOR_READY);
    const proxy = await startProxy(collector.url);
    const dataDir = join(dir, 'data');
    const config = writeDeviceConfig(dir, proxy.url);
    const journalFile = join(dataDir, JOURNAL_FILE);
    let serve = await start(['serve', '--port', '0', '--config', config, '--data-dir', dataDir], SERVE_READY);
    await waitFor(() => devicePending(journalFile) === 0, 'device.started to arrive', 15_000, 50);

    // The collector stores the next batch, but its answer never reaches the device: kill it then.
    proxy.failNext({ kind: 'hold' }, 1);
    await press(serve.url, 12);
    await waitFor(() => proxy.stats.faulted === 1 && proxy.stats.forwarded >= 2, 'a batch stored by the collector and held', 15_000, 20);
    await serve.stop('SIGKILL');
    expect(collectorRows(collectorDb).length).toBeGreaterThan(1);
    expect(devicePending(journalFile)).toBeGreaterThan(0);

    serve = await start(['serve', '--port', '0', '--config', config, '--data-dir', dataDir], SERVE_READY);
    await press(serve.url, 3);
    await waitFor(() => devicePending(journalFile) === 0, 'the resend after the restart', 15_000, 50);
    expectExactlyOnce(journalFile, collectorDb);
    // The batch the dead device never heard about came again, and was recognised.
    const db = new Database(collectorDb, { readonly: true });
    expect((db.prepare('SELECT sum(duplicates) AS n FROM batches').get() as { n: number }).n).toBeGreaterThan(0);
    db.close();
    expect(await serve.stop('SIGTERM')).toBe(0);
  });

  it('okno collector --help, and refuses to start without a devices file', () => {
    const help = runOkno(['collector', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('okno collector (--db FILE | --store postgres://…) --devices FILE');
    const missing = runOkno(['collector', '--db', join(tempDir(), 'c.db')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--devices FILE is required');
  });
});
