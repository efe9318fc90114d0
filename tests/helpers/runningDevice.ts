import { startDevice, type Device, type DeviceOptions } from '../../electron/core/device/device.ts';
import type { Running } from '../../electron/core/device/running.ts';

/**
 * A device started as the hosts start it (startDevice), for tests that drive its running
 * configuration directly (the journal, the rating face, the uploader, the box). `close` closes the
 * whole device, so the data directory's lock is given back.
 */
export type RunningDevice = Running & { readonly device: Device };

export async function startRunningDevice(options: DeviceOptions): Promise<RunningDevice> {
  const device = await startDevice(options);
  const running = device.running();
  if (!running) {
    await device.close();
    throw new Error('the device has no config to run: give a configPath that exists, or none for the demo');
  }
  // The running configuration's own members (getters included) through the prototype; close is the device's.
  const started: RunningDevice = Object.assign(Object.create(running) as Running, { device, close: () => device.close() });
  return started;
}
