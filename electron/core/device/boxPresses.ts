import type { InputSource } from '../../../shared/events.ts';
import type { PressOutcome } from '../../../shared/kioskApi.ts';
import type { Result } from '../../../shared/result.ts';

/**
 * What a press on the button box means. The rules cut across the box, the face and technician mode,
 * so they are written down here, once:
 * 1. the service button (`buttons.serviceButton`) opens technician mode's PIN pad, never a vote;
 * 2. while technician mode is open a press is the technician's, never a vote (the box still counts it);
 * 3. on a rating terminal any other press is a vote, through the same session as a touch;
 * 4. the LED lights only for a vote the journal committed, so the citizen's "it counted" is never a lie.
 * A ticket dispenser may have a box too: only for its service button (its other buttons do nothing).
 */
export interface BoxPressRules {
  readonly serviceButton: number | undefined;
  readonly openPinPad: () => void;
  readonly technicianOpen: () => boolean;
  /** The rating terminal's hardware press; null on a face that takes no votes. */
  readonly vote: ((score: number, source: InputSource) => Result<PressOutcome>) | null;
}

export function boxPressHandler(rules: BoxPressRules): (button: number, acknowledge: () => void) => void {
  return (button, acknowledge) => {
    if (button === rules.serviceButton) {
      rules.openPinPad();
      return;
    }
    if (!rules.vote || rules.technicianOpen()) return;
    const result = rules.vote(button, 'serial');
    if (result.ok && result.value.outcome === 'recorded') acknowledge();
  };
}
