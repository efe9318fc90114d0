import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCollector, type Collector } from '../../../electron/collector/collectorServer.ts';
import { openCollectorStore, type CollectorStore } from '../../../electron/collector/collectorStore.ts';
import { deviceTokens } from '../../../electron/collector/deviceTokens.ts';
import { startRunningDevice, type RunningDevice as Running } from '../../helpers/runningDevice.ts';
import { JOURNAL_FILE } from '../../../electron/core/dataDir.ts';
import type { Fault } from '../../helpers/faultProxy.ts';
import { useTempDirs } from '../../helpers/tempDir.ts';
import { waitFor } from '../../helpers/waitFor.ts';
import { collectorRows, DEVICE_ID, DEVICE_TOKEN, devicePending, deviceRows, startContractProxy, writeDeviceConfig, type ContractProxy } from './syncFixtures.ts';

const tempDir = useTempDirs();

/**
 * okno-sync/1 under faults: device (the real core, in this process) → fault proxy → reference
 * collector, all on 127.0.0.1. After each scenario the faults stop, the device drains, and the
 * collector must hold exactly the device's events: none missing, none twice, payloads byte-identical.
 */
interface Rig {
  running: Running;
  proxy: ContractProxy;
  collector: Collector;
  store: CollectorStore;
  collectorDb: string;
  journalFile: string;
}

let rig: Rig | null = null;
afterEach(async () => {
  if (!rig) return;
  await rig.running.close();
  await rig.proxy.close();
  await rig.collector.close();
  rig.store.close();
  const violations = await rig.proxy.violations();
  rig = null;
  // What the real uploader sent and the real collector answered, faults or not, kept to docs/openapi.yaml.
  expect(violations).toEqual([]);
});

async function setUp(): Promise<Rig> {
  const dir = tempDir();
  const collectorDb = join(dir, 'collector.db');
  const store = openCollectorStore(collectorDb);
  const collector = await startCollector({ store, tokens: deviceTokens({ devices: { [DEVICE_ID]: { token: DEVICE_TOKEN } } }) });
  const proxy = await startContractProxy(collector.url);
  const dataDir = join(dir, 'data');
  const running = await startRunningDevice({ configPath: writeDeviceConfig(dir, proxy.url), dataDir, sync: { debounceMs: 20, limits: { maxEvents: 7, maxBytes: 256 * 1024 } } });
  rig = { running, proxy, collector, store, collectorDb, journalFile: join(dataDir, JOURNAL_FILE) };
  return rig;
}

const pending = (r: Rig): number => devicePending(r.journalFile);

function press(r: Rig, n: number): void {
  for (let i = 0; i < n; i += 1) {
    const result = r.running.rating!.press(1 + (i % 5), 'serial');
    // The press is committed and answered at once, whatever the network does.
    expect(result).toMatchObject({ ok: true, value: { outcome: expect.stringMatching(/^(recorded|suppressed)$/) } });
  }
}

async function expectExactlyOnce(r: Rig): Promise<void> {
  await waitFor(() => pending(r) === 0, 'the device to report nothing pending', 30_000, 25);
  const device = deviceRows(r.journalFile);
  const collected = collectorRows(r.collectorDb);
  expect(device.length).toBeGreaterThan(20);
  expect(new Set(collected.map((row) => row.id)).size).toBe(collected.length);
  expect(collected).toEqual(device);
}

const scenarios: [string, Fault, number][] = [
  ['connection reset mid-request', { kind: 'reset-request' }, 3],
  ['connection reset after the collector stored the batch', { kind: 'reset-response' }, 2],
  ['500', { kind: 'status', status: 500 }, 3],
  ['503 with Retry-After', { kind: 'status', status: 503, headers: { 'retry-after': '1' } }, 2],
  ['429 with Retry-After as an HTTP date', { kind: 'status', status: 429, headers: { 'retry-after': new Date(Date.now() + 1000).toUTCString() } }, 2],
  ['an answer slower than the timeout (3 s)', { kind: 'slow', delayMs: 4_500 }, 2],
  ['a truncated 200', { kind: 'truncated' }, 2],
  ['a 200 that is not JSON', { kind: 'not-json' }, 2],
];

describe('sync under faults (device → fault proxy → collector on 127.0.0.1)', () => {
  it.each(scenarios)('%s: every event arrives exactly once, byte-identical', async (_name, fault, times) => {
    const r = await setUp();
    await waitFor(() => pending(r) === 0, 'the first sync (device.started)', 10_000, 20);
    r.proxy.failNext(fault, times);
    press(r, 20);
    await waitFor(() => r.proxy.stats.faulted === times, `${times} faulted requests`, 30_000, 20);
    // Each fault reached the device as a failure (counted, retried), not as an acknowledgement.
    await waitFor(() => (r.running.uploader?.counters().syncFailures ?? 0) >= times, `${times} failures seen by the device`, 30_000, 20);
    press(r, 5);
    await expectExactlyOnce(r);
    // Where the collector stored the batch before the fault, the resend was counted as duplicates.
    if (['reset-response', 'slow', 'truncated', 'not-json'].includes(fault.kind)) {
      expect(r.running.uploader?.counters().syncDuplicates).toBeGreaterThan(0);
    }
  });

  it('a press is committed and answered while a batch hangs on the network', async () => {
    const r = await setUp();
    await waitFor(() => pending(r) === 0, 'the first sync', 10_000, 20);
    r.proxy.failNext({ kind: 'hold' }, 1);
    press(r, 3);
    await waitFor(() => r.proxy.stats.faulted === 1, 'a request held by the proxy', 10_000, 20);
    expect(r.running.uploader?.status().state).toBe('sending');
    press(r, 3);
    // device.started and six presses (the device's health, device.status, is not what this counts).
    expect(deviceRows(r.journalFile).filter((row) => row.type !== 'device.status')).toHaveLength(7);
    press(r, 15);
    await expectExactlyOnce(r);
  });
});
