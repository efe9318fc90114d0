import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import { MIGRATIONS } from '../../../../../electron/core/store/migrations.ts';
import { openDatabase } from '../../../../../electron/core/store/openDatabase.ts';
import { openJournalStore, type JournalStore, type JournalSyncAccess } from '../../../../../electron/core/store/journalStore.ts';
import { startSync } from '../../../../../electron/core/sync/syncService.ts';
import { readSyncReport } from '../../../../../electron/core/sync/syncReport.ts';
import type { Uploader } from '../../../../../electron/core/sync/uploader.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';
import { waitFor } from '../../../../helpers/waitFor.ts';
import { ScriptedTransport, status } from './scriptedTransport.ts';

/**
 * okno-sync/1 with more than one device id in one journal (a device renamed on its data directory):
 * every event goes under the id it was recorded with, with that id's token and progress; a rename
 * never re-sends; an old id without its token waits and says why (issue #11, defect 1).
 */
const tempDir = useTempDirs();

type Store = JournalStore & JournalSyncAccess;
const running: { uploader: Uploader | null; store: Store | null } = { uploader: null, store: null };
afterEach(async () => {
  await running.uploader?.stop();
  running.store?.close();
  running.uploader = null;
  running.store = null;
});

const vote = (store: Store, n: number): void => {
  for (let i = 0; i < n; i += 1) store.journal().append('rating.submitted', { score: 1 + (i % 5), scale: 5, source: 'touch', window: '5' });
};

/** One run of the kiosk as `deviceId` on `file`: the journal and (when started) its uploader. */
function kiosk(file: string, time: FakeTime, transport: ScriptedTransport, deviceId: string, token: string, previousTokens?: Record<string, string>) {
  const config = parseConfig(
    {
      device: { id: deviceId, office: 'МФЦ', window: '5' },
      sync: { endpoint: 'http://127.0.0.1:9/', token, intervalSeconds: 30, timeoutSeconds: 5, ...(previousTokens ? { previousTokens } : {}) },
    },
    'test',
  );
  const store = openJournalStore({ file, deviceId: config.device.id, timeZone: config.device.timezone, clock: time });
  running.store = store;
  const report = () => readSyncReport(store.database(), 4, time.now());
  return {
    store,
    report,
    start(): Uploader {
      running.uploader = startSync({ config, store, clock: time, scheduler: time, tuning: { transport, gzip: false, random: () => 0.5, debounceMs: 200, limits: { maxEvents: 50, maxBytes: 256 * 1024 } } });
      time.advance(0);
      return running.uploader!;
    },
    async close() {
      await running.uploader?.stop();
      running.uploader = null;
      store.close();
      running.store = null;
    },
  };
}

const idle = (time: FakeTime, transport: ScriptedTransport, uploader: Uploader) =>
  waitFor(() => uploader.status().state !== 'sending' && transport.inFlight === 0 && time.pendingTimers() > 0, 'the uploader to wait', 5_000, 5);

const recordedIds = (file: string): { deviceId: string; seq: number }[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT device_id AS deviceId, seq FROM events ORDER BY seq').all() as { deviceId: string; seq: number }[];
  } finally {
    db.close();
  }
};

/** The device ran as `mfc-a`: three events recorded and sent, then stopped (the next votes stay unsent). */
async function syncedAsA() {
  const file = join(tempDir(), 'okno.db');
  const time = new FakeTime();
  const transport = new ScriptedTransport();
  const a = kiosk(file, time, transport, 'mfc-a', 'token-a');
  vote(a.store, 3);
  const first = a.start();
  await waitFor(() => a.report().pending === 0, 'the first three to arrive', 5_000, 5);
  await first.stop();
  return { file, time, transport, a };
}

