import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../../../../shared/config.ts';
import { parseConfig } from '../../../../../electron/core/config/loadConfig.ts';
import { JOURNAL_FILE } from '../../../../../electron/core/dataDir.ts';
import { localDayBounds, readEventsOfDay } from '../../../../../electron/core/doctor/eventsOfDay.ts';
import { createLogger, logDir } from '../../../../../electron/core/logging/logger.ts';
import { STATUS_FILE, type HostStatusInput } from '../../../../../electron/core/status/statusFile.ts';
import { createJournal } from '../../../../../electron/core/store/journal.ts';
import { openDatabase } from '../../../../../electron/core/store/openDatabase.ts';
import { createOutbox } from '../../../../../electron/core/sync/outbox.ts';
import { buildDiagnostics } from '../../../../../electron/core/technician/diagnostics.ts';
import { oknoVersion } from '../../../../../electron/core/version.ts';
import { FakeTime } from '../../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();
const ZONE = 'Europe/Moscow';
/** 12:00 in Moscow on 2026-11-23. */
const NOW = new Date('2026-11-23T09:00:00.000Z');

const config = (extra: Record<string, unknown> = {}): Config =>
  parseConfig(
    {
      device: { id: 'mfc-w05', office: 'МФЦ', window: '5', mode: 'rating', timezone: ZONE },
      sync: { endpoint: 'https://collector.example/', token: 'tok-secret-123456' },
      buttons: { path: '/dev/ttyUSB0' },
      ...extra,
    },
    'test',
  );

/** A journal whose events carry the given UTC instants (in this order of seq). */
function journalWith(dataDir: string, events: readonly [type: 'rating.submitted' | 'rating.suppressed' | 'device.started', atUtc: string][]) {
  const time = new FakeTime();
  const { db } = openDatabase({ file: join(dataDir, JOURNAL_FILE) });
  const journal = createJournal(db, 'mfc-w05', ZONE, time);
  for (const [type, at] of events) {
    time.setWall(at);
    if (type === 'rating.submitted') journal.append(type, { score: 5, scale: 5, source: 'serial', window: '5' });
    else if (type === 'rating.suppressed') journal.append(type, { score: 4, source: 'serial', reason: 'thanks-screen' });
    else journal.append(type, { version: '0.1.0', mode: 'rating' });
  }
  return db;
}

function writeStatus(dataDir: string, status: Partial<HostStatusInput>): void {
  const full: HostStatusInput = {
    pid: process.pid,
    version: '0.1.0',
    startedAt: '2026-11-23T08:00:00.000Z',
    updatedAt: NOW.toISOString(),
    url: null,
    storage: { available: true, lastError: null, quarantinedFile: null },
    counters: { invalidInput: 0 },
    buttons: null,
    printer: null,
    ...status,
  };
  writeFileSync(join(dataDir, STATUS_FILE), JSON.stringify(full));
}

