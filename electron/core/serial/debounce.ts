/**
 * Contact bounce: the same button again within `windowMs` is the same press. A different button is
 * always a new press. Pure: time is an argument.
 */
export interface Debouncer {
  /** True when the press counts; false when it is a bounce of the previous one. */
  accept(button: number, atMs: number): boolean;
}

export function createDebouncer(windowMs: number): Debouncer {
  let last: { button: number; at: number } | null = null;
  return {
    accept(button, atMs) {
      const bounce = last !== null && last.button === button && atMs - last.at < windowMs;
      // A bounce does not extend the window: a held, chattering contact still yields one press.
      if (!bounce) last = { button, at: atMs };
      return !bounce;
    },
  };
}
