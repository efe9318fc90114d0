import { useEffect, useMemo, useRef } from 'react';
import { buttonsRules, type SpeechKeyName } from '../../../shared/configRules.ts';
import type { KioskState } from '../../../shared/kioskApi.ts';
import type { Intents } from '../intents.ts';
import { createCueTracker } from './speechCue.ts';
import { speechKeyAction, type SpeechKeys } from './speechKeys.ts';
import type { Speech } from './useSpeech.ts';
import { joinParts, type SpokenPart } from './parts.ts';

/** The box's buttons for the moves: the config's (state.speech.keys), else the defaults. */
export const speechKeysOf = (state: KioskState): SpeechKeys => state.speech.keys ?? buttonsRules.defaultSpeechKeys;

/**
 * The keys of speech mode on a citizen screen: the keyboard (speechKeys.ts) and the box's cues in the
 * state (each new seq once; the one found at load is old). Turning it on or off, the volume and "more
 * time" are the same on every screen; a move (next, previous, choose, repeat) is the screen's.
 */
export function useSpeechKeys(
  intents: Intents,
  state: KioskState,
  screen: { readonly dispenser: boolean; readonly countdown: boolean; readonly onMove: (key: SpeechKeyName) => void },
): void {
  const { available, on, key: cue } = state.speech;
  const keys = speechKeysOf(state);
  const screenRef = useRef(screen);
  useEffect(() => {
    screenRef.current = screen;
  });

  const tracker = useMemo(createCueTracker, []);
  useEffect(() => {
    const press = tracker.take(cue);
    if (press && on) screenRef.current.onMove(press.key);
  }, [tracker, cue, on]);

  useEffect(() => {
    if (!available) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      const action = speechKeyAction(event, { on, dispenser: screenRef.current.dispenser, keys });
      if (action === null) return;
      // Handled here only: Tab must not move the page's own focus, Enter must not click twice.
      event.preventDefault();
      event.stopImmediatePropagation();
      switch (action.kind) {
        case 'toggle':
          intents.setSpeechMode({ on: !on, source: 'keyboard' });
          return;
        case 'volume':
          intents.changeSpeechVolume(action.step);
          return;
        case 'moreTime':
          if (screenRef.current.countdown) intents.moreTime();
          return;
        case 'move':
          screenRef.current.onMove(action.key);
      }
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [available, on, keys, intents]);
}

/**
 * Says the screen when it appears (a new `screenKey`) while speech mode is on, and when speech mode
 * turns on ("Озвучивание включено", then the screen). `script` is read at that moment.
 */
export function useSayOnArrival(speech: Speech, on: boolean, screenKey: string, script: () => readonly SpokenPart[], greeting: () => readonly SpokenPart[]): void {
  const scriptRef = useRef(script);
  const greetingRef = useRef(greeting);
  useEffect(() => {
    scriptRef.current = script;
    greetingRef.current = greeting;
  });
  const wasOn = useRef(false);
  useEffect(() => {
    const turnedOn = on && !wasOn.current;
    wasOn.current = on;
    if (!on) return;
    speech.say(turnedOn ? joinParts([...greetingRef.current(), ...scriptRef.current()]) : scriptRef.current());
  }, [speech, on, screenKey]);
}