describe('buildDiagnostics', () => {
  it('counts the events of the local day, reads sync, status and the log', () => {
    const dataDir = tempDir();
    const db = journalWith(dataDir, [
      ['device.started', '2026-11-19T06:00:00.000Z'], // four days ago
      ['rating.submitted', '2026-11-22T20:59:59.999Z'], // 23:59:59.999 yesterday in Moscow
      ['device.started', '2026-11-22T21:00:00.000Z'], // 00:00:00.000 today
      ['rating.submitted', '2026-11-23T06:00:00.000Z'],
      ['rating.suppressed', '2026-11-23T06:00:01.000Z'],
      ['rating.submitted', '2026-11-23T07:00:00.000Z'],
      ['rating.suppressed', '2026-11-23T07:00:02.000Z'],
      ['rating.submitted', '2026-11-22T10:00:00.000Z'], // the clock was set back: yesterday, after today's in seq
      ['rating.submitted', '2026-11-23T08:30:00.000Z'],
      ['rating.submitted', '2026-11-23T21:00:00.000Z'], // 00:00 tomorrow (a clock ahead): not today
    ]);
    const outbox = createOutbox(db, 'mfc-w05');
    outbox.acknowledge('mfc-w05', 3, '2026-11-23T06:30:00.000+03:00', 1500);
    outbox.noteError('mfc-w05', 'HTTP 503', '2026-11-23T11:59:00.000+03:00');
    db.close();
    writeStatus(dataDir, {
      buttons: { state: 'connected', configuredPath: '/dev/ttyUSB0', path: '/dev/ttyUSB0', lastError: null, counters: { presses: 12, bounces: 1 } },
    });
    const log = createLogger({ dir: logDir(dataDir), timeZone: ZONE, now: () => NOW });
    log.logger.child({ module: 'buttons' }).info({ path: '/dev/ttyUSB0' }, 'button device connected');
    // A message nobody thought of, with the token as bare text: the screen must not show it.
    log.logger.warn(`collector said: unknown device for tok-secret-123456`);
    log.close();

    const view = buildDiagnostics({ dataDir, configPath: '/etc/okno/config.json', config: config(), startedAt: '2026-11-23T08:00:00.000Z', now: NOW });

    expect(view.eventsToday).toEqual({ 'device.started': 1, 'rating.submitted': 3, 'rating.suppressed': 2 });
    expect(view.suppressedToday).toBe(2);
    expect(view).toMatchObject({
      version: oknoVersion(),
      startedAt: '2026-11-23T08:00:00.000Z',
      uptimeSeconds: 3600,
      configPath: '/etc/okno/config.json',
      dataDir,
      schemaVersion: expect.any(Number),
      databaseBytes: expect.any(Number),
      clockOffsetMs: 1500,
      printer: null,
    });
    expect(view.sync).toEqual({
      configured: true,
      pending: 7,
      oldestPendingAt: '2026-11-23T09:00:00.000+03:00',
      lastSuccessAt: '2026-11-23T06:30:00.000+03:00',
      lastError: 'HTTP 503',
      lastErrorAt: '2026-11-23T11:59:00.000+03:00',
      paused: null,
      pausedKind: null,
      quarantinedBatches: 0,
      quarantinedEvents: 0,
      requeuedBatches: 0,
      waitingForToken: [],
    });
    expect(view.buttons).toEqual({ path: '/dev/ttyUSB0', state: 'connected', lastError: null, counters: { presses: 12, bounces: 1 } });
    expect(view.logLines).toEqual([
      '2026-11-23 12:00:00 info buttons: button device connected {path:/dev/ttyUSB0}',
      '2026-11-23 12:00:00 warn collector said: unknown device for [redacted]',
    ]);
  });

  it('prefers the live status to the file, and says "not running" for a configured device nobody reports', () => {
    const dataDir = tempDir();
    journalWith(dataDir, []).close();
    writeStatus(dataDir, { buttons: { state: 'connected', path: '/dev/ttyUSB0', lastError: null, counters: {} } });
    const live: HostStatusInput = {
      pid: process.pid,
      version: '0.1.0',
      startedAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      url: null,
      storage: { available: true, lastError: null, quarantinedFile: null },
      counters: {},
      buttons: { state: 'waiting', configuredPath: 'auto', path: null, lastError: 'no button device found', counters: { notFound: 3 } },
      printer: { path: '/dev/usb/lp0', kind: 'file', connected: true, lastFault: 'paper-out', lastFaultAt: NOW.toISOString(), counters: { printed: 4, paperOut: 1 } },
    };
    const view = buildDiagnostics({ dataDir, configPath: null, config: config(), startedAt: NOW, now: NOW, status: live, version: '9.9.9' });
    expect(view.version).toBe('9.9.9');
    expect(view.uptimeSeconds).toBe(0);
    expect(view.buttons).toEqual({ path: 'auto', state: 'waiting', lastError: 'no button device found', counters: { notFound: 3 } });
    expect(view.printer).toEqual({ path: '/dev/usb/lp0', connected: true, lastFault: 'paper-out', counters: { printed: 4, paperOut: 1 } });

    const dead = tempDir();
    writeStatus(dead, { pid: 2 ** 22 + 12345, buttons: { state: 'connected', path: '/dev/ttyUSB0', counters: {} } });
    const noHost = buildDiagnostics({ dataDir: dead, configPath: null, config: config(), startedAt: NOW, now: NOW });
    expect(noHost.buttons).toEqual({ path: '/dev/ttyUSB0', state: 'not running', lastError: null, counters: {} });
  });

  it('works on a first run: no config, no journal, no log', () => {
    const dataDir = tempDir();
    const view = buildDiagnostics({ dataDir, configPath: null, config: null, startedAt: NOW, now: new Date(NOW.getTime() + 61_500) });
    expect(view).toMatchObject({
      uptimeSeconds: 61,
      schemaVersion: null,
      databaseBytes: null,
      eventsToday: {},
      suppressedToday: 0,
      sync: { configured: false, pending: 0, lastSuccessAt: null },
      clockOffsetMs: null,
      buttons: null,
      printer: null,
      logLines: [],
    });
  });
});

describe('events of the local day', () => {
  it.each([
    ['Europe/Moscow', '2026-11-23T09:00:00Z', '2026-11-23', '2026-11-22T21:00:00.000Z', '2026-11-23T21:00:00.000Z'],
    ['UTC', '2026-11-23T23:59:59Z', '2026-11-23', '2026-11-23T00:00:00.000Z', '2026-11-24T00:00:00.000Z'],
    // 23 hours: clocks go forward at 02:00.
    ['Europe/Berlin', '2026-03-29T12:00:00Z', '2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
    // 25 hours: clocks go back.
    ['America/New_York', '2026-11-01T12:00:00Z', '2026-11-01', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z'],
    ['Asia/Kolkata', '2026-11-23T18:29:59Z', '2026-11-23', '2026-11-22T18:30:00.000Z', '2026-11-23T18:30:00.000Z'],
  ])('in %s at %s the day %s is [%s, %s)', (zone, now, day, start, end) => {
    const bounds = localDayBounds(new Date(now), zone);
    expect(bounds).toEqual({ day, startMs: Date.parse(start), endMs: Date.parse(end) });
  });

  it('a day that starts at 01:00 (clocks jump at midnight) starts at its first real instant', () => {
    // Cuba: 2026-03-08 00:00 → 01:00.
    const { day, startMs } = localDayBounds(new Date('2026-03-08T18:00:00Z'), 'America/Havana');
    expect(day).toBe('2026-03-08');
    const local = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Havana', dateStyle: 'short' }).format(new Date(ms));
    expect(local(startMs)).toBe('2026-03-08');
    expect(local(startMs - 1)).toBe('2026-03-07');
  });

  it('walks back only about a day past the start of today, not the whole journal', () => {
    const dataDir = tempDir();
    const db = journalWith(dataDir, [
      // Stamped "today" by a clock far ahead, then the clock was corrected: long before, in seq.
      ['rating.submitted', '2026-11-23T08:00:00.000Z'],
      ['rating.submitted', '2026-11-20T08:00:00.000Z'],
      ['rating.submitted', '2026-11-21T08:00:00.000Z'],
      ['rating.submitted', '2026-11-23T07:00:00.000Z'],
    ]);
    expect(readEventsOfDay(db, NOW, ZONE)).toEqual({ day: '2026-11-23', timeZone: ZONE, total: 1, byType: { 'rating.submitted': 1 } });
    db.close();
  });
});
