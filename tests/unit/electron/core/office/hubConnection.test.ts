import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../../electron/core/clock.ts';
import { systemScheduler } from '../../../../../electron/core/scheduler.ts';
import { connectHub, newHubCounters, type HubCounters } from '../../../../../electron/core/office/hubConnection.ts';
import type { HubLink } from '../../../../../electron/core/office/hubLink.ts';
import { OFFICE_PATHS } from '../../../../../shared/office/officeProtocol.ts';
import { officeSnapshot, startFakeHub, type FakeHub } from '../../../../helpers/fakeHub.ts';
import { waitFor } from '../../../../helpers/waitFor.ts';

const WRONG = Array.from({ length: 32 }, () => 'CD').join(':');
const KEY = '0190f3b2-7c1e-7c6a-9a4e-3f2b1c0d9e8f';
let hub: FakeHub | null = null;
let link: HubLink | null = null;
afterEach(async () => {
  await link?.close();
  link = null;
  await hub?.close();
  hub = null;
});

function open(fake: FakeHub, overrides: { fingerprint?: string; token?: string; requestTimeoutMs?: number } = {}, counters: HubCounters = newHubCounters()): { link: HubLink; counters: HubCounters } {
  link = connectHub(
    { url: fake.url, token: overrides.token ?? fake.token, fingerprint: overrides.fingerprint ?? fake.fingerprint },
    { deviceId: 'disp-1', clock: systemClock, scheduler: systemScheduler, counters, requestTimeoutMs: overrides.requestTimeoutMs ?? 1_000 },
  );
  return { link, counters };
}

