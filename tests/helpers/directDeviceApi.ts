import type { ServedDevice } from '../../electron/core/device/device.ts';
import type { DeviceApi } from '../../shared/requests/client.ts';

/**
 * DeviceApi straight over the device, with no transport: the reference the transports are held to.
 * Every answer and state is cloned as a transport would, so a test cannot pass by sharing objects.
 */
export function directDeviceApi(device: ServedDevice): DeviceApi {
  return {
    getState: async () => structuredClone(device.getState()),
    request: async (name, input) => structuredClone(await device.handle(name, input)),
    subscribe: (listener) => device.subscribe((event) => listener(structuredClone(event))),
  };
}
