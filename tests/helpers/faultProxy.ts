import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * An HTTP proxy on 127.0.0.1 that sits between a device and the collector and misbehaves on demand,
 * for the okno-sync/1 fault tests. Faults apply to the next `times` requests, then it forwards again.
 */
export type Fault =
  /** Resets the connection after the first bytes of the request body: nothing reaches the collector. */
  | { readonly kind: 'reset-request' }
  /** Forwards (the collector stores the batch), then resets the connection instead of answering. */
  | { readonly kind: 'reset-response' }
  /** Answers by itself, without forwarding. */
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Record<string, string>; readonly body?: string }
  /** Forwards, then holds the answer this long (longer than the device's timeout). */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Forwards, then sends a 200 whose body stops half-way (Content-Length promises more). */
  | { readonly kind: 'truncated' }
  /** Forwards, then answers 200 with a body that is not JSON. */
  | { readonly kind: 'not-json' }
  /** Forwards, then never answers (until the proxy closes): for killing the device mid-batch. */
  | { readonly kind: 'hold' };

/** A request the proxy forwarded and the collector's answer to it, as they were on the wire. */
export interface ForwardedExchange {
  readonly method: string;
  /** The request-target: path and query. */
  readonly target: string;
  readonly requestHeaders: Readonly<Record<string, string | string[] | undefined>>;
  readonly requestBody: Buffer;
  readonly status: number;
  readonly answerHeaders: Readonly<Record<string, string | string[] | undefined>>;
  readonly answerBody: Buffer;
}

export interface FaultProxyOptions {
  /** Told of every exchange that reached the collector (faults it answered by itself are not). */
  readonly onForwarded?: (exchange: ForwardedExchange) => void;
}

export interface FaultProxy {
  readonly url: string;
  setTarget(url: string): void;
  /** The next `times` requests get `fault`. */
  failNext(fault: Fault, times: number): void;
  clear(): void;
  /** Requests seen, faulted, and answered by the collector (forwarded). */
  readonly stats: { requests: number; faulted: number; forwarded: number };
  close(): Promise<void>;
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface Forwarded {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function forward(target: string, request: IncomingMessage, body: Buffer): Promise<Forwarded> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url ?? '/', target);
    const headers = { ...request.headers, host: url.host, 'content-length': String(body.length) };
    const upstream = httpRequest(url, { method: request.method, headers, agent: false }, (response) => {
      readAll(response).then((data) => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: data }), reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

export async function startFaultProxy(target: string, options: FaultProxyOptions = {}): Promise<FaultProxy> {
  let targetUrl = target;
  let fault: Fault | null = null;
  let remaining = 0;
  const stats = { requests: 0, faulted: 0, forwarded: 0 };
  const sockets = new Set<Socket>();
  const held = new Set<ServerResponse>();

  const take = (): Fault | null => {
    if (!fault || remaining <= 0) return null;
    remaining -= 1;
    const taken = fault;
    if (remaining === 0) fault = null;
    stats.faulted += 1;
    return taken;
  };

  const server = createServer((request, response) => {
    stats.requests += 1;
    const current = take();
    void (async () => {
      if (current?.kind === 'reset-request') {
        // Mid-request: wait for the first body bytes, then RST.
        request.once('data', () => request.socket.resetAndDestroy());
        request.once('end', () => request.socket.resetAndDestroy());
        return;
      }
      const body = await readAll(request);
      if (current?.kind === 'status') {
        response.writeHead(current.status, { 'content-type': 'application/json', ...current.headers });
        response.end(current.body ?? JSON.stringify({ error: 'injected', reason: `fault proxy: ${current.status}` }));
        return;
      }
      let upstream: Forwarded;
      try {
        upstream = await forward(targetUrl, request, body);
        stats.forwarded += 1;
        options.onForwarded?.({
          method: request.method ?? 'GET',
          target: request.url ?? '/',
          requestHeaders: request.headers,
          requestBody: body,
          status: upstream.status,
          answerHeaders: upstream.headers,
          answerBody: upstream.body,
        });
      } catch (error) {
        // The collector is down: the device sees what it would see through a real gateway.
        response.writeHead(502, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: 'bad-gateway', reason: (error as Error).message }));
        return;
      }
      switch (current?.kind) {
        case 'reset-response':
          request.socket.resetAndDestroy();
          return;
        case 'slow':
          await new Promise((resolve) => setTimeout(resolve, current.delayMs));
          break;
        case 'truncated':
          response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(upstream.body.length + 10) });
          response.write(upstream.body.subarray(0, Math.floor(upstream.body.length / 2)));
          setTimeout(() => request.socket.destroy(), 20);
          return;
        case 'not-json':
          response.writeHead(200, { 'content-type': 'text/html' });
          response.end('<html><body>Welcome to the station Wi-Fi</body></html>');
          return;
        case 'hold':
          held.add(response);
          return;
        default:
          break;
      }
      if (response.destroyed) return;
      const headers = Object.fromEntries(Object.entries(upstream.headers).filter(([name]) => !['connection', 'keep-alive', 'transfer-encoding'].includes(name)));
      response.writeHead(upstream.status, headers);
      response.end(upstream.body);
    })().catch(() => response.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    setTarget: (url) => {
      targetUrl = url;
    },
    failNext(next, times) {
      fault = next;
      remaining = times;
    },
    clear() {
      fault = null;
      remaining = 0;
    },
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of held) response.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
