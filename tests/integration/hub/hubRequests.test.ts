import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_PATHS, type CommandAnswer, type TicketsAnswer } from '../../../shared/office/officeProtocol.ts';
import { officeSnapshotSchema, type OfficeSnapshot } from '../../../shared/office/officeSnapshot.ts';
import { startHub, type Hub } from '../../../electron/hub/hub.ts';
import { parseHubConfig } from '../../../electron/hub/hubConfigFile.ts';
import { callHub, hubExchange } from '../../helpers/officeContract.ts';
import { rawExchange } from '../../helpers/rawHttp.ts';
import { useTempDirs } from '../../helpers/tempDir.ts';
import { waitFor } from '../../helpers/waitFor.ts';
import { consoleOf, DISPENSER, officeConfig, operatorOf, PIN, tickets, tokenOf } from './hubFixtures.ts';
import { openSnapshotStream } from '../../helpers/officeStream.ts';

/** okno-office/1 against a hub in this process, over TLS on 127.0.0.1; every exchange checked against docs/openapi-office.yaml. */
const tempDir = useTempDirs();
const WINDOWS = 10;
let hub: Hub;
beforeAll(async () => {
  hub = await startHub({ config: parseHubConfig(await officeConfig(WINDOWS), 'test'), dataDir: tempDir() });
});
afterAll(async () => {
  await hub.close();
});

const call = (path: string, request: Parameters<typeof callHub>[3] = {}) => callHub(hub.url, hub.fingerprint, path, request);
const command = async (window: number, name: string, idempotencyKey = randomUUID()): Promise<CommandAnswer> =>
  (await call(OFFICE_PATHS.command, { token: tokenOf(consoleOf(window)), body: { command: name, idempotencyKey } })).json as CommandAnswer;
const deliver = async (list: ReturnType<typeof tickets>): Promise<TicketsAnswer> =>
  (await call(OFFICE_PATHS.tickets, { token: tokenOf(DISPENSER), body: { deviceId: DISPENSER, tickets: list } })).json as TicketsAnswer;
const state = async (): Promise<OfficeSnapshot> => officeSnapshotSchema.parse((await call(OFFICE_PATHS.state, { token: tokenOf('hall-board') })).json);

