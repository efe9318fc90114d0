/**
 * What went wrong with the hub's requests since it started, shown in the health answer to an
 * authorized device. Input never stops the hub: each refusal is answered and counted here.
 */
export interface HubCounters {
  /** Every request that reached a route (answered or not). */
  requests: number;
  /** Answered 400: a body, query or request-target that is not what okno-office/1 says. */
  badRequests: number;
  /** Answered 401: no token, or one the hub does not know. */
  unauthorized: number;
  /** Answered 403: the device's role may not use this path. */
  forbidden: number;
  /** Answered 404/405: no such path, or another method. */
  notFound: number;
  /** Answered 413: a body over the limit. */
  tooLarge: number;
  /** Answered 409: an idempotency key sent again from another window. */
  conflicts: number;
  /** Answered 503: the journal could not be written; the device tries again. */
  storageFailures: number;
  /** Answered 500: a defect of the hub (logged). */
  internalErrors: number;
  /** Tickets delivered again and taken once. */
  duplicateTickets: number;
  /** Announcements a hall board reported again and recorded once. */
  duplicateAnnouncements: number;
  /** Wrong PINs at sign-in. */
  wrongPins: number;
  /** Commands answered from the stored answer of the same idempotency key. */
  repeatedCommands: number;
  /** Queue events of the journal that did not parse at start (a file edited by hand): skipped. */
  unreadableEvents: number;
  /** Live streams closed by their client or by the hub. */
  streamsClosed: number;
}

export const newHubCounters = (): HubCounters => ({
  requests: 0,
  badRequests: 0,
  unauthorized: 0,
  forbidden: 0,
  notFound: 0,
  tooLarge: 0,
  conflicts: 0,
  storageFailures: 0,
  internalErrors: 0,
  duplicateTickets: 0,
  duplicateAnnouncements: 0,
  wrongPins: 0,
  repeatedCommands: 0,
  unreadableEvents: 0,
  streamsClosed: 0,
});
