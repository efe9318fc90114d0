import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../../electron/core/logging/logger.ts';
import { logStatusChanges } from '../../../../../electron/core/logging/statusLog.ts';
import type { HostStatusInput } from '../../../../../electron/core/status/statusFile.ts';

const printerCounters = (printed: number) => ({ printed, paperOut: 0, coverOpen: 0, offline: 0, noAnswer: 0, openFailed: 0, writeFailed: 0, paperNearEnd: 0 });

function snapshot(parts: Partial<HostStatusInput> = {}): HostStatusInput {
  return {
    pid: 1,
    version: '0.1.0',
    startedAt: '2026-11-23T07:00:00.000Z',
    updatedAt: '2026-11-23T07:00:01.000Z',
    url: null,
    storage: { available: true, lastError: null, quarantinedFile: null },
    counters: { invalidInput: 0, scoreOutOfRange: 0, storageWriteFailures: 0 },
    buttons: null,
    printer: null,
    ...parts,
  };
}

const buttons = (state: string, lastError: string | null = null, path: string | null = '/dev/ttyUSB0') => ({
  state,
  configuredPath: 'auto',
  path,
  protocol: 'okno-buttons/1',
  device: state === 'connected' ? { model: 'okno-box', firmware: '1.2', buttons: 5 } : null,
  lastLine: null,
  lastLineAt: null,
  lastError,
  nextRetryInMs: null,
  counters: { presses: 0 },
});

function setup() {
  const memory = createMemoryLogger();
  const log = logStatusChanges(memory.logger);
  const said = (): string[] =>
    memory.entries().map((entry) => {
      const { level, module, msg } = entry as { level: string; module: string; msg: string };
      return `${level} ${module}: ${msg}`;
    });
  return { memory, log, said };
}

