import type { KioskApi } from '../../shared/kioskApi.ts';
import { BRIDGE_NAME } from '../../shared/kioskChannels.ts';
import { createHttpKioskApi } from '../../shared/transport/httpKioskApi.ts';

/**
 * The transport: in Electron the preload exposes the bridge on `window`; in a plain browser
 * (Chromium kiosk, development, end-to-end tests) the page talks HTTP to the host that served it.
 * Only types come from shared/kioskApi.ts, so no validation library ends up in the renderer.
 */
export function chooseKioskApi(): KioskApi {
  const bridge = (window as unknown as Partial<Record<string, KioskApi>>)[BRIDGE_NAME];
  return bridge ?? createHttpKioskApi(window.location.origin);
}
