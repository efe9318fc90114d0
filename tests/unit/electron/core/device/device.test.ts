import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDevice, type Device, type DeviceOptions } from '../../../../../electron/core/device/device.ts';
import type { SerialLink, SerialPorts } from '../../../../../electron/core/serial/serialPort.ts';
import { hashPin, verifyPin } from '../../../../../electron/core/technician/pinHash.ts';
import type { KioskState } from '../../../../../shared/kioskApi.ts';
import type { Result } from '../../../../../shared/result.ts';
import type { DiagnosticsView, ExportTarget, SettingsView } from '../../../../../shared/technicianApi.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';
import { waitFor } from '../../../../helpers/waitFor.ts';

const tempDir = useTempDirs();
const hosts: Device[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

const PIN = '2468';
const PIN_HASH = await hashPin(PIN);
const TOKEN = 'device-token-7f3a9c0e-never-in-the-renderer';

class Box extends EventEmitter implements SerialLink {
  isOpen = true;
  written: string[] = [];
  write(data: string | Buffer) {
    this.written.push(String(data));
    return true;
  }
  close(callback?: () => void) {
    this.isOpen = false;
    this.emit('close');
    callback?.();
  }
  line(text: string) {
    this.emit('data', Buffer.from(`${text}\n`));
  }
}

/** A data dir and a config path under etc/ (missing until written: the first run). */
function rig() {
  const dir = tempDir();
  return { configPath: join(dir, 'etc', 'config.json'), time: new FakeTime(), dataDir: join(dir, 'data') };
}

async function start(options: DeviceOptions): Promise<Device> {
  const host = await startDevice(options);
  hosts.push(host);
  return host;
}

const ratingConfig = (over: Record<string, unknown> = {}) => ({
  device: { id: 'mfc-w05', office: 'МФЦ', window: '5' },
  rating: { cooldownSeconds: 0, thanksSeconds: 1 },
  technician: { pinHash: PIN_HASH },
  ...over,
});

function writeConfig(path: string, json: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(json));
}

const technician = (host: Device) => host.getState().technician;
const call = async <T>(host: Device, intent: Parameters<Device['handle']>[0], input: unknown = {}): Promise<Result<T>> =>
  (await host.handle(intent, input)) as Result<T>;

describe('first run: a device with no config starts in the setup wizard', () => {
  it('opens the wizard with no PIN, refuses votes, saves a config with a PIN hash and a token, and starts the kiosk on leaving', async () => {
    const { configPath, time, dataDir } = rig();
    const host = await start({ configPath, dataDir, clock: time, scheduler: time });

    expect(technician(host)).toEqual({ phase: 'open', firstRun: true, idleSeconds: null, buttonTest: null });
    expect(host.running()).toBeNull();
    expect(await call(host, 'press', { score: 5, source: 'touch' })).toMatchObject({ ok: false, error: { code: 'not-accepting' } });
    expect(await call(host, 'leave')).toMatchObject({ ok: false, error: { code: 'not-accepting' } });
    const settings = await call<SettingsView>(host, 'getSettings');
    expect(settings).toMatchObject({ ok: true, value: { path: configPath, config: null, secrets: { syncToken: 'not-set', pin: 'not-set' } } });
    expect(settings.ok && settings.value.timeZones).toContain('Europe/Moscow');

    const draft = { device: { id: 'mfc-w07', office: 'МФЦ района Тверской', window: '7', mode: 'rating', timezone: 'Europe/Moscow' }, sync: { endpoint: 'http://127.0.0.1:9/' } };
    // The first run must set a PIN, or technician mode could never be opened again.
    expect(await call(host, 'saveSettings', { config: draft, syncToken: TOKEN, pin: null })).toMatchObject({ ok: false, error: { code: 'invalid-config', message: expect.stringContaining('technician.pinHash') } });
    // Every bad field is named.
    const bad = await call(host, 'saveSettings', { config: { ...draft, device: { ...draft.device, id: 'Bad Id', timezone: 'Mars/Olympus' } }, syncToken: TOKEN, pin: PIN });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-config' } });
    expect(!bad.ok && bad.error.message).toMatch(/device\.id[\s\S]*device\.timezone/);
    expect(existsSync(configPath)).toBe(false);

    expect(await call(host, 'saveSettings', { config: draft, syncToken: TOKEN, pin: PIN })).toEqual({ ok: true, value: { path: configPath, backup: null } });
    const written = JSON.parse(readFileSync(configPath, 'utf8'));
    expect(written.sync.token).toBe(TOKEN);
    expect(written.technician.pinHash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(written)).not.toContain(PIN);
    expect(await verifyPin(PIN, written.technician.pinHash)).toBe(true);

    const after = await call<SettingsView>(host, 'getSettings');
    expect(after).toMatchObject({ ok: true, value: { secrets: { syncToken: 'set', pin: 'set' } } });
    expect(JSON.stringify(after)).not.toContain(TOKEN);
    expect(JSON.stringify(after)).not.toContain(written.technician.pinHash);

    expect(await call(host, 'leave')).toEqual({ ok: true, value: null });
    expect(technician(host)).toEqual({ phase: 'closed' });
    expect(host.getState().device).toEqual({ id: 'mfc-w07', office: 'МФЦ района Тверской', window: '7', mode: 'rating' });
    expect(await call(host, 'press', { score: 5, source: 'touch' })).toMatchObject({ ok: true, value: { outcome: 'recorded' } });
  });
});

