import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startRunningDevice, type RunningDevice as Running } from '../../../../helpers/runningDevice.ts';
import { buildDoctorReport, formatDoctorReport } from '../../../../../electron/core/doctor/doctorReport.ts';
import { createOutbox } from '../../../../../electron/core/sync/outbox.ts';
import { openDatabase } from '../../../../../electron/core/store/openDatabase.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const TOKEN = 'a-very-secret-device-token-0123';
let running: Running | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

function config(dir: string, sync: boolean): string {
  const file = join(dir, 'config.json');
  writeFileSync(
    file,
    JSON.stringify({
      device: { id: 'mfc-tverskoy-w05', office: 'МФЦ', window: '5' },
      ...(sync ? { sync: { endpoint: 'http://127.0.0.1:9/', token: TOKEN } } : {}),
    }),
  );
  return file;
}

describe('sync in the core', () => {
  it('a config without `sync` means no uploader', async () => {
    const dir = tempDir();
    const time = new FakeTime();
    running = await startRunningDevice({ configPath: config(dir, false), dataDir: join(dir, 'data'), clock: time, scheduler: time });
    expect(running.uploader).toBeNull();
    expect(time.pendingTimers()).toBe(0);
  });

  it('with `sync` the uploader starts, and the token never reaches the renderer’s state', async () => {
    const dir = tempDir();
    const time = new FakeTime();
    running = await startRunningDevice({ configPath: config(dir, true), dataDir: join(dir, 'data'), clock: time, scheduler: time });
    expect(running.uploader?.status().state).toBe('idle');
    expect(JSON.stringify(running.device.getState())).not.toContain(TOKEN);
    const events: unknown[] = [];
    running.device.subscribe((event) => events.push(event));
    running.rating!.press(5, 'touch');
    expect(JSON.stringify(events)).not.toContain(TOKEN);
  });

  it('doctor reports a paused uploader and quarantined batches, and says a technician is needed', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const time = new FakeTime();
    running = await startRunningDevice({ configPath: config(dir, false), dataDir, clock: time, scheduler: time });
    running.rating!.press(5, 'touch');
    await running.close();
    running = null;

    const { db } = openDatabase({ file: join(dataDir, 'okno.db') });
    const outbox = createOutbox(db, 'mfc-tverskoy-w05');
    outbox.quarantine({ deviceId: 'mfc-tverskoy-w05', batchId: '01936f5e-7a2b-7c3d-8e4f-5a6b7c8d9e0f', firstSeq: 1, lastSeq: 1, count: 1, status: 422, reason: 'HTTP 422', body: '{}' }, '2026-11-23T10:15:00.000+03:00');
    outbox.setPaused('mfc-tverskoy-w05', 'HTTP 401 unauthorized: missing or unknown device token', 'token');
    outbox.noteError('mfc-tverskoy-w05', 'HTTP 401 unauthorized: missing or unknown device token', '2026-11-23T10:16:00.000+03:00');
    db.close();

    const report = buildDoctorReport(dataDir, new Date('2026-11-23T08:14:58.004Z'));
    expect(report.sync).toEqual({
      pending: 1,
      lastSuccessAt: null,
      oldestPendingAt: expect.stringMatching(/\+03:00$/),
      oldestPendingAgeSeconds: 3600,
      lastError: 'HTTP 401 unauthorized: missing or unknown device token',
      lastErrorAt: '2026-11-23T10:16:00.000+03:00',
      paused: 'HTTP 401 unauthorized: missing or unknown device token',
      pausedKind: 'token',
      quarantinedBatches: 1,
      quarantinedEvents: 1,
      requeuedBatches: 0,
      clockOffsetMs: null,
      clockOffsetMeasuredAt: null,
      devices: [
        { deviceId: 'mfc-tverskoy-w05', pending: 1, ackedSeq: 1, lastSuccessAt: null, paused: 'HTTP 401 unauthorized: missing or unknown device token', pausedKind: 'token' },
      ],
    });
    expect(report.needsTechnician).toBe(true);
    const text = formatDoctorReport(report);
    expect(text).toContain('sync:        1 pending, oldest 60 min old, last success never');
    expect(text).toContain('PAUSED: the collector refused the token');
    expect(text).toContain('1 batch(es), 1 event(s) refused by the collector');
  });
});
