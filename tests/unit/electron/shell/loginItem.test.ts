import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Running } from '../../../../electron/core/device/running.ts';
import type { Device, DeviceOptions } from '../../../../electron/core/device/device.ts';
import { loginItemArgs, syncLoginItem, wantsStartAtLogin } from '../../../../electron/shell/loginItem.ts';
import { createFakeCore } from './fakeCore.ts';
import { createFakeElectron, type FakeElectron } from './fakeElectron.ts';

interface LoginItemCall {
  openAtLogin?: boolean;
  path?: string;
  args?: string[];
}

/** The one App method the login item uses, recording what Windows would be told. */
function recordingApp(calls: LoginItemCall[], failWith: Error | null = null) {
  return {
    setLoginItemSettings(settings: LoginItemCall): void {
      if (failWith) throw failWith;
      calls.push(settings);
    },
  };
}

const WINDOWS = { platform: 'win32', execPath: 'C:\\Users\\kiosk\\AppData\\Local\\Programs\\okno\\okno.exe' } as const;
const configWith = (startAtLogin: unknown) => ({ device: { id: 'mfc-w05', office: 'МФЦ', window: '5', startAtLogin } });

describe('wantsStartAtLogin', () => {
  it('is yes only for device.startAtLogin: true', () => {
    expect(wantsStartAtLogin(configWith(true))).toBe(true);
    expect(wantsStartAtLogin(configWith(false))).toBe(false);
    expect(wantsStartAtLogin(configWith('yes'))).toBe(false);
    expect(wantsStartAtLogin({ device: { id: 'x' } })).toBe(false);
    expect(wantsStartAtLogin(undefined)).toBe(false);
    expect(wantsStartAtLogin(null)).toBe(false);
  });
});

describe('syncLoginItem', () => {
  it('on Windows, with the key on: a login item for this okno.exe with the same config and data dir', () => {
    const calls: LoginItemCall[] = [];
    const outcome = syncLoginItem(recordingApp(calls), configWith(true), { configPath: 'C:\\okno\\config.json', dataDir: 'D:\\okno' }, WINDOWS);
    expect(outcome).toBe('enabled');
    expect(calls).toEqual([
      { openAtLogin: true, path: WINDOWS.execPath, args: ['--config=C:\\okno\\config.json', '--data-dir=D:\\okno'] },
    ]);
  });

  it('on Windows, with the key off or missing: removes the login item (same path and args, as Windows needs)', () => {
    const calls: LoginItemCall[] = [];
    expect(syncLoginItem(recordingApp(calls), configWith(false), { configPath: 'C:\\okno\\config.json', dataDir: undefined }, WINDOWS)).toBe('disabled');
    expect(syncLoginItem(recordingApp(calls), {}, { configPath: undefined, dataDir: undefined }, WINDOWS)).toBe('disabled');
    expect(calls).toEqual([
      { openAtLogin: false, path: WINDOWS.execPath, args: ['--config=C:\\okno\\config.json'] },
      { openAtLogin: false, path: WINDOWS.execPath, args: [] },
    ]);
  });

  it('leaves Linux and macOS alone: systemd and XDG autostart do it there', () => {
    const calls: LoginItemCall[] = [];
    for (const platform of ['linux', 'darwin'] as const) {
      expect(syncLoginItem(recordingApp(calls), configWith(true), { configPath: undefined, dataDir: undefined }, { platform, execPath: '/opt/okno/okno' })).toBe(
        'not-on-this-platform',
      );
    }
    expect(calls).toEqual([]);
  });

  it('does not stop the kiosk from starting when Windows refuses the login item', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const outcome = syncLoginItem(recordingApp([], new Error('access denied')), configWith(true), { configPath: undefined, dataDir: undefined }, WINDOWS);
      expect(outcome).toBe('failed');
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('access denied'));
    } finally {
      warn.mockRestore();
    }
  });

  it('builds args only from what was given', () => {
    expect(loginItemArgs({ configPath: undefined, dataDir: undefined })).toEqual([]);
    expect(loginItemArgs({ configPath: undefined, dataDir: '/var/lib/okno' })).toEqual(['--data-dir=/var/lib/okno']);
  });
});

describe('main.ts wiring (electron mocked)', () => {
  let fake: FakeElectron;
  let calls: LoginItemCall[];
  let bootedConfig: unknown;
  const platform = Object.getOwnPropertyDescriptor(process, 'platform');

  beforeEach(() => {
    vi.resetModules();
    fake = createFakeElectron();
    calls = [];
    Object.assign(fake.app, recordingApp(calls));
    const fakeCore = createFakeCore();
    vi.doMock('electron', () => fake.module);
    vi.doMock('../../../../electron/core/device/device.ts', () => ({
      async startDevice(options: DeviceOptions): Promise<Device> {
        const running = { config: bootedConfig } as unknown as Running;
        options.onRunning?.(running);
        return { ...fakeCore.core, running: () => running, setUrl: () => {}, setHostCounters: () => () => {}, close: async () => {} };
      },
    }));
    vi.stubEnv('OKNO_CONFIG', 'C:\\okno\\config.json');
    vi.stubEnv('OKNO_DATA_DIR', '');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    Object.defineProperty(process, 'platform', { value: 'win32', configurable: true });
  });

  afterEach(() => {
    if (platform) Object.defineProperty(process, 'platform', platform);
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('sets the login item from the booted config once the core is up, on Windows', async () => {
    bootedConfig = configWith(true);
    await import('../../../../electron/shell/main.ts');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ openAtLogin: true, path: process.execPath });
    expect(calls[0]?.args?.[0]).toMatch(/^--config=.*config\.json$/);
    expect(fake.windows).toHaveLength(1);
  });

  it('removes it when the config does not ask for it', async () => {
    bootedConfig = configWith(false);
    await import('../../../../electron/shell/main.ts');
    expect(calls.map((call) => call.openAtLogin)).toEqual([false]);
  });
});
