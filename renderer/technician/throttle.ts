/**
 * Calls `send` at once, then at most once per `intervalMs` however often `touch` is called (the
 * calls in between are dropped, not delayed: the core only needs to know the screen is in use).
 * `now` is injected so the tests need no timers.
 */
export function createThrottle(send: () => void, intervalMs: number, now: () => number = () => Date.now()): () => void {
  let last: number | null = null;
  return () => {
    const time = now();
    if (last !== null && time - last < intervalMs && time >= last) return;
    last = time;
    send();
  };
}
