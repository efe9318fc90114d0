import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { generate } from 'selfsigned';
import { OFFICE_PATHS, ticketsBodySchema, type DeliveredTicket } from '../../shared/office/officeProtocol.ts';
import type { OfficeSnapshot } from '../../shared/office/officeSnapshot.ts';

/**
 * A small stand-in for the office hub (okno-office/1) over real TLS on 127.0.0.1, with a self-signed
 * certificate like the real hub's: canned answers the test may replace, and a record of everything it
 * received (so a test can say "the token never arrived"). It can go down and come back on the same
 * port, like a hub that restarts.
 */

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

/** A test's own answer for a path: a status and a body, or "say nothing" (a hub that hangs). */
export type FakeAnswer = { readonly status: number; readonly body: unknown } | 'hang';

export interface FakeHub {
  readonly url: string;
  readonly port: number;
  /** The certificate's SHA-256 as Node writes fingerprint256 (what `okno hub` prints). */
  readonly fingerprint: string;
  readonly token: string;
  readonly received: ReceivedRequest[];
  /** TCP connections the hub accepted (a refused pin still connects, then sends nothing). */
  readonly connections: () => number;
  /** Every ticket delivered, duplicates included, in the order they arrived. */
  readonly deliveries: DeliveredTicket[];
  /** Each eventId once, in the order first seen: the queue as the hub would have it. */
  readonly queued: DeliveredTicket[];
  /** Open live streams. */
  streams(): number;
  /** The snapshot the stream sends first, and pushes to every open stream. */
  setSnapshot(snapshot: OfficeSnapshot): void;
  /** Raw text onto every open stream (a malformed snapshot, a keep-alive). */
  sendRaw(text: string): void;
  /** Replaces the answer of one path (null: the canned one again). */
  answer(path: string, answer: ((request: ReceivedRequest) => FakeAnswer) | null): void;
  /** The hub goes down: the server closes and every connection (streams too) is cut. */
  stop(): Promise<void>;
  /** It comes back, on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

const cached: { pems: Promise<{ key: string; cert: string; fingerprint: string }> | null } = { pems: null };

/** One certificate for the test file's hubs (making one takes a moment); a second is made on request. */
export async function hubCertificate(fresh = false): Promise<{ key: string; cert: string; fingerprint: string }> {
  const make = async (): Promise<{ key: string; cert: string; fingerprint: string }> => {
    const pems = await generate([{ name: 'commonName', value: 'okno hub (test)' }], { keyType: 'ec', algorithm: 'sha256' });
    return { key: pems.private, cert: pems.cert, fingerprint: new X509Certificate(pems.cert).fingerprint256 };
  };
  if (fresh) return make();
  cached.pems ??= make();
  return cached.pems;
}

export function officeSnapshot(revision: number, overrides: Partial<OfficeSnapshot> = {}): OfficeSnapshot {
  return {
    protocol: 'okno-office/1',
    revision,
    at: '2026-11-23T10:00:00.000+03:00',
    office: { id: 'mfc-1', name: 'МФЦ 1', timezone: 'Europe/Moscow' },
    day: '2026-11-23',
    services: [{ id: 'passport', prefix: 'П', name: { ru: 'Паспорт', en: 'Passport' }, waiting: revision, oldestWaitingSince: null, medianServiceSeconds: null, openWindows: 1 }],
    windows: [{ id: '2', label: 'Окно 2', services: ['passport'], status: 'open', operator: { id: 'op1', name: 'Анна' }, current: null, lastFinished: null }],
    calls: [],
    ...overrides,
  };
}

export async function startFakeHub(options: { readonly token?: string; readonly port?: number; readonly certificate?: { key: string; cert: string; fingerprint: string } } = {}): Promise<FakeHub> {
  const pems = options.certificate ?? (await hubCertificate());
  const token = options.token ?? 'hub-token-0123456789abcdef';
  const received: ReceivedRequest[] = [];
  const deliveries: DeliveredTicket[] = [];
  const queued: DeliveredTicket[] = [];
  const seen = new Set<string>();
  const overrides = new Map<string, (request: ReceivedRequest) => FakeAnswer>();
  const openStreams = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let snapshot: OfficeSnapshot = officeSnapshot(1);
  let connections = 0;
  let revision = 100;

  const send = (response: ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    response.end(text);
  };

  const canned = (request: ReceivedRequest, response: ServerResponse): void => {
    if (request.path === OFFICE_PATHS.health) return send(response, 200, { ok: true, protocol: 'okno-office/1' });
    if (request.path === OFFICE_PATHS.tickets && request.method === 'POST') {
      const parsed = ticketsBodySchema.safeParse(JSON.parse(request.body));
      if (!parsed.success) return send(response, 400, { error: 'invalid-batch', message: parsed.error.message });
      let accepted = 0;
      let duplicates = 0;
      for (const ticket of parsed.data.tickets) {
        deliveries.push(ticket);
        if (seen.has(ticket.eventId)) duplicates += 1;
        else {
          seen.add(ticket.eventId);
          queued.push(ticket);
          accepted += 1;
        }
      }
      return send(response, 200, { accepted, duplicates, refused: [] });
    }
    if (request.path.startsWith(OFFICE_PATHS.ahead)) {
      const service = new URL(request.path, 'https://hub').searchParams.get('service') ?? '';
      return send(response, 200, { serviceId: service, ahead: queued.filter((ticket) => ticket.serviceId === service).length, estimateMinutes: null });
    }
    if ([OFFICE_PATHS.signIn, OFFICE_PATHS.signOut, OFFICE_PATHS.command].some((path) => path === request.path)) {
      revision += 1;
      return send(response, 200, { ok: true, revision, ticket: null });
    }
    return send(response, 404, { error: 'not-found', message: `no ${request.path}` });
  };

  const handle = (incoming: IncomingMessage, response: ServerResponse): void => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: ReceivedRequest = { method: incoming.method ?? '', path: incoming.url ?? '', authorization: incoming.headers.authorization, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      if (request.authorization !== `Bearer ${token}`) return send(response, 401, { error: 'unauthorized', message: 'unknown device token' });
      const path = request.path.split('?')[0] ?? '';
      const override = overrides.get(path);
      if (override) {
        const answer = override(request);
        if (answer === 'hang') return;
        return send(response, answer.status, answer.body);
      }
      if (path === OFFICE_PATHS.stream) {
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        response.write(`event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`);
        openStreams.add(response);
        response.on('close', () => openStreams.delete(response));
        return;
      }
      canned(request, response);
    });
  };

  let server: https.Server | null = null;
  let port = options.port ?? 0;
  const listen = async (): Promise<void> => {
    const made = https.createServer({ key: pems.key, cert: pems.cert }, handle);
    made.on('connection', (socket: Socket) => {
      connections += 1;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      made.once('error', reject);
      made.listen(port, '127.0.0.1', () => resolve());
    });
    port = (made.address() as AddressInfo).port;
    server = made;
  };
  const stop = async (): Promise<void> => {
    const current = server;
    server = null;
    if (!current) return;
    const closing = new Promise<void>((resolve) => current.close(() => resolve()));
    for (const stream of openStreams) stream.destroy();
    for (const socket of sockets) socket.destroy();
    await closing;
  };

  await listen();
  return {
    get url() {
      return `https://127.0.0.1:${port}/`;
    },
    get port() {
      return port;
    },
    fingerprint: pems.fingerprint,
    token,
    received,
    connections: () => connections,
    deliveries,
    queued,
    streams: () => openStreams.size,
    setSnapshot(next) {
      snapshot = next;
      for (const stream of openStreams) stream.write(`event: snapshot\ndata: ${JSON.stringify(next)}\n\n`);
    },
    sendRaw(text) {
      for (const stream of openStreams) stream.write(text);
    },
    answer(path, answer) {
      if (answer) overrides.set(path, answer);
      else overrides.delete(path);
    },
    stop,
    start: listen,
    close: stop,
  };
}
