import type { ServedDevice } from '../../electron/core/device/device.ts';
import { createDeviceState } from '../../electron/core/device/deviceState.ts';
import type { Face, Handlers } from '../../electron/core/device/face.ts';
import { createRequestDispatcher } from '../../electron/core/device/requests.ts';
import type { Config } from '../../shared/config.ts';
import { REQUEST_NAMES, REQUESTS, type TechnicianRequest } from '../../shared/requests/registry.ts';
import { fail, ok } from '../../shared/result.ts';

/**
 * One face served as the device serves it — the device's own state builder and request door
 * around it — without technician mode (whose requests are refused here): for the faces' unit tests,
 * which drive them with fake time and a fake journal.
 */
export function serveFace<F extends Face>(options: {
  readonly config: Config;
  readonly storageOk: () => boolean;
  readonly onInvalidInput?: () => void;
  readonly makeFace: (onChange: () => void) => F;
}): ServedDevice & { readonly face: F } {
  let face: F | null = null;
  const state = createDeviceState({
    configured: () => (face ? { config: options.config, face: face.view(), storageOk: options.storageOk() } : null),
    technician: () => ({ phase: 'closed' }),
    setupLocale: () => options.config.ui.locale,
  });
  const made = options.makeFace(() => state.publish());
  face = made;
  const noTechnician = Object.fromEntries(
    REQUEST_NAMES.filter((name) => REQUESTS[name].gate.kind !== 'citizen').map((name) => [name, () => fail('technician-only', 'no technician mode in this test')]),
  ) as unknown as Handlers<TechnicianRequest>;
  const handle = createRequestDispatcher({
    face: () => made,
    technicianOpen: () => false,
    technician: noTechnician,
    setupLocale: () => ok(null),
    onInvalidInput: () => options.onInvalidInput?.(),
    onTechnicianRequest: () => undefined,
  });
  return { face: made, getState: () => state.current(), handle, subscribe: (listener) => state.subscribe(listener) };
}
