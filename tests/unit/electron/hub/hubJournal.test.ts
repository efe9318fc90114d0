import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../../electron/core/clock.ts';
import { openJournalStore } from '../../../../electron/core/store/journalStore.ts';
import { foldJournal } from '../../../../electron/hub/hubJournal.ts';
import { useTempDirs } from '../../../helpers/tempDir.ts';
import { uuid } from './queue/queueFixtures.ts';

const tempDir = useTempDirs();

function journalIn(dir: string) {
  return openJournalStore({ file: join(dir, 'okno.db'), deviceId: 'mfc', timeZone: 'Europe/Moscow', clock: systemClock });
}

describe('folding the hub’s journal at start', () => {
  it('a new journal is an empty queue of today', () => {
    const store = journalIn(tempDir());
    expect(foldJournal(store.database(), '2026-11-23')).toMatchObject({ state: { day: '2026-11-23', ignored: 0 }, unreadable: 0 });
    store.close();
  });

  it('starts from the day before the last day start, skips rows that do not parse, ignores other events', () => {
    const store = journalIn(tempDir());
    const journal = store.journal();
    const db = store.database();
    const received = (n: number, day: string) => ({ ticketId: uuid(n), number: `П-${n}`, serviceId: 'passport', priority: null, day, issuedAt: `${day}T09:00:00.000+03:00`, dispenserId: 'd', sourceEventId: uuid(1000 + n) });
    const insert = db.prepare("INSERT INTO events (id, device_id, type, occurred_at, payload) VALUES (?, 'mfc', ?, ?, ?)");
    let n = 0;
    const put = (type: string, occurredAt: string, payload: unknown): void => {
      n += 1;
      insert.run(uuid(5000 + n), type, occurredAt, typeof payload === 'string' ? payload : JSON.stringify(payload));
    };
    put('ticket.received', '2026-11-21T09:00:00.000+03:00', received(1, '2026-11-21'));
    put('queue.dayStarted', '2026-11-22T00:00:00.000+03:00', { day: '2026-11-22', previousDay: '2026-11-21' });
    put('ticket.received', '2026-11-22T09:00:00.000+03:00', received(2, '2026-11-22'));
    put('operator.signedIn', '2026-11-22T09:01:00.000+03:00', { window: '1', operatorId: 'anna' });
    put('ticket.called', '2026-11-22T09:02:00.000+03:00', { ticketId: uuid(2), number: 'П-2', serviceId: 'passport', window: '1', operatorId: 'anna', waitedSeconds: 120 });
    put('service.started', '2026-11-22T09:03:00.000+03:00', { ticketId: uuid(2), number: 'П-2', serviceId: 'passport', window: '1', operatorId: 'anna' });
    put('queue.dayStarted', '2026-11-23T00:00:00.000+03:00', { day: '2026-11-23', previousDay: '2026-11-22' });
    put('ticket.received', '2026-11-23T09:00:00.000+03:00', { number: 'П-9' });
    put('ticket.called', '2026-11-23T09:00:00.000+03:00', { ticketId: 'not-a-uuid' });
    journal.append('device.started', { version: '1', mode: 'rating' });
    put('ticket.received', '2026-11-23T09:05:00.000+03:00', received(3, '2026-11-23'));

    const folded = foldJournal(db, '2026-11-24');
    expect(folded.unreadable).toBe(2);
    expect(folded.state.day).toBe('2026-11-23');
    // Ticket 1 (two days ago) is not folded at all; ticket 2 was being served across midnight and still is.
    expect(folded.state.windows.get('1')?.current).toBe(uuid(2));
    expect(folded.state.ignored).toBe(0);
    store.close();
  });
});
