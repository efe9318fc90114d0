import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A TCP relay on 127.0.0.1 in front of a TLS server that sees the TLS records pass, each way — their
 * type, never their content — and can cut the connection just before one, to put a fault at an exact
 * point of an exchange: e.g. after the server committed and began its answer (its first application
 * data record under TLS 1.2, where the handshake is all type 22), or before the request reached it.
 */
export const TLS_APPLICATION_DATA = 23;

export type TapDecision = 'forward' | 'cut';

export interface TlsTapHooks {
  /** A record from the client is about to be forwarded. */
  readonly onClientRecord?: (type: number) => TapDecision;
  /** A record from the server is about to be forwarded. */
  readonly onServerRecord?: (type: number) => TapDecision;
}

export interface TlsTap {
  readonly url: string;
  close(): Promise<void>;
}

/** Forwards `from` to `to` record by record, asking `decide` at each record's header. */
function relayRecords(from: Socket, to: Socket, decide: (type: number) => TapDecision, cut: () => void): void {
  let pending = Buffer.alloc(0);
  let leftInRecord = 0;
  from.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length > 0) {
      if (leftInRecord === 0) {
        // A record's 5-byte header: type, version (2), length (2); wait for all of it.
        if (pending.length < 5) return;
        if (decide(pending.readUInt8(0)) === 'cut') return cut();
        leftInRecord = 5 + pending.readUInt16BE(3);
      }
      const part = pending.subarray(0, Math.min(leftInRecord, pending.length));
      to.write(part);
      leftInRecord -= part.length;
      pending = pending.subarray(part.length);
    }
  });
}

export async function startTlsTap(targetPort: number, hooks: TlsTapHooks): Promise<TlsTap> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const cut = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);
    relayRecords(client, upstream, hooks.onClientRecord ?? (() => 'forward'), cut);
    relayRecords(upstream, client, hooks.onServerRecord ?? (() => 'forward'), cut);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
