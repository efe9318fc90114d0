import { SPEECH_KEYS, type SpeechKeyName } from '../../../shared/configRules.ts';
import type { InputSource } from '../../../shared/events.ts';
import type { PressOutcome } from '../../../shared/kioskApi.ts';
import type { Result } from '../../../shared/result.ts';
import type { SpeechMode } from '../speech/speechMode.ts';

/**
 * What a press on the button box means. The rules cut across the box, the face, speech mode and
 * technician mode, so they are written down here, once, in the order they are asked:
 * 1. the service button (`buttons.serviceButton`) opens technician mode's PIN pad, never a vote;
 * 2. while technician mode is open a press is the technician's, never a vote (the box still counts it);
 * 3. the speech button (`buttons.speechButton`) turns speech mode on; in speech mode it asks the screen
 *    to say itself again (a `repeat` cue). Never a vote; where the device cannot speak it does nothing;
 * 4. in speech mode on a ticket dispenser, the `buttons.speechKeys` buttons are cues for the page
 *    (previous / next / choose / repeat): the page moves through the services, and choosing takes the
 *    ticket through its normal issueTicket request;
 * 5. on a rating terminal any other press is a vote, through the same session as a touch — in speech
 *    mode too (the page says what happened);
 * 6. the LED lights only for a vote the journal committed, so the citizen's "it counted" is never a lie.
 * Any press that gets past rule 2 tells speech mode the visitor is still there.
 * A ticket dispenser's other buttons, outside speech mode, do nothing.
 */
export interface BoxPressRules {
  readonly serviceButton: number | undefined;
  readonly openPinPad: () => void;
  readonly technicianOpen: () => boolean;
  /** The rating terminal's hardware press; null on a face that takes no votes. */
  readonly vote: ((score: number, source: InputSource) => Result<PressOutcome>) | null;
  /** Speech mode and its buttons; null on a device without it. */
  readonly speech: {
    readonly button: number | undefined;
    /** The dispenser's moves in speech mode (`buttons.speechKeys`); null on a face whose buttons vote. */
    readonly keys: Readonly<Record<SpeechKeyName, number>> | null;
    readonly mode: Pick<SpeechMode, 'isOn' | 'set' | 'cue' | 'activity'>;
  } | null;
}

export function boxPressHandler(rules: BoxPressRules): (button: number, acknowledge: () => void) => void {
  const keyOf = new Map<number, SpeechKeyName>();
  const keys = rules.speech?.keys;
  if (keys) for (const key of SPEECH_KEYS) keyOf.set(keys[key], key);
  return (button, acknowledge) => {
    if (button === rules.serviceButton) {
      rules.openPinPad();
      return;
    }
    if (rules.technicianOpen()) return;
    const speech = rules.speech;
    speech?.mode.activity();
    if (speech && button === speech.button) {
      if (speech.mode.isOn()) speech.mode.cue('repeat');
      else speech.mode.set(true, 'serial');
      return;
    }
    const key = speech?.mode.isOn() ? keyOf.get(button) : undefined;
    if (speech && key) {
      speech.mode.cue(key);
      return;
    }
    if (!rules.vote) return;
    const result = rules.vote(button, 'serial');
    if (result.ok && result.value.outcome === 'recorded') acknowledge();
  };
}
