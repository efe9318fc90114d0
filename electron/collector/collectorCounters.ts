/** What went wrong with requests since start; GET /healthz shows them (docs/openapi.yaml, Health). */
export interface CollectorCounters {
  /** Answered 400 before routing: a request-target that is not a path (`//[`, `*`, `http://[/`). */
  badRequests: number;
  /** Refused by Node's HTTP parser (a malformed request line or header, too large, too slow): answered 400/408/413/431 when possible. */
  malformedRequests: number;
  /** The client went away before its request was read. */
  abortedRequests: number;
  /** Answered 4xx by a route: token, validation, limits, unknown path, wrong method. */
  refusedRequests: number;
  /** Answered 503: the collector's storage failed; devices retry. */
  storageFailures: number;
  /** Answered 500: a defect of the collector (logged). */
  internalErrors: number;
  /** Errors of the listening socket (e.g. EMFILE); the collector keeps listening. */
  serverErrors: number;
}

export const zeroCounters = (): CollectorCounters => ({
  badRequests: 0,
  malformedRequests: 0,
  abortedRequests: 0,
  refusedRequests: 0,
  storageFailures: 0,
  internalErrors: 0,
  serverErrors: 0,
});
