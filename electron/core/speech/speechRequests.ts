import type { FaceName } from '../../../shared/requests/registry.ts';
import { fail, ok } from '../../../shared/result.ts';
import type { Countdowns, Handlers } from '../device/face.ts';
import type { Logger } from '../logging/logger.ts';
import type { SpeechModeCounters, SpeechMode } from './speechMode.ts';
import { SpeechError, type SpeechService } from './speechService.ts';

/**
 * The speech requests, whatever the face (the request door asks them after the face's own, before
 * technician mode's): `speak` on any device with a voice; speech mode, the visitor's volume and "more
 * time" on the citizen screens only (the rating terminal, the dispenser): an operator's console or a
 * hall board has no visitor to read to, and refuses them as the wrong mode.
 */
export type SpeechRequest = 'speak' | 'setSpeechMode' | 'changeSpeechVolume' | 'moreTime';

export interface SpeechRequestDeps {
  readonly face: FaceName;
  readonly mode: SpeechMode;
  /** The voice; null when speech is off or none loaded. */
  readonly service: SpeechService | null;
  /** The face's timeouts; absent on faces with none. */
  readonly countdowns: Countdowns | undefined;
  /** speech.moreTimeSeconds, in ms. */
  readonly moreTimeMs: number;
  readonly counters: SpeechModeCounters;
  readonly onCounters: () => void;
  readonly logger: Logger;
}

const CITIZEN_FACES: readonly FaceName[] = ['rating', 'tickets'];

export function speechHandlers(deps: SpeechRequestDeps): Handlers<SpeechRequest> {
  const citizen = CITIZEN_FACES.includes(deps.face);
  const notHere = () => fail('wrong-mode', 'speech mode is for the citizen screens (the rating terminal, the ticket dispenser), not this one');

  return {
    speak: async (input) => {
      const service = deps.service;
      if (!service) return fail('not-accepting', 'this device has no voice: speech is off in the config, or its engine did not load');
      deps.mode.activity();
      try {
        return ok(await service.say(input.parts));
      } catch (error) {
        deps.counters.speakFailures += 1;
        deps.onCounters();
        const why = error instanceof Error ? error.message : String(error);
        deps.logger.warn({ purpose: input.purpose, error: why }, 'speech failed');
        // Anything else is a defect: the request door answers it as `internal`.
        if (error instanceof SpeechError) return fail('speech-failed', `the voice could not say it: ${why}`);
        throw error;
      }
    },
    setSpeechMode: (input) => {
      if (!citizen) return notHere();
      if (!deps.mode.set(input.on, input.source)) return fail('not-accepting', 'speech is not available on this device (speech.mode is off, or no voice loaded)');
      return ok(null);
    },
    changeSpeechVolume: (input) => {
      if (!citizen) return notHere();
      return deps.mode.changeVolume(input.step) ? ok(null) : fail('not-accepting', 'the volume changes only in speech mode');
    },
    moreTime: () => {
      if (!citizen) return notHere();
      deps.mode.activity();
      return deps.countdowns?.moreTime(deps.moreTimeMs) ? ok(null) : fail('not-accepting', 'no countdown is running on this screen');
    },
  };
}