describe('the hub’s doors', () => {
  it('401 without a token or with a wrong one, 403 for a role that may not (a hall board calling)', async () => {
    expect((await call(OFFICE_PATHS.state)).status).toBe(401);
    const wrong = await call(OFFICE_PATHS.state, { token: 'not-a-token-of-this-office' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toBe('Bearer');
    const hall = await call(OFFICE_PATHS.command, { token: tokenOf('hall-board'), body: { command: 'call-next', idempotencyKey: randomUUID() } });
    expect(hall.status).toBe(403);
    expect((await call(OFFICE_PATHS.tickets, { token: tokenOf(consoleOf(1)), body: { deviceId: consoleOf(1), tickets: tickets(1) } })).status).toBe(403);
    // A dispenser may not deliver in another dispenser's name.
    expect((await call(OFFICE_PATHS.tickets, { token: tokenOf(DISPENSER), body: { deviceId: 'other', tickets: tickets(1) } })).status).toBe(403);
    expect(hub.counters.unauthorized).toBeGreaterThanOrEqual(2);
    expect(hub.counters.forbidden).toBeGreaterThanOrEqual(3);
  });

  it('400 and a counter for a malformed body, an unknown field, a bad query; 404/405 elsewhere', async () => {
    const before = hub.counters.badRequests;
    const token = tokenOf(DISPENSER);
    expect((await call(OFFICE_PATHS.tickets, { token, body: '{"deviceId":', expect: 'invalid' })).status).toBe(400);
    expect((await call(OFFICE_PATHS.tickets, { token, body: { deviceId: DISPENSER, tickets: [], extra: 1 }, expect: 'invalid' })).status).toBe(400);
    expect((await call(OFFICE_PATHS.tickets, { token, body: '', expect: 'invalid' })).status).toBe(400);
    expect((await call(`${OFFICE_PATHS.ahead}?service=`, { token, expect: 'invalid' })).status).toBe(400);
    expect((await call(`${OFFICE_PATHS.ahead}?service=passport&x=1`, { token, expect: 'either' })).status).toBe(400);
    expect((await call(`${OFFICE_PATHS.ahead}?service=nope`, { token })).json).toMatchObject({ error: 'unknown-service' });
    expect(hub.counters.badRequests - before).toBe(6);
    expect((await call('/office/v1/nothing', { token })).status).toBe(404);
    const wrongMethod = await call(OFFICE_PATHS.tickets, { token, method: 'GET' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST');
    const big = await call(OFFICE_PATHS.tickets, { token, body: JSON.stringify({ deviceId: 'x'.repeat(70_000) }), expect: 'invalid' });
    expect(big.status).toBe(413);
    expect(hub.counters).toMatchObject({ internalErrors: 0, storageFailures: 0 });
  });

  it('answers a raw request Fastify cannot route or Node cannot parse with a 400, and keeps serving', async () => {
    for (const request of ['GET /%% HTTP/1.1\r\nhost: hub\r\n\r\n', 'GET * HTTP/1.1\r\nhost: hub\r\n\r\n', 'BREW /office/v1/state HTTP/1.1\r\n\r\n', 'GET / HTTP/1.1\r\nbad header\r\n\r\n']) {
      const answer = await rawExchange(hub.port, request, { tls: true });
      for (const status of answer.statuses) expect(status, request).toBeLessThan(500);
    }
    expect((await call(OFFICE_PATHS.health, { token: tokenOf('hall-board') })).status).toBe(200);
  });
});

describe('tickets and calls', () => {
  it('queues tickets delivered twice once, and counts the repeat', async () => {
    const list = tickets(3, 'snils');
    expect(await deliver(list)).toEqual({ accepted: 3, duplicates: 0, refused: [] });
    expect(await deliver(list)).toEqual({ accepted: 0, duplicates: 3, refused: [] });
    expect((await state()).services.find((service) => service.id === 'snils')?.waiting).toBe(3);
    const ahead = await call(`${OFFICE_PATHS.ahead}?service=snils`, { token: tokenOf(DISPENSER) });
    expect(ahead.json).toEqual({ serviceId: 'snils', ahead: 3, estimateMinutes: null });
    // Unknown service: kept in the journal, refused, not queued.
    const stray = tickets(1, 'no-such-service');
    expect((await deliver(stray)).refused).toEqual([{ ticketId: stray[0]!.ticketId, reason: 'unknown-service' }]);
  });

  it('a wrong PIN is refused and counted; the right one signs in', async () => {
    const wrong = await call(OFFICE_PATHS.signIn, { token: tokenOf(consoleOf(1)), body: { operatorId: operatorOf(1), pin: '0000' } });
    expect(wrong.json).toMatchObject({ ok: false, refusal: 'wrong-pin' });
    expect(hub.counters.wrongPins).toBe(1);
    for (let window = 1; window <= WINDOWS; window += 1) {
      const answer = await call(OFFICE_PATHS.signIn, { token: tokenOf(consoleOf(window)), body: { operatorId: operatorOf(window), pin: PIN } });
      expect(answer.json, `window ${window}`).toMatchObject({ ok: true });
    }
    expect((await state()).windows.every((window) => window.status === 'open')).toBe(true);
  });

  it('a repeated idempotency key acts once and gets the first answer again', async () => {
    await deliver(tickets(2));
    const key = randomUUID();
    const first = await command(1, 'call-next', key);
    expect(first).toMatchObject({ ok: true, ticket: { number: expect.any(String) as unknown } });
    const revision = hub.queue.revision();
    const again = await Promise.all([command(1, 'call-next', key), command(1, 'call-next', key)]);
    expect(again).toEqual([first, first]);
    expect(hub.queue.revision()).toBe(revision);
    expect(hub.counters.repeatedCommands).toBe(2);
    // The same key from another window is a conflict, not a second act.
    expect((await call(OFFICE_PATHS.command, { token: tokenOf(consoleOf(2)), body: { command: 'call-next', idempotencyKey: key } })).status).toBe(409);
    expect(await command(1, 'finish')).toMatchObject({ ok: true });
  });

  it('50 parallel call-next requests from 10 windows never hand out one ticket twice', async () => {
    await deliver(tickets(120));
    const handedOut: string[] = [];
    for (let round = 0; round < 5; round += 1) {
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => command((i % WINDOWS) + 1, 'call-next')));
      const called = answers.flatMap((answer) => (answer.ok && answer.ticket ? [answer.ticket.ticketId] : []));
      // One call per window per round: the others find the window busy.
      expect(called).toHaveLength(WINDOWS);
      expect(answers.filter((answer) => !answer.ok).every((answer) => !answer.ok && answer.refusal === 'busy')).toBe(true);
      handedOut.push(...called);
      const snapshot = await state();
      expect(new Set(snapshot.windows.map((window) => window.current?.ticketId)).size).toBe(WINDOWS);
      const finished = await Promise.all(Array.from({ length: WINDOWS }, (_, i) => command(i + 1, 'finish')));
      expect(finished.every((answer) => answer.ok)).toBe(true);
    }
    expect(handedOut).toHaveLength(50);
    expect(new Set(handedOut).size).toBe(50);
  });

  it('streams the whole snapshot on connect and after each change', async () => {
    const stream = await openSnapshotStream(hub.url, hub.fingerprint, tokenOf('hall-board'));
    try {
      const first = await stream.next();
      expect(first.revision).toBe(hub.queue.revision());
      await deliver(tickets(1, 'snils'));
      const answer = await command(3, 'call-next');
      expect(answer.ok).toBe(true);
      const seen = await waitFor(async () => {
        const snapshot = await stream.next();
        return snapshot.windows.find((window) => window.id === '3')?.current ? snapshot : undefined;
      }, 'the call in the stream');
      expect(seen.revision).toBe(answer.ok ? answer.revision : -1);
      expect(seen.calls[0]?.window).toBe('3');
    } finally {
      stream.close();
    }
    await waitFor(() => hub.counters.streamsClosed >= 1, 'the closed stream forgotten');
  });

  it('shows its counters to an authorized device', async () => {
    const health = await call(OFFICE_PATHS.health, { token: tokenOf(consoleOf(2)) });
    expect(health.json).toMatchObject({ ok: true, device: { id: consoleOf(2), role: 'operator', window: '2' }, counters: { internalErrors: 0 } });
    // The contract check (callHub) did not throw for any of them.
    expect((await hubExchange(hub.url, hub.fingerprint, OFFICE_PATHS.health, { method: 'GET', headers: {} })).status).toBe(401);
  });
});
