import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STATUS_CHANGE_GAP_MS, STATUS_PERIOD_MS } from '../../../../../electron/core/device/statusEvents.ts';
import type { SerialLink, SerialPorts } from '../../../../../electron/core/serial/serialPort.ts';
import type { SyncTransport } from '../../../../../electron/core/sync/httpTransport.ts';
import type { ConfigInput } from '../../../../../shared/config.ts';
import { deviceStatusSchema, type DeviceStatusPayload } from '../../../../../shared/events.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { startRunningDevice, type RunningDevice } from '../../../../helpers/runningDevice.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';
import { waitFor } from '../../../../helpers/waitFor.ts';

/** The wiring of device.status in running.ts: a real journal and box device, a fake port, time and collector. */
const tempDir = useTempDirs();
let running: RunningDevice | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

class FakeBox extends EventEmitter implements SerialLink {
  isOpen = true;
  write() {
    return true;
  }
  close(callback?: () => void) {
    this.isOpen = false;
    callback?.();
  }
  /** The cable pulled: the port closes under the device. */
  unplug() {
    this.isOpen = false;
    this.emit('close');
  }
}

/** A collector that is never reached: the events stay in the journal, where the test reads them. */
const offline: SyncTransport = { post: () => Promise.reject(new Error('offline in this test')), close: () => undefined };
const SYNC = { endpoint: 'http://127.0.0.1:9/', token: 'device-token-0123456789', intervalSeconds: 30 };

async function start(config: Partial<ConfigInput> = {}) {
  const dir = tempDir();
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ device: { id: 'w05', office: 'МФЦ', window: '5' }, sync: SYNC, buttons: { path: '/dev/ttyBOX', protocol: 'keymap' }, ...config }));
  const time = new FakeTime();
  let box = new FakeBox();
  let plugged = true;
  const ports: SerialPorts = {
    open: () => {
      if (!plugged) return Promise.reject(Object.assign(new Error('/dev/ttyBOX: no such file'), { code: 'ENOENT' }));
      box = new FakeBox();
      return Promise.resolve(box);
    },
    list: () => Promise.resolve([]),
  };
  running = await startRunningDevice({ configPath, dataDir: join(dir, 'data'), clock: time, scheduler: time, serialPorts: ports, sync: { transport: offline } });
  const started = running;
  await waitFor(() => started.buttons === null || started.buttons.status().state === 'connected', 'the box to connect', 5_000, 2);
  return {
    running: started,
    time,
    unplug() {
      plugged = false;
      box.unplug();
    },
    statuses: (): DeviceStatusPayload[] =>
      started.store
        .journal()
        .readAfter(0, 10_000)
        .filter((event) => event.type === 'device.status')
        .map((event) => deviceStatusSchema.parse(event.payload)),
  };
}

describe('device.status from a running device', () => {
  it('records the first status after start with what the device reports', async () => {
    const r = await start();
    r.time.advance(0);
    expect(r.statuses()).toEqual([
      {
        reason: 'start',
        version: expect.any(String) as string,
        mode: 'rating',
        backlog: 1, // device.started: the collector was never reached
        oldestUnsentAt: expect.any(String) as string,
        clockOffsetMs: null,
        buttons: 'connected',
        printer: 'none',
        storage: 'ok',
        storageProblem: null,
        hub: 'none',
        failedWrites: 0,
      },
    ]);
  });

  it('a box unplugged: one change event, however often it tries to reconnect', async () => {
    const r = await start();
    r.time.advance(STATUS_CHANGE_GAP_MS);
    r.unplug();
    r.time.advance(0);
    await waitFor(() => r.statuses().length === 2 || undefined, 'the change to be recorded', 5_000, 2);
    expect(r.statuses().map((status) => [status.reason, status.buttons])).toEqual([
      ['start', 'connected'],
      ['change', 'waiting'],
    ]);
    // Four minutes of reconnect attempts (waiting → connecting → waiting …): no more events.
    for (let second = 0; second < 240; second += 1) {
      r.time.advance(1_000);
      await Promise.resolve();
    }
    expect(r.running.buttons?.status().counters.notFound).toBeGreaterThan(1);
    expect(r.statuses().map((status) => status.reason)).toEqual(['start', 'change']);
  });

  it('a heartbeat every 5 minutes, its backlog counting what the collector has not acknowledged', async () => {
    const r = await start();
    r.time.advance(0);
    r.time.advance(STATUS_PERIOD_MS);
    r.time.advance(STATUS_PERIOD_MS);
    expect(r.statuses().map((status) => [status.reason, status.backlog])).toEqual([
      ['start', 1],
      ['periodic', 2],
      ['periodic', 3],
    ]);
  });

  it('without `sync`: no device.status at all (no collector reads it, and nothing would prune it)', async () => {
    const r = await start({ sync: undefined });
    r.time.advance(3 * STATUS_PERIOD_MS);
    expect(r.statuses()).toEqual([]);
  });

  it('storage failing: the failed status writes are counted, one per heartbeat, never retried in a loop', async () => {
    const r = await start();
    r.time.advance(0);
    expect(r.statuses()).toHaveLength(1);
    // The journal's file becomes unwritable under the running device: every append throws.
    const db = r.running.store.database();
    db.pragma('query_only = ON');
    const before = r.running.counters.storageWriteFailures;
    r.time.advance(STATUS_PERIOD_MS);
    expect(r.running.counters.storageWriteFailures).toBe(before + 1);
    expect(r.running.store.health()).toMatchObject({ available: false });
    // The failure is a change of the storage state: one more attempt after the gap, then one per heartbeat.
    r.time.advance(STATUS_CHANGE_GAP_MS);
    expect(r.running.counters.storageWriteFailures).toBe(before + 2);
    r.time.advance(6 * STATUS_PERIOD_MS);
    expect(r.running.counters.storageWriteFailures).toBe(before + 2 + 6);
    expect(r.running.status().counters.storageWriteFailures).toBe(before + 8);
    db.pragma('query_only = OFF');
    r.time.advance(STATUS_PERIOD_MS);
    expect(r.statuses().at(-1)).toMatchObject({ reason: 'periodic', failedWrites: 8 });
  });
});
