import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import { openJournalStore } from '../../../../../electron/core/store/journalStore.ts';
import { requeueQuarantined } from '../../../../../electron/core/sync/outbox.ts';
import { startSync } from '../../../../../electron/core/sync/syncService.ts';
import { readSyncReport } from '../../../../../electron/core/sync/syncReport.ts';
import { requeuedDraft, type Uploader } from '../../../../../electron/core/sync/uploader.ts';
import { batchBody } from '../../../../../electron/core/sync/batching.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';
import { waitFor } from '../../../../helpers/waitFor.ts';
import { ScriptedTransport, status } from './scriptedTransport.ts';

/**
 * A wrong endpoint is not a bad batch (issue #11, defect 2): 404/405/… pause like 401/403 and keep
 * the backlog; only the collector's documented refusal quarantines, and a quarantined batch can be
 * requeued and then goes out exactly once.
 */
const tempDir = useTempDirs();

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

function device(options: { retentionDays?: number } = {}) {
  const time = new FakeTime();
  const config = parseConfig(
    {
      device: { id: 'mfc-tverskoy-w05', office: 'МФЦ', window: '5' },
      sync: { endpoint: 'http://127.0.0.1:9/wrong/', token: 'secret', intervalSeconds: 30, timeoutSeconds: 5, retentionDays: options.retentionDays ?? 90 },
    },
    'test',
  );
  const store = openJournalStore({ file: join(tempDir(), 'okno.db'), deviceId: config.device.id, timeZone: config.device.timezone, clock: time });
  const transport = new ScriptedTransport();
  let uploader: Uploader | null = null;
  const append = (n: number): void => {
    for (let i = 0; i < n; i += 1) store.journal().append('rating.submitted', { score: 1 + (i % 5), scale: 5, source: 'touch', window: '5' });
  };
  const report = () => readSyncReport(store.database(), 4, time.now());
  const begin = (): Uploader => {
    uploader = startSync({ config, store, clock: time, scheduler: time, tuning: { transport, gzip: false, random: () => 0.5, debounceMs: 200, limits: { maxEvents: 5, maxBytes: 256 * 1024 } } });
    time.advance(0);
    return uploader!;
  };
  /** A technician corrects sync.endpoint: the kiosk restarts with a new uploader. */
  const restart = async (): Promise<Uploader> => {
    await uploader?.stop();
    return begin();
  };
  cleanup = async () => {
    await uploader?.stop();
    store.close();
  };
  const idle = () => waitFor(() => uploader!.status().state !== 'sending' && transport.inFlight === 0 && time.pendingTimers() > 0, 'the uploader to wait', 5_000, 5);
  const quarantined = () => store.database().prepare('SELECT first_seq AS firstSeq, last_seq AS lastSeq, device_id AS deviceId, requeued_at AS requeuedAt FROM sync_quarantine').all();
  return { time, store, transport, append, report, begin, restart, idle, quarantined };
}

const NOT_FOUND = '{"error":"not-found","reason":"POST /wrong/v1/batches"}';

describe('a wrong endpoint', () => {
  it('404 pauses with the backlog kept (nothing quarantined), and everything goes once the endpoint is fixed', async () => {
    const d = device();
    d.append(12);
    d.transport.fallback = () => status(404, {}, NOT_FOUND);
    const uploader = d.begin();
    await d.idle();
    // One request, then a pause: not a quarantine per batch within seconds.
    d.time.advance(60_000);
    await d.idle();
    expect(d.transport.sent).toHaveLength(1);
    expect(uploader.status().state).toBe('paused');
    expect(d.report()).toMatchObject({
      pending: 12,
      quarantinedBatches: 0,
      pausedKind: 'endpoint',
      paused: expect.stringContaining('HTTP 404 not-found: POST /wrong/v1/batches'),
    });
    expect(uploader.counters()).toMatchObject({ syncEndpointRefusals: 1, syncBatchesQuarantined: 0 });
    // New votes do not hammer a collector that said "not here".
    d.append(1);
    d.time.advance(1_000);
    await d.idle();
    expect(d.transport.sent).toHaveLength(1);

    d.transport.fallback = (batch) => ({ kind: 'answer', status: 200, headers: {}, body: JSON.stringify({ accepted: batch.events.length, duplicates: 0 }) });
    await d.restart();
    await waitFor(() => d.report().pending === 0, 'the backlog after the fix', 5_000, 5);
    const seqs = d.transport.sent.slice(1).flatMap((batch) => batch.events.map((event) => event.seq));
    expect(seqs).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(d.report()).toMatchObject({ paused: null, pausedKind: null, quarantinedBatches: 0 });
  });

  it('looks again at the backoff cap, and goes on by itself when the endpoint answers again', async () => {
    const d = device();
    d.append(3);
    d.transport.script.push(() => status(405, { allow: 'GET' }));
    d.begin();
    await d.idle();
    expect(d.report().pausedKind).toBe('endpoint');
    d.time.advance(900_000);
    await waitFor(() => d.report().pending === 0, 'the look at the backoff cap', 5_000, 5);
    expect(d.report().paused).toBeNull();
  });
});

