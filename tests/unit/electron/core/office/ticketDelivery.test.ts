import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../../electron/core/clock.ts';
import { readHubDeliveryReport } from '../../../../../electron/core/office/deliveryOutbox.ts';
import { deliveredTicketOf, MAX_DELIVERY_BYTES, startTicketDelivery, type TicketDelivery } from '../../../../../electron/core/office/ticketDelivery.ts';
import { systemScheduler } from '../../../../../electron/core/scheduler.ts';
import { openJournalStore } from '../../../../../electron/core/store/journalStore.ts';
import { DEFAULT_BODY_LIMIT } from '../../../../../electron/hub/hubServer.ts';
import { OFFICE_PATHS, type DeliveredTicket } from '../../../../../shared/office/officeProtocol.ts';
import { startFakeHub, type FakeHub } from '../../../../helpers/fakeHub.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';
import { waitFor } from '../../../../helpers/waitFor.ts';

const tempDir = useTempDirs();
const FAST = { minMs: 20, maxMs: 100 };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: { hub?: FakeHub; batchSize?: number; refusedRetryMs?: number } = {}) {
  const hub = options.hub ?? (await startFakeHub());
  const store = openJournalStore({ file: join(tempDir(), 'journal.sqlite'), deviceId: 'disp-1', timeZone: 'Europe/Moscow', clock: systemClock });
  cleanups.push(() => hub.close());
  cleanups.push(() => store.close());
  let number = 0;
  const issue = (payload: Partial<{ day: string; issuedAt: string; service: string }> = {}): string => {
    number += 1;
    const event = store.journal().append('ticket.issued', { ticketId: uuidv7(), number: `П-${String(number).padStart(3, '0')}`, service: 'passport', printed: 'yes', ...payload });
    return event.id;
  };
  let delivery: TicketDelivery | null = null;
  const start = (): TicketDelivery => {
    delivery = startTicketDelivery({
      hub: { url: hub.url, token: hub.token, fingerprint: hub.fingerprint },
      deviceId: 'disp-1',
      store,
      clock: systemClock,
      scheduler: systemScheduler,
      backoff: FAST,
      refusedRetryMs: options.refusedRetryMs ?? 100,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    });
    const started = delivery;
    const unsubscribe = store.onAppended(() => started.notifyAppended());
    cleanups.push(async () => {
      unsubscribe();
      await started.stop();
    });
    return started;
  };
  const report = () => readHubDeliveryReport(store.database(), 5);
  /** Every ticket acknowledged (the progress row exists once the delivery started). */
  const allDelivered = (): boolean => report().configured && report().pending === 0;
  return { hub, store, issue, start, report, allDelivered, delivery: () => delivery };
}

