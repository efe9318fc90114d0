import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { OpenAPIBackend, ValidationContext, type Document } from 'openapi-backend';
import type { ForwardedExchange } from './faultProxy.ts';
import { ROOT } from './okno.ts';

/**
 * docs/openapi.yaml as a test oracle (issue #11, item 18): every request a collector test sends and
 * every answer it gets is checked against the file with openapi-backend (Ajv underneath), so the
 * file stays true. Two limits of openapi-backend 5 with OpenAPI 3.1, and how this copes:
 * - its `strict` mode checks the document against the OpenAPI 3.0 meta-schema and refuses 3.1 (type
 *   arrays, `examples`, `license.identifier`), so it runs with strict off; the document's structure
 *   is checked by `redocly lint` (npm run lint), which knows 3.1;
 * - it compiles schemas with Ajv's draft-07 dialect, not 2020-12. The file keeps to keywords both
 *   read alike (`type: [integer, 'null']`, `const`, `pattern`, `enum`; a `description` beside a `$ref`
 *   is only documentation), so every constraint it states is checked, none skipped.
 */
let loaded: Promise<OpenAPIBackend> | null = null;
const contract = (): Promise<OpenAPIBackend> =>
  (loaded ??= new OpenAPIBackend({ definition: join(ROOT, 'docs', 'openapi.yaml'), strict: false, quick: true, coerceTypes: true }).init());

export interface Exchange {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
}

export interface CollectorRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array;
  /**
   * What the contract must say of the request: `valid` (default), or `invalid` for a test that sends
   * what the file forbids on purpose (the collector must refuse it), or `either` for generated requests
   * (property tests): then only the answer is checked. Limits a schema cannot express (nesting depth,
   * one id once, UTF-8, a real day) are `valid` for the schema and refused by the server.
   */
  readonly expect?: 'valid' | 'invalid' | 'either';
}

const problems = (errors: readonly { instancePath?: string; message?: string }[] | null | undefined): string =>
  (errors ?? []).map((error) => `${error.instancePath ?? ''} ${error.message ?? ''}`.trim()).join('; ');

/** The body as the contract sees it: JSON text in UTF-8 (decompressed), or null when it is not even that. */
function requestBody(body: string | Uint8Array | undefined, headers: Record<string, string>): { value: unknown } | null {
  if (body === undefined) return { value: undefined };
  const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
  let text: string;
  try {
    const inflated = (headers['content-encoding'] ?? '').toLowerCase() === 'gzip' ? gunzipSync(bytes) : bytes;
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return null;
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

/** openapi-backend throws on a path that is not valid percent-encoding: the contract calls it invalid. */
function validateRequest(api: OpenAPIBackend, request: Parameters<OpenAPIBackend['validateRequest']>[0], operation: Parameters<OpenAPIBackend['validateRequest']>[1]) {
  try {
    return api.validateRequest(request, operation);
  } catch (error) {
    return { valid: false, errors: [{ message: (error as Error).message }] };
  }
}

/** Sends one request to the collector at `base` and checks both directions against docs/openapi.yaml. */
export async function callCollector(base: string, pathAndQuery: string, request: CollectorRequest = {}): Promise<Exchange> {
  const api = await contract();
  const method = request.method ?? 'GET';
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  const url = new URL(pathAndQuery, base);
  const shape = { method, path: url.pathname, headers, query: url.search.replace(/^\?/, '') };
  const operation = api.matchOperation(shape);

  if (operation) {
    const body = requestBody(request.body, headers);
    // A body that is not UTF-8 JSON text cannot be an application/json request body at all.
    const verdict = body === null ? { valid: false, errors: [{ message: 'not JSON text in UTF-8' }] } : validateRequest(api, { ...shape, body: body.value }, operation);
    const expected = request.expect ?? 'valid';
    if (expected !== 'either' && verdict.valid !== (expected === 'valid')) {
      throw new Error(`docs/openapi.yaml calls this ${method} ${url.pathname} request ${verdict.valid ? 'valid' : `invalid (${problems(verdict.errors)})`}, the test expected ${expected}`);
    }
  }

  const response = await fetch(url, {
    method,
    headers,
    ...(request.body === undefined ? {} : { body: typeof request.body === 'string' ? request.body : new Uint8Array(request.body) }),
  });
  const text = await response.text();
  const exchange: Exchange = { status: response.status, headers: response.headers, text, json: JSON.parse(text) as unknown };
  checkAnswer(api, operation?.operationId, shape, exchange);
  return exchange;
}

const oneLine = (headers: ForwardedExchange['requestHeaders']): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : [[name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value]])));

