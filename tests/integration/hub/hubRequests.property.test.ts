import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandBodySchema, OFFICE_PATHS, signInBodySchema, ticketsBodySchema } from '../../../shared/office/officeProtocol.ts';
import { startHub, type Hub } from '../../../electron/hub/hub.ts';
import { parseHubConfig } from '../../../electron/hub/hubConfigFile.ts';
import { callHub } from '../../helpers/officeContract.ts';
import { rawExchange } from '../../helpers/rawHttp.ts';
import { useTempDirs } from '../../helpers/tempDir.ts';
import { consoleOf, DISPENSER, officeConfig, operatorOf, tickets, tokenOf } from './hubFixtures.ts';

/**
 * Property tests of the hub's request handling: whatever a device on the LAN sends — method,
 * request-target, headers, body, on a raw TLS socket where a client library could not send it — the
 * answer is never a 5xx, the hub keeps answering, and a body is taken exactly when the protocol's
 * schema takes it. numRuns keep the file to seconds.
 */
const tempDir = useTempDirs();
let hub: Hub;
beforeAll(async () => {
  hub = await startHub({ config: parseHubConfig(await officeConfig(2), 'test'), dataDir: tempDir() });
});
afterAll(async () => {
  await hub.close();
});

const chars = (alphabet: string, maxLength: number) => fc.string({ unit: fc.constantFrom(...alphabet), maxLength });
const WEIRD = '/[]%:@?#&=+;,!$\'()*~._-abcXYZ019\\|{}^`"<> \t\u00e9\u0000\r\n';
const PATHS = Object.values(OFFICE_PATHS);
const TOKENS = [tokenOf(DISPENSER), tokenOf('hall-board'), tokenOf(consoleOf(1)), tokenOf('terminal-2'), 'wrong-token'];

const method = fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'get', 'PRI'), chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ-!', 12));
const target = fc.oneof(
  fc.constantFrom(...PATHS, `${OFFICE_PATHS.ahead}?service=passport`, `${OFFICE_PATHS.ahead}?service=passport&service=snils`, '//[', 'http://[/', '//%/', '*', 'https://x/office/v1/state', ''),
  fc.tuple(fc.constantFrom('/', '//', 'https://', '/office/v1/', `${OFFICE_PATHS.ahead}?`, ''), chars(WEIRD, 40)).map(([prefix, rest]) => prefix + rest),
);
const headerName = fc.oneof(
  fc.constantFrom('content-length', 'transfer-encoding', 'content-type', 'authorization', 'host', 'connection', 'expect', 'upgrade', 'content-encoding'),
  chars('abcdefghijklmnopqrstuvwxyz-_:() ', 16),
);
const headerValue = fc.oneof(
  fc.constantFrom('0', '5', '-1', '99999999999', 'chunked', 'gzip', 'application/json', 'text/plain', ...TOKENS.map((token) => `Bearer ${token}`), 'close', '100-continue', 'websocket'),
  chars(' !"#$%&\'()*+,-./0123456789:;<=>?@ABCZ[\\]^_`abcz{|}~\t\u00e9\u0000', 30),
);
const body = fc.oneof(
  fc.constant(''),
  fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.constant(JSON.stringify({ command: 'call-next', idempotencyKey: randomUUID() })),
  fc.constant(JSON.stringify({ deviceId: DISPENSER, tickets: tickets(1) })),
);
const rawRequest = fc
  .tuple(method, target, fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', ''), fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 }), body)
  .map(([verb, path, version, headers, text]) => `${verb} ${path} ${version}\r\nhost: hub\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${text}`);

async function stillAnswers(): Promise<void> {
  const health = await callHub(hub.url, hub.fingerprint, OFFICE_PATHS.health, { token: tokenOf('hall-board') });
  expect(health.status).toBe(200);
  expect(hub.counters).toMatchObject({ internalErrors: 0, storageFailures: 0 });
}

describe('hub request handling (property tests)', () => {
  it('answers any raw request with something other than a 5xx, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(rawRequest, async (request) => {
        const answer = await rawExchange(hub.port, Buffer.from(request, 'latin1'), { tls: true });
        for (const status of answer.statuses) expect(status, request).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
    await stillAnswers();
  });

  it('takes a body exactly when the protocol’s schema does, else a 400 with an Error (checked against the OpenAPI file)', async () => {
    const routes = [
      { path: OFFICE_PATHS.tickets, token: tokenOf(DISPENSER), schema: ticketsBodySchema, valid: () => ({ deviceId: DISPENSER, tickets: tickets(1) }) },
      { path: OFFICE_PATHS.command, token: tokenOf(consoleOf(1)), schema: commandBodySchema, valid: () => ({ command: 'recall', idempotencyKey: randomUUID() }) },
      { path: OFFICE_PATHS.signIn, token: tokenOf(consoleOf(2)), schema: signInBodySchema, valid: () => ({ operatorId: operatorOf(2), pin: '0000' }) },
    ] as const;
    const mutation = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((value) => () => value),
      fc
        .record({ field: fc.constantFrom('deviceId', 'tickets', 'command', 'idempotencyKey', 'to', 'operatorId', 'pin', 'extra'), value: fc.jsonValue({ maxDepth: 3 }) })
        .map(({ field, value }) => (valid: () => Record<string, unknown>) => ({ ...valid(), [field]: value })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), mutation, async (route, mutate) => {
        const value: unknown = mutate(route.valid);
        const answer = await callHub(hub.url, hub.fingerprint, route.path, { token: route.token, body: JSON.stringify(value), expect: 'either' });
        const taken = route.schema.safeParse(value).success;
        if (taken) expect([200, 403], JSON.stringify(value)).toContain(answer.status);
        else expect(answer.status, JSON.stringify(value)).toBe(400);
      }),
      { numRuns: 150 },
    );
    await stillAnswers();
  });
});
