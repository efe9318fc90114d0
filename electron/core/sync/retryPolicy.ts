/**
 * When to try again after a failed request: pure, so the schedule is tested without waiting.
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and Jitter"):
 * a fleet that lost the network together must not come back in lock-step and flatten the collector.
 */
export interface BackoffPolicy {
  /** The ceiling of the first retry. */
  readonly minMs: number;
  /** No wait is ever longer than this, Retry-After included. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { minMs: 1_000, maxMs: 15 * 60_000 };

/**
 * The wait before retry number `attempt` (1 = the first retry): uniformly random in
 * [ceiling/10, ceiling], ceiling = min(max, min·2^(attempt−1)). The small floor keeps a bad
 * random draw from turning into a hot loop against a collector that is down.
 * `random` is a number in [0, 1), injected.
 */
export function backoffDelayMs(attempt: number, random: number, policy: BackoffPolicy): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 40);
  const ceiling = Math.min(policy.maxMs, policy.minMs * 2 ** exponent);
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(ceiling / 10 + r * (ceiling - ceiling / 10));
}

/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP date. Returns milliseconds from `nowMs`,
 * or null when absent or unreadable (then our own backoff applies). A date in the past means now.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** The wait before the next try: the server's Retry-After when it gave one (within our cap), else backoff. */
export function retryDelayMs(attempt: number, random: number, retryAfterMs: number | null, policy: BackoffPolicy): number {
  if (retryAfterMs !== null) return Math.min(Math.max(retryAfterMs, 0), policy.maxMs);
  return backoffDelayMs(attempt, random, policy);
}
