import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isRequestName, type RequestName } from '../../shared/requests/registry.ts';
import { HTTP_EVENTS, HTTP_STATE, requestNameOfPath } from '../../shared/requests/transport.ts';
import { fail, type Result } from '../../shared/result.ts';
import { formatSseEvent } from '../../shared/transport/sse.ts';
import type { ServedDevice } from '../core/device/device.ts';
import { parseRequestTarget } from '../http/requestTarget.ts';
import { guardServer } from '../http/serverGuards.ts';
import { CONTENT_SECURITY_POLICY, readRendererFile } from '../rendererFiles.ts';

/**
 * The browser host: the same core served to a browser over HTTP on 127.0.0.1 — requests as JSON
 * POSTs, states as server-sent events, the built renderer as static files. Used for Chromium kiosk
 * deployments, development and the end-to-end tests.
 */

export interface BrowserHostOptions {
  readonly core: ServedDevice;
  /** Built renderer (dist/renderer). */
  readonly rendererDir: string;
  readonly port?: number;
  readonly host?: string;
  /** Intents larger than this are refused with 413. */
  readonly maxBodyBytes?: number;
  readonly keepAliveMs?: number;
  /** Told after each request error is counted (so the status file, and okno doctor, show it soon). */
  readonly onRequestError?: () => void;
}

export interface BrowserHost {
  readonly url: string;
  readonly server: Server;
  /** Requests refused before they reached the core; none of them stops the host. */
  readonly requestErrors: Readonly<BrowserHostRequestErrors>;
  close(): Promise<void>;
}

export interface BrowserHostRequestErrors {
  /** Answered 400: a request-target that is not a path (`//[`, `*`, `http://[/`). */
  badRequests: number;
  /** Refused by Node's HTTP parser (answered 400, 408, 413 or 431 when possible), and CONNECT (405). */
  malformedRequests: number;
  /** The browser went away before its request was read. */
  abortedRequests: number;
  /** Answered 500: a defect (the core's own failures are counted by the core). */
  internalErrors: number;
  /** Errors of the listening socket or of an event stream; the host keeps serving. */
  serverErrors: number;
}


