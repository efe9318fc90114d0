/**
 * The collector's clock minus the device's, as seen over one request: the server's time is taken to
 * be the midpoint of the round trip (as NTP does), so the error is at most half the round trip.
 * `receivedAt` (the collector's ISO time, millisecond precision) is preferred over the HTTP Date
 * header (whole seconds). Null when neither is readable.
 */
export function observedClockOffsetMs(sentAtMs: number, answeredAtMs: number, receivedAt: string | null, serverDate: string | null): number | null {
  const server = receivedAt !== null ? Date.parse(receivedAt) : serverDate !== null ? Date.parse(serverDate) + 500 : NaN;
  if (Number.isNaN(server)) return null;
  return Math.round(server - (sentAtMs + answeredAtMs) / 2);
}