/**
 * An exchange seen on the wire between a real device and a real collector (the fault proxy's view),
 * checked against docs/openapi.yaml: the device's request must be valid, the collector's answer as
 * documented. Returns what is wrong, or null. Never throws, so a proxy can call it for every exchange.
 */
export async function contractViolation(exchange: ForwardedExchange): Promise<string | null> {
  const api = await contract();
  const url = new URL(exchange.target, 'http://collector');
  const headers = oneLine(exchange.requestHeaders);
  const shape = { method: exchange.method, path: url.pathname, headers, query: url.search.replace(/^\?/, '') };
  try {
    const operation = api.matchOperation(shape);
    if (operation) {
      const body = requestBody(exchange.requestBody.length > 0 ? exchange.requestBody : undefined, headers);
      const verdict = body === null ? { valid: false, errors: [{ message: 'not JSON text in UTF-8' }] } : validateRequest(api, { ...shape, body: body.value }, operation);
      if (!verdict.valid) return `${exchange.method} ${url.pathname}: the device's request does not match docs/openapi.yaml: ${problems(verdict.errors)}`;
    }
    const text = exchange.answerBody.toString('utf8');
    checkAnswer(api, operation?.operationId, shape, { status: exchange.status, headers: new Headers(oneLine(exchange.answerHeaders)), text, json: JSON.parse(text) as unknown });
    return null;
  } catch (error) {
    // checkAnswer's messages already say which request and status; a JSON.parse error does not.
    const message = error instanceof Error ? error.message : String(error);
    return message.startsWith(`${exchange.method} `) ? message : `${exchange.method} ${url.pathname} → ${exchange.status}: ${message}`;
  }
}

function checkAnswer(api: OpenAPIBackend, operationId: string | undefined, request: { method: string; path: string }, answer: Exchange): void {
  const where = `${request.method} ${request.path} → ${answer.status}`;
  if (!/^application\/json\b/.test(answer.headers.get('content-type') ?? '')) throw new Error(`${where}: not JSON (${answer.headers.get('content-type')})`);
  const operation = operationId === undefined ? undefined : api.getOperation(operationId);
  if (!operation) {
    // No operation for this method and path: info.description promises 404 for an unknown path and
    // 405 with Allow for another method on a known one, each with an Error body.
    const known = api.getOperations().filter((candidate) => api.router.matchOperation({ ...request, method: candidate.method, headers: {} })?.operationId === candidate.operationId);
    const expected = known.length > 0 ? 405 : 404;
    if (answer.status !== expected && answer.status !== 400) throw new Error(`${where}: expected ${expected} for an undocumented method or path`);
    if (expected === 405 && answer.headers.get('allow') !== known.map((candidate) => candidate.method.toUpperCase()).join(', ')) {
      throw new Error(`${where}: Allow is ${answer.headers.get('allow')}`);
    }
    checkError(api, where, answer.json);
    return;
  }
  const responses = (operation.responses ?? {}) as Record<string, unknown>;
  if (!(String(answer.status) in responses)) {
    // The answers every path can get (info.description) are Errors.
    if (![400, 404, 405, 408, 413, 431, 500, 503].includes(answer.status)) throw new Error(`${where}: status not in docs/openapi.yaml`);
    checkError(api, where, answer.json);
    return;
  }
  const body = api.validateResponse(answer.json, operation, answer.status);
  if (!body.valid) throw new Error(`${where}: the body does not match docs/openapi.yaml: ${problems(body.errors)}\n${answer.text.slice(0, 500)}`);
  const headers = api.validateResponseHeaders(Object.fromEntries(answer.headers), operation, { statusCode: answer.status, setMatchType: 'superset' as never });
  if (!headers.valid) throw new Error(`${where}: the headers do not match docs/openapi.yaml: ${problems(headers.errors)}`);
}

let errorSchema: ((value: unknown) => boolean) & { errors?: unknown } | null = null;
function checkError(api: OpenAPIBackend, where: string, json: unknown): void {
  if (!errorSchema) {
    // `definition`, not `document`: in quick mode init() does not wait for `document` (seen under load:
    // "Cannot read properties of undefined"); `definition` is the dereferenced file, ready after init().
    const definition = api.definition as Document & { components: { schemas: Record<string, object> } };
    errorSchema = api.validator.getAjv(ValidationContext.Response).compile(definition.components.schemas.Error ?? {});
  }
  if (!errorSchema(json)) throw new Error(`${where}: the body is not an Error of docs/openapi.yaml: ${JSON.stringify(errorSchema.errors)}`);
}
