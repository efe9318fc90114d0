import type { DeviceApi } from '../../shared/requests/client.ts';
import { useEffect } from 'react';
import { settle } from './call.ts';
import { createThrottle } from './throttle.ts';

/** At most one "still here" to the core per this long: its idle timer counts in minutes. */
export const ACTIVITY_INTERVAL_MS = 5000;

/**
 * Tells the core that the technician screens are in use (a touch or a key), so that technician
 * mode does not leave by itself under the technician's fingers.
 */
export function useActivity(technician: DeviceApi, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return undefined;
    const touch = createThrottle(() => {
      void settle(technician.request('activity', {})).then((result) => {
        if (!result.ok) console.warn(`okno: technician activity refused: ${result.error.code}`);
      });
    }, ACTIVITY_INTERVAL_MS);
    const events = ['pointerdown', 'keydown'] as const;
    for (const type of events) window.addEventListener(type, touch, { capture: true, passive: true });
    return () => {
      for (const type of events) window.removeEventListener(type, touch, { capture: true });
    };
  }, [technician, enabled]);
}
