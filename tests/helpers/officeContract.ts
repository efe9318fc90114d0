import { request as httpsRequest } from 'node:https';
import { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { OpenAPIBackend, ValidationContext, type Document } from 'openapi-backend';
import { ROOT } from './okno.ts';

/**
 * docs/openapi-office.yaml as a test oracle, like collectorContract.ts for the collector: every request
 * a hub test sends and every answer it gets is checked against the file. The hub's certificate is
 * self-signed: the client takes any certificate (rejectUnauthorized: false) and then checks its
 * SHA-256 fingerprint itself, which is what a device's pinning does (the device's own pinned client is
 * electron/core/office/, not used here).
 */
let loaded: Promise<OpenAPIBackend> | null = null;
const contract = (): Promise<OpenAPIBackend> =>
  (loaded ??= new OpenAPIBackend({ definition: join(ROOT, 'docs', 'openapi-office.yaml'), strict: false, quick: true, coerceTypes: true }).init());

export interface HubExchange {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
  readonly json: unknown;
}

export interface HubRequest {
  readonly method?: string;
  readonly token?: string;
  readonly headers?: Record<string, string>;
  /** A value is sent as JSON; a string as it is. */
  readonly body?: unknown;
  /** What the contract must say of the request (see collectorContract.ts): default `valid`. */
  readonly expect?: 'valid' | 'invalid' | 'either';
}

const problems = (errors: readonly { instancePath?: string; message?: string }[] | null | undefined): string =>
  (errors ?? []).map((error) => `${error.instancePath ?? ''} ${error.message ?? ''}`.trim()).join('; ');

/** One HTTPS exchange with the hub at `base`, refused unless the certificate has `fingerprint`. */
export function hubExchange(base: string, fingerprint: string, pathAndQuery: string, request: { method: string; headers: Record<string, string>; body?: string }): Promise<HubExchange> {
  const url = new URL(pathAndQuery, base);
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(url, { method: request.method, headers: request.headers, rejectUnauthorized: false, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          // Checked by the caller (every answer of the hub is JSON but the stream).
        }
        const headers = Object.fromEntries(Object.entries(response.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]])));
        resolve({ status: response.statusCode ?? 0, headers, text, json });
      });
    });
    outgoing.on('socket', (socket) => {
      socket.once('secureConnect', () => {
        const seen = socket instanceof TLSSocket ? socket.getPeerCertificate().fingerprint256 : '(not TLS)';
        if (seen !== fingerprint) outgoing.destroy(new Error(`certificate fingerprint ${seen} is not the pinned ${fingerprint}`));
      });
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** Sends one request to the hub and checks both directions against docs/openapi-office.yaml. */
export async function callHub(base: string, fingerprint: string, pathAndQuery: string, request: HubRequest = {}): Promise<HubExchange> {
  const api = await contract();
  const method = request.method ?? (request.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = {
    ...(request.token === undefined ? {} : { authorization: `Bearer ${request.token}` }),
    ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
  };
  const text = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
  const url = new URL(pathAndQuery, base);
  const shape = { method, path: url.pathname, headers, query: url.search.replace(/^\?/, '') };
  const operation = api.matchOperation(shape);
  if (operation) {
    let value: unknown;
    let parses = true;
    try {
      value = text === undefined ? undefined : JSON.parse(text);
    } catch {
      parses = false;
    }
    const verdict = parses ? api.validateRequest({ ...shape, body: value }, operation) : { valid: false, errors: [{ message: 'not JSON' }] };
    const expected = request.expect ?? 'valid';
    if (expected !== 'either' && verdict.valid !== (expected === 'valid')) {
      throw new Error(`docs/openapi-office.yaml calls this ${method} ${url.pathname} request ${verdict.valid ? 'valid' : `invalid (${problems(verdict.errors)})`}, the test expected ${expected}`);
    }
  }
  const exchange = await hubExchange(base, fingerprint, pathAndQuery, { method, headers, ...(text === undefined ? {} : { body: text }) });
  checkAnswer(api, operation?.operationId, shape, exchange);
  return exchange;
}

function checkAnswer(api: OpenAPIBackend, operationId: string | undefined, request: { method: string; path: string }, answer: HubExchange): void {
  const where = `${request.method} ${request.path} → ${answer.status}`;
  if (!/^application\/json\b/.test(answer.headers['content-type'] ?? '')) throw new Error(`${where}: not JSON (${answer.headers['content-type']})`);
  const operation = operationId === undefined ? undefined : api.getOperation(operationId);
  if (!operation) {
    if (![400, 404, 405].includes(answer.status)) throw new Error(`${where}: expected 404 or 405 for an undocumented method or path`);
    checkError(api, where, answer.json);
    return;
  }
  const responses = (operation.responses ?? {}) as Record<string, unknown>;
  if (!(String(answer.status) in responses)) {
    if (![400, 401, 403, 404, 405, 408, 413, 431, 500, 503].includes(answer.status)) throw new Error(`${where}: status not in docs/openapi-office.yaml`);
    checkError(api, where, answer.json);
    return;
  }
  const body = api.validateResponse(answer.json, operation, answer.status);
  if (!body.valid) throw new Error(`${where}: the body does not match docs/openapi-office.yaml: ${problems(body.errors)}\n${answer.text.slice(0, 500)}`);
  const headers = api.validateResponseHeaders(answer.headers, operation, { statusCode: answer.status, setMatchType: 'superset' as never });
  if (!headers.valid) throw new Error(`${where}: the headers do not match docs/openapi-office.yaml: ${problems(headers.errors)}`);
}

let errorSchema: ((value: unknown) => boolean) & { errors?: unknown } | null = null;
function checkError(api: OpenAPIBackend, where: string, json: unknown): void {
  if (!errorSchema) {
    const definition = api.definition as Document & { components: { schemas: Record<string, object> } };
    errorSchema = api.validator.getAjv(ValidationContext.Response).compile(definition.components.schemas.Error ?? {});
  }
  if (!errorSchema(json)) throw new Error(`${where}: the body is not an Error of docs/openapi-office.yaml: ${JSON.stringify(errorSchema.errors)}\n${JSON.stringify(json)}`);
}
