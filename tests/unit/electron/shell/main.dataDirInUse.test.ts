import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Device, DeviceOptions } from '../../../../electron/core/device/device.ts';
import { DataDirInUseError, EXIT_DATA_DIR_IN_USE } from '../../../../electron/core/dataDirLock.ts';
import { createFakeElectron, type FakeElectron } from './fakeElectron.ts';

/**
 * The Electron shell's start goes through startDevice, which claims the data directory (see
 * tests/unit/core/dataDirLock.test.ts). Here: what the shell does when an `okno serve` owns it.
 */

let fake: FakeElectron;

beforeEach(() => {
  vi.resetModules();
  fake = createFakeElectron();
  vi.doMock('electron', () => fake.module);
  vi.doMock('../../../../electron/core/device/device.ts', () => ({
    startDevice(options: DeviceOptions): Promise<Device> {
      return Promise.reject(new DataDirInUseError(options.dataDir, 4242));
    },
  }));
  vi.stubEnv('OKNO_CONFIG', '/etc/okno/config.json');
  vi.stubEnv('OKNO_DATA_DIR', '/var/lib/okno');
  vi.stubEnv('OKNO_DEVTOOLS', '');
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('shell main, data directory owned by another okno', () => {
  it('says which process has it and exits with the documented code, with no kiosk window', async () => {
    await import('../../../../electron/shell/main.ts');
    expect(fake.errorBoxes).toHaveLength(1);
    expect(fake.errorBoxes[0]?.content).toContain('the data directory /var/lib/okno is in use by another okno (pid 4242)');
    expect(fake.app.exitCode).toBe(EXIT_DATA_DIR_IN_USE);
    expect(fake.windows).toEqual([]);
  });
});
