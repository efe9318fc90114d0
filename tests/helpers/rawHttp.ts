import { connect } from 'node:net';
import { connect as connectTls } from 'node:tls';

/**
 * One HTTP exchange on a raw socket, for what fetch cannot send (a request-target such as `//[`,
 * broken request lines, lying Content-Length). It ends when the server has sent one whole final
 * answer (by its Content-Length or its last chunk) or closed the connection. A request the server is still waiting
 * on (a body shorter than announced) gets no answer: if nothing at all comes back within `idleMs`,
 * the sending side is closed, which makes the server give up on it and close. A server that neither
 * answers nor closes fails the exchange after `timeoutMs`.
 */
export interface RawExchange {
  /** Every status line's code, in order (an interim 100 Continue too). */
  readonly statuses: number[];
  readonly text: string;
}

/** Whether `text` holds one whole final answer (1xx interim answers skipped). */
function holdsFinalAnswer(text: string, headOnly: boolean): boolean {
  let rest = text;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return false;
    const head = rest.slice(0, end);
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
    if (!status) return false;
    if (status[1]!.startsWith('1')) {
      rest = rest.slice(end + 4);
      continue;
    }
    if (headOnly) return true;
    const body = rest.slice(end + 4);
    if (/\r\ntransfer-encoding: *chunked/i.test(head)) return body.startsWith('0\r\n\r\n') || body.includes('\r\n0\r\n\r\n');
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    return length !== null && Buffer.byteLength(body, 'latin1') >= Number(length[1]);
  }
}

/** `tls`: over TLS without checking the certificate (the office hub's self-signed one; its tests pin it elsewhere). */
export function rawExchange(port: number, request: string | Uint8Array, { idleMs = 500, timeoutMs = 5000, tls = false } = {}): Promise<RawExchange> {
  const headOnly = Buffer.from(request).subarray(0, 5).toString('latin1') === 'HEAD ';
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let done = false;
    const text = () => Buffer.concat(chunks).toString('latin1');
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(idle);
      clearTimeout(deadline);
      socket.destroy();
      resolve({ statuses: [...text().matchAll(/HTTP\/1\.[01] (\d{3}) /g)].map((match) => Number(match[1])), text: text() });
    };
    const socket = tls
      ? connectTls({ port, host: '127.0.0.1', rejectUnauthorized: false }, () => socket.write(request))
      : connect({ port, host: '127.0.0.1' }, () => socket.write(request));
    const idle = setTimeout(() => {
      if (chunks.length === 0) socket.end();
    }, idleMs);
    const deadline = setTimeout(() => {
      done = true;
      clearTimeout(idle);
      socket.destroy();
      reject(new Error(`no whole answer and no close within ${timeoutMs} ms; got: ${text().slice(0, 300)}`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (holdsFinalAnswer(text(), headOnly)) finish();
    });
    // A reset is an ending too (the server refused to read more); the test looks at what came before it.
    socket.on('error', () => undefined);
    socket.on('close', finish);
  });
}
