import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { HttpOutcome } from '../../../../../electron/core/sync/answer.ts';
import { startSync } from '../../../../../electron/core/sync/syncService.ts';
import { createDeliveryOutbox, HUB_ANNOUNCEMENTS_TARGET } from '../../../../../electron/core/office/deliveryOutbox.ts';
import { readSyncReport } from '../../../../../electron/core/sync/syncReport.ts';
import type { Uploader } from '../../../../../electron/core/sync/uploader.ts';
import { parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import { openJournalStore } from '../../../../../electron/core/store/journalStore.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';
import { waitFor } from '../../../../helpers/waitFor.ts';
import { ok, ScriptedTransport, status, type SentBatch } from './scriptedTransport.ts';

const tempDir = useTempDirs();

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

function device(options: { maxEvents?: number; retentionDays?: number } = {}) {
  const time = new FakeTime();
  const config = parseConfig(
    {
      device: { id: 'mfc-tverskoy-w05', office: 'МФЦ', window: '5' },
      sync: { endpoint: 'http://127.0.0.1:9/', token: 'secret', intervalSeconds: 30, timeoutSeconds: 5, retentionDays: options.retentionDays ?? 90 },
    },
    'test',
  );
  const store = openJournalStore({ file: join(tempDir(), 'okno.db'), deviceId: config.device.id, timeZone: config.device.timezone, clock: time });
  const transport = new ScriptedTransport();
  let uploader: Uploader | null = null;
  const append = (n: number): void => {
    for (let i = 0; i < n; i += 1) store.journal().append('rating.submitted', { score: 1 + (i % 5), scale: 5, source: 'touch', window: '5' });
  };
  const report = () => readSyncReport(store.database(), 2, time.now());
  const begin = (): Uploader => {
    uploader = startSync({ config, store, clock: time, scheduler: time, tuning: { transport, gzip: false, random: () => 0.5, debounceMs: 200, limits: { maxEvents: options.maxEvents ?? 5, maxBytes: 256 * 1024 } } });
    return uploader!;
  };
  cleanup = async () => {
    await uploader?.stop();
    store.close();
  };
  /** Lets the uploader's promises run (gzip, transport) until it waits on a timer again. */
  const idle = () => waitFor(() => uploader!.status().state !== 'sending' && transport.inFlight === 0 && time.pendingTimers() > 0, 'the uploader to wait', 5_000, 5);
  return { time, store, transport, append, report, begin, idle };
}

describe('uploader', () => {
  it('drains the backlog at start in seq order, in batches, and records progress', async () => {
    const d = device();
    d.append(12);
    const uploader = d.begin();
    d.time.advance(0);
    await waitFor(() => d.report().pending === 0, 'the backlog to drain', 5_000, 5);
    expect(d.transport.sent.map((batch) => batch.events.map((event) => event.seq))).toEqual([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12]]);
    expect(d.transport.sent[0]).toMatchObject({ deviceId: 'mfc-tverskoy-w05', sentAt: expect.stringMatching(/\+03:00$/) });
    expect(d.report()).toMatchObject({ pending: 0, lastSuccessAt: expect.any(String), lastError: null, clockOffsetMs: expect.any(Number) });
    expect(uploader.counters()).toMatchObject({ syncRequests: 3, syncBatchesAcknowledged: 3, syncEventsAccepted: 12 });
    expect(d.transport.maxInFlight).toBe(1);
  });

  it('sends new events shortly after they are committed (debounced), and on the interval', async () => {
    const d = device();
    d.begin();
    d.time.advance(0);
    await d.idle();
    expect(d.transport.sent).toHaveLength(0);
    d.append(2);
    d.time.advance(199);
    await d.idle();
    expect(d.transport.sent).toHaveLength(0);
    d.time.advance(1);
    await waitFor(() => d.report().pending === 0, 'the debounced send', 5_000, 5);
    expect(d.transport.sent).toHaveLength(1);
    expect(d.transport.sent[0]!.events).toHaveLength(2);
  });

  it('backs off on failures, honours Retry-After, and goes straight on once the failure clears', async () => {
    const d = device();
    d.append(7);
    d.transport.script.push(
      () => ({ kind: 'network', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }),
      () => status(503, { 'retry-after': '7' }),
      () => status(429, { 'retry-after': 'Mon, 23 Nov 2026 07:16:00 GMT' }),
    );
    d.begin();
    d.time.advance(0);
    await d.idle();
    expect(d.transport.sent).toHaveLength(1);
    expect(d.report()).toMatchObject({ pending: 7, lastError: 'network: ECONNREFUSED connect ECONNREFUSED' });
    // attempt 1, random 0.5: ceiling 1 s → 550 ms
    d.time.advance(549);
    await d.idle();
    expect(d.transport.sent).toHaveLength(1);
    d.time.advance(1);
    await d.idle();
    expect(d.transport.sent).toHaveLength(2);
    d.time.advance(6_999);
    await d.idle();
    expect(d.transport.sent).toHaveLength(2);
    d.time.advance(1);
    await d.idle();
    expect(d.transport.sent).toHaveLength(3);
    expect(d.report().lastError).toBe('HTTP 429');
    // The HTTP date is 54.4 s after the fake clock's now (07:15:05.554Z).
    d.time.advance(54_445);
    await d.idle();
    expect(d.transport.sent).toHaveLength(3);
    d.time.advance(1);
    await waitFor(() => d.report().pending === 0, 'the drain after the failure cleared', 5_000, 5);
    expect(d.transport.sent.map((batch) => batch.events[0]!.seq)).toEqual([1, 1, 1, 1, 6]);
    expect(d.report()).toMatchObject({ lastError: null });
  });

  it('splits a batch the collector finds too large (413), down to one event, then quarantines that one', async () => {
    const d = device({ maxEvents: 8 });
    d.append(8);
    const tooLarge = (batch: SentBatch) => (batch.events.some((event) => event.seq === 3) ? status(413) : ok(batch.events.length));
    d.transport.script.push(tooLarge, tooLarge, tooLarge, tooLarge, tooLarge, tooLarge);
    const uploader = d.begin();
    d.time.advance(0);
    await waitFor(() => d.report().pending === 0, 'the split drain', 5_000, 5);
    expect(d.transport.sent.map((batch) => batch.events.map((event) => event.seq))).toEqual([
      [1, 2, 3, 4, 5, 6, 7, 8],
      [1, 2, 3, 4],
      [1, 2],
      [3, 4],
      [3],
      [4],
      [5, 6, 7, 8],
    ]);
    expect(d.report()).toMatchObject({ quarantinedBatches: 1, quarantinedEvents: 1 });
    expect(uploader.counters()).toMatchObject({ syncBatchesSplit: 4, syncBatchesQuarantined: 1 });
  });

  it('quarantines a batch refused with another 4xx, keeps it whole, and goes on', async () => {
    const d = device();
    d.append(9);
    d.transport.script.push(() => status(400, {}, '{"error":"invalid-batch","reason":"events.2.type: bad"}'));
    d.begin();
    d.time.advance(0);
    await waitFor(() => d.report().pending === 0, 'the drain past the quarantined batch', 5_000, 5);
    expect(d.transport.sent.map((batch) => batch.events[0]!.seq)).toEqual([1, 6]);
    const kept = d.store.database().prepare('SELECT first_seq, last_seq, event_count, status, reason, body FROM sync_quarantine').all() as { body: string }[];
    expect(kept).toEqual([{ first_seq: 1, last_seq: 5, event_count: 5, status: 400, reason: 'HTTP 400 invalid-batch: events.2.type: bad', body: expect.any(String) }]);
    expect((JSON.parse(kept[0]!.body) as SentBatch).events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(d.report()).toMatchObject({ quarantinedBatches: 1, quarantinedEvents: 5, lastError: null });
  });

  it('pauses on 401/403, ignores new events meanwhile, and looks again at the backoff cap', async () => {
    const d = device();
    d.append(2);
    d.transport.script.push(() => status(401, {}, '{"error":"unauthorized","reason":"missing or unknown device token"}'));
    const uploader = d.begin();
    d.time.advance(0);
    await d.idle();
    expect(uploader.status().state).toBe('paused');
    expect(d.report().paused).toBe('HTTP 401 unauthorized: missing or unknown device token');
    d.append(1);
    d.time.advance(60_000);
    await d.idle();
    expect(d.transport.sent).toHaveLength(1);
    d.time.advance(900_000);
    await waitFor(() => d.report().pending === 0, 'the drain after the token was fixed', 5_000, 5);
    expect(d.report().paused).toBeNull();
  });

  it('a 200 that is not okno-sync/1 is counted and retried, never taken as an acknowledgement', async () => {
    const d = device();
    d.append(2);
    d.transport.script.push(() => status(200, {}, '<html>captive portal</html>'));
    const uploader = d.begin();
    d.time.advance(0);
    await d.idle();
    expect(d.report().pending).toBe(2);
    expect(uploader.counters().syncBadAnswers).toBe(1);
    d.time.advance(1_000);
    await waitFor(() => d.report().pending === 0, 'the retry', 5_000, 5);
  });

  it('prunes acknowledged events past sync.retentionDays, never pending ones', async () => {
    const d = device({ retentionDays: 1 });
    d.append(6);
    const uploader = d.begin();
    d.time.advance(0);
    await waitFor(() => d.report().pending === 0, 'the first drain', 5_000, 5);
    d.transport.script.push(() => ({ kind: 'network', code: 'ECONNREFUSED', message: 'down' }));
    d.time.advance(2 * 86_400_000);
    await d.idle();
    d.append(2);
    d.time.advance(200);
    await waitFor(() => uploader.counters().syncFailures === 1, 'the next cycle', 5_000, 5);
    expect(uploader.counters().syncEventsPruned).toBe(6);
    expect(d.store.journal().readAfter(0, 100).map((event) => event.seq)).toEqual([7, 8]);
    expect(d.report().pending).toBe(2);
  });

  it("keeps the tickets the office hub has not acknowledged past sync.retentionDays, whatever the collector has", async () => {
    const d = device({ retentionDays: 1 });
    // A dispenser with a hub: the second outbox target, acknowledged up to the first ticket only.
    const delivery = createDeliveryOutbox(d.store.database());
    const ticket = (number: number) =>
      d.store.journal().append('ticket.issued', { ticketId: uuidv7(), number: `П-00${number}`, service: 'passport', printed: 'yes' });
    d.append(2);
    const first = ticket(1);
    ticket(2);
    d.append(1);
    delivery.acknowledge(first.seq, d.time.now().toISOString());
    const uploader = d.begin();
    d.time.advance(0);
    await waitFor(() => d.report().pending === 0, 'the first drain', 5_000, 5);
    d.transport.script.push(() => ({ kind: 'network', code: 'ECONNREFUSED', message: 'down' }));
    d.time.advance(2 * 86_400_000);
    await d.idle();
    d.append(1);
    d.time.advance(200);
    await waitFor(() => uploader.counters().syncFailures === 1, 'the next cycle', 5_000, 5);
    // Ratings and the delivered ticket went; ticket П-002 waits for the hub, and the new rating for the collector.
    expect(d.store.journal().readAfter(0, 100).map((event) => [event.seq, event.type])).toEqual([
      [4, 'ticket.issued'],
      [6, 'rating.submitted'],
    ]);
    expect(uploader.counters().syncEventsPruned).toBe(4);
  });

  it("keeps a hall board's announcements the office hub has not acknowledged past sync.retentionDays", async () => {
    const d = device({ retentionDays: 1 });
    // A hall board with a hub: its own outbox target, acknowledged up to the first announcement only.
    const delivery = createDeliveryOutbox(d.store.database(), HUB_ANNOUNCEMENTS_TARGET);
    const announced = () =>
      d.store.journal().append('hall.announced', { announcementId: uuidv7(), ticketId: uuidv7(), number: 'П-001', recall: 0, deviceId: 'd', outcome: 'played', reason: null, at: d.time.now().toISOString() });
    d.append(2);
    const first = announced();
    announced();
    d.append(1);
    delivery.acknowledge(first.seq, d.time.now().toISOString());
    const uploader = d.begin();
    d.time.advance(0);
    await waitFor(() => d.report().pending === 0, 'the first drain', 5_000, 5);
    d.transport.script.push(() => ({ kind: 'network', code: 'ECONNREFUSED', message: 'down' }));
    d.time.advance(2 * 86_400_000);
    await d.idle();
    d.append(1);
    d.time.advance(200);
    await waitFor(() => uploader.counters().syncFailures === 1, 'the next cycle', 5_000, 5);
    expect(d.store.journal().readAfter(0, 100).map((event) => [event.seq, event.type])).toEqual([
      [4, 'hall.announced'],
      [6, 'rating.submitted'],
    ]);
    expect(uploader.counters().syncEventsPruned).toBe(4);
  });

  it('stop aborts the request in flight and leaves the events pending', async () => {
    const d = device();
    d.append(2);
    d.transport.script.push(() => new Promise<HttpOutcome>(() => {}));
    const uploader = d.begin();
    d.time.advance(0);
    await waitFor(() => d.transport.inFlight === 1, 'the request to start', 5_000, 5);
    await uploader.stop();
    expect(d.transport.aborted).toBe(1);
    expect(d.report().pending).toBe(2);
    expect(d.time.pendingTimers()).toBe(0);
  });
});
