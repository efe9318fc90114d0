import type { DeviceApi } from '../../shared/requests/client.ts';
import { BRIDGE_NAME } from '../../shared/requests/transport.ts';
import { createHttpDeviceApi } from '../../shared/transport/httpDeviceApi.ts';

/**
 * The transport: in Electron the preload exposes the bridge on `window`; in a plain browser
 * (Chromium kiosk, development, end-to-end tests) the page talks HTTP to the host that served it.
 * Only types come from shared/kioskApi.ts, so no validation library ends up in the renderer.
 */
export function chooseKioskApi(): DeviceApi {
  const bridge = (window as unknown as Partial<Record<string, DeviceApi>>)[BRIDGE_NAME];
  return bridge ?? createHttpDeviceApi(window.location.origin);
}
