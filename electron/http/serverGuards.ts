import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * What every server here does with errors that happen outside a request handler: a request Node's
 * parser refuses (a malformed request line or header, headers too large, a request too slow) and an
 * error of the listening socket itself (EMFILE when out of file descriptors). Each is counted and,
 * where a client is still there, answered; none may stop the process, since they are input.
 */
export interface ServerGuardOptions {
  /** The JSON body of an answer written straight to the socket, shaped like the server's other refusals. */
  readonly errorBody: (status: number, reason: string) => string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The methods the server serves, for the Allow header of its answer to CONNECT. */
  readonly allow: string;
  /** A request Node's HTTP parser refused (answered 400, 408, 413 or 431 when the socket is still writable). */
  readonly onMalformedRequest: (error: Error) => void;
  /** An error of the listening socket, e.g. EMFILE: the server keeps listening. */
  readonly onServerError: (error: Error) => void;
}

/** The status Node itself would answer for a parser error (lib/_http_server.js, socketOnError). */
export function statusForClientError(code: string | undefined): number {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return 431;
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return 413;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 408;
    default:
      return 400;
  }
}

export function guardServer(server: Server, options: ServerGuardOptions): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    options.onMalformedRequest(error);
    // ECONNRESET: the client is gone. bytesWritten > 0: an answer is already on its way on this
    // connection, and a second status line would corrupt it.
    const written = 'bytesWritten' in socket && typeof socket.bytesWritten === 'number' ? socket.bytesWritten : 0;
    if (error.code === 'ECONNRESET' || !socket.writable || written > 0) {
      socket.destroy();
      return;
    }
    const status = statusForClientError(error.code);
    writeAndClose(socket, status, options.errorBody(status, `the request cannot be read: ${error.code ?? error.message}`), options.headers);
  });
  // CONNECT (a proxy tunnel) never reaches the request handler: without this, Node drops the connection unanswered.
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    options.onMalformedRequest(new Error('CONNECT'));
    writeAndClose(socket, 405, options.errorBody(405, 'CONNECT is not served here'), { ...options.headers, allow: options.allow });
  });
  server.on('error', (error) => options.onServerError(error));
}

function writeAndClose(socket: Duplex, status: number, body: string, headers: Readonly<Record<string, string>> = {}): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'cache-control: no-store',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    'connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
}