describe('the PIN pad', () => {
  it('refuses technician requests before the PIN, opens with the right PIN, and records each attempt', async () => {
    const { configPath, time, dataDir } = rig();
    writeConfig(configPath, ratingConfig());
    const host = await start({ configPath, dataDir, clock: time, scheduler: time });
    expect(await call(host, 'getSettings')).toMatchObject({ ok: false, error: { code: 'technician-only' } });
    expect(await call(host, 'enterPin', { pin: PIN })).toMatchObject({ ok: false, error: { code: 'not-accepting' } });

    expect(await call(host, 'openPinPad')).toEqual({ ok: true, value: null });
    expect(technician(host)).toMatchObject({ phase: 'pin', attemptsLeft: 5, lockedUntil: null });
    expect(await call(host, 'enterPin', { pin: '0000' })).toMatchObject({ ok: false, error: { code: 'wrong-pin' } });
    expect(technician(host)).toMatchObject({ phase: 'pin', attemptsLeft: 4 });
    expect(await call(host, 'enterPin', { pin: '12' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await call(host, 'enterPin', { pin: PIN })).toEqual({ ok: true, value: null });
    expect(technician(host)).toMatchObject({ phase: 'open', firstRun: false, idleSeconds: 120 });
    // Under technician mode nobody votes.
    expect(await call(host, 'press', { score: 5, source: 'touch' })).toMatchObject({ ok: false, error: { code: 'not-accepting' } });
    expect(await call(host, 'getSettings')).toMatchObject({ ok: true });

    const types = host.running()!.store.journal().readAfter(0, 100).map((event) => event.type);
    expect(types.filter((type) => type.startsWith('technician.'))).toEqual(['technician.pinRefused', 'technician.pinAccepted']);
  });

  it('locks for 5 minutes after 5 wrong PINs, keeps the lockout across a restart, and opens again after it', async () => {
    const { configPath, time, dataDir } = rig();
    writeConfig(configPath, ratingConfig());
    let host = await start({ configPath, dataDir, clock: time, scheduler: time });
    await call(host, 'openPinPad');
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(await call(host, 'enterPin', { pin: '1111' })).toMatchObject({ ok: false, error: { code: 'wrong-pin' } });
      expect(technician(host)).toMatchObject({ attemptsLeft: 5 - attempt });
    }
    expect(await call(host, 'enterPin', { pin: '1111' })).toMatchObject({ ok: false, error: { code: 'pin-locked' } });
    const locked = technician(host);
    expect(locked).toMatchObject({ phase: 'pin', attemptsLeft: 0 });
    expect(locked.phase === 'pin' && Date.parse(locked.lockedUntil!) - time.now().getTime()).toBe(5 * 60_000);
    // Even the right PIN is refused while locked.
    expect(await call(host, 'enterPin', { pin: PIN })).toMatchObject({ ok: false, error: { code: 'pin-locked' } });

    await host.close();
    hosts.splice(hosts.indexOf(host), 1);
    time.advance(60_000);
    host = await start({ configPath, dataDir, clock: time, scheduler: time });
    await call(host, 'openPinPad');
    expect(technician(host)).toMatchObject({ phase: 'pin', attemptsLeft: 0, lockedUntil: (locked as { lockedUntil: string }).lockedUntil });
    expect(await call(host, 'enterPin', { pin: PIN })).toMatchObject({ ok: false, error: { code: 'pin-locked' } });

    time.advance(4 * 60_000 + 1);
    await call(host, 'openPinPad');
    expect(technician(host)).toMatchObject({ phase: 'pin', attemptsLeft: 5, lockedUntil: null });
    expect(await call(host, 'enterPin', { pin: PIN })).toEqual({ ok: true, value: null });

    const refusals = host.running()!.store.journal().readAfter(0, 100).filter((event) => event.type === 'technician.pinRefused');
    expect(refusals.map((event) => (event.payload as { reason: string }).reason)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'wrong', 'locked', 'locked']);
  });

  it('a lockout the clock was set back under ends at most one lockout period from now', async () => {
    const { configPath, time, dataDir } = rig();
    writeConfig(configPath, ratingConfig({ technician: { pinHash: PIN_HASH, maxAttempts: 3 } }));
    const host = await start({ configPath, dataDir, clock: time, scheduler: time });
    await call(host, 'openPinPad');
    for (let attempt = 0; attempt < 3; attempt += 1) await call(host, 'enterPin', { pin: '9999' });
    time.setWall('2026-11-20T07:00:00Z');
    const view = technician(host);
    expect(view.phase === 'pin' && Date.parse(view.lockedUntil!) - time.now().getTime()).toBe(5 * 60_000);
  });

  it('each lockout is longer than the last (5, 15, 60 min), across restarts and a clock set back; a right PIN starts again at 5', async () => {
    const { configPath, time, dataDir } = rig();
    writeConfig(configPath, ratingConfig());
    let host = await start({ configPath, dataDir, clock: time, scheduler: time });
    const restart = async (): Promise<void> => {
      await host.close();
      hosts.splice(hosts.indexOf(host), 1);
      host = await start({ configPath, dataDir, clock: time, scheduler: time });
    };
    const lockOut = async (): Promise<number> => {
      await call(host, 'openPinPad');
      for (let attempt = 1; attempt <= 5; attempt += 1) await call(host, 'enterPin', { pin: '1111' });
      const view = technician(host);
      if (view.phase !== 'pin' || view.lockedUntil === null) throw new Error(`not locked: ${JSON.stringify(view)}`);
      return (Date.parse(view.lockedUntil) - time.now().getTime()) / 60_000;
    };

    expect(await lockOut()).toBe(5);
    time.advance(5 * 60_000);
    expect(await lockOut()).toBe(15);
    // A restart in the middle does not shorten it, nor does it forget how many came before.
    await restart();
    time.advance(15 * 60_000);
    await restart();
    expect(await lockOut()).toBe(60);
    // Restarted with the clock set back a day: the lockout ends at most its own step (1 h) from now, not 5 min.
    time.setWall(new Date(time.now().getTime() - 24 * 60 * 60_000).toISOString());
    await restart();
    await call(host, 'openPinPad');
    const view = technician(host);
    expect(view.phase === 'pin' && Date.parse(view.lockedUntil!) - time.now().getTime()).toBe(60 * 60_000);
    expect(await call(host, 'enterPin', { pin: PIN })).toMatchObject({ ok: false, error: { code: 'pin-locked' } });
    time.advance(60 * 60_000);
    await call(host, 'openPinPad');
    expect(await call(host, 'enterPin', { pin: PIN })).toEqual({ ok: true, value: null });
    await call(host, 'leave');
    expect(await lockOut()).toBe(5);

    const refusals = host.running()!.store.journal().readAfter(0, 100).filter((event) => event.type === 'technician.pinRefused');
    expect(Math.max(...refusals.map((event) => (event.payload as { lockouts: number }).lockouts))).toBe(3);
  });

  it('while running, a wall clock set forward does not end a lockout early', async () => {
    const { configPath, time, dataDir } = rig();
    writeConfig(configPath, ratingConfig());
    const host = await start({ configPath, dataDir, clock: time, scheduler: time });
    await call(host, 'openPinPad');
    for (let attempt = 1; attempt <= 5; attempt += 1) await call(host, 'enterPin', { pin: '1111' });
    time.setWall(new Date(time.now().getTime() + 7 * 24 * 60 * 60_000).toISOString());
    time.advance(60_000);
    await call(host, 'openPinPad');
    expect(await call(host, 'enterPin', { pin: PIN })).toMatchObject({ ok: false, error: { code: 'pin-locked' } });
    const view = technician(host);
    expect(view.phase === 'pin' && Date.parse(view.lockedUntil!) - time.now().getTime()).toBe(4 * 60_000);
  });

  it('closes by itself after a minute untouched', async () => {
    const { configPath, time, dataDir } = rig();
    writeConfig(configPath, ratingConfig());
    const host = await start({ configPath, dataDir, clock: time, scheduler: time });
    await call(host, 'openPinPad');
    time.advance(59_000);
    expect(technician(host).phase).toBe('pin');
    time.advance(1_001);
    expect(technician(host).phase).toBe('closed');
  });
});

