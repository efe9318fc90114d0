import type { Config, Locale } from '../../../shared/config.ts';
import { FOLLOW_UP_REASONS } from '../../../shared/followUp.ts';
import type { HealthProblem, KioskEvent, KioskState, SpeechView } from '../../../shared/kioskApi.ts';
import type { TechnicianView } from '../../../shared/technicianApi.ts';
import type { FaceView } from './face.ts';

/**
 * The one place that builds the state the renderer sees, and owns its `revision`. The device's
 * parts each contribute theirs: the config says who the device is, the face its screen, the journal
 * whether it can save, technician mode its view. A transport drops a state older than the one it
 * has, so every change goes through `publish`, which numbers it.
 */

export interface StateSources {
  /** The running configuration with its face's part, or null on the first run (no config yet). */
  readonly configured: () => {
    readonly config: Config;
    readonly face: FaceView;
    readonly storageOk: boolean;
    /** Speech mode and the volume (the running configuration's, not the face's); absent: the device does not speak. */
    readonly speech?: SpeechView;
  } | null;
  readonly technician: () => TechnicianView;
  /** The language of the setup wizard before there is a config. */
  readonly setupLocale: () => Locale;
}

/** Speech before the device speaks (the first run, or a face without speech): no button, nothing said. */
export const SILENT: SpeechView = { available: false, on: false, volume: 0, key: null, timeoutFactor: 1 };

export interface DeviceState {
  /** The state as it is now, with the revision last published. */
  current(): KioskState;
  /** Something changed: a new revision goes to every listener. */
  publish(): void;
  subscribe(listener: (event: KioskEvent) => void): () => void;
}

export function createDeviceState(sources: StateSources): DeviceState {
  const listeners = new Set<(event: KioskEvent) => void>();
  let revision = 0;

  const current = (): KioskState => {
    const configured = sources.configured();
    if (!configured) {
      // The first run: the wizard is the only screen; `device` holds placeholders.
      const locale = sources.setupLocale();
      return {
        revision,
        device: { id: '', office: '', window: '', mode: 'rating' },
        ui: { defaultLocale: locale, locales: ['ru', 'en'] },
        rating: { scale: 5, followUpReasons: FOLLOW_UP_REASONS },
        session: { phase: 'idle', locale },
        tickets: null,
        operator: null,
        hall: null,
        visit: null,
        speech: SILENT,
        health: { needsTechnician: true, problems: [] },
        technician: sources.technician(),
      };
    }
    const { config, face, storageOk, speech } = configured;
    const problems: HealthProblem[] = [...(storageOk ? [] : ['storage-unavailable' as const]), ...face.problems];
    return {
      revision,
      device: { id: config.device.id, office: config.device.office, window: config.device.window, mode: config.device.mode },
      ui: { defaultLocale: config.ui.locale, locales: config.ui.locales },
      rating: { scale: config.rating.scale, followUpReasons: FOLLOW_UP_REASONS },
      session: face.session,
      tickets: face.tickets,
      operator: face.operator ?? null,
      hall: face.hall ?? null,
      visit: face.visit ?? null,
      speech: speech ?? SILENT,
      health: { needsTechnician: problems.length > 0, problems },
      technician: sources.technician(),
    };
  };

  return {
    current,
    publish() {
      revision += 1;
      const event: KioskEvent = { type: 'state', state: current() };
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A broken transport must not stop the others, nor the change that published.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
