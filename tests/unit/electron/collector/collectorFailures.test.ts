import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { failureOf } from '../../../../electron/collector/collectorFailures.ts';
import { StorageUnavailableError } from '../../../../electron/collector/collectorStorage.ts';

/** An error as Fastify makes them: a code and a statusCode (fastify/lib/errors.js). */
const fastifyError = (code: string, statusCode: number, message = code): Error => Object.assign(new Error(message), { code, statusCode });
const LIMITS = { maxBodyBytes: 8192, clientGone: false };

describe('failureOf: what the collector answers for an exception, and which counter it goes to', () => {
  it('words Fastify’s refusals as the collector’s, closing the connection (the body may be unread)', () => {
    expect(failureOf(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413), LIMITS)).toEqual({
      kind: 'refused',
      answer: { status: 413, body: { error: 'too-large', reason: 'body is over the limit of 8192 bytes' }, headers: { connection: 'close' } },
    });
    expect(failureOf(fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415), LIMITS)).toMatchObject({ kind: 'refused', answer: { status: 400, body: { error: 'bad-request' } } });
    expect(failureOf(fastifyError('FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400), LIMITS)).toMatchObject({ kind: 'refused', answer: { status: 400, body: { error: 'bad-request' } } });
    expect(failureOf(fastifyError('FST_ERR_BAD_URL', 400), LIMITS)).toMatchObject({ kind: 'refused', answer: { status: 400, body: { error: 'bad-request' } } });
  });

  it('keeps the status and message of any other 4xx (Fastify’s or a mounted plugin’s), with the code of that status', () => {
    expect(failureOf(fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', 400, 'Body is not valid JSON'), LIMITS)).toMatchObject({
      kind: 'refused',
      answer: { status: 400, body: { error: 'bad-request', reason: 'Body is not valid JSON' } },
    });
    expect(failureOf(Object.assign(new Error('no session'), { statusCode: 401 }), LIMITS)).toMatchObject({ answer: { status: 401, body: { error: 'unauthorized', reason: 'no session' } } });
    expect(failureOf(Object.assign(new Error('slow down'), { statusCode: 429 }), LIMITS)).toMatchObject({ answer: { status: 429, body: { error: 'too-many-requests' } } });
    expect(failureOf(Object.assign(new Error(''), { statusCode: 418 }), LIMITS)).toMatchObject({ answer: { status: 418, body: { error: 'bad-request', reason: 'the request is refused' } } });
  });

  it('answers a storage failure 503 with Retry-After, and anything else 500 (a defect)', () => {
    for (const error of [new StorageUnavailableError('connection refused'), new Database.SqliteError('disk I/O error', 'SQLITE_IOERR')]) {
      expect(failureOf(error, LIMITS)).toMatchObject({ kind: 'storage', answer: { status: 503, body: { error: 'unavailable' }, headers: { 'retry-after': '5' } } });
    }
    for (const error of [new RangeError('Maximum call stack size exceeded'), 'a string', null, Object.assign(new Error('x'), { statusCode: 502 }), { statusCode: '400' }]) {
      expect(failureOf(error, LIMITS)).toMatchObject({ kind: 'internal', answer: { status: 500, body: { error: 'internal' } } });
    }
  });

  it('answers nobody when the client is gone, whatever the error', () => {
    expect(failureOf(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413), { ...LIMITS, clientGone: true })).toEqual({ kind: 'aborted' });
    expect(failureOf(new Error('aborted'), { ...LIMITS, clientGone: true })).toEqual({ kind: 'aborted' });
  });
});
