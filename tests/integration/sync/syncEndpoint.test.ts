import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCollectorStore } from '../../../electron/collector/collectorStore.ts';
import { JOURNAL_FILE } from '../../../electron/core/dataDir.ts';
import { MIGRATIONS } from '../../../electron/core/store/migrations.ts';
import { openDatabase } from '../../../electron/core/store/openDatabase.ts';
import { runOkno } from '../../helpers/okno.ts';
import { useTempDirs } from '../../helpers/tempDir.ts';
import { waitFor } from '../../helpers/waitFor.ts';
import { COLLECTOR_READY, DEVICE_ID, deviceRows, pressOverHttp as press, SERVE_READY, useSyncProcesses, writeDeviceConfig, writeDevicesFile } from './syncFixtures.ts';

/**
 * A wrong sync.endpoint is not a bad batch (issue #11, defect 2), with real `okno collector` and
 * `okno serve` processes: a 404 pauses with the backlog kept and everything goes once the endpoint is
 * fixed; a batch the collector refuses by name is quarantined, and `okno sync --requeue-quarantined`,
 * run while the kiosk runs, sends it again once.
 */
const tempDir = useTempDirs();
const { start, proxy: startProxy } = useSyncProcesses();



interface DoctorSync {
  pending: number;
  paused: string | null;
  pausedKind: string | null;
  quarantinedBatches: number;
  quarantinedEvents: number;
  requeuedBatches: number;
}
const doctorSync = (dataDir: string): DoctorSync => (JSON.parse(runOkno(['doctor', '--json', '--data-dir', dataDir]).stdout) as { sync: DoctorSync }).sync;

function collectorCount(collectorDb: string): number {
  const store = openCollectorStore(collectorDb);
  try {
    return store.count(DEVICE_ID);
  } finally {
    store.close();
  }
}

/**
 * The fixtures' device config with a request timeout far above an answer's time: under load the
 * fixtures' 0.5 s could turn the answer a test is about (a 404, a refusal) into a timeout, retried.
 */
function patientConfig(dir: string, endpoint: string): string {
  const config = writeDeviceConfig(dir, endpoint);
  const json = JSON.parse(readFileSync(config, 'utf8')) as { sync: Record<string, unknown> };
  writeFileSync(config, JSON.stringify({ ...json, sync: { ...json.sync, timeoutSeconds: 15 } }));
  return config;
}

async function collectorRig() {
  const dir = tempDir();
  const collectorDb = join(dir, 'collector.db');
  const collector = await start(['collector', '--db', collectorDb, '--devices', writeDevicesFile(dir), '--port', '0', '--quiet'], COLLECTOR_READY);
  const proxy = await startProxy(collector.url);
  return { dir, collectorDb, collector, proxy, dataDir: join(dir, 'data') };
}

describe('sync.endpoint with a wrong path', () => {
  it('pauses (nothing quarantined, the backlog kept), says so in doctor, and sends everything once the endpoint is fixed', async () => {
    const rig = await collectorRig();
    const wrong = patientConfig(rig.dir, new URL('wrong/', rig.proxy.url).href);
    let serve = await start(['serve', '--port', '0', '--config', wrong, '--data-dir', rig.dataDir], SERVE_READY);
    await press(serve.url, 5);
    // The collector answered 404 again and again (the device looks again every backoffMaxSeconds = 0.25 s).
    await waitFor(() => rig.proxy.stats.forwarded >= 4, 'several 404s from the collector', 20_000, 50);
    const paused = doctorSync(rig.dataDir);
    expect(paused).toMatchObject({ pausedKind: 'endpoint', paused: expect.stringContaining('HTTP 404 not-found'), quarantinedBatches: 0 });
    expect(paused.pending).toBeGreaterThanOrEqual(6);
    const human = runOkno(['doctor', '--data-dir', rig.dataDir, '--log-lines', '0']);
    expect(human.status).toBe(1);
    expect(human.stdout).toContain('PAUSED: the collector does not take batches at sync.endpoint');
    expect(await serve.stop('SIGTERM')).toBe(0);

    // The technician fixes the endpoint; the kiosk starts again with it.
    serve = await start(['serve', '--port', '0', '--config', patientConfig(rig.dir, rig.proxy.url), '--data-dir', rig.dataDir], SERVE_READY);
    await waitFor(() => doctorSync(rig.dataDir).pending === 0, 'the backlog after the fix', 20_000, 100);
    expect(await serve.stop('SIGTERM')).toBe(0);
    const sent = doctorSync(rig.dataDir);
    expect(sent).toMatchObject({ paused: null, pausedKind: null, quarantinedBatches: 0 });
    const journal = deviceRows(join(rig.dataDir, JOURNAL_FILE)).length - sent.pending;
    await rig.collector.stop('SIGTERM');
    expect(collectorCount(rig.collectorDb)).toBe(journal);
  });
});

