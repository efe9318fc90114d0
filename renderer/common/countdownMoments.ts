/**
 * When a countdown is said aloud. A `role="timer"` is silent by default, and a live region on it
 * would speak every second; a screen-reader user should hear that time runs out, not each tick:
 * once when the screen opens, then when 10 s and when 5 s remain (WCAG 2.2.1: the user is told
 * before time expires). Pure, so it is unit-tested in Node.
 */

/** The seconds left at which the countdown is said again, from the first to the last. */
export const COUNTDOWN_WARNINGS_S = [10, 5] as const;

/**
 * Which moment `secondsLeft` is in: "start" before the first warning, the warning's seconds once it is
 * reached, "over" at 0 (nothing to say: the screen is closing). A new moment is a new announcement.
 */
export function countdownMoment(secondsLeft: number): 'start' | 'over' | (typeof COUNTDOWN_WARNINGS_S)[number] {
  if (secondsLeft <= 0) return 'over';
  let moment: 'start' | (typeof COUNTDOWN_WARNINGS_S)[number] = 'start';
  for (const warning of COUNTDOWN_WARNINGS_S) if (secondsLeft <= warning) moment = warning;
  return moment;
}
