import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { SpeechClip, SpeechView } from '../../../shared/kioskApi.ts';
import type { RequestInput } from '../../../shared/requests/registry.ts';
import type { SpokenPart } from './parts.ts';
import { pageSpeechPlayer, wavBytes } from './speechPlayer.ts';

export type SpeechPurpose = NonNullable<RequestInput<'speak'>['purpose']>;

/** Asks the core for a clip (request `speak`): null when refused or unreachable (already told to the console). */
export type SpeakRequest = (parts: readonly SpokenPart[], purpose: SpeechPurpose) => Promise<SpeechClip | null>;

export interface Speech {
  /** Says this now, interrupting whatever is said or on its way: no queue. Nothing when speech mode is off. */
  readonly say: (parts: readonly SpokenPart[], purpose?: SpeechPurpose) => void;
}

/** Clips played to their end on this page, on the <html> element: what the end-to-end tests wait for. */
const PLAYED_MARK = 'speechPlayed';

/**
 * Speech for a screen: `say(parts)` sends them to the core, and plays the clip at the visitor's
 * volume unless something newer was said meanwhile. Speech mode off stops the voice at once.
 */
export function useSpeech(speak: SpeakRequest, view: SpeechView): Speech {
  const player = useMemo(pageSpeechPlayer, []);
  const onRef = useRef(view.on);
  const generation = useRef(0);

  useEffect(() => {
    onRef.current = view.on;
    if (!view.on) {
      generation.current += 1;
      player.stop();
    }
  }, [view.on, player]);
  useEffect(() => player.setVolume(view.volume), [view.volume, player]);

  const say = useCallback(
    (parts: readonly SpokenPart[], purpose: SpeechPurpose = 'screen') => {
      if (!onRef.current || parts.length === 0) return;
      generation.current += 1;
      const mine = generation.current;
      // Silence now: the visitor pressed something, the old sentence is no longer what matters.
      player.stop();
      void speak(parts, purpose)
        .then(async (clip) => {
          if (clip === null || mine !== generation.current) return;
          const outcome = await player.play(wavBytes(clip.wav));
          if (outcome === 'played') {
            const root = document.documentElement;
            root.dataset[PLAYED_MARK] = String(Number(root.dataset[PLAYED_MARK] ?? '0') + 1);
          }
        })
        .catch((error: unknown) => console.warn('okno: speech could not be played', error));
    },
    [speak, player],
  );
  return useMemo(() => ({ say }), [say]);
}
