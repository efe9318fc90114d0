import type { DeviceApi } from '../../shared/requests/client.ts';
import { useEffect, useState } from 'react';
import type { KioskState } from '../../shared/kioskApi.ts';

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;

/**
 * The latest state the core published, or null until the first one arrives. Subscribes first and
 * then asks for the current state, so nothing published in between is missed; the answer to
 * getState only wins if no newer state came through the subscription meanwhile. States from the
 * subscription are taken as they come: the transport already delivers them in order.
 */
export function useKioskState(api: DeviceApi): KioskState | null {
  const [state, setState] = useState<KioskState | null>(null);

  useEffect(() => {
    let stopped = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    const unsubscribe = api.subscribe((event) => {
      if (event.type === 'state') setState(event.state);
    });

    const load = (retryMs: number): void => {
      api.getState().then(
        (current) => {
          if (stopped) return;
          setState((previous) => (previous && previous.revision > current.revision ? previous : current));
        },
        (error: unknown) => {
          if (stopped) return;
          console.warn('okno: could not read the device state, retrying', error);
          retryTimer = setTimeout(() => load(Math.min(retryMs * 2, MAX_RETRY_MS)), retryMs);
        },
      );
    };
    load(FIRST_RETRY_MS);

    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      unsubscribe();
    };
  }, [api]);

  return state;
}
