import { createKeyHold, type KeyPress } from './keyboard.ts';

/**
 * The page's first listener: main.tsx imports this module before anything else, so a key pressed
 * while React loads and the first state is on its way is held here, not lost (issue #11, item 19).
 * The CSP forbids inline scripts, so this is the earliest script the page runs. App takes the held
 * presses with takeEarlyKeys() at the moment its own listener starts, and this one stops.
 */
const hold = createKeyHold();

function onKeyDown(event: KeyboardEvent): void {
  // A digit that counts later must not also type into whatever has focus meanwhile.
  if (hold.offer(event)) event.preventDefault();
}

window.addEventListener('keydown', onKeyDown, { capture: true });

/** Stops holding and returns the presses held so far, in order. Once: later calls return none. */
export function takeEarlyKeys(): readonly KeyPress[] {
  window.removeEventListener('keydown', onKeyDown, { capture: true });
  const held = hold.release();
  if (hold.overflow() > 0) console.warn(`okno: ${hold.overflow()} key presses before the first state were beyond the ${held.length} held; they are not sent`);
  return held;
}
