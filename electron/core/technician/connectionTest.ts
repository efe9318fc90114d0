import { deviceSchema } from '../../../shared/config.ts';
import type { ParsedInput } from '../../../shared/requests/registry.ts';
import type { ConnectionTestView } from '../../../shared/technicianApi.ts';
import { endpointUrl, HEALTH_PATH, WHOAMI_PATH } from '../sync/protocol.ts';

/**
 * The wizard's "test connection": is the collector there (GET {endpoint}/healthz), and does it take
 * this token as this device's (GET {endpoint}/v1/whoami)? Nothing is sent but the token; no event
 * leaves the device. Every outcome is a value: it never throws.
 *
 * The server at the endpoint may be anyone's (the technician typed its address), so nothing it
 * answers reaches the screen as it came: a device id only when it is one (the config's pattern) and
 * holds no part of the token; its refusal only as a status and a known error code; a redirect's
 * target, its prose and its headers not at all. The details are in okno's own words.
 */

export interface ConnectionTestOptions {
  readonly fetch?: typeof fetch;
  /** One request's whole time (connect, answer, body). Default 8 s. */
  readonly timeoutMs?: number;
  /** Monotonic milliseconds, for latencyMs. */
  readonly now?: () => number;
}

export const DEFAULT_CONNECTION_TIMEOUT_MS = 8_000;
/** An answer bigger than this is not a collector's: reading stops there. */
const MAX_ANSWER_BYTES = 64 * 1024;

type Exchange = { readonly kind: 'answer'; readonly status: number; readonly body: string } | { readonly kind: 'network'; readonly detail: string };

/** Error codes of the network and TLS ("ECONNREFUSED", "CERT_HAS_EXPIRED", "UND_ERR_SOCKET"): words of this machine, not of the server. */
const NETWORK_CODE = /^[A-Z][A-Z0-9_]{1,47}$/;

/** What the network said, as its error code: a message may carry what the server sent (a certificate's names). */
function networkDetail(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  for (const candidate of [cause, error]) {
    const code = (candidate as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && NETWORK_CODE.test(code)) return code;
  }
  return 'network error';
}

async function readLimited(response: Response): Promise<string | null> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function exchange(doFetch: typeof fetch, url: URL, headers: Record<string, string>, timeoutMs: number): Promise<Exchange> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    // Redirects are not followed: the token goes to the address the technician typed, nowhere else.
    const response = await doFetch(url, { method: 'GET', headers: { accept: 'application/json', ...headers }, redirect: 'manual', signal: controller.signal });
    const body = await readLimited(response);
    return { kind: 'answer', status: response.status, body: body ?? '' };
  } catch (error) {
    return { kind: 'network', detail: timedOut ? `no answer within ${timeoutMs} ms` : networkDetail(error) };
  } finally {
    clearTimeout(timer);
  }
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** The error codes okno's collector answers with (docs/protocol-sync.md, "Error codes"): only these are repeated on the screen. */
const COLLECTOR_ERROR_CODES: ReadonlySet<string> = new Set([
  'bad-request',
  'invalid-json',
  'invalid-batch',
  'bad-encoding',
  'unsupported-encoding',
  'invalid-device',
  'invalid-query',
  'unauthorized',
  'forbidden',
  'not-found',
  'method-not-allowed',
  'timeout',
  'too-large',
  'headers-too-large',
  'unavailable',
  'internal',
]);

/** A refusal in okno's words: the status, and the collector's error code when it is one it documents. */
function answerDetail(status: number, body: string): string {
  if (status >= 300 && status < 400) return `HTTP ${status} (a redirect: not followed)`;
  const code = (parseJson(body) as { error?: unknown } | undefined)?.error;
  return typeof code === 'string' && COLLECTOR_ERROR_CODES.has(code) ? `HTTP ${status}: ${code}` : `HTTP ${status}`;
}

/** The device id in a whoami answer, when it is a device id and not (a piece of) the token it was asked with. */
function deviceIdIn(body: string, token: string): string | null {
  const parsed = deviceSchema.shape.id.safeParse((parseJson(body) as { deviceId?: unknown } | undefined)?.deviceId);
  if (!parsed.success) return null;
  return parsed.data.includes(token) ? null : parsed.data;
}

