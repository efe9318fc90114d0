import Database from 'better-sqlite3';
import { refused, type Answer } from './collectorAnswer.ts';
import { StorageUnavailableError } from './collectorStorage.ts';
import { refusal } from './refusal.ts';

/**
 * What the collector answers for an exception out of a request's handling, and which counter it
 * goes to: Fastify's own refusals (a body over the limit, a Content-Type it cannot read, a path it
 * cannot decode…) are the client's doing, a 4xx in the collector's `{ error, reason }` shape; a
 * storage failure is a 503 the device retries; anything else is a defect of the collector (500,
 * logged). Nothing here throws: it runs where an exception would have nowhere to go.
 */
export type Failure =
  | { readonly kind: 'refused' | 'storage' | 'internal'; readonly answer: Answer }
  /** The client went away: nobody to answer. */
  | { readonly kind: 'aborted' };

/** The codes of the collector's refusals by status (docs/protocol-sync.md, "Error codes"). */
export const ERROR_CODE_OF_STATUS: Readonly<Record<number, string>> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  408: 'timeout',
  413: 'too-large',
  429: 'too-many-requests',
  431: 'headers-too-large',
};

/** Fastify's refusals with the collector's words for them; the others keep Fastify's status and message. */
const FASTIFY_REFUSALS: Readonly<Record<string, (maxBodyBytes: number) => Answer>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: (maxBodyBytes) => refused(refusal(413, 'too-large', `body is over the limit of ${maxBodyBytes} bytes`), { connection: 'close' }),
  // A Content-Type header that is not a media type at all: a malformed header, so 400 (415 is for a Content-Encoding).
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => refused(refusal(400, 'bad-request', 'the content-type header is not a media type (send application/json)'), { connection: 'close' }),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => refused(refusal(400, 'bad-request', 'the body is not as long as its content-length says'), { connection: 'close' }),
  FST_ERR_BAD_URL: () => refused(refusal(400, 'bad-request', 'the request-target is not a valid path and query'), { connection: 'close' }),
};

const codeOf = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
};

const clientStatusOf = (error: unknown): number | null => {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return null;
  const status = error.statusCode;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 500 ? status : null;
};

export const isStorageFailure = (error: unknown): boolean => error instanceof Database.SqliteError || error instanceof StorageUnavailableError;

export function failureOf(error: unknown, { maxBodyBytes, clientGone }: { readonly maxBodyBytes: number; readonly clientGone: boolean }): Failure {
  if (clientGone) return { kind: 'aborted' };
  const code = codeOf(error);
  const known = code === undefined ? undefined : FASTIFY_REFUSALS[code];
  if (known) return { kind: 'refused', answer: known(maxBodyBytes) };
  if (isStorageFailure(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'storage', answer: { status: 503, body: { error: 'unavailable', reason: `storage failure, retry later: ${message}` }, headers: { 'retry-after': '5' } } };
  }
  const status = clientStatusOf(error);
  if (status !== null) {
    // Fastify's other refusals (FST_ERR_*) and those of a mounted plugin (an HTTP error with a 4xx statusCode).
    const reason = error instanceof Error && error.message !== '' ? error.message : 'the request is refused';
    return { kind: 'refused', answer: refused(refusal(status, ERROR_CODE_OF_STATUS[status] ?? 'bad-request', reason), { connection: 'close' }) };
  }
  return { kind: 'internal', answer: { status: 500, body: { error: 'internal', reason: 'the collector failed on this request (see its log)' }, headers: { connection: 'close' } } };
}
