import type http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

/**
 * HTTPS to the office hub with its certificate pinned by SHA-256 (okno-office/1, docs/protocol-office.md).
 * The hub's certificate is self-signed, so no certificate authority can vouch for it: the pin is the
 * whole of its identity. The fingerprint is checked on the TLS handshake, BEFORE the socket is handed to
 * the HTTP request, so not one byte of a request (the bearer token above all) reaches a server whose
 * certificate is not the pinned one.
 */

/** A handshake whose certificate is not the pinned one; the request fails with it and nothing was sent. */
export class FingerprintMismatchError extends Error {
  readonly code = 'HUB_FINGERPRINT_MISMATCH';
  readonly actual: string | null;
  readonly pinned: string;
  constructor(actual: string | null, pinned: string) {
    super(
      actual === null
        ? `the hub sent no certificate, not the pinned ${pinned}`
        : `the hub's certificate fingerprint is ${actual} not the pinned ${pinned}`,
    );
    this.name = 'FingerprintMismatchError';
    this.actual = actual;
    this.pinned = pinned;
  }
}

/** "aa:bb…" or "AABB…" as Node writes fingerprint256: upper-case hex pairs joined by ":". */
export function normalizeFingerprint(text: string): string {
  const hex = text.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return (hex.match(/.{1,2}/g) ?? []).join(':');
}

/** The certificate's SHA-256 fingerprint of a connected TLS socket, or null when it sent none. */
export function peerFingerprint(socket: tls.TLSSocket): string | null {
  const certificate = socket.getPeerCertificate();
  // An empty object when the peer sent no certificate.
  return typeof certificate.fingerprint256 === 'string' && certificate.fingerprint256.length > 0 ? certificate.fingerprint256 : null;
}

type ConnectionCallback = (error: Error | null, stream: Duplex) => void;

/**
 * An https.Agent that opens each connection itself and hands it to the request only once the peer's
 * certificate matched the pin (the request waits for the callback, so it writes nothing before). Kept
 * alive: a verified connection is reused, a new one is verified again.
 */
export class PinnedAgent extends https.Agent {
  readonly pinned: string;

  constructor(fingerprint: string, options: { readonly keepAlive?: boolean; readonly maxSockets?: number } = {}) {
    super({ keepAlive: options.keepAlive ?? true, maxSockets: options.maxSockets ?? 8 });
    this.pinned = normalizeFingerprint(fingerprint);
  }

  // The callback form of createConnection (Node's Agent waits for it): the default would check the
  // certificate against authorities, which a self-signed hub has none of; the pin is the check here.
  override createConnection(options: http.ClientRequestArgs & { readonly servername?: string }, callback?: ConnectionCallback): undefined {
    const socket = tls.connect({
      host: options.host ?? options.hostname ?? 'localhost',
      port: Number(options.port ?? 443),
      ...(options.servername !== undefined && options.servername !== '' ? { servername: options.servername } : {}),
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    let done = false;
    const finish = (error: Error | null): void => {
      if (done) return;
      done = true;
      socket.off('error', finish);
      if (error) socket.destroy();
      callback?.(error, socket);
    };
    socket.once('error', finish);
    socket.once('secureConnect', () => {
      const actual = peerFingerprint(socket);
      finish(actual !== null && normalizeFingerprint(actual) === this.pinned ? null : new FingerprintMismatchError(actual, this.pinned));
    });
    return undefined;
  }
}
