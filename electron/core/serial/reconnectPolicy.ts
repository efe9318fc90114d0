/** Delay before reopening the button device after failure `attempt` (0-based): 0.5 s doubling to 30 s. */
export function reconnectDelayMs(attempt: number, firstMs = 500, capMs = 30_000): number {
  return Math.min(capMs, firstMs * 2 ** Math.min(attempt, 16));
}
