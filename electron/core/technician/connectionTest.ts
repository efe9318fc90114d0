import type { ConnectionTestInput, ConnectionTestView } from '../../../shared/technicianApi.ts';
import { endpointUrl, HEALTH_PATH, WHOAMI_PATH } from '../sync/protocol.ts';

/**
 * The wizard's "test connection": is the collector there (GET {endpoint}/healthz), and does it take
 * this token as this device's (GET {endpoint}/v1/whoami)? Nothing is sent but the token; no event
 * leaves the device. Every outcome is a value: it never throws, and the token never appears in it.
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

type Exchange = { readonly kind: 'answer'; readonly status: number; readonly body: string; readonly location: string | null } | { readonly kind: 'network'; readonly detail: string };

/** "ECONNREFUSED 127.0.0.1:9", "ENOTFOUND collector.example", "CERT_HAS_EXPIRED": what the network said. */
function networkDetail(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const inner = cause instanceof Error ? cause : error instanceof Error ? error : null;
  if (!inner) return String(error);
  const code = (inner as NodeJS.ErrnoException).code;
  const message = inner.message.replace(/\s+/g, ' ').trim();
  return code && !message.includes(code) ? `${code}: ${message}` : message;
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
    if (body === null) return { kind: 'answer', status: response.status, body: '', location: null };
    return { kind: 'answer', status: response.status, body, location: response.headers.get('location') };
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

/** The collector's own words for a refusal: `reason` or `error` of its error body, else the status. */
function answerDetail(status: number, body: string, location: string | null): string {
  const json = parseJson(body) as { error?: unknown; reason?: unknown } | undefined;
  const words = typeof json?.reason === 'string' ? json.reason : typeof json?.error === 'string' ? json.error : null;
  if (status >= 300 && status < 400) return `HTTP ${status}${location ? ` to ${location}` : ''}`;
  return `HTTP ${status}${words ? `: ${words.slice(0, 200)}` : ''}`;
}

export async function testConnection(input: ConnectionTestInput & { readonly token: string | null }, options: ConnectionTestOptions = {}): Promise<ConnectionTestView> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS;
  const now = options.now ?? (() => performance.now());
  const token = input.token && input.token.length > 0 ? input.token : null;
  // Whatever a server echoes back, the token does not reach the screen.
  const clean = (text: string | null): string | null => (text !== null && token !== null ? text.split(token).join('…') : text);

  let healthUrl: URL;
  let whoamiUrl: URL;
  try {
    healthUrl = endpointUrl(input.endpoint, HEALTH_PATH);
    whoamiUrl = endpointUrl(input.endpoint, WHOAMI_PATH);
  } catch {
    return { health: 'unreachable', auth: 'not-checked', collectorDeviceId: null, latencyMs: null, detail: 'the endpoint is not a URL' };
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
        details.push(`healthz: ${answerDetail(healthAnswer.status, healthAnswer.body, healthAnswer.location)}`);
      } else if (typeof json !== 'object' || json === null) {
        health = 'bad-answer';
        details.push('healthz: HTTP 200 but not a JSON answer');
      } else {
        health = 'ok';
      }
    }

    let auth: ConnectionTestView['auth'] = 'not-checked';
    let collectorDeviceId: string | null = null;
    // Nobody answered: the token cannot be checked (and is not sent again into the void).
    if (token !== null && health !== 'unreachable') {
      const answer = await exchange(doFetch, whoamiUrl, { authorization: `Bearer ${token}` }, timeoutMs);
      if (answer.kind === 'network') {
        details.push(`whoami: ${answer.detail}`);
      } else if (answer.status === 200) {
        const deviceId = (parseJson(answer.body) as { deviceId?: unknown } | undefined)?.deviceId;
        if (typeof deviceId === 'string' && deviceId.length > 0) {
          collectorDeviceId = deviceId.slice(0, 64);
          auth = collectorDeviceId === input.deviceId ? 'ok' : 'other-device';
          if (auth === 'other-device') details.push(`whoami: the collector knows this token as ${collectorDeviceId}`);
        } else {
          auth = 'not-supported';
          details.push('whoami: HTTP 200 without a deviceId');
        }
      } else if (answer.status === 401 || answer.status === 403) {
        auth = 'refused';
        details.push(`whoami: ${answerDetail(answer.status, answer.body, answer.location)}`);
      } else if (answer.status === 404 || answer.status === 405 || answer.status === 501) {
        auth = 'not-supported';
        details.push(`whoami: ${answerDetail(answer.status, answer.body, answer.location)}`);
      } else {
        details.push(`whoami: ${answerDetail(answer.status, answer.body, answer.location)}`);
      }
    }
    return { health, auth, collectorDeviceId, latencyMs, detail: clean(details.length > 0 ? details.join('; ') : null) };
  } catch (error) {
    // Not expected (exchange catches the network): still an answer, not an exception.
    return { health: 'unreachable', auth: 'not-checked', collectorDeviceId: null, latencyMs: null, detail: clean(`unexpected: ${networkDetail(error)}`) };
  }
}