describe('a renamed device', () => {
  it('each event keeps the device id it was recorded under', async () => {
    const file = join(tempDir(), 'okno.db');
    const time = new FakeTime();
    const transport = new ScriptedTransport();
    const a = kiosk(file, time, transport, 'mfc-a', 'token-a');
    vote(a.store, 2);
    await a.close();
    const b = kiosk(file, time, transport, 'mfc-b', 'token-b');
    vote(b.store, 1);
    await b.close();
    expect(recordedIds(file).map((row) => row.deviceId)).toEqual(['mfc-a', 'mfc-a', 'mfc-b']);
  });

  it('sends the old id’s unsent events under the old id with its token, the new ones under the new id, and nothing twice', async () => {
    const { file, time, transport, a } = await syncedAsA();
    vote(a.store, 2); // recorded as mfc-a, not sent before the rename
    await a.close();

    const b = kiosk(file, time, transport, 'mfc-b', 'token-b', { 'mfc-a': 'token-a' });
    vote(b.store, 2);
    b.start();
    await waitFor(() => b.report().pending === 0, 'both ids to drain', 5_000, 5);

    const sentIds = transport.sent.flatMap((batch) => batch.events.map((event) => event.id));
    expect(new Set(sentIds).size).toBe(sentIds.length);
    expect(transport.sent.map((batch) => [batch.deviceId, batch.token, batch.events.map((event) => event.seq)])).toEqual([
      ['mfc-a', 'token-a', [1, 2, 3]],
      ['mfc-a', 'token-a', [4, 5]],
      ['mfc-b', 'token-b', [6, 7]],
    ]);
    expect(b.report()).toMatchObject({
      pending: 0,
      paused: null,
      devices: [
        { deviceId: 'mfc-a', pending: 0, ackedSeq: 5 },
        { deviceId: 'mfc-b', pending: 0, ackedSeq: 7 },
      ],
    });
  });

  it('without the old id’s token its unsent events wait, say why, and are never sent under the new id', async () => {
    const { file, time, transport, a } = await syncedAsA();
    vote(a.store, 2);
    await a.close();

    const b = kiosk(file, time, transport, 'mfc-b', 'token-b');
    vote(b.store, 2);
    const uploader = b.start();
    await waitFor(() => b.report().devices.find((device) => device.deviceId === 'mfc-b')?.pending === 0, 'the new id to drain', 5_000, 5);
    await idle(time, transport, uploader);
    time.advance(60_000);
    await idle(time, transport, uploader);

    expect(transport.sent.map((batch) => [batch.deviceId, batch.events.map((event) => event.seq)])).toEqual([
      ['mfc-a', [1, 2, 3]],
      ['mfc-b', [6, 7]],
    ]);
    const report = b.report();
    expect(report).toMatchObject({ pending: 2, pausedKind: 'no-token', paused: expect.stringContaining('no token for "mfc-a"') });
    expect(report.devices).toEqual([
      { deviceId: 'mfc-a', pending: 2, ackedSeq: 3, lastSuccessAt: expect.any(String), paused: expect.stringContaining('sync.previousTokens'), pausedKind: 'no-token' },
      { deviceId: 'mfc-b', pending: 0, ackedSeq: 7, lastSuccessAt: expect.any(String), paused: null, pausedKind: null },
    ]);
    expect(recordedIds(file).map((row) => row.deviceId)).toEqual(['mfc-a', 'mfc-a', 'mfc-a', 'mfc-a', 'mfc-a', 'mfc-b', 'mfc-b']);
  });

  it('a refused old token pauses only the old id; the new id goes on', async () => {
    const file = join(tempDir(), 'okno.db');
    const time = new FakeTime();
    const transport = new ScriptedTransport();
    const a = kiosk(file, time, transport, 'mfc-a', 'token-a');
    vote(a.store, 2);
    await a.close();
    const b = kiosk(file, time, transport, 'mfc-b', 'token-b', { 'mfc-a': 'revoked' });
    vote(b.store, 1);
    transport.fallback = (batch) => (batch.token === 'revoked' ? status(401, {}, '{"error":"unauthorized","reason":"missing or unknown device token"}') : { kind: 'answer', status: 200, headers: {}, body: JSON.stringify({ accepted: batch.events.length, duplicates: 0 }) });
    const uploader = b.start();
    await waitFor(() => b.report().devices.find((device) => device.deviceId === 'mfc-b')?.pending === 0, 'the new id to drain', 5_000, 5);
    await idle(time, transport, uploader);
    expect(uploader.status().state).toBe('paused');
    expect(b.report()).toMatchObject({ pending: 2, pausedKind: 'token', paused: 'HTTP 401 unauthorized: missing or unknown device token' });
    // A new vote of the new id goes out soon (debounced), not at the next interval; the old id stays paused.
    const requests = transport.sent.length;
    vote(b.store, 1);
    time.advance(200);
    await waitFor(() => b.report().devices.find((device) => device.deviceId === 'mfc-b')?.pending === 0, 'the new vote to be sent', 5_000, 5);
    expect(transport.sent.slice(requests).map((batch) => batch.deviceId)).toEqual(['mfc-b']);
  });

  it('a journal renamed under an older okno (one cursor for all ids) upgrades without sending anything again', () => {
    const file = join(tempDir(), 'okno.db');
    const old = openDatabase({ file, migrations: MIGRATIONS.filter((migration) => migration.version <= 3) });
    const insert = old.db.prepare("INSERT INTO events (id, device_id, type, occurred_at, payload) VALUES (?, ?, 'device.started', '2026-11-23T10:00:00.000+03:00', '{}')");
    ['a1', 'a2', 'a3'].forEach((id) => insert.run(id, 'mfc-a'));
    ['b1', 'b2'].forEach((id) => insert.run(id, 'mfc-b'));
    // The old uploader: mfc-a acknowledged 2 before the rename, then mfc-b sent all five under its id.
    old.db.prepare('INSERT INTO sync_progress (device_id, acked_seq) VALUES (?, ?)').run('mfc-a', 2);
    old.db.prepare('INSERT INTO sync_progress (device_id, acked_seq) VALUES (?, ?)').run('mfc-b', 5);
    insert.run('b3', 'mfc-b');
    old.db
      .prepare("INSERT INTO sync_quarantine (batch_id, first_seq, last_seq, event_count, status, reason, quarantined_at, body) VALUES ('q', 1, 1, 1, 400, 'x', 'now', ?)")
      .run(JSON.stringify({ deviceId: 'mfc-a', batchId: 'q', sentAt: 'now', events: [] }));
    old.db.close();

    const upgraded = openDatabase({ file });
    try {
      const report = readSyncReport(upgraded.db, upgraded.schemaVersion, new Date());
      expect(report.pending).toBe(1);
      expect(report.devices.map((device) => [device.deviceId, device.pending, device.ackedSeq])).toEqual([
        ['mfc-a', 0, 5],
        ['mfc-b', 1, 5],
      ]);
      expect(upgraded.db.prepare('SELECT device_id FROM sync_quarantine').pluck().get()).toBe('mfc-a');
    } finally {
      upgraded.db.close();
    }
  });
});