describe('the dispenser’s tickets to the hub', () => {
  it('a journal row becomes the hub’s ticket, the local day and issue time filled in from occurredAt when the payload has none', () => {
    const id = uuidv7();
    const ticketId = uuidv7();
    expect(deliveredTicketOf({ seq: 4, id, occurredAt: '2026-11-23T00:14:58.004+03:00', payload: JSON.stringify({ ticketId, number: 'П-001', service: 'passport', printed: 'yes' }) })).toEqual({
      eventId: id,
      ticketId,
      number: 'П-001',
      serviceId: 'passport',
      day: '2026-11-23',
      issuedAt: '2026-11-23T00:14:58.004+03:00',
    } satisfies DeliveredTicket);
    expect(
      deliveredTicketOf({ seq: 4, id, occurredAt: '2026-11-23T00:14:58.004+03:00', payload: JSON.stringify({ ticketId, number: 'П-001', service: 'passport', printed: 'no', day: '2026-11-22', issuedAt: 'x'.repeat(10) }) }),
    ).toMatchObject({ day: '2026-11-22', issuedAt: 'xxxxxxxxxx' });
    expect(deliveredTicketOf({ seq: 5, id, occurredAt: '2026-11-23T00:14:58.004+03:00', payload: '{' })).toBe('seq 5: the payload is not JSON');
    expect(deliveredTicketOf({ seq: 6, id, occurredAt: '2026-11-23T00:14:58.004+03:00', payload: '{"number":"П-001"}' })).toBe('seq 6: not a ticket.issued payload');
  });

  it('delivers every ticket once, in issue order, soon after it is committed, and moves the progress', async () => {
    const { hub, issue, start, report, store, allDelivered } = await setup();
    const before = issue();
    store.journal().append('device.started', { version: '1', mode: 'tickets' });
    start();
    await waitFor(() => hub.queued.length === 1, 'the ticket issued before the start');
    const ids = [before];
    for (let i = 0; i < 5; i += 1) ids.push(issue());
    await waitFor(() => hub.queued.length === 6, 'the new tickets');
    expect(hub.queued.map((ticket) => ticket.eventId)).toEqual(ids);
    expect(hub.deliveries).toHaveLength(6);
    expect(hub.received.every((request) => request.authorization === `Bearer ${hub.token}`)).toBe(true);
    expect(JSON.parse(hub.received[0]!.body)).toMatchObject({ deviceId: 'disp-1' });
    await waitFor(allDelivered, 'the progress to move');
    expect(report()).toMatchObject({ configured: true, pending: 0, lastError: null });
    expect(report().lastSuccessAt).not.toBeNull();
  });

  it('keeps tickets while the hub is down and delivers them, in order and exactly once, when it returns', async () => {
    const { hub, issue, start, report, allDelivered } = await setup();
    await hub.stop();
    const delivery = start();
    const ids = Array.from({ length: 8 }, () => issue());
    await waitFor(() => delivery.status().attempt >= 2, 'a few failed tries');
    expect(report()).toMatchObject({ pending: 8 });
    expect(report().lastError).toMatch(/no connection to the hub/);
    await hub.start();
    delivery.drainNow();
    await waitFor(allDelivered, 'the delivery after the return');
    expect(hub.queued.map((ticket) => ticket.eventId)).toEqual(ids);
    expect(hub.deliveries).toHaveLength(8);
    expect(delivery.counters().hubTicketsDelivered).toBe(8);
    expect(delivery.status()).toMatchObject({ state: 'idle', attempt: 0, lastError: null });
  });

  it('sends in batches of at most batchSize, oldest first', async () => {
    const { hub, issue, start, allDelivered } = await setup({ batchSize: 3 });
    const ids = Array.from({ length: 7 }, () => issue());
    start();
    await waitFor(allDelivered, 'all delivered');
    const batches = hub.received.filter((request) => request.path === OFFICE_PATHS.tickets).map((request) => (JSON.parse(request.body) as { tickets: unknown[] }).tickets.length);
    expect(batches).toEqual([3, 3, 1]);
    expect(hub.queued.map((ticket) => ticket.eventId)).toEqual(ids);
  });

  it('a backlog of 500 tickets goes in requests the hub takes (under its 64 KiB body limit), in order, each once', async () => {
    const { hub, issue, start, allDelivered } = await setup();
    const ids = Array.from({ length: 500 }, () => issue());
    start();
    await waitFor(allDelivered, 'all delivered', 10_000);
    const bodies = hub.received.filter((request) => request.path === OFFICE_PATHS.tickets).map((request) => Buffer.byteLength(request.body));
    expect(bodies.length).toBeGreaterThan(1);
    expect(Math.max(...bodies)).toBeLessThanOrEqual(MAX_DELIVERY_BYTES);
    expect(MAX_DELIVERY_BYTES).toBeLessThan(DEFAULT_BODY_LIMIT);
    expect(hub.queued.map((ticket) => ticket.eventId)).toEqual(ids);
    expect(hub.deliveries).toHaveLength(500);
  });

  it('a lost answer means the batch goes again, and the hub counts it as duplicates (never a second ticket)', async () => {
    const { hub, issue, start, allDelivered } = await setup();
    let lose = true;
    hub.answer(OFFICE_PATHS.tickets, (request) => {
      if (!lose) return { status: 200, body: { accepted: 0, duplicates: (JSON.parse(request.body) as { tickets: unknown[] }).tickets.length, refused: [] } };
      lose = false;
      return { status: 503, body: { error: 'unavailable', message: 'busy' } };
    });
    issue();
    issue();
    const delivery = start();
    await waitFor(allDelivered, 'the delivery after the 503');
    expect(hub.received.filter((request) => request.path === OFFICE_PATHS.tickets)).toHaveLength(2);
    expect(delivery.counters()).toMatchObject({ hubDeliveryFailures: 1, hubTicketDuplicates: 2 });
  });

  it('a refusal (4xx) keeps every ticket, says why, and is tried again slowly', async () => {
    const { hub, issue, start, report, allDelivered } = await setup({ refusedRetryMs: 150 });
    hub.answer(OFFICE_PATHS.tickets, () => ({ status: 403, body: { error: 'forbidden', message: 'not a dispenser' } }));
    issue();
    const delivery = start();
    await waitFor(() => delivery.status().state === 'refused', 'the refusal');
    expect(report()).toMatchObject({ pending: 1 });
    expect(report().lastError).toBe("the hub refused the tickets (HTTP 403: forbidden): check hub.url, hub.token and the hub's devices");
    // A new ticket does not hurry a refused delivery.
    const tries = hub.received.length;
    issue();
    expect(hub.received.length).toBe(tries);
    hub.answer(OFFICE_PATHS.tickets, null);
    await waitFor(allDelivered, 'the delivery once the hub takes them');
    expect(hub.queued).toHaveLength(2);
  });

  it('counts an answer it does not understand and keeps the tickets', async () => {
    const { hub, issue, start, allDelivered } = await setup();
    let bad = 2;
    hub.answer(OFFICE_PATHS.tickets, () => {
      if (bad === 0) return { status: 200, body: { accepted: 1, duplicates: 0, refused: [] } };
      bad -= 1;
      return { status: 200, body: { ok: true } };
    });
    issue();
    const delivery = start();
    await waitFor(allDelivered, 'the delivery after the bad answers');
    expect(delivery.counters().hubDeliveryBadAnswers).toBe(2);
  });

  it('a wrong fingerprint: nothing is sent, the tickets wait, the reason is kept', async () => {
    const { hub, store } = await setup();
    const wrong = Array.from({ length: 32 }, () => 'EF').join(':');
    store.journal().append('ticket.issued', { ticketId: uuidv7(), number: 'П-001', service: 'passport', printed: 'yes' });
    const delivery = startTicketDelivery({ hub: { url: hub.url, token: hub.token, fingerprint: wrong }, deviceId: 'disp-1', store, clock: systemClock, scheduler: systemScheduler, refusedRetryMs: 60_000 });
    cleanups.push(() => delivery.stop());
    await waitFor(() => delivery.status().state === 'refused', 'the refusal');
    expect(delivery.status().lastError).toContain('not the pinned');
    expect(hub.received).toEqual([]);
    expect(readHubDeliveryReport(store.database(), 5)).toMatchObject({ pending: 1 });
  });
});
