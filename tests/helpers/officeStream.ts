import { request as httpsRequest } from 'node:https';
import { TLSSocket } from 'node:tls';
import { officeSnapshotSchema, type OfficeSnapshot } from '../../shared/office/officeSnapshot.ts';

/** A test's view of GET /office/v1/stream: the snapshots in order, each parsed with the protocol's schema. */
export interface SnapshotStream {
  /** The next snapshot (waits for it; a failure limit, not a delay). */
  next(timeoutMs?: number): Promise<OfficeSnapshot>;
  close(): void;
}

export function openSnapshotStream(base: string, fingerprint: string, token: string): Promise<SnapshotStream> {
  return new Promise((resolve, reject) => {
    const queued: OfficeSnapshot[] = [];
    const waiting: ((snapshot: OfficeSnapshot) => void)[] = [];
    let buffer = '';
    const outgoing = httpsRequest(new URL('/office/v1/stream', base), { headers: { authorization: `Bearer ${token}` }, rejectUnauthorized: false, agent: false }, (response) => {
      if (response.statusCode !== 200 || !/^text\/event-stream/.test(response.headers['content-type'] ?? '')) {
        reject(new Error(`stream answered ${response.statusCode} ${response.headers['content-type']}`));
        return;
      }
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.startsWith('event: snapshot\n')) continue;
          const data = block.split('\n').find((line) => line.startsWith('data: '))?.slice(6) ?? '';
          const snapshot = officeSnapshotSchema.parse(JSON.parse(data));
          const taker = waiting.shift();
          if (taker) taker(snapshot);
          else queued.push(snapshot);
        }
      });
      resolve({
        next: (timeoutMs = 10_000) =>
          new Promise((take, fail) => {
            const ready = queued.shift();
            if (ready) return take(ready);
            const timer = setTimeout(() => fail(new Error(`no snapshot within ${timeoutMs} ms`)), timeoutMs);
            waiting.push((snapshot) => {
              clearTimeout(timer);
              take(snapshot);
            });
          }),
        close: () => outgoing.destroy(),
      });
    });
    outgoing.on('socket', (socket) => {
      socket.once('secureConnect', () => {
        const seen = socket instanceof TLSSocket ? socket.getPeerCertificate().fingerprint256 : '(not TLS)';
        if (seen !== fingerprint) outgoing.destroy(new Error(`certificate fingerprint ${seen} is not the pinned ${fingerprint}`));
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}
