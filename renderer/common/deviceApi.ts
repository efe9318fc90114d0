import type { DeviceApi } from '../../shared/requests/client.ts';
import { BRIDGE_NAME } from '../../shared/requests/transport.ts';
import { createHttpDeviceApi } from '../../shared/transport/httpDeviceApi.ts';

/** The preload's bridge has exactly DeviceApi's three functions (electron/shell/preload.ts). */
const isBridge = (value: unknown): value is DeviceApi =>
  typeof value === 'object' && value !== null && ['getState', 'request', 'subscribe'].every((name) => typeof Reflect.get(value, name) === 'function');

/**
 * The transport: in Electron the preload exposes the bridge on `window`; in a plain browser
 * (Chromium kiosk, development, end-to-end tests) the page talks HTTP to the host that served it.
 * Only types come from the request registry, so no validation library ends up in the page.
 */
export function chooseDeviceApi(): DeviceApi {
  const bridge: unknown = Reflect.get(window, BRIDGE_NAME);
  return isBridge(bridge) ? bridge : createHttpDeviceApi(window.location.origin);
}
