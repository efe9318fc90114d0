import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskState } from '../../shared/kioskApi.ts';
import type { Intents } from '../common/intents.ts';
import { joinParts, said, wordsOf } from '../common/speech/parts.ts';
import { useSpeech } from '../common/speech/useSpeech.ts';
import { useSayOnArrival, useSpeechKeys } from '../common/speech/useSpeechMode.ts';
import { followUpKeyOf, ratingScreenKey, ratingScript, type RatingScreen } from './ratingSpeech.ts';

/**
 * Speech mode on the rating terminal: each screen said on arrival, again on "repeat" (the box's
 * speech button, the * key), and the follow-up's reasons chosen with the digit keys.
 */
export function useRatingSpeech(state: KioskState, intents: Intents): void {
  const { i18n } = useTranslation();
  const speech = useSpeech(intents.speak, state.speech);
  const locale = state.session.locale;
  const words = useMemo(() => wordsOf(i18n, locale), [i18n, locale]);
  const screen: RatingScreen = { session: state.session, scale: state.rating.scale, followUpReasons: state.rating.followUpReasons, visit: state.visit };
  const script = () => ratingScript(words, screen);
  const greeting = () => joinParts([said(words, words.t('speech.on'))]);
  useSayOnArrival(speech, state.speech.on, `${locale}:${ratingScreenKey(screen)}`, script, greeting);
  useSpeechKeys(intents, state, {
    dispenser: false,
    countdown: state.session.phase !== 'idle',
    onMove: (key) => {
      if (key === 'repeat') speech.say(script());
    },
  });
  useFollowUpKeys(state, intents);
}

/** In speech mode on the follow-up: digit n answers reason n, the next digit skips (said by the script). */
function useFollowUpKeys(state: KioskState, intents: Intents): void {
  const active = state.speech.on && state.session.phase === 'followUp';
  const reasons = state.rating.followUpReasons;
  useEffect(() => {
    if (!active) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.repeat || event.altKey || event.ctrlKey || event.metaKey) return;
      const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code)?.[1] ?? (/^[1-9]$/.test(event.key) ? event.key : undefined);
      if (digit === undefined) return;
      const reason = followUpKeyOf(reasons, Number(digit));
      if (reason === undefined) return;
      // The digit is the answer here, not a press for the core to count as an extra vote.
      event.preventDefault();
      event.stopImmediatePropagation();
      intents.answerFollowUp(reason);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [active, reasons, intents]);
}