describe('okno sync --requeue-quarantined', () => {
  it('--help says what it does', () => {
    const help = runOkno(['sync', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: okno sync [--requeue-quarantined] [--config FILE] [--data-dir DIR]');
    expect(runOkno(['--help']).stdout).toMatch(/^\s+sync\s+/m);
    expect(runOkno(['sync', '--bogus']).status).toBe(2);
    expect(runOkno(['sync', '--data-dir', join(tempDir(), 'none')])).toMatchObject({ status: 1, stderr: expect.stringContaining('no journal') });
    // A journal an older kiosk may still be running on is not upgraded from here (that kiosk would refuse it).
    const older = join(tempDir(), 'older');
    openDatabase({ file: join(older, JOURNAL_FILE), migrations: MIGRATIONS.filter((migration) => migration.version <= 3) }).db.close();
    expect(runOkno(['sync', '--requeue-quarantined', '--data-dir', older])).toMatchObject({ status: 1, stderr: expect.stringContaining('journal is at schema 3') });
    expect(runOkno(['doctor', '--json', '--data-dir', older]).stdout).toContain('"schemaVersion": 3');
  });

  it('while the kiosk runs: the quarantined batch goes out again once, and leaves the quarantine', async () => {
    const rig = await collectorRig();
    const serve = await start(['serve', '--port', '0', '--config', patientConfig(rig.dir, rig.proxy.url), '--data-dir', rig.dataDir], SERVE_READY);
    await waitFor(() => doctorSync(rig.dataDir).pending === 0, 'device.started to arrive', 20_000, 100);
    rig.proxy.failNext({ kind: 'status', status: 400, headers: { 'content-type': 'application/json' }, body: '{"error":"invalid-batch","reason":"refused by the test"}' }, 1);
    await press(serve.url, 3);
    const quarantined = await waitFor(
      () => {
        const sync = doctorSync(rig.dataDir);
        return sync.quarantinedBatches === 1 && sync.pending === 0 ? sync : undefined;
      },
      'the refused batch to be quarantined',
      20_000,
      100,
    );
    expect(runOkno(['sync', '--data-dir', rig.dataDir]).stdout).toContain('1 quarantined batch(es):');
    const journalRows = deviceRows(join(rig.dataDir, JOURNAL_FILE)).length;

    const requeue = runOkno(['sync', '--requeue-quarantined', '--data-dir', rig.dataDir, '--config', join(rig.dir, 'config.json')]);
    expect(requeue.status).toBe(0);
    expect(requeue.stdout).toContain(`requeued 1 batch(es), ${quarantined.quarantinedEvents} event(s)`);
    await waitFor(() => doctorSync(rig.dataDir).quarantinedBatches === 0, 'the requeued batch to be acknowledged', 20_000, 100);
    expect(runOkno(['sync', '--requeue-quarantined', '--data-dir', rig.dataDir]).stdout).toContain('nothing quarantined');
    expect(await serve.stop('SIGTERM')).toBe(0);
    expect(doctorSync(rig.dataDir)).toMatchObject({ quarantinedBatches: 0, requeuedBatches: 0 });
    await rig.collector.stop('SIGTERM');
    // Every event the kiosk recorded while it ran is at the collector (the refused ones too).
    expect(collectorCount(rig.collectorDb)).toBeGreaterThanOrEqual(journalRows);
  });
});
