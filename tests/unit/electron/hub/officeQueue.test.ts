import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournalStore } from '../../../../electron/core/store/journalStore.ts';
import { decisionClock } from '../../../../electron/hub/decisionClock.ts';
import { newHubCounters } from '../../../../electron/hub/hubCounters.ts';
import { openOfficeQueue, type OfficeQueue } from '../../../../electron/hub/officeQueue.ts';
import { officeSnapshotSchema } from '../../../../shared/office/officeSnapshot.ts';
import { FakeTime } from '../../../helpers/fakeClock.ts';
import { useTempDirs } from '../../../helpers/tempDir.ts';
import { office, ticket, uuid } from './queue/queueFixtures.ts';

const tempDir = useTempDirs();
const config = office();
const opened: { close(): void }[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

/** 2026-11-23 09:00 in Moscow. */
const START = '2026-11-23T06:00:00.000Z';

function open(file: string, time: FakeTime): { queue: OfficeQueue; counters: ReturnType<typeof newHubCounters>; close(): void } {
  const clock = decisionClock(time);
  const store = openJournalStore({ file, deviceId: config.office.id, timeZone: config.office.timezone, clock });
  const counters = newHubCounters();
  const queue = openOfficeQueue({ db: store.database(), journal: store.journal(), config, clock, counters });
  const handle = { queue, counters, close: () => store.close() };
  opened.push(handle);
  return handle;
}

describe('the office queue over the journal', () => {
  it('decides, commits, and after a reopen folds the same state (the snapshot is equal)', () => {
    const file = join(tempDir(), 'okno.db');
    const time = new FakeTime(START);
    const hub = open(file, time);
    let changes = 0;
    hub.queue.onCommitted(() => (changes += 1));
    expect(hub.queue.receive('disp-1', [ticket('passport', 'П-001'), ticket('passport', 'П-002')])).toEqual({ accepted: 2, duplicates: 0, refused: [] });
    expect(hub.queue.signIn('1', 'anna')).toMatchObject({ ok: true });
    time.advance(60_000);
    const called = hub.queue.command('1', { command: 'call-next', idempotencyKey: uuid() });
    expect(called).toMatchObject({ ok: true, ticket: { number: 'П-001' } });
    time.advance(90_000);
    expect(hub.queue.command('1', { command: 'start', idempotencyKey: uuid() })).toMatchObject({ ok: true });
    // One commit per request: the delivery, the sign-in, the call, the start.
    expect(changes).toBe(4);
    const before = hub.queue.snapshot();
    expect(officeSnapshotSchema.parse(before).windows[0]?.current).toMatchObject({ number: 'П-001', phase: 'serving', waitedSeconds: 60 });
    expect(hub.queue.revision()).toBe(before.revision);
    hub.close();

    const again = open(file, time);
    expect(again.queue.snapshot()).toEqual(before);
    expect(again.queue.state()).toEqual(hub.queue.state());
  });

  it('acts once per idempotency key, also after a reopen; the same key at another window is a conflict', () => {
    const file = join(tempDir(), 'okno.db');
    const time = new FakeTime(START);
    const hub = open(file, time);
    hub.queue.receive('disp-1', [ticket('passport', 'П-001'), ticket('passport', 'П-002')]);
    hub.queue.signIn('1', 'anna');
    const key = uuid();
    const first = hub.queue.command('1', { command: 'call-next', idempotencyKey: key });
    expect(hub.queue.command('1', { command: 'call-next', idempotencyKey: key })).toEqual(first);
    expect(hub.counters.repeatedCommands).toBe(1);
    // A refusal is kept too: the press happened once.
    const busyKey = uuid();
    const busy = hub.queue.command('1', { command: 'call-next', idempotencyKey: busyKey });
    expect(busy).toMatchObject({ ok: false, refusal: 'busy' });
    hub.close();
    const again = open(file, time);
    expect(again.queue.command('1', { command: 'call-next', idempotencyKey: key })).toEqual(first);
    expect(again.queue.command('1', { command: 'finish', idempotencyKey: busyKey })).toEqual(busy);
    expect(again.queue.command('2', { command: 'call-next', idempotencyKey: key })).toBe('conflict');
    expect(again.queue.snapshot().services.find((service) => service.id === 'passport')?.waiting).toBe(1);
  });

  it('takes a ticket delivered again as a duplicate, even after the day it was queued has ended', () => {
    const file = join(tempDir(), 'okno.db');
    const time = new FakeTime(START);
    const hub = open(file, time);
    const delivered = ticket('passport', 'П-001');
    expect(hub.queue.receive('disp-1', [delivered]).accepted).toBe(1);
    expect(hub.queue.receive('disp-1', [delivered])).toEqual({ accepted: 0, duplicates: 1, refused: [] });
    // Twice in one request: the second is the first one's duplicate, the rest of the request is taken.
    const twice = ticket('passport', 'П-002');
    expect(hub.queue.receive('disp-1', [twice, twice, ticket('passport', 'П-003')])).toEqual({ accepted: 2, duplicates: 1, refused: [] });
    // Two midnights later the rules no longer remember it; the journal's unique index does.
    time.advance(2 * 86_400_000);
    expect(hub.queue.rolloverIfDue()).toBe(true);
    expect(hub.queue.receive('disp-1', [delivered])).toEqual({ accepted: 0, duplicates: 1, refused: [] });
    // And in a request with new tickets, only the old one is refused by the index; the others are taken.
    expect(hub.queue.receive('disp-1', [ticket('passport', 'П-001', { day: '2026-11-25' }), delivered]).accepted).toBe(1);
    expect(hub.counters.duplicateTickets).toBe(4);
    const stray = ticket('nothing', 'Х-001', { day: '2026-11-25' });
    expect(hub.queue.receive('disp-1', [stray]).refused).toEqual([{ ticketId: stray.ticketId, reason: 'unknown-service' }]);
  });

  it('runs the rollover once the office’s midnight has passed, and a reopen keeps the new day', () => {
    const file = join(tempDir(), 'okno.db');
    const time = new FakeTime(START);
    const hub = open(file, time);
    hub.queue.receive('disp-1', [ticket('passport', 'П-001')]);
    expect(hub.queue.rolloverIfDue()).toBe(false);
    time.setWall('2026-11-23T21:00:00.500Z'); // 00:00:00.5 in Moscow
    expect(hub.queue.rolloverIfDue()).toBe(true);
    expect(hub.queue.rolloverIfDue()).toBe(false);
    const snapshot = hub.queue.snapshot();
    expect(snapshot.day).toBe('2026-11-24');
    expect(snapshot.services.every((service) => service.waiting === 0)).toBe(true);
    hub.close();
    expect(open(file, time).queue.snapshot()).toEqual(snapshot);
  });

  it('leaves the state as it was when the journal cannot be written (the server answers 503)', () => {
    const file = join(tempDir(), 'okno.db');
    const time = new FakeTime(START);
    const hub = open(file, time);
    hub.queue.receive('disp-1', [ticket('passport', 'П-001')]);
    hub.queue.signIn('1', 'anna');
    const before = hub.queue.state();
    hub.close();
    expect(() => hub.queue.command('1', { command: 'call-next', idempotencyKey: uuid() })).toThrow();
    expect(hub.queue.state()).toBe(before);
  });
});