describe('quarantine and requeue', () => {
  it('a documented refusal is quarantined; requeued, it goes out exactly once and leaves the quarantine', async () => {
    const d = device({ retentionDays: 1 });
    d.append(9);
    d.transport.script.push(() => status(400, {}, '{"error":"invalid-batch","reason":"events.2.type: bad"}'));
    const uploader = d.begin();
    await waitFor(() => d.report().pending === 0, 'the drain past the quarantined batch', 5_000, 5);
    expect(d.quarantined()).toEqual([{ firstSeq: 1, lastSeq: 5, deviceId: 'mfc-tverskoy-w05', requeuedAt: null }]);

    // Long past the retention: acknowledged events go, the quarantined ones stay (they are sent from the journal).
    d.time.advance(3 * 86_400_000);
    await d.idle();
    d.time.advance(30_000);
    await waitFor(() => uploader.counters().syncEventsPruned > 0, 'the hourly prune', 5_000, 5);
    await d.idle();
    expect(uploader.counters().syncEventsPruned).toBe(4);
    expect(d.store.journal().readAfter(0, 100).map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);

    expect(requeueQuarantined(d.store.database(), '2026-11-26T10:00:00.000+03:00')).toEqual({ batches: 1, events: 5 });
    expect(d.report()).toMatchObject({ quarantinedBatches: 1, requeuedBatches: 1 });
    // Marked twice (the CLI and the screen): still one batch, sent once.
    expect(requeueQuarantined(d.store.database(), '2026-11-26T10:00:01.000+03:00')).toEqual({ batches: 0, events: 0 });
    const before = d.transport.sent.length;
    d.time.advance(30_000);
    await waitFor(() => d.report().quarantinedBatches === 0, 'the requeued batch to be acknowledged', 5_000, 5);
    d.time.advance(30_000);
    await d.idle();
    d.time.advance(30_000);
    await d.idle();
    const again = d.transport.sent.slice(before);
    expect(again.map((batch) => batch.events.map((event) => event.seq))).toEqual([[1, 2, 3, 4, 5]]);
    expect(uploader.counters()).toMatchObject({ syncBatchesRequeuedSent: 1 });
    expect(d.report()).toMatchObject({ pending: 0, quarantinedBatches: 0, requeuedBatches: 0 });
  });

  it('a requeued batch refused again stays quarantined, no longer marked', async () => {
    const d = device();
    d.append(2);
    const refuse = () => status(422, {}, '{"error":"invalid-batch","reason":"still bad"}');
    d.transport.script.push(refuse);
    d.begin();
    await waitFor(() => d.report().quarantinedBatches === 1, 'the quarantine', 5_000, 5);
    requeueQuarantined(d.store.database(), '2026-11-23T10:20:00.000+03:00');
    d.transport.script.push(refuse);
    d.time.advance(30_000);
    await waitFor(() => d.report().requeuedBatches === 0, 'the second refusal', 5_000, 5);
    expect(d.report()).toMatchObject({ quarantinedBatches: 1, quarantinedEvents: 2 });
    expect(d.quarantined()).toEqual([{ firstSeq: 1, lastSeq: 2, deviceId: 'mfc-tverskoy-w05', requeuedAt: null }]);
    expect(d.transport.sent).toHaveLength(2);
  });

  it('a requeued batch whose events an older okno pruned goes out from the body it was kept with, byte for byte', () => {
    const events = ['{"id":"01936f5e-1111-7000-8000-000000000001","seq":7,"type":"device.started","occurredAt":"2026-11-23T10:14:58.004+03:00","payload":{"n":1.50}}'];
    const body = batchBody('mfc-a', '01936f5e-7a2b-7c3d-8e4f-5a6b7c8d9e0f', '2026-11-23T10:15:02.120+03:00', { firstSeq: 7, lastSeq: 7, count: 1, events });
    const batch = { deviceId: 'mfc-a', batchId: 'q', firstSeq: 7, lastSeq: 7, count: 1, body };
    expect(requeuedDraft(batch, [])).toEqual({ firstSeq: 7, lastSeq: 7, count: 1, events });
    expect(requeuedDraft(batch, [{ seq: 7, json: 'from-the-journal' }])?.events).toEqual(['from-the-journal']);
    expect(requeuedDraft({ ...batch, body: '{}' }, [])).toBeNull();
    expect(requeuedDraft({ ...batch, count: 2 }, [])).toBeNull();
  });
});