describe('logStatusChanges', () => {
  it('says nothing about a healthy device, however often the status is written', () => {
    const { log, said } = setup();
    for (let i = 0; i < 10; i += 1) log(snapshot(), { sync: { state: 'idle', lastError: null } });
    expect(said()).toEqual([]);
  });

  it('logs the button device coming and going, not its reconnect attempts', () => {
    const { log, said, memory } = setup();
    log(snapshot({ buttons: buttons('connecting', null, null) }));
    log(snapshot({ buttons: buttons('connected') }));
    log(snapshot({ buttons: buttons('connected') }));
    log(snapshot({ buttons: buttons('waiting', '/dev/ttyUSB0: disconnected') }));
    // Retries while unplugged: connecting → waiting with the same error, many times.
    for (let i = 0; i < 20; i += 1) {
      log(snapshot({ buttons: buttons('connecting', '/dev/ttyUSB0: disconnected') }));
      log(snapshot({ buttons: buttons('waiting', '/dev/ttyUSB0: disconnected') }));
    }
    log(snapshot({ buttons: buttons('waiting', 'no button device found (no USB id match, no port answered HELLO)', null) }));
    log(snapshot({ buttons: buttons('error', '/dev/ttyUSB0: permission denied') }));
    log(snapshot({ buttons: buttons('connected') }));
    log(snapshot({ buttons: buttons('stopped') }));
    expect(said()).toEqual([
      'info buttons: button device connected',
      'warn buttons: button device unplugged',
      'warn buttons: button device waiting: no button device found (no USB id match, no port answered HELLO)',
      'error buttons: button device cannot be opened',
      'info buttons: button device connected',
      'info buttons: button device stopped',
    ]);
    expect(memory.entries()[0]).toMatchObject({ path: '/dev/ttyUSB0', device: 'okno-box 1.2' });
    expect(memory.entries()[1]).toMatchObject({ path: '/dev/ttyUSB0', lastError: '/dev/ttyUSB0: disconnected' });
    expect(memory.entries()[3]).toMatchObject({ lastError: '/dev/ttyUSB0: permission denied' });
  });

  it('logs a button device missing at start', () => {
    const { log, said } = setup();
    log(snapshot({ buttons: buttons('waiting', 'no button device found', null) }));
    expect(said()).toEqual(['warn buttons: button device not available']);
  });

  it('logs a printer fault when it appears and when printing works again, and connection changes', () => {
    const { log, said, memory } = setup();
    const printer = (connected: boolean, lastFault: string | null, lastFaultAt: string | null, printed: number) => ({
      path: '/dev/ttyS0',
      kind: 'serial',
      connected,
      lastStatus: null,
      lastFault,
      lastFaultAt,
      counters: printerCounters(printed),
    });
    log(snapshot({ printer: printer(false, null, null, 0) }));
    log(snapshot({ printer: printer(true, null, null, 1) }));
    log(snapshot({ printer: printer(true, null, null, 2) }));
    log(snapshot({ printer: printer(true, 'paper-out', '2026-11-23T07:10:00.000Z', 2) }));
    log(snapshot({ printer: printer(true, 'paper-out', '2026-11-23T07:10:00.000Z', 2) }));
    log(snapshot({ printer: printer(true, 'paper-out', '2026-11-23T07:11:00.000Z', 2) }));
    log(snapshot({ printer: printer(true, 'paper-out', '2026-11-23T07:11:00.000Z', 3) }));
    log(snapshot({ printer: printer(true, 'paper-out', '2026-11-23T07:11:00.000Z', 4) }));
    log(snapshot({ printer: printer(false, 'write-failed: EIO', '2026-11-23T07:12:00.000Z', 4) }));
    expect(said()).toEqual([
      'info printer: printer connected',
      'warn printer: printer fault',
      'warn printer: printer fault',
      'info printer: printer printing again',
      'warn printer: printer fault',
      'warn printer: printer disconnected',
    ]);
    expect(memory.entries()[1]).toMatchObject({ path: '/dev/ttyS0', fault: 'paper-out' });
    expect(memory.entries()[4]).toMatchObject({ fault: 'write-failed: EIO' });
  });

  it('logs storage lost and back, and a quarantined journal once', () => {
    const { log, said, memory } = setup();
    const storage = (available: boolean, lastError: string | null, quarantinedFile: string | null = null) => snapshot({ storage: { available, lastError, quarantinedFile } });
    log(storage(true, null, '/data/okno.db.corrupt-2026'));
    log(storage(true, null, '/data/okno.db.corrupt-2026'));
    log(storage(false, 'SQLITE_FULL: database or disk is full'));
    log(storage(false, 'SQLITE_FULL: database or disk is full'));
    log(storage(true, null));
    expect(said()).toEqual([
      'error storage: damaged journal moved aside; a new journal was started',
      'error storage: journal unavailable: ratings and tickets cannot be saved',
      'info storage: journal writable again',
    ]);
    expect(memory.entries()[1]).toMatchObject({ lastError: 'SQLITE_FULL: database or disk is full' });
  });

  it('logs sync failing (once per distinct error), pausing on a refused token, and recovering', () => {
    const { log, said, memory } = setup();
    const sync = (state: 'idle' | 'sending' | 'backoff' | 'paused', lastError: string | null) => log(snapshot(), { sync: { state, lastError } });
    sync('sending', null);
    sync('backoff', 'network: ECONNREFUSED');
    sync('sending', 'network: ECONNREFUSED');
    sync('backoff', 'network: ECONNREFUSED');
    sync('backoff', 'HTTP 503');
    sync('idle', null);
    sync('paused', 'HTTP 401: token refused');
    sync('paused', 'HTTP 401: token refused');
    sync('idle', null);
    expect(said()).toEqual([
      'warn sync: sync failing; retrying with backoff',
      'warn sync: sync failing; retrying with backoff',
      'info sync: sync recovered',
      'error sync: sync paused: the collector refused the token or the endpoint is wrong (see reason); check sync.token and sync.endpoint',
      'info sync: sync resumed',
    ]);
    expect(memory.entries()[0]).toMatchObject({ error: 'network: ECONNREFUSED' });
    expect(memory.entries()[1]).toMatchObject({ error: 'HTTP 503' });
    expect(memory.entries()[3]).toMatchObject({ reason: 'HTTP 401: token refused' });
  });

  it('never throws, even on a snapshot of the wrong shape', () => {
    const { log } = setup();
    expect(() => log({ storage: null } as unknown as HostStatusInput)).not.toThrow();
  });
});
