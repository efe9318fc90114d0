import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Running } from '../../../../electron/core/device/running.ts';
import type { Device, DeviceOptions } from '../../../../electron/core/device/device.ts';
import { ConfigError } from '../../../../electron/core/config/loadConfig.ts';
import { APP_ENTRY_URL } from '../../../../electron/shell/trustedUrl.ts';
import { IPC_EVENT, IPC_GET_STATE, IPC_REQUEST } from '../../../../shared/requests/transport.ts';
import { createFakeCore } from './fakeCore.ts';
import { createFakeElectron, FakeEvent, type FakeBrowserWindow, type FakeElectron } from './fakeElectron.ts';

/**
 * main.ts is the composition: these tests import it, as Electron would, against a fake `electron`
 * and a fake core, and check what a kiosk in the hall would experience.
 */

const shellDir = join(dirname(fileURLToPath(import.meta.url)), '../../../../electron/shell');

let fake: FakeElectron;
let fakeCore: ReturnType<typeof createFakeCore>;
let bootCalls: DeviceOptions[];
let bootError: Error | null;
let events: string[];

beforeEach(() => {
  vi.resetModules();
  fake = createFakeElectron();
  fakeCore = createFakeCore();
  bootCalls = [];
  bootError = null;
  events = [];
  vi.doMock('electron', () => fake.module);
  vi.doMock('../../../../electron/core/device/device.ts', () => ({
    async startDevice(options: DeviceOptions): Promise<Device> {
      bootCalls.push(options);
      if (bootError) throw bootError;
      return {
        ...fakeCore.core,
        running: () => ({ config: { device: { startAtLogin: false } } }) as unknown as Running,
        setUrl: (url: string) => events.push(`url ${url}`),
        setHostCounters: () => () => {},
        close: async () => {
          events.push('core closed');
        },
      };
    },
  }));
  vi.stubEnv('OKNO_CONFIG', '/etc/okno/config.json');
  vi.stubEnv('OKNO_DATA_DIR', '/var/lib/okno');
  vi.stubEnv('OKNO_DEVTOOLS', '');
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  fake.app.on('before-quit', () => events.push('before-quit'));
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function startMain(): Promise<FakeBrowserWindow | undefined> {
  await import('../../../../electron/shell/main.ts');
  return fake.windows[0];
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('shell main', () => {
  it('registers app:// as a privileged scheme before ready (the fake throws after ready)', async () => {
    await startMain();
    expect(fake.privilegedSchemes).toHaveLength(1);
    const [scheme] = fake.privilegedSchemes;
    expect(scheme?.scheme).toBe('app');
    expect(scheme?.privileges).toMatchObject({ standard: true, secure: true });
    expect(scheme?.privileges?.['bypassCSP']).not.toBe(true);
  });

  it('as a second instance: quits without booting the core or opening a window', async () => {
    fake.app.lockAvailable = false;
    await startMain();
    expect(fake.app.quitCalls).toBe(1);
    expect(bootCalls).toEqual([]);
    expect(fake.windows).toEqual([]);
    expect(fake.blockers.size).toBe(0);
  });

  it('as the first instance: brings its window back when a second one starts', async () => {
    const window = await startMain();
    if (!window) throw new Error('no window');
    window.minimized = true;
    fake.app.emit('second-instance', new FakeEvent(), [], '/');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
    expect(window.visible).toBe(true);
    expect(fake.app.quitCalls).toBe(0);
  });

  it('keeps the display awake', async () => {
    await startMain();
    expect([...fake.blockers.values()]).toEqual(['prevent-display-sleep']);
  });

  it('boots the core with the config and data dir from the environment, and a --config flag wins', async () => {
    await startMain();
    expect(bootCalls).toEqual([{ configPath: '/etc/okno/config.json', dataDir: '/var/lib/okno', onRunning: expect.any(Function) }]);

    vi.resetModules();
    fake = createFakeElectron();
    vi.doMock('electron', () => fake.module);
    bootCalls = [];
    const argv = process.argv;
    process.argv = [...argv, '--config=/srv/window5.json', '--data-dir=/srv/data'];
    try {
      await startMain();
    } finally {
      process.argv = argv;
    }
    expect(bootCalls).toEqual([{ configPath: '/srv/window5.json', dataDir: '/srv/data', onRunning: expect.any(Function) }]);
  });

  it('opens the locked-down kiosk window on app://okno with the bundled preload beside main', async () => {
    const window = await startMain();
    if (!window) throw new Error('no window');
    const prefs = window.options['webPreferences'] as Record<string, unknown>;
    expect(window.options['kiosk']).toBe(true);
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, devTools: false });
    expect(prefs['preload']).toBe(join(shellDir, 'preload.cjs'));
    expect(window.webContents.loads).toEqual([APP_ENTRY_URL]);
    expect(events).toContain(`url ${APP_ENTRY_URL}`);
  });

  it('OKNO_DEVTOOLS=1 opens DevTools at the bench (run from the source tree)', async () => {
    vi.stubEnv('OKNO_DEVTOOLS', '1');
    const bench = await startMain();
    if (!bench) throw new Error('no window');
    expect((bench.options['webPreferences'] as Record<string, unknown>)['devTools']).toBe(true);
    bench.webContents.press({ key: 'F12', code: 'F12' });
    expect(bench.webContents.devToolsToggles).toBe(1);
  });

  it('OKNO_DEVTOOLS=1 does nothing in a packaged build', async () => {
    vi.stubEnv('OKNO_DEVTOOLS', '1');
    fake.app.isPackaged = true;
    const installed = await startMain();
    if (!installed) throw new Error('no window');
    expect((installed.options['webPreferences'] as Record<string, unknown>)['devTools']).toBe(false);
    installed.webContents.press({ key: 'F12', code: 'F12' });
    installed.webContents.press({ key: 'I', code: 'KeyI', control: true, shift: true });
    expect(installed.webContents.devToolsToggles).toBe(0);
  });

  it('serves app:// with the CSP', async () => {
    await startMain();
    const handler = fake.protocolHandlers.get('app');
    if (!handler) throw new Error('app:// not handled');
    const response = await handler(new Request('app://okno/..%2f..%2fpackage.json'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('locks the window down: navigation, shortcuts, permissions', async () => {
    const window = await startMain();
    if (!window) throw new Error('no window');
    expect(window.webContents.attempt('will-navigate', 'https://example.com/')).toBe(false);
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(window.webContents.press({ key: 'r', code: 'KeyR', control: true })).toBe(false);
    expect(window.webContents.press({ key: '5', code: 'Digit5' })).toBe(true);
    const answers: boolean[] = [];
    fake.defaultSession.permissionRequestHandler?.({}, 'media', (granted) => answers.push(granted));
    expect(answers).toEqual([false]);
    expect(window.requestClose()).toBe(false);
  });

  it('wires IPC from the window to the core, and core events to the window', async () => {
    const window = await startMain();
    if (!window) throw new Error('no window');
    const fromPage = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(await fake.ipcMain.invoke(IPC_REQUEST, fromPage, 'press', { score: 2, source: 'keyboard' })).toMatchObject({ ok: true });
    expect(fakeCore.calls).toEqual([{ intent: 'press', input: { score: 2, source: 'keyboard' } }]);
    expect((await fake.ipcMain.invoke(IPC_GET_STATE, fromPage)) as { ok: boolean }).toMatchObject({ ok: true });
    const event = fakeCore.publish(7);
    expect(window.webContents.sent).toEqual([{ channel: IPC_EVENT, args: [event] }]);
  });

  it('relaunches the app in a crash loop, after closing the core', async () => {
    const window = await startMain();
    if (!window) throw new Error('no window');
    for (let crash = 0; crash < 6; crash++) window.webContents.crash();
    await tick();
    expect(events.filter((e) => e === 'core closed')).toHaveLength(1);
    expect(fake.app.relaunchCalls).toBe(1);
    expect(fake.app.exitCode).toBe(0);
  });

  it('closes the core before quitting, and lets the window close then', async () => {
    const window = await startMain();
    if (!window) throw new Error('no window');
    fake.app.quit();
    await tick();
    expect(events.filter((e) => e !== `url ${APP_ENTRY_URL}`)).toEqual(['before-quit', 'core closed', 'before-quit']);
    expect(window.requestClose()).toBe(true);
  });

  it('on an invalid config: shows the bad fields and exits with EX_CONFIG, with no kiosk window', async () => {
    bootError = new ConfigError('/etc/okno/config.json', ['rating.scale: Invalid input', 'device.id: Required']);
    await startMain();
    expect(fake.errorBoxes).toHaveLength(1);
    expect(fake.errorBoxes[0]?.content).toContain('rating.scale: Invalid input');
    expect(fake.errorBoxes[0]?.content).toContain('device.id: Required');
    expect(fake.app.exitCode).toBe(78);
    expect(fake.windows).toEqual([]);
    expect(fake.blockers.size).toBe(0);
  });

  it('on any other start failure: shows it and exits non-zero', async () => {
    bootError = new Error('database disk image is malformed');
    await startMain();
    expect(fake.errorBoxes[0]?.content).toContain('database disk image is malformed');
    expect(fake.app.exitCode).not.toBe(0);
    expect(fake.app.exitCode).not.toBeNull();
    expect(fake.windows).toEqual([]);
  });
});
