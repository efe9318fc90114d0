import http from 'node:http';
import https from 'node:https';
import type { HttpOutcome } from './answer.ts';

/** One POST of a batch; the uploader's only door to the network (a fake in unit tests). */
export interface SyncTransport {
  post(request: { readonly url: URL; readonly token: string; readonly body: Buffer; readonly gzip: boolean; readonly timeoutMs: number; readonly signal: AbortSignal }): Promise<HttpOutcome>;
  close(): void;
}

/** A collector's answer larger than this is not okno-sync/1; reading stops there. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * node:http(s) with one deadline for the whole exchange (connect, send, answer): a collector that
 * accepts the connection and then says nothing costs one timeout, not a hung uploader. Never throws:
 * every failure is an outcome.
 */
export function createHttpTransport(): SyncTransport {
  const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 1 }), https: new https.Agent({ keepAlive: true, maxSockets: 1 }) };

  return {
    post({ url, token, body, gzip, timeoutMs, signal }) {
      return new Promise<HttpOutcome>((resolve) => {
        let settled = false;
        const settle = (outcome: HttpOutcome): void => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          signal.removeEventListener('abort', onAbort);
          resolve(outcome);
        };
        const secure = url.protocol === 'https:';
        const request = (secure ? https : http).request(url, {
          method: 'POST',
          agent: secure ? agents.https : agents.http,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': String(body.length),
            ...(gzip ? { 'content-encoding': 'gzip' } : {}),
            accept: 'application/json',
          },
        });
        const fail = (code: string, message: string): void => {
          settle({ kind: 'network', code, message });
          request.destroy();
        };
        const deadline = setTimeout(() => fail('timeout', `no complete answer within ${timeoutMs} ms`), timeoutMs);
        const onAbort = (): void => fail('aborted', 'the uploader is stopping');
        if (signal.aborted) {
          request.destroy();
          settle({ kind: 'network', code: 'aborted', message: 'the uploader is stopping' });
          return;
        }
        signal.addEventListener('abort', onAbort);
        request.on('error', (error: NodeJS.ErrnoException) => settle({ kind: 'network', code: error.code ?? 'error', message: error.message }));
        request.on('response', (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_ANSWER_BYTES) {
              fail('answer-too-large', `the answer is over ${MAX_ANSWER_BYTES} bytes`);
              return;
            }
            chunks.push(chunk);
          });
          // 'aborted'/'error' on the response: the body was cut off (a truncated answer is a network failure).
          response.on('error', (error: NodeJS.ErrnoException) => settle({ kind: 'network', code: error.code ?? 'error', message: `answer cut off: ${error.message}` }));
          response.on('close', () => settle({ kind: 'network', code: 'truncated', message: 'the connection closed before the answer was complete' }));
          response.on('end', () => {
            if (!response.complete) {
              settle({ kind: 'network', code: 'truncated', message: 'the answer was cut off' });
              return;
            }
            const headers: Record<string, string | undefined> = {};
            for (const [name, value] of Object.entries(response.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
            settle({ kind: 'answer', status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
          });
        });
        request.end(body);
      });
    },
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
