import { BUTTON_KEYS } from '../../shared/configRules.ts';

/**
 * USB button boxes that act as keyboards send the digits 1–N. This maps one key press to a score,
 * or null when the key is not a rating key. Pure (no DOM types) so it is unit-tested in Node.
 */
export interface KeyPress {
  /** KeyboardEvent.key: what the key produces with the current layout ("1", "End", "&", …). */
  readonly key: string;
  /** KeyboardEvent.code: the physical key ("Digit1", "Numpad1", …); may be "" for virtual keyboards. */
  readonly code: string;
  /** True for auto-repeat while a key is held down. */
  readonly repeat: boolean;
  readonly altKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
}

const PHYSICAL_DIGIT = /^(?:Digit|Numpad)([1-9])$/;
const DIGIT = /^[1-9]$/;

export function scoreForKey(press: KeyPress, scale: number): number | null {
  // A held key is one press; shortcuts (Ctrl+1 …) are not ratings.
  if (press.repeat || press.altKey || press.ctrlKey || press.metaKey) return null;
  // The physical key wins: it does not depend on the keyboard layout (AZERTY "1" is "&") nor on
  // NumLock (Numpad1 without NumLock is "End"). Fall back to the character for devices without a code.
  const physical = PHYSICAL_DIGIT.exec(press.code);
  const digit = physical ? physical[1] : DIGIT.test(press.key) ? press.key : undefined;
  if (digit === undefined) return null;
  const score = Number(digit);
  return score >= 1 && score <= scale ? score : null;
}

/** The largest scale a config allows is 5; a box may have up to 9 buttons. Held: any of their digit keys. */
const ANY_DIGIT_SCALE = BUTTON_KEYS.length;

/** At most this many presses are held before the first state (a box sends one per visit). */
export const MAX_HELD_PRESSES = 32;

/** The parts of a KeyboardEvent a press is judged by, copied: the event object itself is not kept. */
export function keyPressOf(event: KeyPress): KeyPress {
  return {
    key: event.key,
    code: event.code,
    repeat: event.repeat,
    altKey: event.altKey ?? false,
    ctrlKey: event.ctrlKey ?? false,
    metaKey: event.metaKey ?? false,
  };
}

/**
 * Rating keys pressed before the page knows the device's state (while it loads or reconnects): the
 * scale, the mode and whether technician mode is open are not known yet, so a press cannot be judged.
 * It is held, in order, and judged once the state is there exactly as a press at that moment would be.
 */
export interface KeyHold {
  /** Holds the press when it could be a rating key; true when it was held. */
  offer(press: KeyPress): boolean;
  /** Ends the holding: every press held, in order; later offers are refused. */
  release(): readonly KeyPress[];
  /** Presses beyond MAX_HELD_PRESSES (told to the console, never silently). */
  readonly overflow: () => number;
}

export function createKeyHold(limit = MAX_HELD_PRESSES): KeyHold {
  const held: KeyPress[] = [];
  let released = false;
  let overflow = 0;
  return {
    offer(press) {
      if (released || scoreForKey(press, ANY_DIGIT_SCALE) === null) return false;
      if (held.length >= limit) {
        overflow += 1;
        return false;
      }
      held.push(keyPressOf(press));
      return true;
    },
    release() {
      released = true;
      return held.splice(0);
    },
    overflow: () => overflow,
  };
}

/**
 * Sends presses to the core one after another, each after the previous one was answered, so a
 * held press and a live one reach the core in the order they were pressed (the first is the vote,
 * the next ones are the same visit's extra presses). `send` reports its own failures.
 */
export function inOrder<T>(send: (input: T) => Promise<void>): (input: T) => Promise<void> {
  let last: Promise<void> = Promise.resolve();
  return (input) => {
    last = last.then(() => send(input));
    return last;
  };
}
