/**
 * Events a rollup could not count: a payload its event type's schema refuses (a device of another
 * version, a defect), or an occurredAt it cannot read. They stay stored as received, the batch is
 * accepted, and they are counted here for the server to show (/healthz) and an operator to look into.
 * Per process, like the server's other counters: each stored event is projected by exactly one
 * instance, so the instances' counts add up to the city's.
 */
const skipped = new Map<string, number>();

export function countSkipped(eventType: string): void {
  skipped.set(eventType, (skipped.get(eventType) ?? 0) + 1);
}

/** Per event type, since this process started. */
export function skippedEventCounts(): Readonly<Record<string, number>> {
  return Object.fromEntries([...skipped].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
