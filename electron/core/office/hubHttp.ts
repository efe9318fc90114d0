import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { HubLinkConfig } from '../../../shared/config.ts';
import { oknoVersion } from '../version.ts';
import { FingerprintMismatchError, PinnedAgent } from './pinnedTls.ts';

/**
 * The device's one door to its hub: HTTPS with the certificate pinned (./pinnedTls.ts) and the device
 * token, one deadline per exchange. Never throws: every failure is an outcome, so the link and the
 * ticket delivery decide what it means (offline, refused, try again).
 */

export type HubExchange =
  | { readonly kind: 'answer'; readonly status: number; readonly body: string }
  /** `pin`: the certificate is not the pinned one (nothing was sent); `timeout`: no whole answer in time. */
  | { readonly kind: 'network'; readonly code: string; readonly message: string; readonly pin: boolean };

export interface HubHttp {
  get(path: string, timeoutMs: number, signal?: AbortSignal): Promise<HubExchange>;
  post(path: string, body: unknown, timeoutMs: number, signal?: AbortSignal): Promise<HubExchange>;
  /** Opens a long-lived GET (the live stream): the response once its head arrived, or why not. */
  openStream(path: string, signal: AbortSignal, headTimeoutMs: number): Promise<{ readonly kind: 'open'; readonly response: IncomingMessage } | HubExchange>;
  close(): void;
}

/** An answer of the hub larger than this is not okno-office/1 (a snapshot of 60 windows is a few kB). */
export const MAX_HUB_ANSWER_BYTES = 1024 * 1024;

export function hubUrl(base: string, path: string): URL {
  const url = new URL(base);
  // The hub's paths are absolute; a base with a path prefix (behind a proxy) keeps it.
  const query = path.indexOf('?');
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${query < 0 ? path : path.slice(0, query)}`;
  url.search = query < 0 ? '' : path.slice(query);
  return url;
}

const networkOf = (error: unknown): HubExchange => {
  if (error instanceof FingerprintMismatchError) return { kind: 'network', code: error.code, message: error.message, pin: true };
  const code = (error as { code?: unknown } | null)?.code;
  return { kind: 'network', code: typeof code === 'string' ? code : 'error', message: error instanceof Error ? error.message : String(error), pin: false };
};

export function createHubHttp(hub: HubLinkConfig, options: { readonly deviceId: string; readonly agent?: https.Agent }): HubHttp {
  const agent = options.agent ?? new PinnedAgent(hub.fingerprint);
  const headers = {
    authorization: `Bearer ${hub.token}`,
    'user-agent': `okno/${oknoVersion()} (${options.deviceId})`,
  };

  const exchange = (method: 'GET' | 'POST', path: string, body: Buffer | null, timeoutMs: number, signal?: AbortSignal): Promise<HubExchange> =>
    new Promise<HubExchange>((resolve) => {
      let settled = false;
      const settle = (outcome: HubExchange): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const request = https.request(hubUrl(hub.url, path), {
        method,
        agent,
        headers: {
          ...headers,
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
        },
      });
      const fail = (code: string, message: string): void => {
        settle({ kind: 'network', code, message, pin: false });
        request.destroy();
      };
      const deadline = setTimeout(() => fail('timeout', `the hub gave no whole answer within ${timeoutMs} ms`), timeoutMs);
      const onAbort = (): void => fail('aborted', 'the link is closing');
      if (signal?.aborted) {
        onAbort();
        return;
      }
      signal?.addEventListener('abort', onAbort);
      request.on('error', (error) => settle(networkOf(error)));
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_HUB_ANSWER_BYTES) {
            fail('answer-too-large', `the hub's answer is over ${MAX_HUB_ANSWER_BYTES} bytes`);
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', (error) => settle(networkOf(error)));
        response.on('close', () => settle({ kind: 'network', code: 'truncated', message: 'the connection closed before the answer was complete', pin: false }));
        response.on('end', () => settle({ kind: 'answer', status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      request.end(body ?? undefined);
    });

  return {
    get: (path, timeoutMs, signal) => exchange('GET', path, null, timeoutMs, signal),
    post: (path, body, timeoutMs, signal) => exchange('POST', path, Buffer.from(JSON.stringify(body)), timeoutMs, signal),
    openStream(path, signal, headTimeoutMs) {
      return new Promise((resolve) => {
        let settled = false;
        const request = https.request(hubUrl(hub.url, path), { method: 'GET', agent, headers: { ...headers, accept: 'text/event-stream', 'cache-control': 'no-cache' } });
        const settle = (outcome: { readonly kind: 'open'; readonly response: IncomingMessage } | HubExchange): void => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          resolve(outcome);
        };
        const deadline = setTimeout(() => {
          settle({ kind: 'network', code: 'timeout', message: `the hub did not answer the live stream within ${headTimeoutMs} ms`, pin: false });
          request.destroy();
        }, headTimeoutMs);
        const onAbort = (): void => {
          settle({ kind: 'network', code: 'aborted', message: 'the link is closing', pin: false });
          request.destroy();
        };
        if (signal.aborted) {
          onAbort();
          return;
        }
        signal.addEventListener('abort', onAbort, { once: true });
        request.on('error', (error) => settle(networkOf(error)));
        request.on('response', (response) => {
          if (response.statusCode === 200) {
            settle({ kind: 'open', response });
            return;
          }
          // A refusal: read its (small) body for the problem text, then it is an answer like any other.
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => {
            if (chunks.reduce((n, c) => n + c.length, 0) < 64 * 1024) chunks.push(chunk);
          });
          response.on('error', (error) => settle(networkOf(error)));
          response.on('end', () => settle({ kind: 'answer', status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          response.on('close', () => settle({ kind: 'answer', status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        });
        request.end();
      });
    },
    close() {
      agent.destroy();
    },
  };
}
