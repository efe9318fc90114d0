/**
 * How far apart two clocks are, from ping samples (Cristian's method): Node reads its epoch clock
 * (`sentAt`), asks the page for its own (`remote`), reads its clock again (`receivedAt`). The page's
 * reading was taken somewhere in between, so `remote − midpoint` is the offset to within half the
 * round trip; the sample with the shortest round trip bounds it best.
 */
export interface ClockPing {
  readonly sentAt: number;
  readonly remote: number;
  readonly receivedAt: number;
}

export interface ClockOffset {
  /** remote − local, in ms: subtract it from a remote time to put it on the local clock. */
  readonly offsetMs: number;
  /** The true offset is within ± this (half the shortest round trip). */
  readonly boundMs: number;
}

export function clockOffset(pings: readonly ClockPing[]): ClockOffset {
  const valid = pings.filter((ping) => Number.isFinite(ping.sentAt) && Number.isFinite(ping.remote) && ping.receivedAt >= ping.sentAt);
  if (valid.length === 0) throw new Error('no usable clock ping: every one was not finite or ended before it started');
  const best = valid.reduce((a, b) => (b.receivedAt - b.sentAt < a.receivedAt - a.sentAt ? b : a));
  const half = (best.receivedAt - best.sentAt) / 2;
  return { offsetMs: best.remote - (best.sentAt + half), boundMs: half };
}