const securityHeaders = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...securityHeaders, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage, limit: number): Promise<string | { readonly tooLarge: true } | { readonly aborted: true }> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > limit) return { tooLarge: true };
      chunks.push(chunk as Buffer);
    }
  } catch {
    // The only error a request stream has: the browser went away mid-body.
    return { aborted: true };
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { core, rendererDir } = options;
  const hostname = options.host ?? '127.0.0.1';
  // Room for the technician's whole config (a dispenser with many services, in Cyrillic); intents are far smaller.
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const streams = new Set<ServerResponse>();
  let origin = '';
  const requestErrors: BrowserHostRequestErrors = { badRequests: 0, malformedRequests: 0, abortedRequests: 0, internalErrors: 0, serverErrors: 0 };
  const countError = (kind: keyof BrowserHostRequestErrors): void => {
    requestErrors[kind] += 1;
    try {
      options.onRequestError?.();
    } catch {
      // Only a hint for the status file; the request has its answer already.
    }
  };

  /** Another page in the same browser must not drive the kiosk: same origin only, DNS rebinding refused. */
  const allowedHost = (request: IncomingMessage): boolean => {
    const host = request.headers.host;
    const port = new URL(origin).port;
    return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
  };

  async function handleRequest(request: IncomingMessage, response: ServerResponse, name: RequestName): Promise<void> {
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin && requestOrigin.replace('localhost', '127.0.0.1') !== origin) {
      sendJson(response, 403, fail('invalid-input', 'cross-origin request refused'));
      return;
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(response, 415, fail('invalid-input', 'content-type must be application/json'));
      return;
    }
    const body = await readBody(request, maxBodyBytes);
    if (typeof body !== 'string' && 'aborted' in body) {
      countError('abortedRequests');
      response.destroy();
      return;
    }
    if (typeof body !== 'string') {
      sendJson(response, 413, fail('invalid-input', `body larger than ${maxBodyBytes} bytes`));
      return;
    }
    let input: unknown;
    try {
      input = JSON.parse(body);
    } catch {
      // Still handed to the core, which refuses it and counts it like any other invalid input.
      await core.handle(name, undefined);
      sendJson(response, 400, fail('invalid-input', 'body is not valid JSON'));
      return;
    }
    const result: Result<unknown> = await core.handle(name, input);
    const status = result.ok ? 200 : result.error.code === 'invalid-input' ? 400 : result.error.code === 'internal' ? 500 : 409;
    sendJson(response, status, result);
  }

  function openStream(response: ServerResponse): void {
    response.writeHead(200, {
      ...securityHeaders,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(formatSseEvent({ type: 'state', state: core.getState() }));
    streams.add(response);
    response.on('close', () => streams.delete(response));
    // A write to a stream that is ending: counted, never an uncaught 'error' event.
    response.on('error', () => {
      countError('serverErrors');
      streams.delete(response);
    });
  }

  const unsubscribe = core.subscribe((event) => {
    const frame = formatSseEvent(event);
    for (const stream of streams) stream.write(frame);
  });
  const keepAlive = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, keepAliveMs);
  keepAlive.unref();

  const server = createServer((request, response) => {
    void (async () => {
      try {
        if (!allowedHost(request)) {
          sendJson(response, 421, fail('invalid-input', 'unexpected Host header'));
          return;
        }
        const target = parseRequestTarget(request.url);
        if (target === null) {
          countError('badRequests');
          sendJson(response, 400, fail('invalid-input', 'the request-target is not a valid path and query'));
          return;
        }
        const { path } = target;
        const named = requestNameOfPath(path);
        const name = named !== null && isRequestName(named) ? named : null;
        if (name) {
          if (request.method !== 'POST') {
            response.writeHead(405, { ...securityHeaders, allow: 'POST' }).end();
            return;
          }
          await handleRequest(request, response, name);
          return;
        }
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          response.writeHead(405, { ...securityHeaders, allow: 'GET, HEAD' }).end();
          return;
        }
        if (path === HTTP_STATE) return sendJson(response, 200, core.getState());
        if (path === HTTP_EVENTS) return openStream(response);
        if (path.startsWith('/api/')) return sendJson(response, 404, fail('invalid-input', `no such endpoint ${path}`));
        const file = await readRendererFile(rendererDir, path, request.headers['accept-encoding']);
        if (!file) {
          response.writeHead(404, { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' }).end('not found');
          return;
        }
        response.writeHead(200, {
          ...securityHeaders,
          'content-type': file.contentType,
          // Precompressed at build time (build/compressRenderer.js): brotli or gzip when the browser takes it.
          ...(file.encoding ? { 'content-encoding': file.encoding } : {}),
          vary: 'accept-encoding',
          'content-length': file.body.length,
          'cache-control': path === '/' || path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
        });
        response.end(request.method === 'HEAD' ? undefined : file.body);
      } catch (error) {
        countError('internalErrors');
        if (!response.headersSent) sendJson(response, 500, fail('internal', String(error)));
        else response.destroy();
      }
    })().catch(() => {
      // Only if answering the failure failed too: the connection is all there is left to close.
      response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  guardServer(server, {
    allow: 'GET, HEAD, POST',
    headers: securityHeaders,
    errorBody: (_status, reason) => JSON.stringify(fail('invalid-input', reason)),
    onMalformedRequest: () => {
      countError('malformedRequests');
    },
    onServerError: () => {
      countError('serverErrors');
    },
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${hostname}:${port}`;

  return {
    url: `${origin}/`,
    server,
    requestErrors,
    async close() {
      unsubscribe();
      clearInterval(keepAlive);
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