describe('technician mode', () => {
  it('leaves by itself after 2 minutes without a touch; a touch starts the 2 minutes again', async () => {
    const { configPath, time, dataDir } = rig();
    writeConfig(configPath, ratingConfig());
    const host = await start({ configPath, dataDir, clock: time, scheduler: time });
    await call(host, 'openPinPad');
    await call(host, 'enterPin', { pin: PIN });
    time.advance(119_000);
    expect(technician(host).phase).toBe('open');
    await call(host, 'activity');
    time.advance(119_000);
    expect(technician(host).phase).toBe('open');
    time.advance(1_001);
    await waitFor(() => technician(host).phase === 'closed' || undefined, 'technician mode to leave by itself');
    const left = host.running()!.store.journal().readAfter(0, 100).filter((event) => event.type === 'technician.left');
    expect(left.map((event) => event.payload)).toEqual([{ reason: 'idle', configChanged: false }]);
  });

  it('a saved config takes effect when the technician leaves', async () => {
    const { configPath, time, dataDir } = rig();
    writeConfig(configPath, ratingConfig());
    const host = await start({ configPath, dataDir, clock: time, scheduler: time });
    await call(host, 'openPinPad');
    await call(host, 'enterPin', { pin: PIN });
    const settings = await call<SettingsView>(host, 'getSettings');
    if (!settings.ok || !settings.value.config) throw new Error('no settings');
    const config = { ...settings.value.config, device: { ...settings.value.config.device, window: '12' } };
    expect(await call(host, 'saveSettings', { config, syncToken: null, pin: null })).toEqual({ ok: true, value: { path: configPath, backup: `${configPath}.bak` } });
    expect(host.getState().device.window).toBe('5');
    const saved = host.running()!.store.journal().readAfter(0, 100).find((event) => event.type === 'config.saved');
    expect(saved?.payload).toEqual({ sections: ['device'], pinChanged: false, tokenChanged: false });
    // The PIN hash was kept though the renderer never had it.
    expect(JSON.parse(readFileSync(configPath, 'utf8')).technician.pinHash).toBe(PIN_HASH);

    await call(host, 'leave');
    expect(host.getState().device.window).toBe('12');
    expect(technician(host)).toEqual({ phase: 'closed' });
  });

  it('tells the shell each time a kiosk starts: at start and with the config the technician saved', async () => {
    const { configPath, time, dataDir } = rig();
    writeConfig(configPath, ratingConfig());
    const started: string[] = [];
    const host = await start({ configPath, dataDir, clock: time, scheduler: time, onRunning: (running) => started.push(running.config.device.window) });
    expect(started).toEqual(['5']);
    await call(host, 'openPinPad');
    await call(host, 'enterPin', { pin: PIN });
    await call(host, 'saveSettings', { config: { device: { id: 'mfc-w05', office: 'МФЦ', window: '6' } }, syncToken: null, pin: null });
    await call(host, 'leave');
    expect(started).toEqual(['5', '6']);
  });

  it('a sync.endpoint that is not a URL is an invalid field naming sync.endpoint, not "could not be written" (issue #11, 8)', async () => {
    const { configPath, time, dataDir } = rig();
    writeConfig(configPath, ratingConfig({ sync: { endpoint: 'https://collector.example.org/', token: TOKEN } }));
    const before = readFileSync(configPath, 'utf8');
    const host = await start({ configPath, dataDir, clock: time, scheduler: time });
    await call(host, 'openPinPad');
    await call(host, 'enterPin', { pin: PIN });
    const device = { id: 'mfc-w05', office: 'МФЦ', window: '5' };
    // With the saved token kept, and with a new one typed: either way the field is named, nothing is written.
    for (const syncToken of [null, 'a-new-token-0123456789']) {
      for (const endpoint of ['collector.example.org', 'https://', 'http://[']) {
        const result = await call(host, 'saveSettings', { config: { device, sync: { endpoint } }, syncToken, pin: null });
        expect(result, endpoint).toMatchObject({ ok: false, error: { code: 'invalid-config', message: 'sync.endpoint: not a URL: write it whole, e.g. "https://collector.example.org/"' } });
      }
    }
    expect(readFileSync(configPath, 'utf8')).toBe(before);
  });

  it('refuses secrets smuggled inside the config', async () => {
    const { configPath, time, dataDir } = rig();
    writeConfig(configPath, ratingConfig());
    const host = await start({ configPath, dataDir, clock: time, scheduler: time });
    await call(host, 'openPinPad');
    await call(host, 'enterPin', { pin: PIN });
    const config = { device: { id: 'x', office: 'y', window: '1' }, technician: { pinHash: PIN_HASH } };
    expect(await call(host, 'saveSettings', { config, syncToken: null, pin: null })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});

describe('the button device under technician mode', () => {
  it('the service button opens the PIN pad instead of voting; a test shows each press live and learns nothing into votes', async () => {
    const { configPath, time, dataDir } = rig();
    writeConfig(configPath, ratingConfig({ buttons: { path: '/dev/ttyBOX', serviceButton: 9 } }));
    const boxes: Box[] = [];
    const ports: SerialPorts = {
      open: async () => {
        const box = new Box();
        boxes.push(box);
        return box;
      },
      list: async () => [{ path: '/dev/ttyBOX', manufacturer: 'okno' }],
    };
    const host = await start({ configPath, dataDir, clock: time, scheduler: time, serialPorts: ports });
    await waitFor(() => host.running()?.buttons?.status().state === 'connected' || undefined, 'the box to connect');
    boxes[0]!.line('B9');
    expect(technician(host).phase).toBe('pin');
    await call(host, 'enterPin', { pin: PIN });
    // The kiosk keeps its box (diagnostics show it live), but a press is the technician's, not a vote.
    expect(boxes[0]!.isOpen).toBe(true);
    boxes[0]!.line('B2');
    await waitFor(() => (host.running()?.buttons?.status().counters.presses ?? 0) >= 2 || undefined, 'the press to arrive');
    expect(host.running()!.store.journal().counts().byType['rating.submitted']).toBeUndefined();
    const diagnostics = await call<DiagnosticsView>(host, 'getDiagnostics');
    expect(diagnostics.ok && diagnostics.value.buttons).toMatchObject({ state: 'connected', path: '/dev/ttyBOX' });
    expect(await call(host, 'listPorts')).toEqual({ ok: true, value: [{ path: '/dev/ttyBOX', manufacturer: 'okno', vendorId: null, productId: null }] });
    expect(await call(host, 'startButtonTest', { path: '/dev/ttyBOX' })).toEqual({ ok: true, value: null });
    await waitFor(() => boxes.length === 2 || undefined, 'the test to open the port');
    // One port, one owner: the kiosk's box let go while the test runs.
    expect(boxes[0]!.isOpen).toBe(false);
    const states: KioskState[] = [];
    host.subscribe((event) => states.push(event.state));
    boxes[1]!.line('B3');
    await waitFor(() => {
      const view = technician(host);
      return (view.phase === 'open' && view.buttonTest?.presses.length === 1) || undefined;
    }, 'the press to show');
    const view = technician(host);
    expect(view.phase === 'open' && view.buttonTest).toMatchObject({ path: '/dev/ttyBOX', state: 'connected', presses: [{ button: 3 }] });
    expect(states.length).toBeGreaterThan(0);
    expect(host.running()!.store.journal().counts().byType['rating.submitted']).toBeUndefined();

    await call(host, 'leave');
    expect(boxes[1]!.isOpen).toBe(false);
    await waitFor(() => host.running()?.buttons?.status().state === 'connected' || undefined, 'the kiosk to take its port back');
    boxes[2]!.line('B4');
    await waitFor(() => host.running()!.store.journal().counts().byType['rating.submitted'] === 1 || undefined, 'a vote after leaving');
  });
});

describe('diagnostics and export', () => {
  it('shows the diagnostics with the log, exports a zip only into an offered folder, and never logs the PIN', async () => {
    const { configPath, time, dataDir } = rig();
    writeConfig(configPath, ratingConfig({ sync: { endpoint: 'http://127.0.0.1:9/', token: TOKEN } }));
    const stick = join(dataDir, '..', 'stick');
    mkdirSync(stick);
    const host = await start({ configPath, dataDir, clock: time, scheduler: time, exportDirs: [stick] });
    await call(host, 'openPinPad');
    await call(host, 'enterPin', { pin: '13579' });
    await call(host, 'enterPin', { pin: PIN });

    const diagnostics = await call<DiagnosticsView>(host, 'getDiagnostics');
    if (!diagnostics.ok) throw new Error(diagnostics.error.message);
    expect(diagnostics.value).toMatchObject({ configPath, dataDir, schemaVersion: expect.any(Number) });
    expect(diagnostics.value.eventsToday).toMatchObject({ 'device.started': 1, 'technician.pinRefused': 1, 'technician.pinAccepted': 1 });
    expect(diagnostics.value.logLines.join('\n')).toMatch(/technician PIN refused[\s\S]*technician mode opened/);

    const targets = await call<ExportTarget[]>(host, 'listExportTargets');
    expect(targets.ok && targets.value.map((target) => target.path)).toContain(stick);
    expect(await call(host, 'exportDiagnostics', { folder: join(dataDir, '..') })).toMatchObject({ ok: false, error: { code: 'export-failed' } });
    const exported = await call<{ file: string; bytes: number }>(host, 'exportDiagnostics', { folder: stick });
    expect(exported).toMatchObject({ ok: true, value: { file: expect.stringContaining(stick) } });
    const zip = readFileSync((exported as { value: { file: string } }).value.file);
    expect(zip.includes(Buffer.from(TOKEN))).toBe(false);
    expect(zip.includes(Buffer.from(PIN_HASH))).toBe(false);

    await host.close();
    hosts.splice(0);
    const log = readFileSync(join(dataDir, 'logs', 'okno.log'), 'utf8');
    expect(log).toContain('technician PIN refused');
    expect(log).not.toContain('13579');
    expect(log).not.toContain(PIN);
    expect(log).not.toContain(TOKEN);
  });
});

describe('a ticket dispenser with a button box', () => {
  it('opens the PIN pad from the service button; its other buttons issue nothing', async () => {
    const { configPath, time, dataDir } = rig();
    writeConfig(configPath, {
      device: { id: 'mfc-hall-1', office: 'МФЦ', window: 'зал', mode: 'tickets' },
      queue: { services: [{ id: 'passport', prefix: 'П', range: [1, 99], name: { ru: 'Паспорт' } }] },
      buttons: { path: '/dev/ttyBOX', serviceButton: 6 },
      technician: { pinHash: PIN_HASH },
    });
    const box = new Box();
    const ports: SerialPorts = { open: async () => box, list: async () => [] };
    const host = await start({ configPath, dataDir, clock: time, scheduler: time, serialPorts: ports });
    await waitFor(() => host.running()?.buttons?.status().state === 'connected' || undefined, 'the box to connect');
    box.line('B1');
    await waitFor(() => (host.running()?.buttons?.status().counters.presses ?? 0) >= 1 || undefined, 'the press to arrive');
    expect(technician(host).phase).toBe('closed');
    expect(host.running()!.store.journal().counts().byType['ticket.issued']).toBeUndefined();
    box.line('B6');
    await waitFor(() => technician(host).phase === 'pin' || undefined, 'the PIN pad');
  });
});
