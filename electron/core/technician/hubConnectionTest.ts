import { isIP } from 'node:net';
import tls from 'node:tls';
import type { ParsedInput } from '../../../shared/requests/registry.ts';
import type { HubConnectionTestView } from '../../../shared/technicianApi.ts';
import { OFFICE_PATHS } from '../../../shared/office/officeProtocol.ts';
import { createHubHttp } from '../office/hubHttp.ts';
import { PinnedAgent, peerFingerprint } from '../office/pinnedTls.ts';

/**
 * The wizard's "test connection" for the office hub: connect WITHOUT a pin, read the certificate's
 * SHA-256 fingerprint (the technician compares it with what `okno hub` printed, and saving pins it),
 * then GET /office/v1/health with the token, pinned to that very certificate, so the token goes to
 * the machine whose fingerprint is shown and to no other. Every outcome is a value: it never throws.
 */

export const DEFAULT_HUB_TEST_TIMEOUT_MS = 5_000;

/** Network and TLS error codes ("ECONNREFUSED"): words of this machine, not of the server. */
const NETWORK_CODE = /^[A-Z][A-Z0-9_]{1,47}$/;

function readFingerprint(url: URL, timeoutMs: number): Promise<{ readonly fingerprint: string } | { readonly problem: string }> {
  return new Promise((resolve) => {
    const port = Number(url.port || 443);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const socket = tls.connect({ host, port, rejectUnauthorized: false, ...(isIP(host) === 0 ? { servername: host } : {}) });
    const timer = setTimeout(() => finish({ problem: `no answer from ${url.host} within ${timeoutMs} ms` }), timeoutMs);
    let done = false;
    function finish(outcome: { readonly fingerprint: string } | { readonly problem: string }): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    }
    socket.once('secureConnect', () => {
      const fingerprint = peerFingerprint(socket);
      finish(fingerprint === null ? { problem: 'the hub sent no certificate' } : { fingerprint });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => finish({ problem: `cannot reach the hub (${typeof error.code === 'string' && NETWORK_CODE.test(error.code) ? error.code : 'network error'})` }));
  });
}

/** `token`: the typed one, or the saved one when the address is the one it was saved for; null: none to send. */
export async function testHubConnection(input: ParsedInput<'testHubConnection'> & { readonly token: string | null }, options: { readonly timeoutMs?: number; readonly deviceId?: string } = {}): Promise<HubConnectionTestView> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_HUB_TEST_TIMEOUT_MS;
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return { fingerprint: null, reachable: false, authorized: null, problem: 'the address is not a URL' };
  }
  if (url.protocol !== 'https:') return { fingerprint: null, reachable: false, authorized: null, problem: 'the hub is reached over https:// only' };
  const read = await readFingerprint(url, timeoutMs);
  if ('problem' in read) return { fingerprint: null, reachable: false, authorized: null, problem: read.problem };
  if (input.token === null) return { fingerprint: read.fingerprint, reachable: true, authorized: null, problem: 'type the token "okno hub" gave this device to check it' };
  const http = createHubHttp({ url: input.url, token: input.token, fingerprint: read.fingerprint }, { deviceId: options.deviceId ?? 'okno', agent: new PinnedAgent(read.fingerprint, { keepAlive: false }) });
  try {
    const answer = await http.get(OFFICE_PATHS.health, timeoutMs);
    if (answer.kind === 'network') {
      return { fingerprint: read.fingerprint, reachable: true, authorized: null, problem: answer.pin ? 'the hub changed its certificate during the test: test again' : `the hub did not answer (${NETWORK_CODE.test(answer.code) || /^[a-z-]+$/.test(answer.code) ? answer.code : 'network error'})` };
    }
    if (answer.status === 200) return { fingerprint: read.fingerprint, reachable: true, authorized: true, problem: null };
    if (answer.status === 401 || answer.status === 403) return { fingerprint: read.fingerprint, reachable: true, authorized: false, problem: `the hub refused the token (HTTP ${answer.status})` };
    return { fingerprint: read.fingerprint, reachable: true, authorized: null, problem: `the hub answered HTTP ${answer.status}: is this an okno hub?` };
  } finally {
    http.close();
  }
}
