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