/**
 * `token` is the one to send: typed by the technician, or the saved one when the endpoint is the one
 * it was saved with (tokenScope.ts). Null: the token is not sent, and the answer says one is needed.
 */
export async function testConnection(input: ParsedInput<'testConnection'> & { readonly token: string | null }, options: ConnectionTestOptions = {}): Promise<ConnectionTestView> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS;
  const now = options.now ?? (() => performance.now());
  const token = input.token && input.token.length > 0 ? input.token : null;
  // Only okno's words reach the screen; still, should one ever hold the token, it is cut out.
  const clean = (text: string | null): string | null => (text !== null && token !== null ? text.split(token).join('…') : text);

  let healthUrl: URL;
  let whoamiUrl: URL;
  try {
    healthUrl = endpointUrl(input.endpoint, HEALTH_PATH);
    whoamiUrl = endpointUrl(input.endpoint, WHOAMI_PATH);
  } catch {
    return { health: 'unreachable', auth: token === null ? 'token-needed' : 'not-checked', collectorDeviceId: null, latencyMs: null, detail: 'the endpoint is not a URL' };
  }

  try {
    const details: string[] = [];
    const started = now();
    const healthAnswer = await exchange(doFetch, healthUrl, {}, timeoutMs);
    let health: ConnectionTestView['health'];
    let latencyMs: number | null = null;
    if (healthAnswer.kind === 'network') {
      health = 'unreachable';
      details.push(`healthz: ${healthAnswer.detail}`);
    } else {
      latencyMs = Math.max(0, Math.round(now() - started));
      const json = healthAnswer.status === 200 ? parseJson(healthAnswer.body) : undefined;
      if (healthAnswer.status !== 200) {
        health = 'bad-answer';
        details.push(`healthz: ${answerDetail(healthAnswer.status, healthAnswer.body)}`);
      } else if (typeof json !== 'object' || json === null) {
        health = 'bad-answer';
        details.push('healthz: HTTP 200 but not a JSON answer');
      } else {
        health = 'ok';
      }
    }

    let auth: ConnectionTestView['auth'] = token === null ? 'token-needed' : 'not-checked';
    let collectorDeviceId: string | null = null;
    // Nobody answered: the token cannot be checked (and is not sent again into the void).
    if (token !== null && health !== 'unreachable') {
      const answer = await exchange(doFetch, whoamiUrl, { authorization: `Bearer ${token}` }, timeoutMs);
      if (answer.kind === 'network') {
        details.push(`whoami: ${answer.detail}`);
      } else if (answer.status === 200) {
        collectorDeviceId = deviceIdIn(answer.body, token);
        if (collectorDeviceId !== null) {
          auth = collectorDeviceId === input.deviceId ? 'ok' : 'other-device';
          if (auth === 'other-device') details.push(`whoami: the collector knows this token as ${collectorDeviceId}`);
        } else {
          auth = 'not-supported';
          details.push('whoami: HTTP 200 without a device id');
        }
      } else if (answer.status === 401 || answer.status === 403) {
        auth = 'refused';
        details.push(`whoami: ${answerDetail(answer.status, answer.body)}`);
      } else if (answer.status === 404 || answer.status === 405 || answer.status === 501) {
        auth = 'not-supported';
        details.push(`whoami: ${answerDetail(answer.status, answer.body)}`);
      } else {
        details.push(`whoami: ${answerDetail(answer.status, answer.body)}`);
      }
    }
    return { health, auth, collectorDeviceId, latencyMs, detail: clean(details.length > 0 ? details.join('; ') : null) };
  } catch (error) {
    // Not expected (exchange catches the network): still an answer, not an exception.
    return { health: 'unreachable', auth: token === null ? 'token-needed' : 'not-checked', collectorDeviceId: null, latencyMs: null, detail: clean(`unexpected: ${networkDetail(error)}`) };
  }
}