describe('the device’s link to its hub', () => {
  it('opens the live stream and shows the hub’s snapshot, then every newer one', async () => {
    hub = await startFakeHub();
    hub.setSnapshot(officeSnapshot(5));
    const { link } = open(hub);
    expect(link.status().state).toBe('connecting');
    await waitFor(() => link.snapshot()?.revision === 5, 'the first snapshot');
    expect(link.status()).toMatchObject({ state: 'connected', problem: null });
    expect(link.status().lastUpdateAt).not.toBeNull();
    let changes = 0;
    link.onChange(() => (changes += 1));
    hub.setSnapshot(officeSnapshot(6));
    await waitFor(() => link.snapshot()?.revision === 6, 'the next snapshot');
    expect(changes).toBeGreaterThanOrEqual(1);
  });

  it('drops a late (older) snapshot on the same stream', async () => {
    hub = await startFakeHub();
    hub.setSnapshot(officeSnapshot(5));
    const { link } = open(hub);
    await waitFor(() => link.snapshot()?.revision === 5, 'the first snapshot');
    hub.setSnapshot(officeSnapshot(3));
    hub.setSnapshot(officeSnapshot(7, { day: '2026-11-24' }));
    await waitFor(() => link.snapshot()?.revision === 7, 'revision 7');
    expect(link.snapshot()?.day).toBe('2026-11-24');
  });

  it('counts and ignores a malformed snapshot, and stays connected', async () => {
    hub = await startFakeHub();
    hub.setSnapshot(officeSnapshot(5));
    const { link, counters } = open(hub);
    await waitFor(() => link.snapshot()?.revision === 5, 'the first snapshot');
    hub.sendRaw('event: snapshot\ndata: {"protocol":"okno-office/1","revision":99}\n\n');
    hub.sendRaw('event: snapshot\ndata: not json\n\n');
    hub.setSnapshot(officeSnapshot(8));
    await waitFor(() => link.snapshot()?.revision === 8, 'the snapshot after the bad ones');
    expect(counters.hubBadAnswers).toBe(2);
    expect(link.status().state).toBe('connected');
  });

  it('says "connecting" when the hub goes away, keeps the last snapshot, and re-syncs within 2 s of its return', async () => {
    hub = await startFakeHub();
    hub.setSnapshot(officeSnapshot(50));
    const { link, counters } = open(hub);
    await waitFor(() => link.snapshot()?.revision === 50, 'the first snapshot');
    await hub.stop();
    await waitFor(() => link.status().state === 'connecting', 'the link to see the hub gone');
    expect(link.status().problem).toMatch(/no connection to the hub|closed the live stream/);
    expect(link.snapshot()?.revision).toBe(50);
    // A hub that came back from its journal may be at a lower revision: the first snapshot replaces everything.
    hub.setSnapshot(officeSnapshot(2));
    await hub.start();
    const back = Date.now();
    await waitFor(() => link.snapshot()?.revision === 2, 'the re-sync', 5_000);
    expect(Date.now() - back).toBeLessThan(2_000);
    expect(link.status().state).toBe('connected');
    expect(counters.hubStreamConnects).toBe(2);
  });

  it('is refused with a technician’s reason when the token is not the hub’s', async () => {
    hub = await startFakeHub();
    const { link, counters } = open(hub, { token: 'not-the-hubs-token-at-all' });
    await waitFor(() => link.status().state === 'refused', 'the refusal');
    expect(link.status().problem).toContain('HTTP 401');
    expect(link.status().problem).not.toContain('not-the-hubs-token');
    expect(counters.hubRefusals).toBe(1);
    expect(link.snapshot()).toBeNull();
  });

  it('is refused on a wrong fingerprint, and the hub never receives the token', async () => {
    hub = await startFakeHub();
    const { link } = open(hub, { fingerprint: WRONG });
    await waitFor(() => link.status().state === 'refused', 'the refusal');
    expect(link.status().problem).toBe(`the hub's certificate fingerprint is ${hub.fingerprint} not the pinned ${WRONG}`);
    await expect(link.command({ command: 'call-next', idempotencyKey: KEY })).resolves.toMatchObject({ ok: false, refusal: 'offline' });
    await expect(link.ahead('passport', 500)).resolves.toBeNull();
    expect(hub.received).toEqual([]);
  });

  it('asks for people ahead, and gives null when the hub does not answer in time', async () => {
    hub = await startFakeHub();
    const { link } = open(hub);
    await expect(link.ahead('passport', 1_000)).resolves.toEqual({ serviceId: 'passport', ahead: 0, estimateMinutes: null });
    expect(hub.received.some((request) => request.path === `${OFFICE_PATHS.ahead}?service=passport`)).toBe(true);
    hub.answer(OFFICE_PATHS.ahead, () => 'hang');
    const started = Date.now();
    await expect(link.ahead('passport', 300)).resolves.toBeNull();
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('counts a malformed answer to "ahead" and gives null', async () => {
    hub = await startFakeHub();
    const { link, counters } = open(hub);
    hub.answer(OFFICE_PATHS.ahead, () => ({ status: 200, body: { ahead: 'many' } }));
    await expect(link.ahead('passport', 1_000)).resolves.toBeNull();
    expect(counters.hubBadAnswers).toBe(1);
  });

  it('sends commands and sign-ins and passes the hub’s answer on, refusals included', async () => {
    hub = await startFakeHub();
    const { link } = open(hub);
    await expect(link.command({ command: 'call-next', idempotencyKey: KEY })).resolves.toMatchObject({ ok: true });
    expect(JSON.parse(hub.received.find((request) => request.path === OFFICE_PATHS.command)?.body ?? '{}')).toEqual({ command: 'call-next', idempotencyKey: KEY });
    hub.answer(OFFICE_PATHS.signIn, () => ({ status: 200, body: { ok: false, refusal: 'wrong-pin', message: 'wrong PIN' } }));
    await expect(link.signIn('op1', '1234')).resolves.toEqual({ ok: false, refusal: 'wrong-pin', message: 'wrong PIN' });
    await expect(link.signOut()).resolves.toMatchObject({ ok: true });
  });

  it('answers "offline" when the hub is down or silent, and counts a malformed answer', async () => {
    hub = await startFakeHub();
    const { link, counters } = open(hub);
    hub.answer(OFFICE_PATHS.command, () => 'hang');
    await expect(link.command({ command: 'recall', idempotencyKey: KEY })).resolves.toMatchObject({ ok: false, refusal: 'offline' });
    hub.answer(OFFICE_PATHS.command, () => ({ status: 200, body: { ok: 'yes' } }));
    await expect(link.command({ command: 'recall', idempotencyKey: KEY })).resolves.toMatchObject({ ok: false, refusal: 'offline', message: expect.stringContaining('not understood') as unknown });
    expect(counters.hubBadAnswers).toBe(1);
    await hub.stop();
    await expect(link.signIn('op1', '1234')).resolves.toMatchObject({ ok: false, refusal: 'offline' });
    expect(counters.hubRequestFailures).toBeGreaterThanOrEqual(2);
  });

  it('asks a command again with the same key when its answer was lost (the hub restarting), so it acts once', async () => {
    hub = await startFakeHub();
    // Time enough for every try (250 + 500 + 1000 ms of pauses), however loaded the machine.
    const { link, counters } = open(hub, { requestTimeoutMs: 30_000 });
    await waitFor(() => link.status().state === 'connected', 'connected');
    await hub.stop();
    const sent = link.command({ command: 'call-next', idempotencyKey: KEY });
    await waitFor(() => counters.hubRequestFailures >= 1, 'the first try to fail');
    await hub.start();
    await expect(sent).resolves.toMatchObject({ ok: true });
    const commands = hub.received.filter((request) => request.path === OFFICE_PATHS.command);
    expect(commands.map((request) => (JSON.parse(request.body) as { idempotencyKey: string }).idempotencyKey)).toEqual([KEY]);
  });

  it('gives up a lost command within the request time, and never repeats a sign-in', async () => {
    hub = await startFakeHub();
    const { link, counters } = open(hub);
    await hub.stop();
    await expect(link.command({ command: 'recall', idempotencyKey: KEY })).resolves.toMatchObject({ ok: false, refusal: 'offline' });
    const afterCommand = counters.hubRequestFailures;
    expect(afterCommand).toBeGreaterThan(1);
    await expect(link.signIn('op1', '1234')).resolves.toMatchObject({ ok: false, refusal: 'offline' });
    expect(counters.hubRequestFailures).toBe(afterCommand + 1);
  });

  it('closes: no more reconnects, no more changes', async () => {
    hub = await startFakeHub();
    const { link } = open(hub);
    await waitFor(() => link.status().state === 'connected', 'connected');
    await link.close();
    const streamsBefore = hub.received.filter((request) => request.path === OFFICE_PATHS.stream).length;
    await waitFor(() => hub!.streams() === 0, 'the stream to close');
    await expect(link.command({ command: 'recall', idempotencyKey: KEY })).resolves.toMatchObject({ refusal: 'offline' });
    expect(hub.received.filter((request) => request.path === OFFICE_PATHS.stream)).toHaveLength(streamsBefore);
  });
});
