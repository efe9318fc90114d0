import { expect } from 'vitest';

/**
 * The upper bound of every wait in the end-to-end tests. It is a failure limit, not a delay: a wait
 * returns the moment its condition holds. Generous, because a loaded CI machine (2 cores, Chromium,
 * the host, socat and the test itself) can take seconds where an idle one takes milliseconds.
 */
export const E2E_WAIT_MS = 30_000;

/** The time one end-to-end test may take in all before it fails (many waits, each bounded above). */
export const E2E_TEST_MS = 240_000;

/** `expect.poll` with the end-to-end bound (vitest's own default is 1 s, far too short under load). */
export function eventually<T>(value: () => T | Promise<T>, timeoutMs = E2E_WAIT_MS) {
  return expect.poll(value, { timeout: timeoutMs, interval: 50 });
}
