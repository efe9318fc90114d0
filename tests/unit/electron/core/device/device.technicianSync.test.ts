import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDevice, type Device } from '../../../../../electron/core/device/device.ts';
import { logDir, redactSecrets } from '../../../../../electron/core/logging/logger.ts';
import { parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import { buildDiagnostics } from '../../../../../electron/core/technician/diagnostics.ts';
import { exportDiagnostics } from '../../../../../electron/core/technician/exportDiagnostics.ts';
import { buildDoctorReport, formatDoctorReport } from '../../../../../electron/core/doctor/doctorReport.ts';
import { hashPin } from '../../../../../electron/core/technician/pinHash.ts';
import type { Result } from '../../../../../shared/result.ts';
import type { DiagnosticsView, RequeuedBatches, SettingsView } from '../../../../../shared/technicianApi.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';
import { waitFor } from '../../../../helpers/waitFor.ts';
import { ScriptedTransport, status } from '../sync/scriptedTransport.ts';

/**
 * Technician mode's side of issue #11 defects 1 and 2: diagnostics say why sync waits, quarantined
 * batches are requeued from the screen (behind the PIN), and the tokens of earlier device ids stay
 * secrets: never on the screen, kept across a save, redacted in the log.
 */
const tempDir = useTempDirs();
const hosts: Device[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

const PIN = '2468';
const PIN_HASH = await hashPin(PIN);
const TOKEN = 'device-token-b-0123456789abcdef';
const OLD_TOKEN = 'device-token-a-fedcba9876543210';

function rig(sync: Record<string, unknown> = {}) {
  const dir = tempDir();
  const configPath = join(dir, 'etc', 'config.json');
  mkdirSync(dirname(configPath), { recursive: true });
  writeFileSync(
    configPath,
    JSON.stringify({
      device: { id: 'mfc-b', office: 'МФЦ', window: '5' },
      rating: { cooldownSeconds: 0 },
      sync: { endpoint: 'http://127.0.0.1:9/', token: TOKEN, intervalSeconds: 30, previousTokens: { 'mfc-a': OLD_TOKEN }, ...sync },
      technician: { pinHash: PIN_HASH },
    }),
  );
  return { configPath, dataDir: join(dir, 'data'), time: new FakeTime(), transport: new ScriptedTransport() };
}

const call = async <T>(host: Device, intent: Parameters<Device['handle']>[0], input: unknown = {}): Promise<Result<T>> => (await host.handle(intent, input)) as Result<T>;

async function open(host: Device): Promise<void> {
  await call(host, 'openPinPad');
  expect(await call(host, 'enterPin', { pin: PIN })).toMatchObject({ ok: true });
}

describe('technician mode and the sync outbox', () => {
  it('diagnostics show a quarantined batch, the requeue needs the PIN, and the batch then goes out once', async () => {
    const r = rig();
    r.transport.script.push(() => status(400, {}, '{"error":"invalid-batch","reason":"events.0.type: bad"}'));
    const host = await startDevice({ configPath: r.configPath, dataDir: r.dataDir, clock: r.time, scheduler: r.time, sync: { transport: r.transport, gzip: false } });
    hosts.push(host);
    r.time.advance(0);
    await waitFor(() => buildDoctorReport(r.dataDir).sync.quarantinedBatches === 1, 'device.started to be quarantined', 5_000, 5);

    expect(await call(host, 'requeueQuarantined')).toMatchObject({ ok: false, error: { code: 'technician-only' } });
    await open(host);
    const before = await call<DiagnosticsView>(host, 'getDiagnostics');
    // The first batch: device.started and the first device.status, recorded together at start.
    expect(before).toMatchObject({ ok: true, value: { sync: { quarantinedBatches: 1, quarantinedEvents: 2, requeuedBatches: 0, pausedKind: null } } });

    expect(await call<RequeuedBatches>(host, 'requeueQuarantined')).toEqual({ ok: true, value: { batches: 1, events: 2 } });
    expect(await call<RequeuedBatches>(host, 'requeueQuarantined')).toEqual({ ok: true, value: { batches: 0, events: 0 } });
    r.time.advance(30_000);
    await waitFor(() => buildDoctorReport(r.dataDir).sync.quarantinedBatches === 0, 'the requeued batch to be acknowledged', 5_000, 5);
    const resent = r.transport.sent.filter((batch) => batch.events.some((event) => event.seq === 1));
    expect(resent).toHaveLength(2);
    expect(await call<DiagnosticsView>(host, 'getDiagnostics')).toMatchObject({ ok: true, value: { sync: { quarantinedBatches: 0, requeuedBatches: 0 } } });
  });

  it('a wrong endpoint shows as such in diagnostics and doctor, with nothing quarantined', async () => {
    const r = rig({ endpoint: 'http://127.0.0.1:9/wrong/' });
    r.transport.fallback = () => status(404, {}, '{"error":"not-found","reason":"POST /wrong/v1/batches"}');
    const host = await startDevice({ configPath: r.configPath, dataDir: r.dataDir, clock: r.time, scheduler: r.time, sync: { transport: r.transport, gzip: false } });
    hosts.push(host);
    r.time.advance(0);
    await waitFor(() => buildDoctorReport(r.dataDir).sync.pausedKind === 'endpoint', 'the pause', 5_000, 5);
    await open(host);
    const view = await call<DiagnosticsView>(host, 'getDiagnostics');
    expect(view).toMatchObject({ ok: true, value: { sync: { pausedKind: 'endpoint', paused: expect.stringContaining('HTTP 404'), quarantinedBatches: 0 } } });
    const report = buildDoctorReport(r.dataDir);
    expect(report.needsTechnician).toBe(true);
    expect(formatDoctorReport(report)).toContain('PAUSED: the collector does not take batches at sync.endpoint');
  });

  it('sync.previousTokens never reaches the screen, stays through a save, and a rename keeps the old id’s token', async () => {
    const r = rig();
    const host = await startDevice({ configPath: r.configPath, dataDir: r.dataDir, clock: r.time, scheduler: r.time, sync: { transport: r.transport, gzip: false } });
    hosts.push(host);
    await open(host);
    const settings = await call<SettingsView>(host, 'getSettings');
    if (!settings.ok) throw new Error(settings.error.message);
    expect(JSON.stringify(settings.value)).not.toContain(OLD_TOKEN);
    expect(JSON.stringify(settings.value)).not.toContain('previousTokens');
    expect(JSON.stringify(host.getState())).not.toContain(OLD_TOKEN);

    const config = settings.value.config!;
    expect(await call(host, 'saveSettings', { config: { ...config, sync: { ...config.sync, previousTokens: {} } }, syncToken: null, pin: null })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    // Renamed mfc-b → mfc-c with c's token: b's token joins a's, so b's unsent events still go out as mfc-b.
    expect(await call(host, 'saveSettings', { config: { ...config, device: { ...config.device, id: 'mfc-c' } }, syncToken: 'device-token-c-0123456789', pin: null })).toMatchObject({ ok: true });
    const saved = JSON.parse(readFileSync(r.configPath, 'utf8')) as { sync: { token: string; previousTokens: Record<string, string> } };
    expect(saved.sync.token).toBe('device-token-c-0123456789');
    expect(saved.sync.previousTokens).toEqual({ 'mfc-a': OLD_TOKEN, 'mfc-b': TOKEN });
    // Another collector: saved tokens go only to the endpoint they were saved with, so they are dropped.
    const moved = { ...config, device: { ...config.device, id: 'mfc-c' }, sync: { ...config.sync, endpoint: 'http://127.0.0.1:10/' } };
    expect(await call(host, 'saveSettings', { config: moved, syncToken: 'device-token-c-0123456789', pin: null })).toMatchObject({ ok: true });
    expect((JSON.parse(readFileSync(r.configPath, 'utf8')) as { sync: Record<string, unknown> }).sync['previousTokens']).toBeUndefined();
  });

  it('the log redacts sync.previousTokens as it does sync.token', () => {
    expect(redactSecrets({ sync: { token: TOKEN, previousTokens: { 'mfc-a': OLD_TOKEN } } })).toEqual({ sync: { token: '[redacted]', previousTokens: '[redacted]' } });
  });

  it('the diagnostics export and screen hide the tokens of earlier ids, even where a log line leaked one', () => {
    const r = rig();
    mkdirSync(logDir(r.dataDir), { recursive: true });
    appendFileSync(join(logDir(r.dataDir), 'okno.log'), `{"level":"warn","msg":"old collector said ${OLD_TOKEN}"}\n`);
    const config = parseConfig(JSON.parse(readFileSync(r.configPath, 'utf8')), r.configPath);
    const now = new Date('2026-11-23T09:03:04.000Z');
    const diagnostics = buildDiagnostics({ dataDir: r.dataDir, configPath: r.configPath, config, startedAt: now, now });
    expect(JSON.stringify(diagnostics)).not.toContain(OLD_TOKEN);
    const stick = join(dirname(r.dataDir), 'stick');
    mkdirSync(stick);
    const result = exportDiagnostics({ folder: stick, dataDir: r.dataDir, configPath: r.configPath, diagnostics, now });
    if (!result.ok) throw new Error(result.error.message);
    const entries = unzipSync(new Uint8Array(readFileSync(result.value.file)));
    for (const [name, bytes] of Object.entries(entries)) expect(strFromU8(bytes), name).not.toContain(OLD_TOKEN);
    expect(JSON.parse(strFromU8(entries['config.json']!))).toMatchObject({ sync: { previousTokens: expect.any(String) } });
  });
});
